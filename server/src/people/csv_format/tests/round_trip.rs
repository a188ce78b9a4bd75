//! Tests of writing: exports read back to the same records in both encodings, survive Excel's
//! habits, and a large file reads quickly.

use std::fmt::Write as _;
use std::time::Instant;

use super::*;
use crate::people::id_number::IdNumber;
use crate::people::record::HouseholdRecord;

/// Every member of `households`, as the export service would pass them.
fn export_all(households: &[HouseholdRecord]) -> Vec<ExportMember<'_>> {
    households
        .iter()
        .flat_map(|household| {
            household.members.iter().map(move |member| ExportMember {
                household_number: &household.number,
                village: &household.village,
                name: &member.name,
                gender: member.gender,
                birth_year: member.birth_year,
                relation: member.relation,
                id_number: member.id_number.as_ref().map(IdNumber::expose),
                phone: member.phone.as_deref(),
                education: member.education.as_deref(),
                skills: member.skills.as_deref(),
                target_group: member.target_group,
                poverty: household.poverty,
            })
        })
        .collect()
}

#[test]
fn written_files_read_back_to_the_same_records_in_both_encodings() {
    let sample = parse(SAMPLE.as_bytes(), Encoding::Auto);
    assert_eq!(errors(&sample), vec![]);
    for (encoding, name) in [(Encoding::Utf8, "UTF-8"), (Encoding::Gbk, "GBK")] {
        let written = write(export_all(&sample.households), encoding);
        assert_eq!(
            written.starts_with(b"\xEF\xBB\xBF"),
            encoding == Encoding::Utf8
        );
        let read = parse(&written, Encoding::Auto);
        assert_eq!(errors(&read), vec![], "{encoding:?}");
        assert_eq!(read.encoding, name);
        assert_eq!(read.households, sample.households, "{encoding:?}");
        assert_eq!(
            write(export_all(&read.households), encoding),
            written,
            "{encoding:?}"
        );
    }
}

#[test]
fn writes_the_header_and_rows_excel_keeps_as_text() {
    let sample = parse(SAMPLE.as_bytes(), Encoding::Auto);
    let written = write(export_all(&sample.households), Encoding::Auto);
    let text = String::from_utf8_lossy(&written[3..]).into_owned();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines[0], HEADERS.join(","));
    assert_eq!(
        lines[1],
        "HN-001\t,450103001001\t,韦国强,男,1975,户主,450103197503121235\t,13812345678\t,\
         初中,\"种植,养殖\",建档立卡户,低保户,因病"
    );
    assert_eq!(lines[4], "HN-002\t,那坡村,李明,男,1995,户主,451026199508081315\t,13912345678\t,高中,电商运营,返乡人员,,");
    assert_eq!((lines.len(), lines[5]), (6, ""));
    let gbk_bytes = write(export_all(&sample.households), Encoding::Gbk);
    assert!(gbk_bytes.starts_with(&gbk("户编号,村")));
}

#[test]
fn formula_like_text_is_written_behind_an_apostrophe_and_read_back_whole() {
    let member = ExportMember {
        household_number: "-12",
        village: "=村",
        name: "@韦",
        gender: Gender::Female,
        birth_year: None,
        relation: Relation::Head,
        id_number: None,
        phone: None,
        education: Some("+初中"),
        skills: Some("=HYPERLINK(\"http://x\",\"点\")"),
        target_group: TargetGroup::Other,
        poverty: None,
    };
    let written = write([member.clone()], Encoding::Utf8);
    let text = String::from_utf8_lossy(&written);
    assert!(
        text.contains(
            "'-12\t,'=村,'@韦,女,,户主,,,'+初中,\"'=HYPERLINK(\"\"http://x\"\",\"\"点\"\")\""
        ),
        "{text}"
    );
    let read = parse(&written, Encoding::Auto);
    assert_eq!(errors(&read), vec![]);
    let household = &read.households[0];
    assert_eq!(
        (household.number.as_str(), household.village.as_str()),
        ("-12", "=村")
    );
    let person = &household.members[0];
    assert_eq!(person.name, "@韦");
    assert_eq!(person.education.as_deref(), Some("+初中"));
    assert_eq!(person.skills.as_deref(), member.skills);
}

/// A file of `members` rows in households of four, each member with a valid, distinct
/// identity number whose birth year matches the 出生年份 column.
fn large_file(members: usize) -> String {
    let mut text = HEADERS.join(",") + "\n";
    for i in 0..members {
        let (year, month, day, sequence) =
            (1950 + i % 50, 1 + i / 50 % 12, 1 + i / 600 % 28, i / 16_800);
        let id = with_check(&format!("450103{year}{month:02}{day:02}{sequence:03}"));
        let relation = if i % 4 == 0 { "户主" } else { "子女" };
        let household = i / 4;
        let _ = writeln!(
            text,
            "HN-{household:06},450103001001,成员{i},女,{year},{relation},{id},13800000000,初中,种植,其他,,"
        );
    }
    text
}

#[test]
fn reads_a_hundred_thousand_members() {
    let text = large_file(100_000);
    for sample in text.lines().skip(1).step_by(9_973) {
        let id = sample.split(',').nth(6).unwrap_or_default();
        assert!(IdNumber::parse(id).is_ok(), "{id}");
    }
    let started = Instant::now();
    let parsed = parse(text.as_bytes(), Encoding::Auto);
    let elapsed = started.elapsed();
    eprintln!(
        "parsed {} bytes, {} rows in {elapsed:?}",
        text.len(),
        parsed.rows
    );
    assert_eq!(parsed.errors.first(), None);
    assert_eq!((parsed.rows, parsed.households.len()), (100_000, 25_000));
    let last = &parsed.households[24_999];
    assert_eq!((last.number.as_str(), last.line), ("HN-024999", 99_998));
    assert_eq!(last.members.len(), 4);
    assert_eq!(last.members[3].line, 100_001);
}
