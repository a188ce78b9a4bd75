//! Copying a whole database to another engine (a county's SQLite into a provincial PostgreSQL),
//! then proving the copy: row counts and a checksum of every table must match.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};
use sqlx::any::{AnyRow, AnyTypeInfoKind};
use sqlx::{Column, Row};

use crate::error::ServerError;
use crate::store::Store;

/// Every table, parents before children so foreign keys hold while copying. A test checks that
/// this list names every table the migrations create.
pub const TABLES: [&str; 34] = [
    "courses",
    "modules",
    "lessons",
    "content_import_lock",
    "regions",
    "users",
    "content_blobs",
    "course_versions",
    "course_version_files",
    "course_drafts",
    "course_editors",
    "course_disk_files",
    "sessions",
    "sign_in_failures",
    "households",
    "members",
    "classes",
    "class_members",
    "class_trainers",
    "class_sessions",
    "attendance",
    "audit_log",
    "jobs",
    "job_files",
    "household_imports",
    "password_sheets",
    "progress_events",
    "lesson_progress",
    "quiz_attempts",
    "test_draws",
    "certificates",
    "outcomes",
    "follow_ups",
    "learner_facts",
];

/// Tables computed from the others (report roll-ups): not copied; the copied learner facts mark
/// every county for recomputing, so the copy's first report rebuilds them.
pub const DERIVED_TABLES: [&str; 3] = [
    "report_rollup",
    "report_rollup_months",
    "report_rollup_dirty",
];

/// Tables whose integer `id` PostgreSQL generates: after copying explicit ids, their sequences
/// must continue after the highest one.
const GENERATED_IDS: [&str; 13] = [
    "regions",
    "users",
    "sign_in_failures",
    "households",
    "members",
    "classes",
    "class_sessions",
    "course_versions",
    "audit_log",
    "jobs",
    "household_imports",
    "outcomes",
    "follow_ups",
];

/// One table's figures after a verified copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableCopy {
    pub table: &'static str,
    pub rows: usize,
    pub checksum: String,
}

/// One column value, kept in the type it was read as.
#[derive(Clone, Debug, PartialEq)]
enum Cell {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<String>),
    Blob(Option<Vec<u8>>),
}

/// Copies every table of `from` into the empty database `to`, in one transaction, and verifies it.
pub async fn copy_database(from: &Store, to: &Store) -> Result<Vec<TableCopy>, ServerError> {
    for table in TABLES {
        if count(to, table).await? > 0 {
            return Err(ServerError::Config(format!(
                "the destination is not empty (table {table} has rows); copy into a new database"
            )));
        }
    }
    let mut tx = to.pool().begin().await?;
    for table in TABLES {
        for row in read_table(from, table).await? {
            insert_row(&mut tx, table, &row).await?;
        }
    }
    continue_generated_ids(to, &mut tx).await?;
    tx.commit().await?;
    verify(from, to).await
}

/// After rows were written with explicit ids, PostgreSQL's generated ids must continue after the
/// highest one (SQLite's do by themselves).
pub async fn continue_generated_ids(
    store: &Store,
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
) -> Result<(), ServerError> {
    if store.engine() != super::Engine::Postgres {
        return Ok(());
    }
    for table in GENERATED_IDS {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
        );
        sqlx::query(&sql).execute(&mut **tx).await?;
    }
    Ok(())
}

/// Compares row counts and checksums of every table; an error names the first that differs.
pub async fn verify(from: &Store, to: &Store) -> Result<Vec<TableCopy>, ServerError> {
    let mut report = Vec::new();
    for table in TABLES {
        let (source, copy) = (checksum(from, table).await?, checksum(to, table).await?);
        if source != copy {
            return Err(ServerError::Internal(format!(
                "table {table} differs after copying: {} rows ({}) in the source, {} rows ({}) in the copy",
                source.0, source.1, copy.0, copy.1
            )));
        }
        report.push(TableCopy {
            table,
            rows: source.0,
            checksum: source.1,
        });
    }
    Ok(report)
}

async fn count(store: &Store, table: &str) -> Result<i64, ServerError> {
    let row = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
        .fetch_one(store.pool())
        .await?;
    Ok(row.try_get("n")?)
}

/// Every row as (column name, cell), ordered by the first two columns (the primary key).
async fn read_table(store: &Store, table: &str) -> Result<Vec<Vec<(String, Cell)>>, ServerError> {
    let rows = sqlx::query(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
        .fetch_all(store.pool())
        .await?;
    rows.iter().map(read_row).collect()
}

fn read_row(row: &AnyRow) -> Result<Vec<(String, Cell)>, ServerError> {
    let mut cells = Vec::with_capacity(row.len());
    for (i, column) in row.columns().iter().enumerate() {
        let cell = match column.type_info().kind() {
            AnyTypeInfoKind::Bool
            | AnyTypeInfoKind::SmallInt
            | AnyTypeInfoKind::Integer
            | AnyTypeInfoKind::BigInt => Cell::Int(row.try_get(i)?),
            AnyTypeInfoKind::Real | AnyTypeInfoKind::Double => Cell::Real(row.try_get(i)?),
            AnyTypeInfoKind::Blob => Cell::Blob(row.try_get(i)?),
            AnyTypeInfoKind::Text | AnyTypeInfoKind::Null => Cell::Text(row.try_get(i)?),
        };
        cells.push((column.name().to_string(), cell));
    }
    Ok(cells)
}

async fn insert_row(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    table: &str,
    row: &[(String, Cell)],
) -> Result<(), ServerError> {
    let columns: Vec<&str> = row.iter().map(|(name, _)| name.as_str()).collect();
    let placeholders: Vec<String> = (1..=row.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        columns.join(", "),
        placeholders.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for (_, cell) in row {
        query = match cell {
            Cell::Int(v) => query.bind(*v),
            Cell::Real(v) => query.bind(*v),
            Cell::Text(v) => query.bind(v.clone()),
            Cell::Blob(v) => query.bind(v.clone()),
        };
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// Row count and SHA-256 of every row's values in primary-key order, engine-independent.
async fn checksum(store: &Store, table: &str) -> Result<(usize, String), ServerError> {
    let rows = read_table(store, table).await?;
    let mut hasher = Sha256::new();
    let mut line = String::new();
    for row in &rows {
        line.clear();
        for (name, cell) in row {
            let _ = match cell {
                Cell::Int(v) => write!(line, "{name}={v:?}\u{1f}"),
                Cell::Real(v) => write!(line, "{name}={v:?}\u{1f}"),
                Cell::Text(v) => write!(line, "{name}={v:?}\u{1f}"),
                Cell::Blob(v) => write!(line, "{name}={v:?}\u{1f}"),
            };
        }
        hasher.update(line.as_bytes());
        hasher.update([0x1e]);
    }
    Ok((rows.len(), hex::encode(hasher.finalize())))
}
