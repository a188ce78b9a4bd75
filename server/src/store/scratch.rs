//! Throwaway databases for tests and benchmarks, on the engine CI asks for: a SQLite file in a
//! temporary folder by default, or a new database in the PostgreSQL cluster named by
//! `NONGDIAN_TEST_POSTGRES` (an admin URL such as `postgres://postgres@127.0.0.1:5544/postgres`).
//! The same tests thus run unchanged on both engines.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::any::AnyConnectOptions;
use sqlx::{ConnectOptions, Connection, Executor};
use std::str::FromStr;

use crate::error::ServerError;

/// The environment variable that switches tests to PostgreSQL.
pub const POSTGRES_ENV: &str = "NONGDIAN_TEST_POSTGRES";

/// A URL to a fresh, empty database. `dir` holds the SQLite file and must outlive its use.
pub async fn database_url(dir: &Path) -> Result<String, ServerError> {
    match std::env::var(POSTGRES_ENV) {
        Ok(admin_url) if !admin_url.is_empty() => fresh_postgres_database(&admin_url).await,
        _ => Ok(format!(
            "sqlite://{}?mode=rwc",
            dir.join("nongdian.db").display()
        )),
    }
}

async fn fresh_postgres_database(admin_url: &str) -> Result<String, ServerError> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    sqlx::any::install_default_drivers();
    let name = format!(
        "nongdian_test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let options = AnyConnectOptions::from_str(admin_url)?;
    let mut admin = options.connect().await?;
    admin
        .execute(format!("DROP DATABASE IF EXISTS {name}").as_str())
        .await?;
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await?;
    admin.close().await?;
    let base = admin_url
        .rsplit_once('/')
        .map(|(base, _)| base)
        .unwrap_or(admin_url);
    Ok(format!("{base}/{name}"))
}
