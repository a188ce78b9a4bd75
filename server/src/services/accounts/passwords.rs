//! Password hashing with argon2id at m = 19 MiB, t = 2, p = 1 (OWASP's minimum). Hashing is slow
//! and memory-hungry on purpose, so it runs on the blocking pool and at most `max_concurrent`
//! hashes run at once: a burst of sign-ins queues, for a bounded time, instead of exhausting the
//! server's memory; past that wait the answer is "busy, try again".

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::OnceCell;

use crate::error::ServerError;
use crate::services::turns::Turns;

/// How long a hash waits for its turn before the request is told the server is busy.
const DEFAULT_WAIT: Duration = Duration::from_secs(10);

const MEMORY_KIB: u32 = 19 * 1024;
const ITERATIONS: u32 = 2;
const PARALLELISM: u32 = 1;

/// Hashes and verifies passwords, a bounded number at a time.
#[derive(Clone, Debug)]
pub struct Passwords {
    turns: Turns,
    /// A hash to check unknown logins against, so they cost what a known one costs.
    dummy: Arc<OnceCell<String>>,
    /// argon2 runs so far (what the timing of a sign-in depends on).
    runs: Arc<AtomicUsize>,
}

impl Passwords {
    pub fn new(max_concurrent: usize) -> Passwords {
        Passwords::with_wait(max_concurrent, DEFAULT_WAIT)
    }

    pub fn with_wait(max_concurrent: usize, wait: Duration) -> Passwords {
        Passwords {
            turns: Turns::new(max_concurrent, wait),
            dummy: Arc::new(OnceCell::new()),
            runs: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// A hash of a random password, made once: checking an unknown login against it takes one
    /// argon2 run, as checking a known login does.
    pub async fn dummy_hash(&self) -> Result<String, ServerError> {
        let hash = self
            .dummy
            .get_or_try_init(|| self.hash(super::sheets::one_time_password()))
            .await?;
        Ok(hash.clone())
    }

    /// How many argon2 runs this has made.
    pub fn runs(&self) -> usize {
        self.runs.load(Ordering::Relaxed)
    }

    /// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) to store.
    pub async fn hash(&self, password: String) -> Result<String, ServerError> {
        self.run(move || {
            let salt = SaltString::generate(&mut OsRng);
            argon2()
                .hash_password(password.as_bytes(), &salt)
                .map(|hash| hash.to_string())
                .map_err(|e| ServerError::Internal(format!("hashing a password: {e}")))
        })
        .await
    }

    /// Whether `password` matches the stored `hash`; a malformed hash is an error, not a "no".
    pub async fn verify(&self, password: String, hash: String) -> Result<bool, ServerError> {
        self.run(move || {
            let parsed = PasswordHash::new(&hash)
                .map_err(|e| ServerError::Internal(format!("stored password hash: {e}")))?;
            Ok(argon2()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok())
        })
        .await
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, ServerError> + Send + 'static,
    ) -> Result<T, ServerError> {
        let runs = self.runs.clone();
        self.turns
            .run(move || {
                runs.fetch_add(1, Ordering::Relaxed);
                work()
            })
            .await
    }
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .unwrap_or_else(|_| Params::default());
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_queue_answers_busy_instead_of_waiting_forever() {
        let passwords = Passwords::with_wait(1, Duration::from_millis(50));
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let holding = tokio::spawn({
            let turns = passwords.turns.clone();
            async move { turns.run(move || Ok(hold.recv())).await }
        });
        while passwords.turns.free() > 0 {
            tokio::task::yield_now().await;
        }
        let error = passwords.hash("x".into()).await.expect_err("busy");
        assert!(matches!(
            error,
            ServerError::App(app::error::AppError::Invalid(
                app::i18n::problems::Problem::ServerBusy
            ))
        ));
        release.send(()).expect("release");
        holding
            .await
            .expect("task")
            .expect("ran")
            .expect("received");
        assert!(passwords.hash("x".into()).await.is_ok());
    }

    #[tokio::test]
    async fn the_dummy_hash_is_made_once() {
        let passwords = Passwords::new(1);
        let first = passwords.dummy_hash().await.expect("hash");
        let runs = passwords.runs();
        assert_eq!(passwords.dummy_hash().await.expect("hash"), first);
        assert_eq!(passwords.runs(), runs, "no second argon2 run");
    }

    #[tokio::test]
    async fn hashes_with_the_required_parameters_and_verifies() {
        let passwords = Passwords::new(2);
        let hash = passwords.hash("黄桃 2026 好吃".into()).await.expect("hash");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(passwords
            .verify("黄桃 2026 好吃".into(), hash.clone())
            .await
            .expect("verify"));
        assert!(!passwords
            .verify("黄桃 2026 好吃!".into(), hash.clone())
            .await
            .expect("verify"));
        let again = passwords.hash("黄桃 2026 好吃".into()).await.expect("hash");
        assert_ne!(hash, again, "every hash has its own salt");
    }

    #[tokio::test]
    async fn a_malformed_stored_hash_is_an_error() {
        let result = Passwords::new(1)
            .verify("x".into(), "not a hash".into())
            .await;
        assert!(matches!(result, Err(ServerError::Internal(_))));
    }
}
