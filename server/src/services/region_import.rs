//! Importing regions from a CSV file (admins): columns 行政区划代码, 名称, 级别, 上级代码, in UTF-8
//! or GBK. Parents come before children (from the database or earlier rows). Rows whose code is
//! already stored with the same name are skipped, so a file can be imported again; any other
//! problem refuses the whole file with every bad line listed.

use std::collections::HashMap;

use app::backend::{Actor, Role};
use app::error::AppError;

use super::authz;
use crate::error::ServerError;
use crate::store::regions::insert_region;
use crate::store::Store;

const COLUMNS: [&str; 4] = ["行政区划代码", "名称", "级别", "上级代码"];

/// One row, checked on its own.
#[derive(Debug, PartialEq, Eq)]
pub struct RegionLine {
    pub line: usize,
    pub code: String,
    pub name: String,
    pub level: &'static str,
    pub parent_code: Option<String>,
}

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
    // code → (id, level, name) of every region known so far.
    let mut known: HashMap<String, (Option<i64>, &'static str, String)> = HashMap::new();
    for region in &existing {
        if let (Some(code), Some(level)) = (&region.code, level_of(&region.level)) {
            known.insert(code.clone(), (Some(region.id), level, region.name.clone()));
        }
    }
    let mut errors = Vec::new();
    let mut new_rows = Vec::new();
    for row in &rows {
        match plan(row, &known) {
            Ok(true) => {
                known.insert(row.code.clone(), (None, row.level, row.name.clone()));
                new_rows.push(row);
            }
            Ok(false) => {}
            Err(message) => errors.push(format!("第{}行：{message}", row.line)),
        }
    }
    if !errors.is_empty() {
        return Err(refuse(errors));
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
    authz::audit(
        store,
        user,
        "imported_regions",
        "regions.csv",
        None,
        &detail,
    )
    .await?;
    Ok(new_rows.len())
}

/// Whether the row is new (true), already stored (false), or wrong.
fn plan(
    row: &RegionLine,
    known: &HashMap<String, (Option<i64>, &'static str, String)>,
) -> Result<bool, String> {
    if let Some((_, level, name)) = known.get(&row.code) {
        if *level == row.level && *name == row.name {
            return Ok(false);
        }
        return Err(format!("代码{}已经是“{name}”，与这一行不同", row.code));
    }
    let expected_parent = match row.level {
        "county" => None,
        "township" => Some("county"),
        _ => Some("township"),
    };
    let parent_level = match &row.parent_code {
        Some(code) => match known.get(code) {
            Some((_, level, _)) => Some(*level),
            None => return Err(format!("上级代码{code}找不到；上级要写在下级前面")),
        },
        None => None,
    };
    if parent_level != expected_parent {
        return Err(match expected_parent {
            None => "县级区域不填上级代码".into(),
            Some("county") => "乡镇的上级必须是县".into(),
            _ => "村的上级必须是乡镇".into(),
        });
    }
    Ok(true)
}

/// Reads the rows; every bad line is listed.
pub fn parse(bytes: &[u8]) -> Result<Vec<RegionLine>, Vec<String>> {
    let text = decode(bytes).ok_or_else(|| vec!["文件不是 UTF-8 或 GBK 编码的 CSV".to_string()])?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(_) => return Err(vec!["读不出表头".into()]),
    };
    let position = |name: &str| header.iter().position(|h| h == name);
    let missing: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .filter(|c| position(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(vec![format!("缺少列：{}", missing.join("、"))]);
    }
    let columns: Vec<usize> = COLUMNS.iter().filter_map(|c| position(c)).collect();
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let Ok(record) = record else {
            errors.push(format!("第{line}行：读不出这一行"));
            continue;
        };
        let cell = |i: usize| record.get(columns[i]).unwrap_or("").trim().to_string();
        if (0..4).all(|i| cell(i).is_empty()) {
            continue;
        }
        match line_of(line, [cell(0), cell(1), cell(2), cell(3)]) {
            Ok(row) => rows.push(row),
            Err(message) => errors.push(format!("第{line}行：{message}")),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

fn line_of(line: usize, [code, name, level, parent]: [String; 4]) -> Result<RegionLine, String> {
    if !(6..=12).contains(&code.len()) || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("行政区划代码“{code}”应为6到12位数字"));
    }
    if name.is_empty() || name.chars().count() > 40 {
        return Err("名称不能为空，最多40个字".into());
    }
    let level =
        level_of(&level).ok_or_else(|| format!("级别“{level}”无法识别，请填 县、乡镇 或 村"))?;
    let parent_code = Some(parent).filter(|p| !p.is_empty());
    Ok(RegionLine {
        line,
        code,
        name,
        level,
        parent_code,
    })
}

fn level_of(text: &str) -> Option<&'static str> {
    match text {
        "county" | "县" | "区" | "县级" | "县（区）" => Some("county"),
        "township" | "乡" | "镇" | "乡镇" | "街道" => Some("township"),
        "village" | "村" | "社区" | "村（社区）" => Some("village"),
        _ => None,
    }
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

fn refuse(errors: Vec<String>) -> ServerError {
    AppError::Invalid(errors.join("；")).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_in_utf8_and_gbk_and_lists_bad_lines() {
        let text = "行政区划代码,名称,级别,上级代码\n450101,甲县,县,\n450101001,乙镇,乡镇,450101\n12,丙村,村庄,450101001\n";
        let rows = parse(text.as_bytes()).unwrap_err();
        assert_eq!(rows.len(), 1);
        assert!(rows[0].starts_with("第4行：行政区划代码“12”"), "{rows:?}");
        let good = text.replace("12,丙村,村庄", "450101001201,丙村,村");
        let (gbk, _, _) = encoding_rs::GBK.encode(&good);
        let rows = parse(&gbk).unwrap();
        assert_eq!(rows[2].level, "village");
        assert_eq!(rows[2].parent_code.as_deref(), Some("450101001"));
    }

    #[test]
    fn names_missing_columns_and_wrong_parents() {
        assert_eq!(
            parse("名称\n甲\n".as_bytes()).unwrap_err(),
            ["缺少列：行政区划代码、级别、上级代码"]
        );
        let known = HashMap::from([(
            "450101".to_string(),
            (Some(1), "county", "甲县".to_string()),
        )]);
        let village = RegionLine {
            line: 3,
            code: "450101001201".into(),
            name: "丙村".into(),
            level: "village",
            parent_code: Some("450101".into()),
        };
        assert_eq!(plan(&village, &known).unwrap_err(), "村的上级必须是乡镇");
        let again = RegionLine {
            line: 2,
            code: "450101".into(),
            name: "甲县".into(),
            level: "county",
            parent_code: None,
        };
        assert_eq!(plan(&again, &known), Ok(false));
    }
}
