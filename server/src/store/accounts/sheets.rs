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

    /// The sheet's sealed content if this person made it after `made_after` and did not first
    /// open it before `first_read_after`; the first opening is recorded.
    pub async fn open_sheet(
        &self,
        id: &str,
        creator: i64,
        window: SheetWindow,
    ) -> Result<Option<String>, ServerError> {
        let row = sqlx::query(
            "UPDATE password_sheets SET first_read_at = COALESCE(first_read_at, $3)
             WHERE id = $1 AND creator_id = $2 AND created_at >= $4
               AND (first_read_at IS NULL OR first_read_at >= $5)
             RETURNING cipher",
        )
        .bind(id)
        .bind(creator)
        .bind(window.now)
        .bind(window.made_after)
        .bind(window.first_read_after)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| r.try_get("cipher")).transpose()?)
    }

    /// Deletes one sheet (printed) and every sheet past its window.
    pub async fn delete_sheets(
        &self,
        id: &str,
        creator: i64,
        window: SheetWindow,
    ) -> Result<(), ServerError> {
        sqlx::query("DELETE FROM password_sheets WHERE id = $1 AND creator_id = $2")
            .bind(id)
            .bind(creator)
            .execute(self.pool())
            .await?;
        self.purge_sheets(window).await?;
        Ok(())
    }

    /// Deletes every sheet past its window; returns how many.
    pub async fn purge_sheets(&self, window: SheetWindow) -> Result<u64, ServerError> {
        let done =
            sqlx::query("DELETE FROM password_sheets WHERE created_at < $1 OR first_read_at < $2")
                .bind(window.made_after)
                .bind(window.first_read_after)
                .execute(self.pool())
                .await?;
        Ok(done.rows_affected())
    }
}

/// The times that bound when a sheet may be read.
#[derive(Clone, Copy, Debug)]
pub struct SheetWindow {
    pub now: i64,
    /// Sheets made before this are gone.
    pub made_after: i64,
    /// Sheets first opened before this are gone.
    pub first_read_after: i64,
}
