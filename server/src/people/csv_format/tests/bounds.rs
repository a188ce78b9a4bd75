//! Tests of what a hostile file may cost: a file of broken rows keeps only the first problems
//! and counts the rest, a file over the row limit is refused, a header of junk columns names
//! only the first few.

use super::*;

#[test]
fn a_hundred_thousand_broken_rows_keep_the_first_problems_and_count_all() {
    let text = HEADERS.join(",") + "\n" + &"a\n".repeat(100_000);
    let parsed = parse(text.as_bytes(), Encoding::Auto);
    assert_eq!(parsed.error_count, 100_000);
    assert_eq!(parsed.errors.len(), ERRORS_KEPT);
    let lines: Vec<usize> = parsed.errors.iter().map(|e| e.line).collect();
    let first: Vec<usize> = (2..2 + ERRORS_KEPT).collect();
    assert_eq!(lines, first, "the first rows, in file order");
}

#[test]
fn a_file_over_the_row_limit_is_refused_at_the_row_past_it() {
    let text = HEADERS.join(",") + "\n" + &"a\n".repeat(MAX_ROWS + 1);
    let parsed = parse(text.as_bytes(), Encoding::Auto);
    assert_eq!(parsed.error_count, 1);
    assert_eq!(parsed.errors[0].line, MAX_ROWS + 2);
    assert_eq!(
        parsed.errors[0].problem,
        RowProblem::TooManyRows { max: MAX_ROWS }
    );
    assert!(parsed.errors[0].message().contains("300000行"));
}

#[test]
fn a_header_of_junk_columns_names_only_the_first_twenty() {
    let junk: Vec<String> = (0..10_000).map(|i| format!("x{i}")).collect();
    let text = HEADERS.join(",") + "," + &junk.join(",") + "\n";
    let parsed = parse(text.as_bytes(), Encoding::Auto);
    let names = parsed.errors.iter().find_map(|e| match &e.problem {
        RowProblem::UnknownColumns { names } => Some(names.len()),
        _ => None,
    });
    assert_eq!(names, Some(20));
}
