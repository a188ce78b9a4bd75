//! One member row: reading and validating each cell, and the rules between cells of the same
//! row (birth year against the identity number, poverty type against its cause).

use std::time::{SystemTime, UNIX_EPOCH};

use csv::StringRecord;

use super::header::{Column, Columns};
use super::{ErrorList, RowError, RowProblem};
use crate::people::id_number::{IdNumber, IdNumberError};
use crate::people::record::{
    Gender, MemberRecord, PovertyCause, PovertyType, Relation, TargetGroup,
};

/// A cell that may be left blank.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cell<T> {
    Blank,
    Value(T),
    /// Filled in but not valid (already reported).
    Invalid,
}

impl<T> Cell<T> {
    /// The cell's value, or `None` when it is invalid.
    pub fn known(self) -> Option<Option<T>> {
        match self {
            Cell::Blank => Some(None),
            Cell::Value(value) => Some(Some(value)),
            Cell::Invalid => None,
        }
    }
}

/// A row as read; a `None` or `Cell::Invalid` field was invalid and has been reported.
pub(super) struct Row {
    pub line: usize,
    pub number: Option<String>,
    pub village: Option<String>,
    pub name: Option<String>,
    pub gender: Option<Gender>,
    pub birth_year: Cell<i32>,
    pub relation: Option<Relation>,
    pub id_number: Cell<IdNumber>,
    pub phone: Cell<String>,
    pub education: Cell<String>,
    pub skills: Cell<String>,
    pub target_group: Option<TargetGroup>,
    pub poverty_type: Cell<PovertyType>,
    pub poverty_cause: Cell<PovertyCause>,
    /// No problem was found in the row (household rules may still find one).
    pub clean: bool,
}

impl Row {
    /// The member, when the row has no problem.
    pub fn into_member(self) -> Option<MemberRecord> {
        if !self.clean {
            return None;
        }
        Some(MemberRecord {
            line: self.line,
            name: self.name?,
            gender: self.gender?,
            birth_year: self.birth_year.known()?,
            relation: self.relation?,
            id_number: self.id_number.known()?,
            phone: self.phone.known()?,
            education: self.education.known()?,
            skills: self.skills.known()?,
            target_group: self.target_group?,
        })
    }
}

/// Collects one row's problems.
pub(super) struct Problems<'e> {
    line: usize,
    list: &'e mut ErrorList,
}

impl Problems<'_> {
    fn push(&mut self, problem: RowProblem) {
        self.list.push(RowError::new(self.line, problem));
    }
}

/// Reads and checks every cell of a data row, reporting each problem separately.
pub(super) fn read_row(
    record: &StringRecord,
    columns: &Columns,
    line: usize,
    current_year: i32,
    errors: &mut ErrorList,
) -> Row {
    let before = errors.count();
    let out = &mut Problems { line, list: errors };
    let cells = Cells { record, columns };
    let mut row = Row {
        line,
        number: household_number(cells.text(Column::Number), out),
        village: village(cells.text(Column::Village), out),
        name: name(cells.text(Column::Name), out),
        gender: cells.required(Column::Gender, out),
        birth_year: birth_year(cells.text(Column::BirthYear), current_year, out),
        relation: cells.required(Column::Relation, out),
        id_number: id_number(cells.text(Column::IdNumber), out),
        phone: phone(cells.text(Column::Phone), out),
        education: cells.limited(Column::Education, 20, out),
        skills: cells.limited(Column::Skills, 100, out),
        target_group: cells.required(Column::TargetGroup, out),
        poverty_type: cells.optional(Column::PovertyType, out),
        poverty_cause: cells.optional(Column::PovertyCause, out),
        clean: false,
    };
    // The stray text is not repeated: it may be an identity number typed one column off.
    for (position, _) in columns.stray_cells(record) {
        out.push(RowProblem::StrayCell { position });
    }
    check_between_cells(&row, out);
    row.clean = out.list.count() == before;
    row
}

/// The closed vocabularies a cell can hold, read by their Chinese labels.
trait Vocabulary: Sized {
    fn from_label(text: &str) -> Option<Self>;
    fn labels() -> String;
}

macro_rules! impl_vocabulary {
    ($($name:ident),+) => {$(
        impl Vocabulary for $name {
            fn from_label(text: &str) -> Option<Self> {
                $name::from_label(text)
            }
            fn labels() -> String {
                $name::labels()
            }
        }
    )+};
}

impl_vocabulary!(Gender, Relation, TargetGroup, PovertyType, PovertyCause);

/// The cells of one row, by field.
struct Cells<'r> {
    record: &'r StringRecord,
    columns: &'r Columns,
}

impl<'r> Cells<'r> {
    fn text(&self, column: Column) -> &'r str {
        self.columns.value(self.record, column)
    }

    /// A cell that must hold one of a vocabulary's labels.
    fn required<T: Vocabulary>(&self, column: Column, out: &mut Problems) -> Option<T> {
        let (column, text) = (column.header().to_string(), self.text(column));
        let labels = T::labels();
        if text.is_empty() {
            out.push(RowProblem::BlankChoice { column, labels });
            return None;
        }
        let value = T::from_label(text);
        if value.is_none() {
            let text = text.to_string();
            let blank_ok = false;
            out.push(RowProblem::NotAChoice {
                column,
                text,
                labels,
                blank_ok,
            });
        }
        value
    }

    /// A cell that is blank or one of a vocabulary's labels.
    fn optional<T: Vocabulary>(&self, column: Column, out: &mut Problems) -> Cell<T> {
        let (header, text) = (column.header(), self.text(column));
        if text.is_empty() {
            return Cell::Blank;
        }
        match T::from_label(text) {
            Some(value) => Cell::Value(value),
            None => {
                out.push(RowProblem::NotAChoice {
                    column: header.to_string(),
                    text: text.to_string(),
                    labels: T::labels(),
                    blank_ok: true,
                });
                Cell::Invalid
            }
        }
    }

    /// Free text with a length limit, counted in characters.
    fn limited(&self, column: Column, limit: usize, out: &mut Problems) -> Cell<String> {
        let (header, text) = (column.header(), self.text(column));
        let length = text.chars().count();
        if text.is_empty() {
            Cell::Blank
        } else if length > limit {
            out.push(too_long(header, limit, length));
            Cell::Invalid
        } else {
            Cell::Value(text.to_string())
        }
    }
}

fn check_between_cells(row: &Row, out: &mut Problems) {
    if let (Cell::Value(year), Cell::Value(id)) = (&row.birth_year, &row.id_number) {
        // A valid number is 18 ASCII characters, digits 7 to 10 being the birth year.
        let from_id = id.expose().get(6..10).unwrap_or_default();
        if from_id != year.to_string() {
            out.push(RowProblem::BirthYearMismatch {
                year: *year,
                from_id: from_id.to_string(),
            });
        }
    }
    match (row.poverty_type, row.poverty_cause) {
        (Cell::Value(_), Cell::Blank) => out.push(RowProblem::CauseMissing {
            labels: PovertyCause::labels(),
        }),
        (Cell::Blank, Cell::Value(_)) => out.push(RowProblem::CauseWithoutType {
            labels: PovertyType::labels(),
        }),
        _ => {}
    }
    if row.target_group == Some(TargetGroup::PoorHousehold) && row.poverty_type == Cell::Blank {
        out.push(RowProblem::PoorWithoutType {
            labels: PovertyType::labels(),
        });
    }
}

fn household_number(text: &str, out: &mut Problems) -> Option<String> {
    let column = Column::Number.header().to_string();
    let problem = if text.is_empty() {
        RowProblem::Blank { column }
    } else if is_scientific(text) {
        RowProblem::ExcelNumber { column }
    } else if text.chars().count() > 40 {
        let text = text.to_string();
        RowProblem::NumberTooLong { text }
    } else if !text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        let text = text.to_string();
        RowProblem::NumberCharacters { text }
    } else {
        return Some(text.to_string());
    };
    out.push(problem);
    None
}

fn village(text: &str, out: &mut Problems) -> Option<String> {
    let problem = if text.is_empty() {
        RowProblem::VillageBlank
    } else if is_scientific(text) {
        let column = Column::Village.header().to_string();
        RowProblem::ExcelNumber { column }
    } else {
        return Some(text.to_string());
    };
    out.push(problem);
    None
}

fn name(text: &str, out: &mut Problems) -> Option<String> {
    let column = Column::Name.header();
    let length = text.chars().count();
    let problem = if text.is_empty() {
        RowProblem::Blank {
            column: column.to_string(),
        }
    } else if length > 30 {
        too_long(column, 30, length)
    } else {
        return Some(text.to_string());
    };
    out.push(problem);
    None
}

fn birth_year(text: &str, current_year: i32, out: &mut Problems) -> Cell<i32> {
    if text.is_empty() {
        return Cell::Blank;
    }
    let year = (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse::<i32>().ok())
        .flatten()
        .filter(|year| (1900..=current_year).contains(year));
    match year {
        Some(year) => Cell::Value(year),
        None => {
            out.push(RowProblem::BirthYear {
                text: text.to_string(),
                max: current_year,
            });
            Cell::Invalid
        }
    }
}

fn id_number(text: &str, out: &mut Problems) -> Cell<IdNumber> {
    if text.is_empty() {
        return Cell::Blank;
    }
    if is_scientific(text) {
        let column = Column::IdNumber.header().to_string();
        out.push(RowProblem::ExcelNumber { column });
        return Cell::Invalid;
    }
    match IdNumber::parse(text) {
        Ok(id) => Cell::Value(id),
        Err(error) => {
            out.push(match error {
                IdNumberError::Length(length) => RowProblem::IdLength { length },
                IdNumberError::NotDigits => RowProblem::IdNotDigits,
                IdNumberError::BirthDate => RowProblem::IdBirthDate,
                // Excel keeps 15 significant digits, so a number it stored as a value ends in 000.
                IdNumberError::CheckCharacter { expected } => RowProblem::IdCheck {
                    expected,
                    excel_zeros: text.ends_with("000"),
                },
            });
            Cell::Invalid
        }
    }
}

fn phone(text: &str, out: &mut Problems) -> Cell<String> {
    let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.is_empty() {
        return Cell::Blank;
    }
    if is_scientific(text) {
        let column = Column::Phone.header().to_string();
        out.push(RowProblem::ExcelNumber { column });
    } else if digits.len() == 11
        && digits.starts_with('1')
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        return Cell::Value(digits);
    } else {
        out.push(RowProblem::PhoneFormat);
    }
    Cell::Invalid
}

/// Excel shows a long number it has stored as a value like `4.50103E+17` and saves it that way,
/// losing the digits past the fifteenth: the exponent always has a sign.
fn is_scientific(text: &str) -> bool {
    (text.contains("E+") || text.contains("e+")) && text.parse::<f64>().is_ok()
}

fn too_long(column: &str, max: usize, length: usize) -> RowProblem {
    RowProblem::TooLong {
        column: column.to_string(),
        max,
        length,
    }
}

/// This year, from the system clock. Never earlier than 2026, so a machine with a clock
/// set to 1970 does not reject every birth year.
pub(super) fn current_year() -> i32 {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs() / 86_400);
    year_of_day(days).max(2026)
}

/// The Gregorian year of a day counted from 1970-01-01 (H. Hinnant's `civil_from_days`).
fn year_of_day(days: u64) -> i32 {
    let shifted = days + 719_468; // days since 0000-03-01
    let era = shifted / 146_097;
    let day_of_era = shifted % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153; // 0 = March
    let year = year_of_era + era * 400 + u64::from(month_index >= 10);
    i32::try_from(year).unwrap_or(i32::MAX)
}
