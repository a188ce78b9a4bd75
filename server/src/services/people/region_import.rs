//! Importing regions from a CSV file (admins): columns 行政区划代码, 名称, 级别, 上级代码, in UTF-8
//! or GBK. Parents come before children (from the database or earlier rows). Rows whose code is
//! already stored with the same name are skipped, so a file can be imported again; any other
//! problem refuses the whole file with every bad line listed.

use std::collections::HashMap;

use app::backend::Actor;
use app::codes::{AuditAction, RegionLevel, Role};
use app::error::AppError;
use app::i18n::problems::Problem;

use crate::error::ServerError;
use crate::services::authz;
use crate::store::people::regions::insert_region;
use crate::store::Store;

const COLUMNS: [&str; 4] = ["行政区划代码", "名称", "级别", "上级代码"];
const MAX_NAME_CHARS: usize = 40;

/// One row, checked on its own.
#[derive(Debug, PartialEq, Eq)]
pub struct RegionLine {
    pub line: usize,
    pub code: String,
    pub name: String,
    pub level: RegionLevel,
    pub parent_code: Option<String>,
}

/// code → (id if stored, level, name) of every region known so far.
type Known = HashMap<String, (Option<i64>, RegionLevel, String)>;

/// Whether the actor may import regions (checked before the upload is read).
pub async fn authorize(store: &Store, actor: &Actor) -> Result<(), ServerError> {
    authz::require(store, actor, &[Role::Admin], "regions.import").await?;
    Ok(())
}

/// Imports the file; returns how many regions were added.
pub async fn import(store: &Store, actor: &Actor, bytes: &[u8]) -> Result<usize, ServerError> {
    let user = authz::require(store, actor, &[Role::Admin], "regions.import").await?;
    let rows = parse(bytes).map_err(refuse)?;
    let existing = store.regions_within(None).await?;
    let mut known: Known = existing
        .iter()
        .filter_map(|r| Some((r.code.clone()?, (Some(r.id), r.level, r.name.clone()))))
        .collect();
    let mut problems = Vec::new();
    let mut new_rows = Vec::new();
    for row in &rows {
        match plan(row, &known) {
            Ok(true) => {
                known.insert(row.code.clone(), (None, row.level, row.name.clone()));
                new_rows.push(row);
            }
            Ok(false) => {}
            Err(problem) => problems.push((row.line, problem)),
        }
    }
    if !problems.is_empty() {
        return Err(refuse(problems));
    }
    let mut tx = store.pool().begin().await?;
    let mut ids: HashMap<&str, i64> = existing
        .iter()
        .filter_map(|r| r.code.as_deref().map(|c| (c, r.id)))
        .collect();
    for row in &new_rows {
        let parent = row.parent_code.as_deref().and_then(|c| ids.get(c).copied());
        let id = insert_region(&mut *tx, parent, row.level, &row.name, Some(&row.code)).await?;
        ids.insert(&row.code, id);
    }
    tx.commit().await?;
    let detail = format!("{} regions", new_rows.len());
    let action = AuditAction::ImportedRegions;
    authz::audit(store, user, action, "regions.csv", None, &detail).await?;
    Ok(new_rows.len())
}

/// Whether the row is new (true), already stored (false), or wrong.
fn plan(row: &RegionLine, known: &Known) -> Result<bool, Problem> {
    if let Some((_, level, name)) = known.get(&row.code) {
        if *level == row.level && *name == row.name {
            return Ok(false);
        }
        return Err(Problem::RegionCodeConflict {
            code: row.code.clone(),
            name: name.clone(),
        });
    }
    let parent_level = match &row.parent_code {
        Some(code) => match known.get(code) {
            Some((_, level, _)) => Some(*level),
            None => return Err(Problem::ParentCodeMissing { code: code.clone() }),
        },
        None => None,
    };
    match (row.level.parent(), parent_level) {
        (expected, found) if expected == found => Ok(true),
        (None, _) => Err(Problem::CountyHasNoParent),
        (Some(parent), _) => Err(Problem::ParentLevel {
            level: row.level,
            parent,
        }),
    }
}

/// Reads the rows; every bad line is listed.
pub fn parse(bytes: &[u8]) -> Result<Vec<RegionLine>, Vec<(usize, Problem)>> {
    let text = decode(bytes).ok_or_else(|| vec![(1, Problem::FileEncoding)])?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(_) => return Err(vec![(1, Problem::FileHeader)]),
    };
    let position = |name: &str| header.iter().position(|h| h == name);
    let missing: Vec<String> = COLUMNS
        .iter()
        .filter(|c| position(c).is_none())
        .map(|c| c.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(vec![(1, Problem::MissingColumns { columns: missing })]);
    }
    let columns: Vec<usize> = COLUMNS.iter().filter_map(|c| position(c)).collect();
    let (mut rows, mut problems) = (Vec::new(), Vec::new());
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let Ok(record) = record else {
            problems.push((line, Problem::UnreadableLine));
            continue;
        };
        let cell = |i: usize| record.get(columns[i]).unwrap_or("").trim().to_string();
        if (0..4).all(|i| cell(i).is_empty()) {
            continue;
        }
        match line_of(line, [cell(0), cell(1), cell(2), cell(3)]) {
            Ok(row) => rows.push(row),
            Err(problem) => problems.push((line, problem)),
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

fn line_of(line: usize, [code, name, level, parent]: [String; 4]) -> Result<RegionLine, Problem> {
    if !(6..=12).contains(&code.len()) || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(Problem::RegionCodeFormat { code });
    }
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(Problem::RegionName {
            max: MAX_NAME_CHARS,
        });
    }
    let level = RegionLevel::from_label(&level).ok_or(Problem::RegionLevelUnknown { level })?;
    let parent_code = Some(parent).filter(|p| !p.is_empty());
    Ok(RegionLine {
        line,
        code,
        name,
        level,
        parent_code,
    })
}

fn decode(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text.to_string()),
        Err(_) => {
            let (text, _, malformed) = encoding_rs::GB18030.decode(bytes);
            (!malformed).then(|| text.into_owned())
        }
    }
}

fn refuse(problems: Vec<(usize, Problem)>) -> ServerError {
    AppError::from(Problem::Lines(problems)).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_in_utf8_and_gbk_and_lists_bad_lines() {
        let text = "行政区划代码,名称,级别,上级代码\n450101,甲县,县,\n450101001,乙镇,乡镇,450101\n12,丙村,村庄,450101001\n";
        let problems = parse(text.as_bytes()).unwrap_err();
        assert_eq!(
            problems,
            [(4, Problem::RegionCodeFormat { code: "12".into() })]
        );
        let good = text.replace("12,丙村,村庄", "450101001201,丙村,村");
        let (gbk, _, _) = encoding_rs::GBK.encode(&good);
        let rows = parse(&gbk).unwrap();
        assert_eq!(rows[2].level, RegionLevel::Village);
        assert_eq!(rows[2].parent_code.as_deref(), Some("450101001"));
    }

    #[test]
    fn names_missing_columns_and_wrong_parents() {
        let missing = parse("名称\n甲\n".as_bytes()).unwrap_err();
        let columns = vec!["行政区划代码".to_string(), "级别".into(), "上级代码".into()];
        assert_eq!(missing, [(1, Problem::MissingColumns { columns })]);
        let known = HashMap::from([(
            "450101".to_string(),
            (Some(1), RegionLevel::County, "甲县".to_string()),
        )]);
        let village = RegionLine {
            line: 3,
            code: "450101001201".into(),
            name: "丙村".into(),
            level: RegionLevel::Village,
            parent_code: Some("450101".into()),
        };
        let expected = Problem::ParentLevel {
            level: RegionLevel::Village,
            parent: RegionLevel::Township,
        };
        assert_eq!(plan(&village, &known).unwrap_err(), expected);
        let again = RegionLine {
            line: 2,
            code: "450101".into(),
            name: "甲县".into(),
            level: RegionLevel::County,
            parent_code: None,
        };
        assert_eq!(plan(&again, &known), Ok(false));
    }
}
