//! SQL for household imports (their progress and outcome) and for one-time password sheets.

use sqlx::{Any, Row, Transaction};

use super::Store;
use crate::error::ServerError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRow {
    pub id: i64,
    pub office_id: i64,
    pub file_name: String,
    pub dry_run: bool,
    pub status: String,
    pub rows_total: i64,
    pub rows_done: i64,
    pub households: i64,
    /// JSON list of `{line, message}`.
    pub errors: String,
}

impl Store {
    pub async fn create_import(
        &self,
        office_id: i64,
        file_name: &str,
        dry_run: bool,
        now: i64,
    ) -> Result<i64, ServerError> {
        let row = sqlx::query(
            "INSERT INTO household_imports (office_id, file_name, dry_run, status, rows_total, rows_done,
               households, errors, created_at) VALUES ($1, $2, $3, 'checking', 0, 0, 0, '[]', $4) RETURNING id",
        )
        .bind(office_id)
        .bind(file_name)
        .bind(i64::from(dry_run))
        .bind(now)
        .fetch_one(self.pool())
        .await?;
        Ok(row.try_get("id")?)
    }

    /// Records progress; written outside the import's transaction so other servers see it.
    pub async fn import_progress(
        &self,
        id: i64,
        status: &str,
        rows_total: i64,
        rows_done: i64,
    ) -> Result<(), ServerError> {
        sqlx::query("UPDATE household_imports SET status = $1, rows_total = $2, rows_done = $3 WHERE id = $4")
            .bind(status)
            .bind(rows_total)
            .bind(rows_done)
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The import if this office started it.
    pub async fn import_of(
        &self,
        id: i64,
        office_id: i64,
    ) -> Result<Option<ImportRow>, ServerError> {
        let row = sqlx::query(
            "SELECT id, office_id, file_name, dry_run, status, rows_total, rows_done, households, errors
             FROM household_imports WHERE id = $1 AND office_id = $2",
        )
        .bind(id)
        .bind(office_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(ImportRow {
                id: r.try_get("id")?,
                office_id: r.try_get("office_id")?,
                file_name: r.try_get("file_name")?,
                dry_run: r.try_get::<i64, _>("dry_run")? != 0,
                status: r.try_get("status")?,
                rows_total: r.try_get("rows_total")?,
                rows_done: r.try_get("rows_done")?,
                households: r.try_get("households")?,
                errors: r.try_get("errors")?,
            })
        })
        .transpose()
    }

    /// Ends an import outside a transaction (checked, rejected or failed).
    pub async fn finish_import(
        &self,
        outcome: ImportOutcome<'_>,
        now: i64,
    ) -> Result<(), ServerError> {
        finish_import_query(&outcome, now)
            .execute(self.pool())
            .await?;
        Ok(())
    }

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

/// How an import ended.
pub struct ImportOutcome<'a> {
    pub id: i64,
    pub status: &'a str,
    pub rows_total: i64,
    pub households: i64,
    pub errors_json: &'a str,
}

fn finish_import_query<'q>(
    outcome: &'q ImportOutcome<'q>,
    now: i64,
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
    sqlx::query(
        "UPDATE household_imports SET status = $1, rows_total = $2, rows_done = $2, households = $3,
           errors = $4, finished_at = $5 WHERE id = $6",
    )
    .bind(outcome.status)
    .bind(outcome.rows_total)
    .bind(outcome.households)
    .bind(outcome.errors_json)
    .bind(now)
    .bind(outcome.id)
}

/// Ends a committed import inside its transaction, so the data and the "done" land together.
pub async fn finish_import_in(
    tx: &mut Transaction<'_, Any>,
    outcome: ImportOutcome<'_>,
    now: i64,
) -> Result<(), ServerError> {
    finish_import_query(&outcome, now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
