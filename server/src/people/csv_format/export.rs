//! Writing households and members in the import format, so an export can be edited in Excel
//! and imported again.

use std::borrow::Cow;

use super::header::FORMULA_STARTS;
use super::{Encoding, HEADERS};
use crate::people::record::{Gender, PovertyCause, PovertyType, Relation, TargetGroup};

/// One exported row per member; `id_number` given in full (exports are audited by the caller).
/// Deliberately not `Debug`, so the full number cannot reach a log by accident.
#[derive(Clone)]
pub struct ExportMember<'a> {
    pub household_number: &'a str,
    pub village: &'a str,
    pub name: &'a str,
    pub gender: Gender,
    pub birth_year: Option<i32>,
    pub relation: Relation,
    pub id_number: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub education: Option<&'a str>,
    pub skills: Option<&'a str>,
    pub target_group: TargetGroup,
    pub poverty: Option<(PovertyType, PovertyCause)>,
}

/// Writes the header and one row per member. UTF-8 output starts with a byte order mark, without
/// which Excel reads it as GBK; GBK output suits older Excel versions, and characters GBK lacks
/// become `&#NNNNN;` references. `Auto` writes UTF-8.
pub fn write<'a>(
    members: impl IntoIterator<Item = ExportMember<'a>>,
    encoding: Encoding,
) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into memory cannot fail, and every row has the header's thirteen fields, the
    // only other thing the csv crate checks: these `expect`s cannot fire.
    writer
        .write_record(HEADERS)
        .expect("writing CSV into memory");
    for member in members {
        let cells = cells(&member);
        let fields = cells.iter().map(|cell| cell.as_bytes());
        writer
            .write_record(fields)
            .expect("writing CSV into memory");
    }
    let body = writer.into_inner().expect("writing CSV into memory");
    match encoding {
        Encoding::Auto | Encoding::Utf8 => [b"\xEF\xBB\xBF".as_slice(), &body].concat(),
        Encoding::Gbk => {
            let text = String::from_utf8_lossy(&body);
            encoding_rs::GBK.encode(&text).0.into_owned()
        }
    }
}

fn cells<'m>(member: &'m ExportMember<'_>) -> [Cow<'m, str>; HEADERS.len()] {
    let (kind, cause) = member
        .poverty
        .map_or(("", ""), |(kind, cause)| (kind.label(), cause.label()));
    let birth_year = member.birth_year.map(|year| year.to_string());
    [
        keep_as_text(member.household_number),
        keep_as_text(member.village),
        safe_text(member.name),
        Cow::Borrowed(member.gender.label()),
        Cow::Owned(birth_year.unwrap_or_default()),
        Cow::Borrowed(member.relation.label()),
        keep_as_text(member.id_number.unwrap_or_default()),
        keep_as_text(member.phone.unwrap_or_default()),
        safe_text(member.education.unwrap_or_default()),
        safe_text(member.skills.unwrap_or_default()),
        Cow::Borrowed(member.target_group.label()),
        Cow::Borrowed(kind),
        Cow::Borrowed(cause),
    ]
}

/// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) goes behind an
/// apostrophe, which the import takes off again.
fn safe_text(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Excel turns digits into numbers when it opens a CSV file: identity numbers lose their last
/// digits, codes their leading zeros, and `3-12` becomes a date. A trailing tab makes it keep
/// the cell as text; the import trims it off.
fn keep_as_text(text: &str) -> Cow<'_, str> {
    let safe = safe_text(text);
    if text.bytes().any(|b| b.is_ascii_digit()) {
        Cow::Owned(format!("{safe}\t"))
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_kept_as_text() {
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd"] {
            assert!(safe_text(cell).starts_with('\''), "{cell:?}");
        }
        assert_eq!(safe_text("王大姐"), "王大姐");
    }
}
