//! Rebuilding every learner's report facts from the tables they summarise: after an upgrade
//! brought learners from before reports existed, or to repair. Each learner is recomputed on its
//! own, so the job can stop and be taken over at any point and still end right.

use crate::error::ServerError;
use crate::jobs::JobKind;
use crate::store::jobs::NewJob;
use crate::store::{now, Store};

const BATCH: i64 = 500;

pub async fn run(store: &Store) -> Result<(), ServerError> {
    let mut after = 0;
    loop {
        let ids = store.learner_ids_after(after, BATCH).await?;
        let Some(last) = ids.last().copied() else {
            return Ok(());
        };
        for id in ids {
            store.refresh_learner_facts(id).await?;
        }
        after = last;
    }
}

/// Queues a rebuild when some learners have no facts yet (and none is queued already).
pub async fn queue_if_needed(store: &Store) -> Result<(), ServerError> {
    let kind = JobKind::RefreshFacts.code();
    if store.learners_without_facts().await? == 0 || store.has_unfinished_job(kind).await? {
        return Ok(());
    }
    let job = NewJob {
        kind,
        payload: "{}",
        file: None,
        max_attempts: 3,
    };
    store.queue_job(job, now()).await?;
    Ok(())
}
