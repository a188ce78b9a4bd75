//! Problems read in both languages, with their values; file problems by line.

use super::fixed::fixed_text;
use super::*;

#[test]
fn messages_come_in_both_languages_with_their_values() {
    let problem = Problem::PasswordTooShort { min: 8 };
    assert_eq!(problem.text(Locale::ZhCn), "密码至少要8位");
    assert_eq!(
        problem.text(Locale::En),
        "The password needs at least 8 characters."
    );
}

#[test]
fn file_problems_name_their_lines_and_count_the_rest() {
    let lines: Vec<_> = (2..30).map(|l| (l, Problem::UnreadableLine)).collect();
    let text = Problem::Lines(lines).text(Locale::ZhCn);
    assert!(text.starts_with("第2行：读不出这一行；第3行"), "{text}");
    assert!(text.ends_with("另有8行有问题"), "{text}");
}

#[test]
fn every_fixed_message_has_its_own_text() {
    let generic = fixed_text(&Problem::Lines(Vec::new()));
    for problem in [
        Problem::FormIncomplete,
        Problem::EmptyFile,
        Problem::LoginTaken,
    ] {
        assert_ne!(fixed_text(&problem), generic, "{problem:?}");
    }
}
