//! What can be wrong in an uploaded household file, as typed values: the reader stores these, and
//! the import page says them in the office's language. Column names and choice labels are the
//! file's own (the template is Chinese); cells that may hold personal identifiers (identity
//! numbers, phone numbers, names, stray cells) are never repeated back.

use serde::{Deserialize, Serialize};

use super::Locale;

mod en;
mod zh;

/// One problem of a file, a row or a household.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowProblem {
    Utf16,
    NotUtf8,
    NotGbk,
    NeitherEncoding,
    EmptyFile,
    HeaderOnly,
    /// The csv reader's own description (English).
    NotCsv {
        detail: String,
    },
    MissingColumns {
        missing: Vec<String>,
        header: String,
    },
    UnknownColumns {
        names: Vec<String>,
    },
    RepeatedColumn {
        name: String,
        first: usize,
        second: usize,
    },
    FieldCount {
        fields: usize,
        columns: usize,
    },
    Blank {
        column: String,
    },
    VillageBlank,
    BlankChoice {
        column: String,
        labels: String,
    },
    NotAChoice {
        column: String,
        text: String,
        labels: String,
        blank_ok: bool,
    },
    TooLong {
        column: String,
        max: usize,
        length: usize,
    },
    StrayCell {
        position: usize,
    },
    ExcelNumber {
        column: String,
    },
    NumberTooLong {
        text: String,
    },
    NumberCharacters {
        text: String,
    },
    BirthYear {
        text: String,
        max: i32,
    },
    BirthYearMismatch {
        year: i32,
        from_id: String,
    },
    CauseMissing {
        labels: String,
    },
    CauseWithoutType {
        labels: String,
    },
    PoorWithoutType {
        labels: String,
    },
    IdLength {
        length: usize,
    },
    IdNotDigits,
    IdBirthDate,
    IdCheck {
        expected: char,
        excel_zeros: bool,
    },
    PhoneFormat,
    NumberRepeated {
        number: String,
        first: usize,
    },
    IdRepeated {
        first: usize,
    },
    SecondHead {
        number: String,
        head: usize,
    },
    NoHead {
        number: String,
    },
    /// A household-wide cell differs between rows (`None` = left blank).
    HouseholdDiffers {
        column: String,
        first_line: usize,
        first: Option<String>,
        this: Option<String>,
    },
    /// The identity number is in another household of the office's own region.
    IdRegistered,
    /// The household number or an identity number is held outside the office's region: the row
    /// says no more than that it cannot be imported, so a file cannot probe other regions.
    HeldElsewhere,
    TooManyRows {
        max: usize,
    },
    /// The household number exists in the office's own region.
    NumberExists {
        number: String,
    },
    VillageAmbiguous {
        text: String,
    },
    VillageUnknown {
        text: String,
    },
    /// A message stored as text by a version before these were typed (Chinese only).
    Stored(String),
}

impl RowProblem {
    /// The problem as the office reads it.
    pub fn text(&self, locale: Locale) -> String {
        match locale {
            Locale::ZhCn => self.zh(),
            Locale::En => self.en(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_reads_in_both_languages_without_personal_data() {
        let problems = [
            RowProblem::PhoneFormat,
            RowProblem::ExcelNumber {
                column: "身份证号".into(),
            },
            RowProblem::StrayCell { position: 14 },
            RowProblem::IdCheck {
                expected: 'X',
                excel_zeros: true,
            },
        ];
        for problem in problems {
            let (zh, en) = (problem.text(Locale::ZhCn), problem.text(Locale::En));
            assert!(!zh.is_empty() && !en.is_empty() && zh != en);
            assert!(en.is_ascii() || en.contains("身份证号"), "{en}");
        }
        let blank = RowProblem::HouseholdDiffers {
            column: "村".into(),
            first_line: 2,
            first: Some("甲村".into()),
            this: None,
        };
        assert!(blank.text(Locale::ZhCn).ends_with("这一行是“（空）”"));
        assert!(blank.text(Locale::En).ends_with("this line \"(blank)\""));
    }
}
