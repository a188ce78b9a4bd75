//! Tests of the CSV format: shared helpers and the file-level checks (encodings, header, blank
//! lines); row and household rules are in `tests/rows.rs`, writing in `tests/round_trip.rs`.

mod bounds;
mod round_trip;
mod rows;

use super::header::Column;
use super::*;
use crate::people::record::{Gender, PovertyCause, PovertyType, Relation, TargetGroup};

/// The sample file: two households, one a registered poor household of three.
const SAMPLE: &str = include_str!("../testdata/households.csv");

/// Builds a valid identity number from its first 17 digits by computing the check character.
fn with_check(first17: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = first17
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).expect("digit") * w)
        .sum();
    format!("{first17}{}", CHECK[(sum % 11) as usize])
}

/// A valid member row of household `number` with every optional cell blank.
fn member(number: &str, name: &str, relation: &str) -> Vec<String> {
    let mut row = vec![String::new(); HEADERS.len()];
    for (column, value) in [
        (Column::Number, number),
        (Column::Village, "450103001001"),
        (Column::Name, name),
        (Column::Gender, "男"),
        (Column::Relation, relation),
        (Column::TargetGroup, "其他"),
    ] {
        row[column as usize] = value.to_string();
    }
    row
}

fn with(mut row: Vec<String>, column: Column, value: &str) -> Vec<String> {
    row[column as usize] = value.to_string();
    row
}

/// A UTF-8 file of the header and `rows`, lines 2 onwards.
fn file(rows: &[Vec<String>]) -> String {
    let mut text = HEADERS.join(",") + "\n";
    for row in rows {
        text.push_str(&row.join(","));
        text.push('\n');
    }
    text
}

fn parse_rows(rows: &[Vec<String>]) -> Parsed {
    parse(file(rows).as_bytes(), Encoding::Auto)
}

/// The errors as `(line, Chinese message)`, for comparing (leaked: a test's few strings).
fn errors(parsed: &Parsed) -> Vec<(usize, &'static str)> {
    parsed
        .errors
        .iter()
        .map(|error| (error.line, &*Box::leak(error.message().into_boxed_str())))
        .collect()
}

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "test text must be encodable in GBK");
    bytes.into_owned()
}

#[test]
fn reads_a_utf8_file_with_a_byte_order_mark() {
    let bytes = [b"\xEF\xBB\xBF".as_slice(), SAMPLE.as_bytes()].concat();
    let parsed = parse(&bytes, Encoding::Auto);
    assert_eq!(errors(&parsed), vec![]);
    assert_eq!((parsed.rows, parsed.encoding), (4, "UTF-8"));
    let [poor, other] = parsed.households.as_slice() else {
        panic!("two households expected: {:?}", parsed.households);
    };
    assert_eq!(
        (poor.line, poor.number.as_str(), poor.village.as_str()),
        (2, "HN-001", "450103001001")
    );
    assert_eq!(
        poor.poverty,
        Some((PovertyType::Subsistence, PovertyCause::Illness))
    );
    let lines: Vec<usize> = poor.members.iter().map(|m| m.line).collect();
    assert_eq!(lines, vec![2, 3, 4]);
    let head = &poor.members[0];
    assert_eq!(
        (head.name.as_str(), head.gender, head.relation),
        ("韦国强", Gender::Male, Relation::Head)
    );
    assert_eq!(head.birth_year, Some(1975));
    assert_eq!(
        head.id_number.as_ref().map(|id| id.expose()),
        Some("450103197503121235")
    );
    assert_eq!(
        head.phone.as_deref(),
        Some("13812345678"),
        "spaces are taken out"
    );
    assert_eq!(
        head.skills.as_deref(),
        Some("种植,养殖"),
        "a quoted comma stays in the cell"
    );
    assert_eq!(poor.members[2].relation, Relation::Child);
    assert_eq!(poor.members[2].education, None);
    assert_eq!(
        (other.line, other.village.as_str(), other.poverty),
        (5, "那坡村", None)
    );
    assert_eq!(other.members[0].target_group, TargetGroup::Returnee);
}

#[test]
fn reads_gbk_bytes_automatically_and_when_asked() {
    let utf8 = parse(SAMPLE.as_bytes(), Encoding::Auto);
    let bytes = gbk(SAMPLE);
    for encoding in [Encoding::Auto, Encoding::Gbk] {
        let parsed = parse(&bytes, encoding);
        assert_eq!(errors(&parsed), vec![], "{encoding:?}");
        assert_eq!(parsed.encoding, "GBK");
        assert_eq!(parsed.households, utf8.households, "{encoding:?}");
    }
}

#[test]
fn utf8_requested_for_gbk_bytes_names_the_line_and_suggests_gbk() {
    let mut lines = SAMPLE.lines();
    let head = format!(
        "{}\n{}\n",
        lines.next().unwrap_or_default(),
        lines.next().unwrap_or_default()
    );
    let bytes = [head.as_bytes(), &gbk(lines.next().unwrap_or_default())].concat();
    let parsed = parse(&bytes, Encoding::Utf8);
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(parsed.errors[0].line, 3);
    assert!(
        parsed.errors[0].message().contains("不是UTF-8"),
        "{:?}",
        parsed.errors
    );
    assert!(parsed.errors[0].message().contains("请把编码选为GBK"));
    assert!(parsed.households.is_empty());
}

#[test]
fn rejects_bytes_that_are_neither_utf8_nor_gbk() {
    let bytes = [SAMPLE.as_bytes(), b"HN-003,\xFF\xFF,x\n"].concat();
    let parsed = parse(&bytes, Encoding::Auto);
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    assert_eq!(parsed.errors[0].line, 6);
    assert!(parsed.errors[0]
        .message()
        .starts_with("文件既不是UTF-8也不是GBK编码（从这一行起无法识别）"));
    assert!(parsed.households.is_empty());
    let bytes = [gbk(SAMPLE).as_slice(), b"HN-003,\xFF\xFF,x\n"].concat();
    let parsed = parse(&bytes, Encoding::Gbk);
    assert_eq!(parsed.errors[0].line, 6);
    assert!(parsed.errors[0].message().contains("无法按GBK编码识别"));
    let parsed = parse(b"\xFF\xFEa\x00", Encoding::Auto);
    assert!(parsed.errors[0].message().contains("UTF-16"));
}

#[test]
fn lists_every_missing_column_at_once() {
    let header: Vec<&str> = HEADERS
        .iter()
        .copied()
        .filter(|h| !["性别", "手机号", "主要致贫原因"].contains(h))
        .collect();
    let parsed = parse(format!("{}\n", header.join(",")).as_bytes(), Encoding::Auto);
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(parsed.errors[0].line, 1);
    assert!(
        parsed.errors[0]
            .message()
            .starts_with("表头缺少这些列：性别、手机号、主要致贫原因。"),
        "{:?}",
        parsed.errors
    );
}

#[test]
fn reports_unknown_and_repeated_columns() {
    let header = format!("{},备注,姓名", HEADERS.join(","));
    let parsed = parse(header.as_bytes(), Encoding::Auto);
    let messages = errors(&parsed);
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert_eq!(messages[0].0, 1);
    assert!(messages[0].1.starts_with("表头有无法识别的列：“备注”；"));
    assert_eq!(
        messages[1],
        (1, "列“姓名”出现了两次（第3列和第15列），请只保留一列")
    );
}

#[test]
fn accepts_columns_in_any_order_with_spaces_around_names() {
    let rows = [
        with(member("H1", "甲", "户主"), Column::Phone, "13800000000"),
        member("H1", "乙", "配偶"),
    ];
    // Reverse the header and every row, so each cell stays under its own name.
    let header: Vec<String> = HEADERS.iter().rev().map(|h| format!(" {h} ")).collect();
    let mut text = header.join(",");
    for row in &rows {
        let cells: Vec<&str> = row.iter().rev().map(String::as_str).collect();
        text.push('\n');
        text.push_str(&cells.join(","));
    }
    let parsed = parse(text.as_bytes(), Encoding::Auto);
    assert_eq!(errors(&parsed), vec![]);
    let members = &parsed.households[0].members;
    assert_eq!(
        (members[0].name.as_str(), members[1].name.as_str()),
        ("甲", "乙")
    );
    assert_eq!(members[0].phone.as_deref(), Some("13800000000"));
}

#[test]
fn skips_blank_lines_and_counts_lines_past_them() {
    let rows = [member("H1", "甲", "户主"), member("H2", "乙", "户主")];
    // Lines: 1 header, 2 甲, 3 empty, 4 empty cells, 5 empty, 6 乙, 7 empty cells.
    let mut text = file(&rows[..1]);
    text.push_str("\r\n,,,, ,\r\n\n");
    text.push_str(&rows[1].join(","));
    text.push_str("\r\n,,\r\n");
    let parsed = parse(text.as_bytes(), Encoding::Auto);
    assert_eq!(errors(&parsed), vec![]);
    assert_eq!(parsed.rows, 2);
    let lines: Vec<usize> = parsed.households.iter().map(|h| h.line).collect();
    assert_eq!(lines, vec![2, 6]);
}

#[test]
fn reports_empty_files_and_files_without_members() {
    let parsed = parse(b"", Encoding::Auto);
    assert_eq!(errors(&parsed), vec![(0, "文件是空的，没有表头和数据")]);
    let parsed = parse(file(&[]).as_bytes(), Encoding::Auto);
    assert_eq!(errors(&parsed), vec![(0, "文件只有表头，没有成员数据")]);
}

#[test]
fn never_panics_on_odd_input() {
    let header = HEADERS.join(",");
    let inputs: Vec<Vec<u8>> = vec![
        b"\xEF\xBB\xBF".to_vec(),
        b"\"unterminated,\n\n\"".to_vec(),
        format!("{header}\n\"HN-1,\"\"\n").into_bytes(),
        format!("{header}\nHN-1,{}\n", "长".repeat(100_000)).into_bytes(),
        format!("{header}\n\r\r\r,,\u{3000}\n").into_bytes(),
        (0..=255u8).collect(),
    ];
    for input in inputs {
        for encoding in [Encoding::Auto, Encoding::Utf8, Encoding::Gbk] {
            let parsed = parse(&input, encoding);
            assert!(!parsed.errors.is_empty(), "{input:?} {encoding:?}");
        }
    }
}

#[test]
fn reads_encoding_names() {
    assert_eq!(Encoding::parse(" UTF-8 "), Some(Encoding::Utf8));
    assert_eq!(Encoding::parse("utf8"), Some(Encoding::Utf8));
    assert_eq!(Encoding::parse("GBK"), Some(Encoding::Gbk));
    assert_eq!(Encoding::parse("auto"), Some(Encoding::Auto));
    assert_eq!(Encoding::parse("latin1"), None);
}
