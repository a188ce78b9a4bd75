//! SQL for household imports: the import row (state, progress and outcome, read by whichever
//! server the office's browser asks) and the job that does the work.

use app::codes::ImportState;
use sqlx::{Any, Row, Transaction};

use crate::error::ServerError;
use crate::store::jobs::{insert_job, NewJob};
use crate::store::Store;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRow {
    pub id: i64,
    pub office_id: i64,
    pub file_name: String,
    pub dry_run: bool,
    pub status: ImportState,
    pub rows_total: i64,
    pub rows_done: i64,
    pub households: i64,
    /// JSON `{count, errors: [[line, message], …]}` (`{}` until the file was checked).
    pub errors: String,
}

/// An import to queue: who asked, the file and the job that will read it (the job finds its
/// import by `household_imports.job_id`).
pub struct NewImport<'a> {
    pub office_id: i64,
    pub file_name: &'a str,
    pub dry_run: bool,
    pub job: NewJob<'a>,
}

/// An office's imports, counted for pacing.
pub struct ImportPace {
    pub running: i64,
    pub last_hour: i64,
}

impl Store {
    /// Creates the import and queues its job in one transaction; returns the import's id.
    pub async fn queue_import(&self, new: NewImport<'_>, now: i64) -> Result<i64, ServerError> {
        let mut tx = self.pool().begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO household_imports (office_id, file_name, dry_run, status, rows_total, rows_done,
               households, errors, created_at) VALUES ($1, $2, $3, $4, 0, 0, 0, '{}', $5) RETURNING id",
        )
        .bind(new.office_id)
        .bind(new.file_name)
        .bind(i64::from(new.dry_run))
        .bind(ImportState::Queued.code())
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        let job_id = insert_job(&mut tx, new.job, now).await?;
        sqlx::query("UPDATE household_imports SET job_id = $1 WHERE id = $2")
            .bind(job_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// How busy an office's imports are: how many have not ended, and how many began since
    /// `since`.
    pub async fn office_import_pace(
        &self,
        office: i64,
        since: i64,
    ) -> Result<ImportPace, ServerError> {
        let row = sqlx::query(
            "SELECT COUNT(CASE WHEN status IN ($2, $3, $4) THEN 1 END) AS running,
                    COUNT(CASE WHEN created_at >= $5 THEN 1 END) AS last_hour
             FROM household_imports WHERE office_id = $1",
        )
        .bind(office)
        .bind(ImportState::Queued.code())
        .bind(ImportState::Checking.code())
        .bind(ImportState::Saving.code())
        .bind(since)
        .fetch_one(self.pool())
        .await?;
        Ok(ImportPace {
            running: row.try_get("running")?,
            last_hour: row.try_get("last_hour")?,
        })
    }

    /// Records progress; written outside the import's transaction so other servers see it.
    pub async fn import_progress(
        &self,
        id: i64,
        status: ImportState,
        rows_total: i64,
        rows_done: i64,
    ) -> Result<(), ServerError> {
        sqlx::query("UPDATE household_imports SET status = $1, rows_total = $2, rows_done = $3 WHERE id = $4")
            .bind(status.code())
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
        self.import_where("id = $1 AND office_id = $2", id, office_id)
            .await
    }

    /// The import a job works on.
    pub async fn import_of_job(&self, job_id: i64) -> Result<Option<ImportRow>, ServerError> {
        self.import_where("job_id = $1 AND $2 = 0", job_id, 0).await
    }

    async fn import_where(
        &self,
        condition: &str,
        a: i64,
        b: i64,
    ) -> Result<Option<ImportRow>, ServerError> {
        let sql = format!(
            "SELECT id, office_id, file_name, dry_run, status, rows_total, rows_done, households, errors
             FROM household_imports WHERE {condition}"
        );
        let row = sqlx::query(&sql)
            .bind(a)
            .bind(b)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| {
            let status: String = r.try_get("status")?;
            Ok(ImportRow {
                id: r.try_get("id")?,
                office_id: r.try_get("office_id")?,
                file_name: r.try_get("file_name")?,
                dry_run: r.try_get::<i64, _>("dry_run")? != 0,
                status: ImportState::from_code(&status).ok_or_else(|| {
                    ServerError::Internal(format!("stored import state `{status}` is unknown"))
                })?,
                rows_total: r.try_get("rows_total")?,
                rows_done: r.try_get("rows_done")?,
                households: r.try_get("households")?,
                errors: r.try_get("errors")?,
            })
        })
        .transpose()
    }

    /// Ends an import that is still running as failed (its job was abandoned); an import that
    /// already ended keeps its outcome.
    pub async fn fail_unfinished_import(&self, id: i64, now: i64) -> Result<(), ServerError> {
        sqlx::query(
            "UPDATE household_imports SET status = $1, finished_at = $2
             WHERE id = $3 AND status IN ($4, $5, $6)",
        )
        .bind(ImportState::Failed.code())
        .bind(now)
        .bind(id)
        .bind(ImportState::Queued.code())
        .bind(ImportState::Checking.code())
        .bind(ImportState::Saving.code())
        .execute(self.pool())
        .await?;
        Ok(())
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
}

/// How an import ended.
pub struct ImportOutcome<'a> {
    pub id: i64,
    pub status: ImportState,
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
    .bind(outcome.status.code())
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
