//! A report (or any table of a page) as a file, with exactly the numbers of its page: CSV (UTF-8 with a byte order mark,
//! so Excel opens it) and XLSX (rust_xlsxwriter), both written from the same tables.

use app::backend::{ExportFile, ExportFormat};
use app::i18n::Locale;
use app::model::{report_tables, Cell, Report, Table};
use rust_xlsxwriter::{Format, Workbook};

use crate::error::ServerError;

pub fn file(
    report: &Report,
    format: ExportFormat,
    locale: Locale,
) -> Result<ExportFile, ServerError> {
    let tables = report_tables(report, locale);
    let stem = format!("report-{}", app::dates::beijing_day(report.produced_at));
    tables_file(&heading(report), &tables, &stem, format)
}

/// Lines of text, then tables, as `stem.csv` or `stem.xlsx`: the shape of every exported table
/// (reports, a class's progress).
pub fn tables_file(
    heading: &[Vec<String>],
    tables: &[Table],
    stem: &str,
    format: ExportFormat,
) -> Result<ExportFile, ServerError> {
    Ok(match format {
        ExportFormat::Csv => ExportFile {
            bytes: csv(heading, tables)?,
            content_type: "text/csv; charset=utf-8",
            file_name: format!("{stem}.csv"),
        },
        ExportFormat::Xlsx => ExportFile {
            bytes: xlsx(heading, tables)?,
            content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            file_name: format!("{stem}.xlsx"),
        },
    })
}

/// The lines above the tables: which region, which period, when.
fn heading(report: &Report) -> Vec<Vec<String>> {
    let period = format!(
        "{} – {}",
        report.filter.from.clone().unwrap_or_default(),
        report.filter.to.clone().unwrap_or_default()
    );
    vec![
        vec![report.region_name.clone()],
        vec![period],
        vec![app::dates::beijing_minute(report.produced_at)],
    ]
}

fn csv(heading: &[Vec<String>], tables: &[Table]) -> Result<Vec<u8>, ServerError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        let broken = |e: csv::Error| ServerError::Internal(format!("report csv: {e}"));
        for line in heading {
            writer
                .write_record(line.iter().map(|c| guard(c)))
                .map_err(broken)?;
        }
        for table in tables {
            writer.write_record([""]).map_err(broken)?;
            writer.write_record([guard(&table.title)]).map_err(broken)?;
            writer
                .write_record(table.header.iter().map(|c| guard(c)))
                .map_err(broken)?;
            for row in &table.rows {
                let cells: Vec<String> = row.iter().map(|c| guard(&c.text())).collect();
                writer.write_record(&cells).map_err(broken)?;
            }
        }
        writer
            .flush()
            .map_err(|e| ServerError::Internal(format!("report csv: {e}")))?;
    }
    Ok(out)
}

/// Spreadsheets run cells that start like a formula: names of regions and classes are typed by
/// people, so such a cell is written as text.
fn guard(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => format!("'{cell}"),
        Some('-') if cell.parse::<f64>().is_err() => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

fn xlsx(heading: &[Vec<String>], tables: &[Table]) -> Result<Vec<u8>, ServerError> {
    let broken = |e: rust_xlsxwriter::XlsxError| ServerError::Internal(format!("report xlsx: {e}"));
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("0.00");
    let mut row: u32 = 0;
    for line in heading {
        let text = line.first().map(String::as_str).unwrap_or_default();
        sheet.write_string(row, 0, text).map_err(broken)?;
        row += 1;
    }
    for table in tables {
        row += 1;
        sheet
            .write_string_with_format(row, 0, &table.title, &bold)
            .map_err(broken)?;
        row += 1;
        for (col, title) in table.header.iter().enumerate() {
            sheet
                .write_string_with_format(row, col as u16, title, &bold)
                .map_err(broken)?;
        }
        for cells in &table.rows {
            row += 1;
            for (col, cell) in cells.iter().enumerate() {
                let col = col as u16;
                match cell {
                    Cell::Count(n) => sheet.write_number(row, col, *n as f64),
                    Cell::Fen(fen) => {
                        sheet.write_number_with_format(row, col, *fen as f64 / 100.0, &money)
                    }
                    other => sheet.write_string(row, col, other.text()),
                }
                .map_err(broken)?;
            }
        }
        row += 1;
    }
    sheet.set_column_width(0, 24).map_err(broken)?;
    workbook.save_to_buffer().map_err(broken)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_are_written_as_text() {
        assert_eq!(guard("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(guard("-12.50"), "-12.50", "negative numbers stay numbers");
        assert_eq!(guard("-cmd"), "'-cmd");
        assert_eq!(guard("甲镇"), "甲镇");
    }
}
