//! Background jobs in the database, run by every server: household imports, and rebuilding the
//! learners' report facts; when idle, the report roll-ups of counties that changed and the purge
//! of expired password sheets. A server's
//! runner polls for a ready job (or is woken when this server queues one), claims it with a lease
//! that it renews while it works, and records the end. If a server dies, another takes the job
//! over when the lease runs out, or ends it as failed after its last attempt, so nothing waits
//! forever.

pub mod household_import;
pub mod refresh_facts;

use std::sync::Arc;
use std::time::Duration;

use app::codes::JobState;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use tokio::sync::Notify;
use tracing::Instrument;

use crate::error::ServerError;
use crate::services::accounts::sheets::sheet_window;
use crate::services::reports::rollup;
use crate::services::Services;
use crate::store::jobs::JobRow;
use crate::store::{now, Store};

/// How long a claimed job is a server's before others may take it over.
pub const LEASE_SECS: i64 = 60;
/// How often a running job's lease is renewed.
const RENEW_EVERY: Duration = Duration::from_secs(15);
/// How often an idle runner looks for work queued by other servers.
const POLL_EVERY: Duration = Duration::from_secs(1);
/// Wait before a failed attempt runs again.
const RETRY_AFTER_SECS: i64 = 30;

app::codes! {
    /// What a job does.
    JobKind {
        HouseholdImport = "household_import";
        RefreshFacts = "refresh_facts";
    }
}

/// The handle services use to queue work; it wakes this server's runner at once.
#[derive(Clone, Debug)]
pub struct JobQueue {
    wake: Arc<Notify>,
    /// This server's name in `jobs.worker`.
    worker: Arc<str>,
}

impl Default for JobQueue {
    fn default() -> Self {
        JobQueue {
            wake: Arc::new(Notify::new()),
            worker: format!("{}-{:08x}", std::process::id(), OsRng.next_u32()).into(),
        }
    }
}

impl JobQueue {
    /// Tells this server's runner that a job was queued.
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

/// How often an idle runner recomputes the report roll-ups of counties whose facts changed.
const ROLLUP_EVERY: Duration = Duration::from_secs(10);

/// Starts this server's runner; it runs until the process ends.
pub fn spawn_runner(services: Services) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut rolled_up = tokio::time::Instant::now();
        loop {
            match run_next(&services).await {
                Ok(true) => continue,
                Ok(false) => {}
                Err(error) => tracing::error!(%error, "job runner"),
            }
            if rolled_up.elapsed() >= ROLLUP_EVERY {
                rolled_up = tokio::time::Instant::now();
                // Reports recompute what is still dirty themselves; this keeps them from waiting.
                if let Err(error) = rollup::refresh_dirty(&services.store).await {
                    tracing::error!(%error, "report roll-ups");
                }
                // One-time passwords leave the database (and so its backups) on time, whether
                // or not anyone discards their sheet.
                if let Err(error) = services.store.purge_sheets(sheet_window(now())).await {
                    tracing::error!(%error, "purging password sheets");
                }
            }
            let wake = services.jobs.wake.notified();
            let _ = tokio::time::timeout(POLL_EVERY, wake).await;
        }
    })
}

/// Ends abandoned jobs, then claims and runs one ready job; returns whether it ran one.
pub async fn run_next(services: &Services) -> Result<bool, ServerError> {
    let store = &services.store;
    for job in store.abandoned_jobs(now()).await? {
        tracing::warn!(job = job.id, kind = %job.kind, "job abandoned after its last attempt");
        abandon(services, &job).await?;
        store
            .finish_job(job.id, JobState::Failed, Some("abandoned"), now())
            .await?;
    }
    let Some(id) = store.next_ready_job(now()).await? else {
        return Ok(false);
    };
    let worker = &services.jobs.worker;
    let Some(job) = store
        .claim_job(id, worker, now(), now() + LEASE_SECS)
        .await?
    else {
        // Another server claimed it first.
        return Ok(true);
    };
    let span = tracing::info_span!("job", id = job.id, kind = %job.kind, attempt = job.attempts);
    execute(services, &job).instrument(span).await?;
    Ok(true)
}

/// Runs a claimed job and records how it ended: done, retried later, or failed for good.
async fn execute(services: &Services, job: &JobRow) -> Result<(), ServerError> {
    let store = &services.store;
    let result = with_lease(store, &services.jobs.worker, job.id, run(services, job)).await;
    match result {
        Ok(()) => {
            store
                .finish_job(job.id, JobState::Done, None, now())
                .await?
        }
        Err(error) => {
            tracing::error!(%error, job = job.id, "job attempt failed");
            let message = error.to_string();
            if job.attempts >= job.max_attempts {
                abandon(services, job).await?;
                store
                    .finish_job(job.id, JobState::Failed, Some(&message), now())
                    .await?;
            } else {
                store
                    .retry_job(job.id, &message, now() + RETRY_AFTER_SECS)
                    .await?;
            }
        }
    }
    Ok(())
}

/// Runs `work` while renewing the job's lease.
async fn with_lease<F>(store: &Store, worker: &str, id: i64, work: F) -> Result<(), ServerError>
where
    F: std::future::Future<Output = Result<(), ServerError>>,
{
    let renew = async {
        loop {
            tokio::time::sleep(RENEW_EVERY).await;
            // A renewal can wait on a long write (SQLite has one writer); the next one retries.
            if let Err(error) = store.renew_job(id, worker, now() + LEASE_SECS).await {
                tracing::warn!(%error, job = id, "could not renew the job's lease");
            }
        }
    };
    tokio::select! {
        result = work => result,
        () = renew => Ok(()),
    }
}

async fn run(services: &Services, job: &JobRow) -> Result<(), ServerError> {
    match JobKind::from_code(&job.kind) {
        Some(JobKind::HouseholdImport) => household_import::run(services, job).await,
        Some(JobKind::RefreshFacts) => refresh_facts::run(&services.store).await,
        None => Err(ServerError::Internal(format!(
            "unknown job kind `{}`",
            job.kind
        ))),
    }
}

/// What ending a job as failed means for what it worked on.
async fn abandon(services: &Services, job: &JobRow) -> Result<(), ServerError> {
    match JobKind::from_code(&job.kind) {
        Some(JobKind::HouseholdImport) => household_import::abandon(services, job).await,
        Some(JobKind::RefreshFacts) | None => Ok(()),
    }
}
