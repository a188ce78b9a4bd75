//! The database: one store over sqlx's `Any` driver with portable SQL (`$1` placeholders,
//! `ON CONFLICT`, `RETURNING`, integer timestamps), so SQLite and PostgreSQL run the same queries.
//! One folder per area (`learning`, `people`, `accounts`, `reports`, as in the services), each
//! file holding the SQL of what it names, written where it is used; `jobs` is the background
//! queue, `copy` moves a whole database between engines.

pub mod accounts;
pub mod bulk;
pub mod copy;
pub mod jobs;
pub mod learning;
pub mod people;
pub mod reports;
pub mod scratch;

/// The content SQL, under its short name (`store::content`), as the loader and pages use it.
pub use learning::content;

use std::path::PathBuf;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

use crate::error::ServerError;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

/// Which database engine a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn from_url(url: &str) -> Result<Engine, ServerError> {
        if url.starts_with("sqlite:") {
            Ok(Engine::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Engine::Postgres)
        } else {
            Err(ServerError::Config(format!(
                "DATABASE_URL must start with sqlite: or postgres:, not `{}`",
                url.split(':').next().unwrap_or_default()
            )))
        }
    }
}

/// The connection pool and the engine behind it.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    engine: Engine,
}

impl Store {
    /// Connects, creating a SQLite file if needed, and brings the schema up to date.
    pub async fn open(url: &str) -> Result<Store, ServerError> {
        sqlx::any::install_default_drivers();
        let engine = Engine::from_url(url)?;
        let sqlite_file = match engine {
            Engine::Sqlite => sqlite_file(url)?,
            Engine::Postgres => None,
        };
        let options = AnyConnectOptions::from_str(url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(if engine == Engine::Sqlite { 8 } else { 16 })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if engine == Engine::Sqlite {
                        // WAL lets readers work while a writer commits; the busy timeout makes a
                        // second writer wait instead of failing at once.
                        conn.execute("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        let migrator = match engine {
            Engine::Sqlite => &SQLITE_MIGRATIONS,
            Engine::Postgres => &POSTGRES_MIGRATIONS,
        };
        // PostgreSQL's migrator takes an advisory lock; SQLite's takes none, so servers starting
        // together on one file would both apply the same migration. A file lock serializes them.
        let _migration_lock = match &sqlite_file {
            Some(path) => Some(lock_file(path.with_extension("migrate-lock")).await?),
            None => None,
        };
        migrator.run(&pool).await?;
        Ok(Store { pool, engine })
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }
}

/// Seconds since the Unix epoch: how every timestamp is stored.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// The database file a SQLite URL names (its folder created if missing); `None` in memory.
fn sqlite_file(url: &str) -> Result<Option<PathBuf>, ServerError> {
    let path = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(None);
    }
    let path = PathBuf::from(path);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| ServerError::Config(format!("cannot create {}: {e}", parent.display())))?;
    }
    Ok(Some(path))
}

/// Waits for an exclusive lock on `path` (created if missing); released when the file is dropped.
async fn lock_file(path: PathBuf) -> Result<std::fs::File, ServerError> {
    let locked = tokio::task::spawn_blocking(move || {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        file.lock()?;
        Ok::<_, std::io::Error>(file)
    })
    .await
    .map_err(|e| ServerError::Internal(format!("migration lock task: {e}")))?;
    Ok(locked?)
}

#[cfg(test)]
mod tests;
