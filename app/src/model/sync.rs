//! The wire format of `/sync/v1/progress`: what a learner's phone sends when its connection
//! returns (lesson completions and lesson-quiz answers made offline, each with the phone's event
//! id and time), and what the server answers for each event. Shared by the server and the
//! browser, so both read the same shape.

use serde::{Deserialize, Serialize};

/// The most events one batch may carry; a phone with more sends several batches.
pub const MAX_SYNC_EVENTS: usize = 200;

/// Events queued on a phone, sent together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncBatch {
    /// The phone's clock when it sent the batch (seconds since the Unix epoch): with the
    /// server's clock it corrects the events' times for a phone whose clock is wrong.
    pub sent_at: i64,
    pub events: Vec<SyncEvent>,
}

/// One thing a learner did offline, at `at` by the phone's clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SyncEvent {
    /// "I finished this lesson".
    Completed { id: String, lesson: String, at: i64 },
    /// The learner's answers to a lesson's quiz, graded by the server when they arrive.
    QuizAnswered {
        id: String,
        lesson: String,
        at: i64,
        answers: Vec<Option<usize>>,
    },
}

impl SyncEvent {
    /// The phone's id for the event: the server stores each id once, however often it is sent.
    pub fn id(&self) -> &str {
        match self {
            SyncEvent::Completed { id, .. } | SyncEvent::QuizAnswered { id, .. } => id,
        }
    }
}

/// What became of one event. `Stored` and `AlreadyStored` both mean the phone may forget it;
/// the others mean it can never be stored (the phone shows why and drops it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncOutcome {
    Stored,
    AlreadyStored,
    UnknownLesson,
    BadEventId,
    BadAnswers,
}

/// The server's answer for one event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncResult {
    pub id: String,
    pub outcome: SyncOutcome,
    /// For answers: how many were right, of how many questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<(usize, usize)>,
}

/// The answer to a batch: one result per event, in the batch's order, and the codes of any
/// certificates the batch earned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncReceipt {
    pub results: Vec<SyncResult>,
    pub certificates: Vec<String>,
}
