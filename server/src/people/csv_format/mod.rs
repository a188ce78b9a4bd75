//! The household/member CSV file offices exchange with the service: reading an uploaded file
//! (encoding, header, every cell and the rules between rows of a household) into validated
//! records with a complete list of problems, and writing the same format for export.

mod decode;
mod error_list;
mod export;
mod fields;
mod header;
mod households;

#[cfg(test)]
mod tests;

pub use app::i18n::import_rows::RowProblem;
use csv::{Reader, StringRecord};

use super::record::HouseholdRecord;
use header::Columns;
use households::Households;

pub use error_list::{ErrorList, ERRORS_KEPT};
pub use export::{write, ExportMember};

/// Member rows one file may hold; a county's register is well under it. Larger files are
/// refused when the row after it is read, before more memory goes to them.
pub const MAX_ROWS: usize = 300_000;

/// The column headers, in the order exports write them (imports accept any order).
pub const HEADERS: [&str; 13] = [
    "户编号",
    "村",
    "姓名",
    "性别",
    "出生年份",
    "与户主关系",
    "身份证号",
    "手机号",
    "文化程度",
    "劳动技能",
    "人员类别",
    "贫困户类型",
    "主要致贫原因",
];

/// The text encoding of a file. Excel saves "CSV (逗号分隔)" as GBK on Chinese Windows and
/// "CSV UTF-8" as UTF-8 with a byte order mark, so both must be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 when the bytes are valid UTF-8, GBK otherwise.
    Auto,
    Utf8,
    Gbk,
}

impl Encoding {
    /// Reads the encoding a form or command line names: `auto`, `utf-8`, `utf8` or `gbk`.
    pub fn parse(text: &str) -> Option<Encoding> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(Encoding::Auto),
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "gbk" => Some(Encoding::Gbk),
            _ => None,
        }
    }
}

/// One problem found in a file, shown on the import page with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The 1-based line of the file where the row starts (1 = the header); 0 = the whole file.
    pub line: usize,
    pub problem: RowProblem,
}

impl RowError {
    pub fn new(line: usize, problem: RowProblem) -> RowError {
        RowError { line, problem }
    }

    /// The problem in Chinese, as most offices read it (for tests and logs).
    pub fn message(&self) -> String {
        self.problem.text(app::i18n::Locale::ZhCn)
    }
}

/// The outcome of reading a file.
#[derive(Debug)]
pub struct Parsed {
    /// The households in which no problem was found, in file order. A file with any error should
    /// not be imported at all: these are for the dry run's summary.
    pub households: Vec<HouseholdRecord>,
    /// The first [`ERRORS_KEPT`] problems, ordered by line.
    pub errors: Vec<RowError>,
    /// How many problems there are in all.
    pub error_count: usize,
    /// Member rows read (blank lines and the header excluded).
    pub rows: usize,
    /// The encoding the file was read as: "UTF-8" or "GBK".
    pub encoding: &'static str,
}

impl Parsed {
    /// A file that could not be read past a file-level problem.
    fn failed(errors: Vec<RowError>, encoding: &'static str) -> Parsed {
        Parsed {
            households: Vec::new(),
            error_count: errors.len(),
            errors,
            rows: 0,
            encoding,
        }
    }
}

/// Reads a whole file; never panics on any input. File-level problems (encoding, header) return
/// a `Parsed` with no households and those errors; row problems are all collected.
pub fn parse(bytes: &[u8], encoding: Encoding) -> Parsed {
    let decoded = match decode::decode(bytes, encoding) {
        Ok(decoded) => decoded,
        Err(failure) => return Parsed::failed(vec![failure.error], failure.encoding),
    };
    let mut rows = Rows::new(decoded.text.as_bytes());
    let columns = match rows.next() {
        Ok(Some(line)) => Columns::from_header(&rows.record, line),
        Ok(None) => Err(vec![file_error(RowProblem::EmptyFile)]),
        Err(error) => Err(vec![error]),
    };
    match columns {
        Ok(columns) => read_members(&mut rows, &columns, decoded.encoding),
        Err(errors) => Parsed::failed(errors, decoded.encoding),
    }
}

/// Reads every member row after the header and groups them into households.
fn read_members(rows: &mut Rows, columns: &Columns, encoding: &'static str) -> Parsed {
    let current_year = fields::current_year();
    let mut errors = ErrorList::default();
    let mut households = Households::default();
    let mut count = 0;
    loop {
        let line = match rows.next() {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(error) => return Parsed::failed(vec![error], encoding),
        };
        count += 1;
        if count > MAX_ROWS {
            let error = RowError::new(line, RowProblem::TooManyRows { max: MAX_ROWS });
            return Parsed::failed(vec![error], encoding);
        }
        let record = &rows.record;
        if record.len() != columns.width() {
            errors.push(columns.width_error(record.len(), line));
            households.mark_broken(columns.value(record, header::Column::Number));
            continue;
        }
        let row = fields::read_row(record, columns, line, current_year, &mut errors);
        households.add(row, &mut errors);
    }
    let households = households.finish(&mut errors);
    if count == 0 {
        errors.push(file_error(RowProblem::HeaderOnly));
    }
    // Household checks report when a household ends, after its later rows; the list puts every
    // message back in file order and keeps each row's messages in column order.
    Parsed {
        households,
        error_count: errors.count(),
        errors: errors.into_sorted(),
        rows: count,
        encoding,
    }
}

/// The file's records with the line each starts on.
struct Rows<'t> {
    text: &'t [u8],
    reader: Reader<&'t [u8]>,
    record: StringRecord,
    /// Line breaks are counted up to this byte offset...
    counted_to: usize,
    /// ...where this line starts.
    line: usize,
}

impl<'t> Rows<'t> {
    fn new(text: &'t [u8]) -> Rows<'t> {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            // Rows with a wrong number of fields are reported with their line, not as an error.
            .flexible(true)
            .from_reader(text);
        let record = StringRecord::new();
        Rows {
            text,
            reader,
            record,
            counted_to: 0,
            line: 1,
        }
    }

    /// Reads the next row that has any content (Excel leaves rows of empty cells behind),
    /// returning the line it starts on, or `None` at the end of the file.
    fn next(&mut self) -> Result<Option<usize>, RowError> {
        loop {
            match self.reader.read_record(&mut self.record) {
                Ok(false) => return Ok(None),
                Ok(true) => {}
                Err(error) => {
                    let line = error.position().map_or(0, |p| self.line_at(p.byte()));
                    let detail = error.to_string();
                    return Err(RowError::new(line, RowProblem::NotCsv { detail }));
                }
            }
            if self.record.iter().any(|field| !field.trim().is_empty()) {
                let start = self.record.position().map_or(0, |p| p.byte());
                return Ok(Some(self.line_at(start)));
            }
        }
    }

    /// The line of the record read from byte `start`. csv's own line numbers run one short after
    /// a CRLF line end (the record ends at the `\r`; the `\n` is counted with the next record),
    /// so lines are counted here, once over the file: `\r\n`, `\n` and a lone `\r` each end one.
    fn line_at(&mut self, start: u64) -> usize {
        let text = self.text;
        let mut start = usize::try_from(start).unwrap_or(usize::MAX).min(text.len());
        // The read starts at the previous record's leftover line end and any empty lines,
        // which csv skips.
        while text.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            start += 1;
        }
        for index in self.counted_to..start {
            let after_cr = index > 0 && text[index - 1] == b'\r';
            match text[index] {
                b'\n' if after_cr => {}
                b'\r' | b'\n' => self.line += 1,
                _ => {}
            }
        }
        self.counted_to = self.counted_to.max(start);
        self.line
    }
}

fn file_error(problem: RowProblem) -> RowError {
    RowError::new(0, problem)
}
