//! Front matter: the `---` block of `key: value` lines that opens every content file, and typed
//! access to its fields that reports each problem with its line number.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use app::i18n::checker::Field;

use super::Problem;

/// The parsed block: each key with its value and the line it stood on, and where the body starts.
#[derive(Debug)]
pub struct FrontMatter {
    fields: BTreeMap<String, (String, usize)>,
    used: Vec<String>,
    /// 1-based line number of the first body line.
    pub body_line: usize,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `text` into front matter and body. Problems are collected, not returned early, so that
/// a trainer sees every mistake in one run.
pub fn parse(text: &str, problems: &mut Vec<Problem>) -> Option<FrontMatter> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        problems.push(Problem::at(1, Field::NotOpened));
        return None;
    }
    let mut offset = first.len();
    let mut fields = BTreeMap::new();
    for (index, raw) in lines.enumerate() {
        let line_no = index + 2;
        offset += raw.len();
        let line = raw.trim();
        if line == "---" {
            return Some(FrontMatter {
                fields,
                used: Vec::new(),
                body_line: line_no + 1,
                body_offset: offset,
            });
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            let line = line.to_string();
            problems.push(Problem::at(line_no, Field::NotKeyValue { line }));
            continue;
        };
        let key = key.trim().to_string();
        if fields
            .insert(key.clone(), (value.trim().to_string(), line_no))
            .is_some()
        {
            problems.push(Problem::at(line_no, Field::Twice { key }));
        }
    }
    problems.push(Problem::at(1, Field::NotClosed));
    None
}

impl FrontMatter {
    fn take(&mut self, key: &str) -> Option<(String, usize)> {
        self.used.push(key.to_string());
        self.fields.get(key).cloned()
    }

    /// A required text value of at most `max_chars` characters.
    pub fn text(&mut self, key: &str, max_chars: usize, problems: &mut Vec<Problem>) -> String {
        match self.take(key) {
            None => {
                let key = key.to_string();
                problems.push(Problem::at(1, Field::Missing { key }));
                String::new()
            }
            Some((value, line)) if value.is_empty() => {
                let key = key.to_string();
                problems.push(Problem::at(line, Field::Empty { key }));
                String::new()
            }
            Some((value, line)) => {
                let count = value.chars().count();
                if count > max_chars {
                    let (key, max) = (key.to_string(), max_chars);
                    problems.push(Problem::at(line, Field::TooLong { key, count, max }));
                }
                value
            }
        }
    }

    /// An optional value, with its line.
    pub fn optional(&mut self, key: &str) -> Option<(String, usize)> {
        self.take(key)
    }

    /// A required stable id: `a-z`, `0-9` and `-`, 3 to 64 characters.
    pub fn id(&mut self, problems: &mut Vec<Problem>) -> String {
        let line = self.fields.get("id").map(|(_, line)| *line).unwrap_or(1);
        let id = self.text("id", 64, problems);
        let well_formed = id.len() >= 3
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !id.starts_with('-')
            && !id.ends_with('-');
        if !id.is_empty() && !well_formed {
            problems.push(Problem::at(line, Field::BadId { id: id.clone() }));
        }
        id
    }

    /// A required whole number within `range`.
    pub fn number(
        &mut self,
        key: &str,
        range: RangeInclusive<i64>,
        problems: &mut Vec<Problem>,
    ) -> i64 {
        let (min, max, key) = (*range.start(), *range.end(), key.to_string());
        let Some((value, line)) = self.take(&key) else {
            problems.push(Problem::at(1, Field::NumberMissing { key, min, max }));
            return min;
        };
        match value.parse::<i64>() {
            Ok(n) if range.contains(&n) => n,
            _ => {
                let wrong = Field::NumberRange {
                    key,
                    value,
                    min,
                    max,
                };
                problems.push(Problem::at(line, wrong));
                min
            }
        }
    }

    /// A required calendar date `YYYY-MM-DD`, e.g. when a lesson's facts were last checked.
    pub fn date(&mut self, key: &str, problems: &mut Vec<Problem>) -> String {
        let key = key.to_string();
        let Some((value, line)) = self.take(&key) else {
            problems.push(Problem::at(1, Field::DateMissing { key }));
            return String::new();
        };
        if app::dates::day_start(&value).is_none() {
            let value = value.clone();
            problems.push(Problem::at(line, Field::NotADate { key, value }));
        }
        value
    }

    /// Reports every key that no accessor asked for: most often a typo.
    pub fn reject_unknown(&self, problems: &mut Vec<Problem>) {
        for (key, (_, line)) in &self.fields {
            if !self.used.iter().any(|used| used == key) {
                let key = key.clone();
                problems.push(Problem::at(*line, Field::Unknown { key }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(problems: &[Problem]) -> Vec<String> {
        problems
            .iter()
            .map(|p| format!("{}: {}", p.line, p.message.text(app::i18n::Locale::En)))
            .collect()
    }

    #[test]
    fn reads_fields_and_body_position() {
        let mut problems = Vec::new();
        let mut fm = parse(
            "---\nid: abc-1\n# comment\norder: 3\n---\nbody\n",
            &mut problems,
        )
        .expect("front matter");
        assert_eq!(fm.id(&mut problems), "abc-1");
        assert_eq!(fm.number("order", 1..=9, &mut problems), 3);
        fm.reject_unknown(&mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(fm.body_line, 6);
    }

    #[test]
    fn reports_missing_opening_and_closing() {
        let mut problems = Vec::new();
        assert!(parse("id: x\n", &mut problems).is_none());
        assert!(parse("---\nid: abc\n", &mut problems).is_none());
        assert_eq!(
            messages(&problems),
            vec![
                "1: the file must start with a line `---` that opens the front matter",
                "1: the front matter is never closed; add a line `---` after the last key",
            ]
        );
    }

    #[test]
    fn reports_bad_values_with_their_lines() {
        let mut problems = Vec::new();
        let mut fm = parse(
            "---\nid: Bad_Id\norder: x\ntittle: t\nid2\n---\n",
            &mut problems,
        )
        .expect("front matter");
        fm.id(&mut problems);
        fm.number("order", 1..=999, &mut problems);
        fm.text("title", 40, &mut problems);
        fm.reject_unknown(&mut problems);
        assert_eq!(messages(&problems), vec![
            "5: `id2` is not `key: value`; add a colon after the key",
            "2: id `Bad_Id` is not allowed; use 3–64 lowercase letters a-z, digits and `-` (not first or last), e.g. `taobao-kaidian`",
            "3: `order: x` must be a whole number from 1 to 999",
            "1: `title` is missing; add a line `title: …` to the front matter",
            "4: unknown key `tittle`; check its spelling (allowed keys are listed in content/README.md)",
        ]);
    }
}
