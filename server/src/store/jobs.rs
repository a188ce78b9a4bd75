//! SQL for background jobs: a queue in the database that every server polls. A job is claimed by
//! setting a lease (so exactly one server runs it), renewed while it runs, and retried or ended;
//! a job whose server died is claimed again when its lease runs out.

use app::codes::JobState;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use crate::error::ServerError;
use crate::store::Store;

/// A job as its runner sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobRow {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub state: JobState,
    pub attempts: i64,
    pub max_attempts: i64,
    pub last_error: Option<String>,
}

/// A job to queue.
pub struct NewJob<'a> {
    pub kind: &'a str,
    pub payload: &'a str,
    /// An uploaded file the job works on.
    pub file: Option<&'a [u8]>,
    pub max_attempts: i64,
}

const JOB_COLUMNS: &str = "id, kind, payload, state, attempts, max_attempts, last_error";

/// Queues a job inside the caller's transaction (so it exists exactly when what it works on does).
pub async fn insert_job(
    tx: &mut Transaction<'_, Any>,
    job: NewJob<'_>,
    now: i64,
) -> Result<i64, ServerError> {
    let id: i64 = sqlx::query(
        "INSERT INTO jobs (kind, payload, state, attempts, max_attempts, run_after, created_at)
         VALUES ($1, $2, $3, 0, $4, $5, $5) RETURNING id",
    )
    .bind(job.kind)
    .bind(job.payload)
    .bind(JobState::Queued.code())
    .bind(job.max_attempts)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")?;
    if let Some(bytes) = job.file {
        sqlx::query("INSERT INTO job_files (job_id, bytes) VALUES ($1, $2)")
            .bind(id)
            .bind(bytes.to_vec())
            .execute(&mut **tx)
            .await?;
    }
    Ok(id)
}

impl Store {
    /// A job ready to run: queued and due, or running with its lease run out (its server died)
    /// and attempts left. Read-only, so idle servers polling take no write lock.
    pub async fn next_ready_job(&self, now: i64) -> Result<Option<i64>, ServerError> {
        let row = sqlx::query(
            "SELECT id FROM jobs WHERE attempts < max_attempts AND
               ((state = $1 AND run_after <= $3) OR (state = $2 AND lease_until < $3))
             ORDER BY id LIMIT 1",
        )
        .bind(JobState::Queued.code())
        .bind(JobState::Running.code())
        .bind(now)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| r.try_get("id")).transpose()?)
    }

    /// Claims the job for `worker` until `lease_until`, if it is still ready; exactly one of
    /// several servers claiming at once gets it.
    pub async fn claim_job(
        &self,
        id: i64,
        worker: &str,
        now: i64,
        lease_until: i64,
    ) -> Result<Option<JobRow>, ServerError> {
        let sql = format!(
            "UPDATE jobs SET state = $1, worker = $2, lease_until = $3, attempts = attempts + 1
             WHERE id = $4 AND attempts < max_attempts AND
               ((state = $5 AND run_after <= $6) OR (state = $1 AND lease_until < $6))
             RETURNING {JOB_COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(JobState::Running.code())
            .bind(worker)
            .bind(lease_until)
            .bind(id)
            .bind(JobState::Queued.code())
            .bind(now)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(job_row).transpose()
    }

    /// Extends the lease of a job `worker` is running; false when it is no longer theirs.
    pub async fn renew_job(
        &self,
        id: i64,
        worker: &str,
        lease_until: i64,
    ) -> Result<bool, ServerError> {
        let done = sqlx::query(
            "UPDATE jobs SET lease_until = $1 WHERE id = $2 AND worker = $3 AND state = $4",
        )
        .bind(lease_until)
        .bind(id)
        .bind(worker)
        .bind(JobState::Running.code())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Ends a job (done or failed) and drops its file.
    pub async fn finish_job(
        &self,
        id: i64,
        state: JobState,
        error: Option<&str>,
        now: i64,
    ) -> Result<(), ServerError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "UPDATE jobs SET state = $1, last_error = COALESCE($2, last_error), finished_at = $3,
               lease_until = NULL WHERE id = $4",
        )
        .bind(state.code())
        .bind(error)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM job_files WHERE job_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Puts a failed attempt back in the queue to run again after `run_after`.
    pub async fn retry_job(&self, id: i64, error: &str, run_after: i64) -> Result<(), ServerError> {
        sqlx::query(
            "UPDATE jobs SET state = $1, last_error = $2, run_after = $3, lease_until = NULL
             WHERE id = $4",
        )
        .bind(JobState::Queued.code())
        .bind(error)
        .bind(run_after)
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Jobs left running by a server that died after their last attempt: to be ended as failed.
    pub async fn abandoned_jobs(&self, now: i64) -> Result<Vec<JobRow>, ServerError> {
        let sql = format!(
            "SELECT {JOB_COLUMNS} FROM jobs
             WHERE state = $1 AND lease_until < $2 AND attempts >= max_attempts"
        );
        let rows = sqlx::query(&sql)
            .bind(JobState::Running.code())
            .bind(now)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(job_row).collect()
    }

    /// Whether a job of this kind is queued or running.
    pub async fn has_unfinished_job(&self, kind: &str) -> Result<bool, ServerError> {
        let row =
            sqlx::query("SELECT COUNT(*) AS n FROM jobs WHERE kind = $1 AND state IN ($2, $3)")
                .bind(kind)
                .bind(JobState::Queued.code())
                .bind(JobState::Running.code())
                .fetch_one(self.pool())
                .await?;
        Ok(row.try_get::<i64, _>("n")? > 0)
    }

    /// Queues a job on its own.
    pub async fn queue_job(&self, job: NewJob<'_>, now: i64) -> Result<i64, ServerError> {
        let mut tx = self.pool().begin().await?;
        let id = insert_job(&mut tx, job, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn job(&self, id: i64) -> Result<Option<JobRow>, ServerError> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(job_row).transpose()
    }

    /// The file a job works on.
    pub async fn job_file(&self, id: i64) -> Result<Option<Vec<u8>>, ServerError> {
        let row = sqlx::query("SELECT bytes FROM job_files WHERE job_id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| r.try_get("bytes")).transpose()?)
    }
}

fn job_row(r: &AnyRow) -> Result<JobRow, ServerError> {
    let state: String = r.try_get("state")?;
    Ok(JobRow {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        payload: r.try_get("payload")?,
        state: JobState::from_code(&state).ok_or_else(|| {
            ServerError::Internal(format!("stored job state `{state}` is unknown"))
        })?,
        attempts: r.try_get("attempts")?,
        max_attempts: r.try_get("max_attempts")?,
        last_error: r.try_get("last_error")?,
    })
}
