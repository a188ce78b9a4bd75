//! Sync for learners' phones: what the app learns before sending, and the batches of lesson
//! completions and quiz answers made offline. Each event is stored once per event id whatever
//! the retries, duplicates or order, quizzes are graded here when they arrive, and each event
//! keeps the time it happened (corrected for the phone's clock) for the reports.

use app::backend::{Actor, User};
use app::codes::Role;
use app::error::AppError;
use app::i18n::problems::Problem;
use app::model::{
    SyncBatch, SyncEvent, SyncOutcome, SyncReceipt, SyncResult, SyncStatus, MAX_ANSWERS,
    MAX_SYNC_EVENTS,
};

use super::progress::{self, check_event_id, Stored};
use super::quiz;
use crate::error::ServerError;
use crate::services::{authz, Services};
use crate::store::{now, Store};

/// The sync protocol this server speaks.
pub const SYNC_VERSION: u32 = 1;

/// How long ago an offline event may have happened: older times are taken as this old, so a
/// phone whose clock is wildly wrong cannot place progress years back in the reports.
pub const MAX_OFFLINE_AGE: i64 = 180 * 24 * 3600;

/// Who a learner's app syncs as: learners only, since only their progress is recorded.
pub async fn sync_status(store: &Store, actor: &Actor) -> Result<SyncStatus, ServerError> {
    let user = authz::require(store, actor, &[Role::Learner], "sync.status").await?;
    Ok(SyncStatus {
        version: SYNC_VERSION,
        user_id: user.id,
        server_time: now(),
    })
}

/// Reads a batch as a phone sends it; anything else is refused whole, with nothing stored.
pub fn decode_batch(body: &[u8]) -> Result<SyncBatch, Problem> {
    let batch: SyncBatch =
        serde_json::from_slice(body).map_err(|_| Problem::SyncBatchUnreadable)?;
    if batch.events.len() > MAX_SYNC_EVENTS {
        return Err(Problem::SyncBatchTooLarge {
            max: MAX_SYNC_EVENTS,
        });
    }
    Ok(batch)
}

/// When an event happened by the server's clock: the phone's time moved by the difference
/// between the two clocks when the batch was sent, and never in the future or too far back.
pub fn event_time(at: i64, sent_at: i64, server_now: i64) -> i64 {
    let corrected = at.saturating_add(server_now.saturating_sub(sent_at));
    corrected.clamp(server_now - MAX_OFFLINE_AGE, server_now)
}

/// Stores a signed-in learner's batch (authorized before it is read) and answers for each
/// event in the batch's order. A store failure fails the whole request, so the phone sends the
/// batch again and what was stored comes back as already stored.
pub async fn sync_progress(
    services: &Services,
    actor: &Actor,
    body: &[u8],
) -> Result<SyncReceipt, ServerError> {
    let user = authz::require(&services.store, actor, &[Role::Learner], "sync.progress").await?;
    let batch = decode_batch(body).map_err(AppError::from)?;
    let server_now = now();
    let mut receipt = SyncReceipt {
        results: Vec::with_capacity(batch.events.len()),
        certificates: Vec::new(),
    };
    for event in &batch.events {
        let at = event_time(event_at(event), batch.sent_at, server_now);
        let (outcome, score, certificate) = match store_event(services, user, event, at).await {
            Ok((stored, score)) => (stored_outcome(&stored), score, stored.certificate),
            Err(error) => (refusal(error)?, None, None),
        };
        if let Some(code) = certificate.map(|c| c.code) {
            if !receipt.certificates.contains(&code) {
                receipt.certificates.push(code);
            }
        }
        receipt.results.push(SyncResult {
            id: event.id().to_string(),
            outcome,
            score,
        });
    }
    Ok(receipt)
}

fn event_at(event: &SyncEvent) -> i64 {
    match event {
        SyncEvent::Completed { at, .. } | SyncEvent::QuizAnswered { at, .. } => *at,
    }
}

type Score = Option<(usize, usize)>;

async fn store_event(
    services: &Services,
    user: &User,
    event: &SyncEvent,
    at: i64,
) -> Result<(Stored, Score), ServerError> {
    check_event_id(event.id())?;
    match event {
        SyncEvent::Completed { id, lesson, .. } => {
            let stored = progress::complete_lesson_at(services, user, lesson, id, at).await?;
            Ok((stored, None))
        }
        SyncEvent::QuizAnswered {
            id,
            lesson,
            answers,
            ..
        } => {
            if answers.len() > MAX_ANSWERS {
                return Err(AppError::from(Problem::AnswerSheetIncomplete).into());
            }
            let (stored, result) =
                quiz::answer_offline(services, user, lesson, id, answers, at).await?;
            Ok((stored, Some((result.correct_count, result.question_count))))
        }
    }
}

fn stored_outcome(stored: &Stored) -> SyncOutcome {
    if stored.new {
        SyncOutcome::Stored
    } else {
        SyncOutcome::AlreadyStored
    }
}

/// The outcome of an event that can never be stored; other failures fail the request.
fn refusal(error: ServerError) -> Result<SyncOutcome, ServerError> {
    match error {
        ServerError::App(AppError::NotFound) => Ok(SyncOutcome::UnknownLesson),
        ServerError::App(AppError::Invalid(Problem::EventIdMissing)) => Ok(SyncOutcome::BadEventId),
        ServerError::App(AppError::Invalid(_)) => Ok(SyncOutcome::BadAnswers),
        other => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_reads_both_kinds_of_event() {
        let body = br#"{"sent_at": 100, "events": [
            {"kind": "completed", "id": "e-00000001", "lesson": "l1", "at": 90},
            {"kind": "quiz_answered", "id": "e-00000002", "lesson": "l1", "at": 95,
             "answers": [1, null, 0]}]}"#;
        let batch = decode_batch(body).expect("a valid batch");
        assert_eq!(batch.events.len(), 2);
        assert_eq!(batch.events[1].id(), "e-00000002");
        assert!(matches!(
            &batch.events[1],
            SyncEvent::QuizAnswered { answers, .. } if answers == &[Some(1), None, Some(0)]
        ));
    }

    #[test]
    fn malformed_or_oversized_batches_are_refused_whole() {
        for body in [
            &b"not json"[..],
            br#"{"events": []}"#,
            br#"{"sent_at": 1, "events": [{"kind": "deleted", "id": "x"}]}"#,
            br#"{"sent_at": 1, "events": [{"kind": "completed", "id": 5, "lesson": "l", "at": 1}]}"#,
            br#"{"sent_at": 1, "events": [{"kind": "quiz_answered", "id": "e", "lesson": "l", "at": 1, "answers": [-1]}]}"#,
        ] {
            assert_eq!(decode_batch(body), Err(Problem::SyncBatchUnreadable));
        }
        let event = r#"{"kind": "completed", "id": "e-00000001", "lesson": "l", "at": 1}"#;
        let many = vec![event; MAX_SYNC_EVENTS + 1].join(",");
        let body = format!(r#"{{"sent_at": 1, "events": [{many}]}}"#);
        assert_eq!(
            decode_batch(body.as_bytes()),
            Err(Problem::SyncBatchTooLarge {
                max: MAX_SYNC_EVENTS
            })
        );
    }

    #[test]
    fn event_times_follow_the_server_clock_within_bounds() {
        let now = 1_800_000_000;
        // A phone 1 hour slow: its event 10 minutes before sending happened 10 minutes ago.
        assert_eq!(event_time(now - 3600 - 600, now - 3600, now), now - 600);
        // Never in the future, never older than the limit, and no overflow on hostile values.
        assert_eq!(event_time(now + 999, now, now), now);
        assert_eq!(event_time(0, now, now), now - MAX_OFFLINE_AGE);
        assert_eq!(event_time(i64::MAX, i64::MIN, now), now);
        assert_eq!(event_time(i64::MIN, i64::MAX, now), now - MAX_OFFLINE_AGE);
    }
}
