//! The two migration folders must not drift apart: the same versions, and in each version the
//! same tables with the same columns, so SQLite and PostgreSQL hold the same product.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

type Schema = BTreeMap<String, BTreeMap<String, Vec<String>>>;

fn folder(engine: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../migrations")
        .join(engine)
}

/// version file → table → column names, read from `CREATE TABLE` statements.
fn schema(engine: &str) -> Schema {
    let mut versions = BTreeMap::new();
    for entry in fs::read_dir(folder(engine)).expect("migrations folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "sql") {
            continue;
        }
        let sql = fs::read_to_string(&path).expect("migration");
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        versions.insert(name, tables(&sql));
    }
    versions
}

fn tables(sql: &str) -> BTreeMap<String, Vec<String>> {
    let mut tables = BTreeMap::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for line in sql.lines().map(str::trim).filter(|l| !l.starts_with("--")) {
        if let Some(rest) = line.strip_prefix("ALTER TABLE ") {
            // `ALTER TABLE t ADD COLUMN c …` adds c to t.
            let words: Vec<&str> = rest.split_whitespace().collect();
            if let [table, "ADD", "COLUMN", column, ..] = words.as_slice() {
                let columns: &mut Vec<String> = tables.entry(table.to_string()).or_default();
                columns.push(column.to_string());
            }
        } else if let Some(rest) = line.strip_prefix("CREATE TABLE ") {
            let name = rest
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            current = Some((name, Vec::new()));
        } else if line.starts_with(");") {
            tables.extend(current.take());
        } else if let Some((_, columns)) = current.as_mut() {
            let first = line.split_whitespace().next().unwrap_or_default();
            let is_constraint =
                ["PRIMARY", "FOREIGN", "UNIQUE", "CHECK", "CONSTRAINT", ""].contains(&first);
            if !is_constraint {
                columns.push(first.to_string());
            }
        }
    }
    tables
}

#[test]
fn sqlite_and_postgres_migrations_define_the_same_schema() {
    let (sqlite, postgres) = (schema("sqlite"), schema("postgres"));
    assert!(!sqlite.is_empty(), "no SQLite migrations found");
    assert_eq!(
        sqlite.keys().collect::<Vec<_>>(),
        postgres.keys().collect::<Vec<_>>(),
        "both folders need the same migration files"
    );
    for (version, tables) in &sqlite {
        assert_eq!(tables, &postgres[version], "tables differ in {version}");
    }
}

#[test]
fn the_drift_check_sees_a_missing_column() {
    let a = tables("CREATE TABLE t (\n    id TEXT PRIMARY KEY,\n    name TEXT NOT NULL\n);\n");
    let b = tables("CREATE TABLE t (\n    id TEXT PRIMARY KEY\n);\n");
    assert_eq!(a["t"], vec!["id", "name"]);
    assert_ne!(a, b);
}
