//! Writing many rows at once (generated demonstration and benchmark data): multi-row INSERTs in chunks that stay
//! under both engines' limits on parameters per statement.

use sqlx::{Any, Transaction};

use crate::error::ServerError;

/// One value of a generated row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Int(Option<i64>),
    Text(Option<String>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(Some(v))
    }
}

impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        Value::Int(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(Some(v.to_string()))
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(Some(v))
    }
}

impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Self {
        Value::Text(v)
    }
}

/// Parameters per statement. Both engines allow far more (SQLite 32,766, PostgreSQL 65,535), but
/// binding `$n` parameters costs SQLite time that grows with the square of their number: 30,000
/// per statement wrote 6,000 rows a second, 1,000 per statement many times that.
const MAX_PARAMETERS: usize = 1_000;

/// Inserts `rows` (each with one value per column) into `table`.
pub async fn insert_rows(
    tx: &mut Transaction<'_, Any>,
    table: &str,
    columns: &[&str],
    rows: &[Vec<Value>],
) -> Result<(), ServerError> {
    let per_statement = (MAX_PARAMETERS / columns.len()).max(1);
    for chunk in rows.chunks(per_statement) {
        let mut placeholders = Vec::with_capacity(chunk.len());
        for r in 0..chunk.len() {
            let row: Vec<String> = (0..columns.len())
                .map(|c| format!("${}", r * columns.len() + c + 1))
                .collect();
            placeholders.push(format!("({})", row.join(", ")));
        }
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES {}",
            columns.join(", "),
            placeholders.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for value in chunk.iter().flatten() {
            query = match value {
                Value::Int(v) => query.bind(*v),
                Value::Text(v) => query.bind(v.clone()),
            };
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}
