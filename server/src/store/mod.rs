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
use crate::store::learning::completions::CompletionQueue;

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
    /// Where the hot write paths write. SQLite takes one writer at a time and makes the others
    /// poll with growing sleeps (its busy handler), which left a class's "lesson done" clicks
    /// waiting up to 300 ms; one writing connection queues them in order instead. On PostgreSQL
    /// this is the shared pool.
    writer: AnyPool,
    /// The group commit of "lesson done" clicks, on `writer`.
    completions: CompletionQueue,
    /// The lessons' completion rules, which every click reads.
    rules: learning::rules::RuleCache,
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
        let pool = pool_options(engine, if engine == Engine::Sqlite { 8 } else { 16 })
            .connect_with(options.clone())
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
        // An in-memory SQLite database exists once per connection: it keeps the one pool.
        let writer = match sqlite_file {
            Some(_) => pool_options(engine, 1).connect_with(options).await?,
            None => pool.clone(),
        };
        let completions = CompletionQueue::start(writer.clone());
        Ok(Store {
            pool,
            writer,
            completions,
            rules: Default::default(),
            engine,
        })
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Changes whenever this server imports or publishes course content.
    pub fn content_generation(&self) -> u64 {
        self.rules.generation()
    }

    /// The pool of the frequent writes (see the field's comment).
    pub fn writer(&self) -> &AnyPool {
        &self.writer
    }

    /// The queue in front of the group commit of lesson completions.
    pub fn completions(&self) -> &CompletionQueue {
        &self.completions
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }
}

fn pool_options(engine: Engine, connections: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(connections)
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
