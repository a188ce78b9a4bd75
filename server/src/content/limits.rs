//! Size and nesting limits checked before a content file is parsed, so that no source, however
//! hostile (a browser editor will accept anything), makes the Markdown parser do quadratic work:
//! deep quote-and-list nesting costs the parser time for every level on every line.

use app::i18n::checker::Limit;

use super::Problem;

/// A lesson is a few screens on a phone; the longest in the course is under 8 KB.
pub const MAX_SOURCE_BYTES: usize = 64 * 1024;
/// The longest lesson in the course has 115 lines.
pub const MAX_LINES: usize = 600;
/// Quotes and lists inside each other; a lesson for slow readers needs two or three.
pub const MAX_NESTING: usize = 6;
/// Longer lines are not text anyone reads on a phone, and feed the inline parser long runs.
pub const MAX_LINE_CHARS: usize = 2_000;
/// Runs of one emphasis or bracket character: Markdown needs three at most (`***`, a rule of
/// `---` may be longer but is dashes); long runs make the inline parser match every delimiter
/// against every other (runs up to 300 long cost 273 ms in one lesson).
pub const MAX_DELIMITER_RUN: usize = 16;
/// Emphasis and link marks in one paragraph: the course's busiest has 42; a paragraph of
/// 40,000 single marks cost the inline parser 378 ms.
pub const MAX_BLOCK_MARKS: usize = 200;
/// Table columns: a 360 px screen shows four or five; the course's widest table has five. Wide
/// tables cost the parser per cell on every row (900 columns by 580 rows took 261 ms).
pub const MAX_TABLE_COLUMNS: usize = 20;

/// The problems that keep `text` from being parsed at all; empty if it may be.
pub fn check(text: &str) -> Vec<Problem> {
    if text.len() > MAX_SOURCE_BYTES {
        let (kb, max_kb) = (text.len().div_ceil(1024), MAX_SOURCE_BYTES / 1024);
        return vec![Problem::at(1, Limit::FileSize { kb, max_kb })];
    }
    let lines = text.lines().count();
    if lines > MAX_LINES {
        let max = MAX_LINES;
        return vec![Problem::at(max + 1, Limit::Lines { lines, max })];
    }
    let mut problems = Vec::new();
    let mut blocks = BlockMarks::default();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        problems.extend(line_problems(number, line));
        problems.extend(blocks.add(number, line));
        // One report per kind of problem is enough to find the rest; a hostile file has thousands.
        if problems.len() >= 20 {
            problems.truncate(20);
            break;
        }
    }
    problems
}

/// What is wrong with one line on its own.
fn line_problems(number: usize, line: &str) -> Vec<Problem> {
    let chars = line.chars().count();
    let columns = table_columns(line);
    let depth = nesting(line);
    let messages = [
        (chars > MAX_LINE_CHARS).then_some(Limit::LineLength {
            chars,
            max: MAX_LINE_CHARS,
        }),
        (columns > MAX_TABLE_COLUMNS).then_some(Limit::TableColumns {
            columns,
            max: MAX_TABLE_COLUMNS,
        }),
        long_delimiter_run(line).map(|(mark, run)| Limit::MarkRun {
            mark,
            run,
            max: MAX_DELIMITER_RUN,
        }),
        (depth > MAX_NESTING).then_some(Limit::Nesting {
            depth,
            max: MAX_NESTING,
        }),
    ];
    messages
        .into_iter()
        .flatten()
        .map(|message| Problem::at(number, message))
        .collect()
}

/// Counts emphasis and link marks per block of text (lines up to a blank line), outside fenced
/// code: the inline parser matches each mark of a block against the others.
#[derive(Default)]
struct BlockMarks {
    in_fence: bool,
    start: usize,
    marks: usize,
}

impl BlockMarks {
    /// Adds a line; the problem, once per block, when its marks pass the limit.
    fn add(&mut self, number: usize, line: &str) -> Option<Problem> {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            self.in_fence = !self.in_fence;
            self.marks = 0;
            return None;
        }
        if self.in_fence || trimmed.is_empty() {
            self.marks = 0;
            return None;
        }
        if self.marks == 0 {
            self.start = number;
        }
        let before = self.marks;
        self.marks += line
            .chars()
            .filter(|c| matches!(c, '*' | '_' | '~' | '[' | ']'))
            .count();
        (before <= MAX_BLOCK_MARKS && self.marks > MAX_BLOCK_MARKS).then(|| {
            Problem::at(
                self.start,
                Limit::ParagraphMarks {
                    max: MAX_BLOCK_MARKS,
                },
            )
        })
    }
}

/// The first run of one of `*`, `_`, `~`, `[` or `]` longer than [`MAX_DELIMITER_RUN`], and
/// its length.
fn long_delimiter_run(line: &str) -> Option<(char, usize)> {
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let mut run = 1;
        while chars.next_if_eq(&c).is_some() {
            run += 1;
        }
        if matches!(c, '*' | '_' | '~' | '[' | ']') && run > MAX_DELIMITER_RUN {
            return Some((c, run));
        }
    }
    None
}

/// How many table cells this line would have if it were a table row: cell separators that
/// are not escaped, less the optional leading and trailing ones.
fn table_columns(line: &str) -> usize {
    let bytes = line.trim().as_bytes();
    let pipes = bytes
        .iter()
        .enumerate()
        .filter(|(at, b)| **b == b'|' && (*at == 0 || bytes[at - 1] != b'\\'))
        .count();
    let edges =
        usize::from(bytes.first() == Some(&b'|')) + usize::from(bytes.last() == Some(&b'|'));
    (pipes + 1).saturating_sub(edges)
}

/// How many quote and list containers open on this line, counting each 4 columns of
/// indentation before a marker as one more level (how nested lists are written).
fn nesting(line: &str) -> usize {
    let mut depth = 0;
    let mut rest = line;
    loop {
        let indent = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let trimmed = &rest[indent..];
        let marker = if trimmed.starts_with('>') {
            Some(1)
        } else {
            list_marker(trimmed)
        };
        let Some(width) = marker else {
            return depth;
        };
        depth += 1 + indent / 4;
        rest = &trimmed[width..];
    }
}

/// The width of a list marker (`- `, `* `, `+ `, `1. `, `1) `) at the start of `text`.
fn list_marker(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let spaced = |at: usize| bytes.get(at).is_some_and(|b| *b == b' ' || *b == b'\t');
    match bytes.first()? {
        b'-' | b'*' | b'+' if spaced(1) => Some(2),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            let closed = matches!(bytes.get(digits), Some(b'.' | b')'));
            (digits <= 9 && closed && spaced(digits + 1)).then_some(digits + 2)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_lessons_pass() {
        let lesson =
            "# 标题\n\n1. 打开手机\n2. 点开应用商店\n   - 找到搜索框\n\n> 提示：只装官方应用\n";
        assert_eq!(check(lesson), vec![]);
    }

    #[test]
    fn deep_nesting_is_refused_at_its_line() {
        let text = format!("a\n{}x\n", "> - ".repeat(4));
        let problems = check(&text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 2);
        let eight = Limit::Nesting { depth: 8, max: 6 };
        assert_eq!(problems[0].message, eight.into());
        let indented = format!("- a\n{}- b\n", " ".repeat(28));
        assert_eq!(check(&indented)[0].line, 2);
    }

    #[test]
    fn size_lines_and_line_length_are_capped() {
        let big = "好".repeat(MAX_SOURCE_BYTES / 3 + 1);
        let size = Limit::FileSize { kb: 65, max_kb: 64 };
        assert_eq!(check(&big)[0].message, size.into());
        let long = format!("a\n\n{}\n", "x".repeat(MAX_LINE_CHARS + 1));
        assert_eq!(check(&long)[0].line, 3);
    }

    #[test]
    fn wide_tables_are_refused_at_their_row() {
        let five = "| a | b | c | d | e |\n|---|---|---|---|---|\n| 1 | 2 | 3 | 4 | 5 |\n";
        assert_eq!(check(five), vec![]);
        assert_eq!(table_columns("| a | b \\| c |"), 2);
        assert_eq!(table_columns("a | b"), 2);
        let wide = format!("a\n\n|{}\n", "x|".repeat(MAX_TABLE_COLUMNS + 1));
        let problems = check(&wide);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 3);
        let columns = Limit::TableColumns {
            columns: 21,
            max: 20,
        };
        assert_eq!(problems[0].message, columns.into());
    }

    #[test]
    fn long_delimiter_runs_are_refused() {
        assert_eq!(check("***粗斜体*** 和 ___ 与 [[链接]]\n"), vec![]);
        let problems = check(&format!("a\n{}b\n", "*".repeat(40)));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 2);
        let run = Limit::MarkRun {
            mark: '*',
            run: 40,
            max: 16,
        };
        assert_eq!(problems[0].message, run.into());
        assert_eq!(check(&"[".repeat(MAX_DELIMITER_RUN)), vec![]);
        assert_eq!(check(&"-".repeat(80)), vec![], "rules of dashes are fine");
    }

    #[test]
    fn paragraphs_full_of_marks_are_refused_at_their_first_line() {
        let busy = "*a_ ".repeat(60);
        let code = "_ ".repeat(300);
        let text = format!("# 标题\n\n{busy}\n{busy}\n\n```quiz\n{code}\n```\n");
        let problems = check(&text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 3);
        let marks = Limit::ParagraphMarks { max: 200 };
        assert_eq!(problems[0].message, marks.into());
        let apart = format!("{busy}\n\n{busy}\n");
        assert_eq!(check(&apart), vec![], "each paragraph counts on its own");
    }

    #[test]
    fn a_hostile_file_gets_a_bounded_list() {
        let hostile = "> ".repeat(10) + "a\n";
        assert_eq!(check(&hostile.repeat(500)).len(), 20);
        let problems = check(&"a\n".repeat(MAX_LINES + 1));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, MAX_LINES + 1);
    }
}
