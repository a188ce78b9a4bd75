//! SQL for one-time password sheets: sealed, kept for their creator for a short while.

use sqlx::Row;

use crate::error::ServerError;
use crate::store::Store;

impl Store {
    pub async fn create_sheet(
        &self,
        id: &str,
        creator: i64,
        cipher: &str,
        now: i64,
    ) -> Result<(), ServerError> {
        sqlx::query("INSERT INTO password_sheets (id, creator_id, created_at, cipher) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(creator)
            .bind(now)
            .bind(cipher)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The sheet's sealed content if this person made it after `since`.
    pub async fn sheet(
        &self,
        id: &str,
        creator: i64,
        since: i64,
    ) -> Result<Option<String>, ServerError> {
        let row = sqlx::query(
            "SELECT cipher FROM password_sheets WHERE id = $1 AND creator_id = $2 AND created_at >= $3",
        )
        .bind(id)
        .bind(creator)
        .bind(since)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| r.try_get("cipher")).transpose()?)
    }

    /// Deletes one sheet (printed) and every sheet older than `before`.
    pub async fn delete_sheets(
        &self,
        id: &str,
        creator: i64,
        before: i64,
    ) -> Result<(), ServerError> {
        sqlx::query(
            "DELETE FROM password_sheets WHERE (id = $1 AND creator_id = $2) OR created_at < $3",
        )
        .bind(id)
        .bind(creator)
        .bind(before)
        .execute(self.pool())
        .await?;
        Ok(())
    }
}
