//! Group commit of "lesson done" clicks. A class clicks at once; one transaction per click made
//! every click wait its turn for the single SQLite writer (five round trips each). One task takes
//! the clicks waiting in its queue (up to `BATCH_MAX`), writes them with three multi-row
//! statements in one transaction and answers each click only after that commit, so an
//! acknowledged click is as durable as before. If a batch fails, each click is retried alone, so
//! one bad click cannot fail its neighbours.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use app::codes::ProgressKind;
use sqlx::{Any, AnyPool, Row, Transaction};
use tokio::sync::{mpsc, oneshot};

use crate::error::ServerError;
use crate::store::learning::Recorded;

/// At most this many clicks per transaction (5 parameters each, far below either engine's cap).
const BATCH_MAX: usize = 64;

/// A completion to store, as the learner sent it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub user_id: i64,
    pub event_id: String,
    pub lesson_id: String,
    pub at: i64,
}

struct Waiting {
    completion: Completion,
    reply: oneshot::Sender<Result<Recorded, ServerError>>,
}

/// The queue in front of the writing task; the task ends when the last store clone is dropped.
#[derive(Clone, Debug)]
pub struct CompletionQueue {
    sender: mpsc::UnboundedSender<Waiting>,
    /// Transactions the task began, batches and retries alone: clicks per transaction is what
    /// group commit buys.
    transactions: Arc<AtomicU64>,
}

impl CompletionQueue {
    /// Starts the writing task on `writer`.
    pub fn start(writer: AnyPool) -> CompletionQueue {
        let (sender, receiver) = mpsc::unbounded_channel();
        let transactions = Arc::new(AtomicU64::new(0));
        tokio::spawn(write_batches(writer, receiver, transactions.clone()));
        CompletionQueue {
            sender,
            transactions,
        }
    }

    /// How many transactions the writing task began so far.
    pub fn transactions(&self) -> u64 {
        self.transactions.load(Ordering::Relaxed)
    }

    /// Stores one completion (see `Store::record_completion`) and waits for its commit.
    pub async fn record(&self, completion: Completion) -> Result<Recorded, ServerError> {
        let (reply, answer) = oneshot::channel();
        let stopped = || ServerError::Internal("the completion writer stopped".into());
        self.sender
            .send(Waiting { completion, reply })
            .map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

async fn write_batches(
    writer: AnyPool,
    mut receiver: mpsc::UnboundedReceiver<Waiting>,
    transactions: Arc<AtomicU64>,
) {
    let mut batch = Vec::with_capacity(BATCH_MAX);
    // Takes what is already waiting, never waits for more: a lone click is written at once.
    while receiver.recv_many(&mut batch, BATCH_MAX).await > 0 {
        let completions: Vec<Completion> = batch.iter().map(|w| w.completion.clone()).collect();
        transactions.fetch_add(1, Ordering::Relaxed);
        match write_batch(&writer, &completions).await {
            Ok(recorded) => {
                for (waiting, result) in batch.drain(..).zip(recorded) {
                    let _ = waiting.reply.send(Ok(result));
                }
            }
            Err(error) => {
                if batch.len() > 1 {
                    tracing::warn!(
                        ?error,
                        size = batch.len(),
                        "completion batch failed; one by one"
                    );
                }
                for waiting in batch.drain(..) {
                    transactions.fetch_add(1, Ordering::Relaxed);
                    let single = std::slice::from_ref(&waiting.completion);
                    let result = write_batch(&writer, single).await.map(|mut r| r.remove(0));
                    let _ = waiting.reply.send(result);
                }
            }
        }
    }
}

/// Writes `completions` in one transaction; returns what each did, in order.
pub async fn write_batch(
    writer: &AnyPool,
    completions: &[Completion],
) -> Result<Vec<Recorded>, ServerError> {
    let mut tx = writer.begin().await?;
    let new = insert_events(&mut tx, completions).await?;
    keep_earliest_completions(&mut tx, completions, &new).await?;
    let counts = update_facts(&mut tx, completions).await?;
    tx.commit().await?;
    Ok(completions
        .iter()
        .enumerate()
        .map(|(i, c)| Recorded {
            new: new.contains(&i),
            lessons_completed: counts.get(&c.user_id).copied(),
        })
        .collect())
}

/// `$1, $2, ...` in rows of `width`: `($1, $2), ($3, $4)`.
fn placeholders(rows: usize, width: usize) -> String {
    (0..rows)
        .map(|row| {
            let cells: Vec<String> = (1..=width)
                .map(|c| format!("${}", row * width + c))
                .collect();
            format!("({})", cells.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Inserts the events not stored before; returns the positions of the new ones (an event id sent
/// twice in one batch is new only the first time).
async fn insert_events(
    tx: &mut Transaction<'_, Any>,
    completions: &[Completion],
) -> Result<HashSet<usize>, ServerError> {
    let mut first: HashMap<(i64, &str), usize> = HashMap::new();
    for (i, c) in completions.iter().enumerate() {
        first.entry((c.user_id, c.event_id.as_str())).or_insert(i);
    }
    let mut unique: Vec<usize> = first.values().copied().collect();
    unique.sort_unstable();
    let sql = format!(
        "INSERT INTO progress_events (user_id, event_id, lesson_id, kind, at) VALUES {}
         ON CONFLICT (user_id, event_id) DO NOTHING RETURNING user_id, event_id",
        placeholders(unique.len(), 5)
    );
    let mut query = sqlx::query(&sql);
    for &i in &unique {
        let c = &completions[i];
        query = query
            .bind(c.user_id)
            .bind(&c.event_id)
            .bind(&c.lesson_id)
            .bind(ProgressKind::Completed.code())
            .bind(c.at);
    }
    let mut new = HashSet::new();
    for row in query.fetch_all(&mut **tx).await? {
        let key: (i64, String) = (row.try_get("user_id")?, row.try_get("event_id")?);
        if let Some(&i) = first.get(&(key.0, key.1.as_str())) {
            new.insert(i);
        }
    }
    Ok(new)
}

/// Keeps each lesson's earliest completion in its progress row (offline clicks arrive late and
/// in any order). One row per learner and lesson: PostgreSQL refuses to update a row twice in one
/// statement.
async fn keep_earliest_completions(
    tx: &mut Transaction<'_, Any>,
    completions: &[Completion],
    new: &HashSet<usize>,
) -> Result<(), ServerError> {
    let mut earliest: BTreeMap<(i64, &str), i64> = BTreeMap::new();
    for &i in new {
        let c = &completions[i];
        let at = earliest
            .entry((c.user_id, c.lesson_id.as_str()))
            .or_insert(c.at);
        *at = (*at).min(c.at);
    }
    if earliest.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO lesson_progress (user_id, lesson_id, opened_at, completed_at) VALUES {}
         ON CONFLICT (user_id, lesson_id) DO UPDATE SET completed_at = CASE
           WHEN lesson_progress.completed_at IS NULL
             OR excluded.completed_at < lesson_progress.completed_at
           THEN excluded.completed_at ELSE lesson_progress.completed_at END",
        placeholders(earliest.len(), 4)
    );
    let mut query = sqlx::query(&sql);
    for ((user_id, lesson_id), at) in earliest {
        query = query.bind(user_id).bind(lesson_id).bind(at).bind(at);
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// Recounts each learner's completed lessons and moves their last activity forward; returns the
/// new counts of the learners that have facts.
async fn update_facts(
    tx: &mut Transaction<'_, Any>,
    completions: &[Completion],
) -> Result<HashMap<i64, i64>, ServerError> {
    let mut latest: BTreeMap<i64, i64> = BTreeMap::new();
    for c in completions {
        let at = latest.entry(c.user_id).or_insert(c.at);
        *at = (*at).max(c.at);
    }
    // VALUES names its columns column1, column2 on both engines.
    let sql = format!(
        "UPDATE learner_facts SET
           lessons_completed = (SELECT COUNT(*) FROM lesson_progress p
                                WHERE p.user_id = learner_facts.user_id AND p.completed_at IS NOT NULL),
           last_active_at = CASE WHEN learner_facts.last_active_at IS NULL
                                   OR learner_facts.last_active_at < v.column2
                            THEN v.column2 ELSE learner_facts.last_active_at END
         FROM (VALUES {}) AS v WHERE learner_facts.user_id = v.column1
         RETURNING learner_facts.user_id, learner_facts.lessons_completed",
        placeholders(latest.len(), 2)
    );
    let mut query = sqlx::query(&sql);
    for (user_id, at) in latest {
        query = query.bind(user_id).bind(at);
    }
    let mut counts = HashMap::new();
    for row in query.fetch_all(&mut **tx).await? {
        counts.insert(row.try_get("user_id")?, row.try_get("lessons_completed")?);
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::{placeholders, write_batch, Completion};
    use crate::content::{fixture, load};
    use crate::store::learning::Recorded;
    use crate::store::tests::learner;
    use crate::store::Store;

    #[test]
    fn placeholders_number_rows_in_order() {
        assert_eq!(placeholders(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(placeholders(1, 1), "($1)");
    }

    /// A store with the fixture course and two learners, the first with facts.
    async fn store_with_learners() -> (tempfile::TempDir, Store, i64, i64) {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = crate::store::scratch::database_url(dir.path())
            .await
            .expect("scratch database");
        let store = Store::open(&url).await.expect("open store");
        fixture::write(&dir.path().join("c"));
        let tree = load(&dir.path().join("c")).expect("fixture loads");
        store.import_content(&tree).await.expect("import");
        let first = store.create_user(learner("first"), 1).await.expect("user");
        let second = store.create_user(learner("second"), 1).await.expect("user");
        sqlx::query(
            "INSERT INTO learner_facts (user_id, target_group, enrolled_at, lessons_completed, sales_fen)
             VALUES ($1, 'other', 1, 0, 0) ON CONFLICT (user_id) DO NOTHING",
        )
        .bind(first)
        .execute(store.pool())
        .await
        .expect("facts");
        (dir, store, first, second)
    }

    fn click(user_id: i64, event: &str, lesson: &str, at: i64) -> Completion {
        Completion {
            user_id,
            event_id: event.into(),
            lesson_id: lesson.into(),
            at,
        }
    }

    async fn completed_at(store: &Store, user: i64, lesson: &str) -> Option<i64> {
        let state = store.lesson_state(user, lesson).await.expect("state");
        state.and_then(|s| s.completed_at)
    }

    #[tokio::test]
    async fn a_batch_stores_each_event_once_keeps_the_earliest_time_and_counts_lessons() {
        let (_dir, store, first, second) = store_with_learners().await;
        let earlier = [click(first, "e-0", "lesson-two", 50)];
        write_batch(store.writer(), &earlier)
            .await
            .expect("earlier batch");
        let batch = [
            click(first, "e-1", "lesson-one", 30),
            click(first, "e-1", "lesson-one", 10), // the same event sent twice
            click(first, "e-2", "lesson-one", 20), // the same lesson done again, earlier
            click(first, "e-0", "lesson-two", 5),  // replayed from an earlier batch
            click(second, "e-1", "lesson-two", 40),
        ];
        let recorded = write_batch(store.writer(), &batch).await.expect("batch");
        let new: Vec<bool> = recorded.iter().map(|r| r.new).collect();
        assert_eq!(new, [true, false, true, false, true]);
        let counts: Vec<Option<i64>> = recorded.iter().map(|r| r.lessons_completed).collect();
        assert_eq!(counts, [Some(2), Some(2), Some(2), Some(2), None]);
        assert_eq!(completed_at(&store, first, "lesson-one").await, Some(20));
        assert_eq!(completed_at(&store, first, "lesson-two").await, Some(50));
        assert_eq!(completed_at(&store, second, "lesson-two").await, Some(40));
        let events: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM progress_events")
            .fetch_one(store.pool())
            .await
            .expect("count");
        assert_eq!(events, 4);
        let active: Option<i64> =
            sqlx::query_scalar("SELECT last_active_at FROM learner_facts WHERE user_id = $1")
                .bind(first)
                .fetch_one(store.pool())
                .await
                .expect("facts");
        assert_eq!(active, Some(50));
    }

    #[tokio::test]
    async fn clicks_arriving_together_share_a_commit_and_a_bad_one_fails_alone() {
        let (_dir, store, first, second) = store_with_learners().await;
        let queue = store.completions();
        let clicks = [
            click(first, "t-1", "lesson-one", 7),
            click(second, "t-1", "no-such-lesson", 7),
            click(second, "t-2", "lesson-two", 8),
        ];
        // Sent before the writing task runs (a current-thread runtime), so they form one batch.
        let results = tokio::join!(
            queue.record(clicks[0].clone()),
            queue.record(clicks[1].clone()),
            queue.record(clicks[2].clone())
        );
        let results = [results.0, results.1, results.2];
        assert!(matches!(
            results[0],
            Ok(Recorded {
                new: true,
                lessons_completed: Some(1)
            })
        ));
        assert!(
            results[1].is_err(),
            "a lesson that does not exist is refused"
        );
        assert!(matches!(
            results[2],
            Ok(Recorded {
                new: true,
                lessons_completed: None
            })
        ));
        assert_eq!(completed_at(&store, second, "lesson-two").await, Some(8));
        let again = queue.record(clicks[0].clone()).await.expect("replay");
        assert!(!again.new, "a replayed click is not new");
        // One batch of three that failed, each click again alone, then the replay.
        assert_eq!(queue.transactions(), 5);
    }
}
