//! The header row: which column holds which field (columns may come in any order), and reading a
//! cell of a row by field.

use csv::StringRecord;

use super::{RowError, RowProblem, HEADERS};

/// The fields of a row, in `HEADERS` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Column {
    Number,
    Village,
    Name,
    Gender,
    BirthYear,
    Relation,
    IdNumber,
    Phone,
    Education,
    Skills,
    TargetGroup,
    PovertyType,
    PovertyCause,
}

impl Column {
    pub fn header(self) -> &'static str {
        HEADERS[self as usize]
    }
}

/// Where each field is in the file's rows.
pub(super) struct Columns {
    positions: [usize; HEADERS.len()],
    width: usize,
    /// Columns with a blank header: Excel writes them for cells that were once touched, so they
    /// are tolerated as long as they stay empty.
    unnamed: Vec<usize>,
}

/// Unknown column names listed; a header with more is wrong anyway.
const UNKNOWN_NAMES_SHOWN: usize = 20;

impl Columns {
    /// Matches the header row's trimmed names to the known fields; reports every missing,
    /// repeated and unknown column at once so one correction fixes the header.
    pub fn from_header(record: &StringRecord, line: usize) -> Result<Columns, Vec<RowError>> {
        let mut positions = [None; HEADERS.len()];
        let (mut unknown, mut repeated, mut unnamed) = (Vec::new(), Vec::new(), Vec::new());
        for (index, raw) in record.iter().enumerate() {
            // A byte order mark can survive when a UTF-8 file is read as GBK or saved twice.
            let name = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
            match HEADERS.iter().position(|header| *header == name) {
                _ if name.is_empty() => unnamed.push(index),
                // A header of a million junk columns must not become a million names.
                None if unknown.len() < UNKNOWN_NAMES_SHOWN => unknown.push(name.to_string()),
                None => {}
                Some(field) => match positions[field] {
                    Some(first) => repeated.push(RowProblem::RepeatedColumn {
                        name: name.to_string(),
                        first: first + 1,
                        second: index + 1,
                    }),
                    None => positions[field] = Some(index),
                },
            }
        }
        let missing: Vec<&str> = HEADERS
            .iter()
            .zip(positions)
            .filter(|(_, position)| position.is_none())
            .map(|(header, _)| *header)
            .collect();
        let problems = header_problems(&missing, unknown, repeated);
        if !problems.is_empty() {
            let to_error = |problem| RowError::new(line, problem);
            return Err(problems.into_iter().map(to_error).collect());
        }
        let positions = positions.map(|position| position.unwrap_or_default());
        let width = record.len();
        Ok(Columns {
            positions,
            width,
            unnamed,
        })
    }

    /// The number of fields every row must have: the header's.
    pub fn width(&self) -> usize {
        self.width
    }

    pub fn width_error(&self, fields: usize, line: usize) -> RowError {
        let columns = self.width;
        RowError::new(line, RowProblem::FieldCount { fields, columns })
    }

    /// A field's cell, trimmed, without the apostrophe exports put before formula-like text.
    pub fn value<'r>(&self, record: &'r StringRecord, column: Column) -> &'r str {
        let text = record
            .get(self.positions[column as usize])
            .unwrap_or_default()
            .trim();
        unescape_formula(text)
    }

    /// Cells with content in columns that have no header: `(1-based column, content)`.
    pub fn stray_cells<'r>(
        &'r self,
        record: &'r StringRecord,
    ) -> impl Iterator<Item = (usize, &'r str)> + 'r {
        self.unnamed.iter().filter_map(move |&index| {
            let text = record.get(index).unwrap_or_default().trim();
            (!text.is_empty()).then_some((index + 1, text))
        })
    }
}

fn header_problems(
    missing: &[&str],
    unknown: Vec<String>,
    repeated: Vec<RowProblem>,
) -> Vec<RowProblem> {
    let mut problems = Vec::new();
    if !missing.is_empty() {
        problems.push(RowProblem::MissingColumns {
            missing: missing.iter().map(|name| name.to_string()).collect(),
            header: HEADERS.join(","),
        });
    }
    if !unknown.is_empty() {
        problems.push(RowProblem::UnknownColumns { names: unknown });
    }
    problems.extend(repeated);
    problems
}

/// Text cells that start like a formula are exported behind an apostrophe so a spreadsheet
/// does not run them (CSV injection); Excel never writes such an apostrophe into a CSV file
/// itself, so taking it off on import restores exactly what was exported.
pub(super) fn unescape_formula(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => text,
    }
}

/// The first characters that make a spreadsheet read a cell as a formula.
pub(super) const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
