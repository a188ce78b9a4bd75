//! Slow CPU work taken off the async workers and run on the blocking pool, a bounded number at a
//! time: a burst waits its turn for a bounded time, then hears "the server is busy", so the cores
//! stay free for learners' pages (password hashing, checking a whole course).

use std::sync::Arc;
use std::time::Duration;

use app::error::AppError;
use app::i18n::problems::Problem;
use tokio::sync::Semaphore;

use crate::error::ServerError;

/// At most `at_once` pieces of work at a time; the others wait up to `wait` for a turn.
#[derive(Clone, Debug)]
pub struct Turns {
    permits: Arc<Semaphore>,
    wait: Duration,
}

impl Turns {
    pub fn new(at_once: usize, wait: Duration) -> Turns {
        Turns {
            permits: Arc::new(Semaphore::new(at_once.max(1))),
            wait,
        }
    }

    /// Runs `work` on the blocking pool when its turn comes; `ServerBusy` if it does not in time.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, ServerError> + Send + 'static,
    ) -> Result<T, ServerError> {
        let acquired = tokio::time::timeout(self.wait, self.permits.acquire()).await;
        let Ok(permit) = acquired else {
            return Err(AppError::from(Problem::ServerBusy).into());
        };
        let _permit = permit.map_err(|e| ServerError::Internal(format!("turns: {e}")))?;
        Self::off_the_workers(work).await
    }

    /// The same for work nobody waits on interactively (a server's start): it waits as long as
    /// its turn takes.
    pub async fn run_patiently<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, ServerError> + Send + 'static,
    ) -> Result<T, ServerError> {
        let permit = self.permits.acquire().await;
        let _permit = permit.map_err(|e| ServerError::Internal(format!("turns: {e}")))?;
        Self::off_the_workers(work).await
    }

    async fn off_the_workers<T: Send + 'static>(
        work: impl FnOnce() -> Result<T, ServerError> + Send + 'static,
    ) -> Result<T, ServerError> {
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| ServerError::Internal(format!("blocking task: {e}")))?
    }

    /// Turns free now.
    pub fn free(&self) -> usize {
        self.permits.available_permits()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_beyond_the_turns_waits_then_hears_busy() {
        let turns = Turns::new(1, Duration::from_millis(50));
        let held = turns.permits.clone().acquire_owned().await.expect("turn");
        let busy = turns.run(|| Ok(1)).await.expect_err("busy");
        assert!(matches!(
            busy,
            ServerError::App(AppError::Invalid(Problem::ServerBusy))
        ));
        drop(held);
        assert_eq!(turns.run(|| Ok(2)).await.expect("its turn"), 2);
        assert_eq!(turns.free(), 1, "the turn is given back");
    }

    #[tokio::test]
    async fn patient_work_waits_past_the_limit_for_its_turn() {
        let turns = Turns::new(1, Duration::from_millis(10));
        let held = turns.permits.clone().acquire_owned().await.expect("turn");
        let patient = tokio::spawn({
            let turns = turns.clone();
            async move { turns.run_patiently(|| Ok(3)).await }
        });
        tokio::time::sleep(Duration::from_millis(60)).await;
        assert!(!patient.is_finished(), "it waits instead of hearing busy");
        drop(held);
        assert_eq!(patient.await.expect("task").expect("ran"), 3);
    }

    #[tokio::test]
    async fn no_more_than_the_turns_run_at_once() {
        let turns = Turns::new(1, Duration::from_secs(5));
        let (started, wait) = std::sync::mpsc::channel();
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let running = tokio::spawn({
            let turns = turns.clone();
            async move {
                turns
                    .run(move || {
                        let _ = started.send(());
                        let _ = hold.recv();
                        Ok(())
                    })
                    .await
            }
        });
        tokio::task::spawn_blocking(move || wait.recv())
            .await
            .expect("task")
            .expect("started");
        assert_eq!(turns.free(), 0, "a second piece of work must wait");
        release.send(()).expect("release");
        running.await.expect("task").expect("ran");
        assert_eq!(turns.free(), 1);
    }
}
