//! Password hashing with argon2id at m = 19 MiB, t = 2, p = 1 (OWASP's minimum). Hashing is slow
//! and memory-hungry on purpose, so it runs on the blocking pool and at most `max_concurrent`
//! hashes run at once: a burst of sign-ins queues instead of exhausting the server's memory.

use std::sync::Arc;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::error::ServerError;

const MEMORY_KIB: u32 = 19 * 1024;
const ITERATIONS: u32 = 2;
const PARALLELISM: u32 = 1;

/// Hashes and verifies passwords, a bounded number at a time.
#[derive(Clone, Debug)]
pub struct Passwords {
    permits: Arc<Semaphore>,
}

impl Passwords {
    pub fn new(max_concurrent: usize) -> Passwords {
        Passwords {
            permits: Arc::new(Semaphore::new(max_concurrent.max(1))),
        }
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
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| ServerError::Internal(format!("password permits: {e}")))?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| ServerError::Internal(format!("password task: {e}")))?
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

    #[tokio::test]
    async fn no_more_than_the_cap_hash_at_once() {
        let passwords = Passwords::new(1);
        let running = tokio::spawn({
            let passwords = passwords.clone();
            async move { passwords.hash("one".into()).await }
        });
        while passwords.permits.available_permits() > 0 && !running.is_finished() {
            tokio::task::yield_now().await;
        }
        assert!(
            passwords.permits.try_acquire().is_err(),
            "a second hash must wait while one runs"
        );
        running.await.expect("task").expect("hash");
        assert_eq!(
            passwords.permits.available_permits(),
            1,
            "the permit is returned"
        );
    }
}
