//! An answer sheet as a quiz form sends it (`kind`, `target`, `check` and one `q{i}` per answered
//! question), read the same way from a posted form and from the query of the page it returns to.

use serde::{Deserialize, Serialize};

use super::{QuizKind, QuizTarget};

/// The most questions a sheet may answer: more than any quiz has, few enough to bound the work.
pub const MAX_ANSWERS: usize = 100;

/// Answers to one quiz, with the id of the page view that sent them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerSheet {
    pub target: QuizTarget,
    /// The page view's event id (the form's `check` field).
    pub page_event: String,
    /// The chosen choice of each question, `None` where unanswered. May be shorter than the
    /// quiz (unanswered questions at the end send nothing); the grader pads it.
    pub answers: Vec<Option<usize>>,
}

impl AnswerSheet {
    /// Reads a sheet from form fields or query pairs; `None` when it names no quiz.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<Self> {
        let (mut kind, mut target, mut page_event) = (None, None, None);
        let mut answers: Vec<Option<usize>> = Vec::new();
        for (key, value) in pairs {
            match key {
                "kind" => kind = QuizKind::from_code(value),
                "target" => target = Some(value.to_string()),
                "check" => page_event = Some(value.to_string()),
                _ => {
                    let Some(index) = key.strip_prefix('q').and_then(|i| i.parse::<usize>().ok())
                    else {
                        continue;
                    };
                    if index >= MAX_ANSWERS {
                        continue;
                    }
                    if answers.len() <= index {
                        answers.resize(index + 1, None);
                    }
                    answers[index] = value.parse().ok();
                }
            }
        }
        Some(AnswerSheet {
            target: QuizTarget::new(kind?, target.filter(|t| !t.is_empty())?),
            page_event: page_event?,
            answers,
        })
    }

    /// The query that brings the learner back to the quiz with these answers shown.
    pub fn query(&self) -> Vec<(String, String)> {
        let mut pairs = vec![
            ("kind".to_string(), self.target.kind().code().to_string()),
            ("target".to_string(), self.target.id().to_string()),
            ("check".to_string(), self.page_event.clone()),
        ];
        for (index, answer) in self.answers.iter().enumerate() {
            if let Some(choice) = answer {
                pairs.push((format!("q{index}"), choice.to_string()));
            }
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_posted_sheet_with_gaps() {
        let pairs = [
            ("kind", "module"),
            ("target", "wuliu"),
            ("check", "abc12345"),
            ("q0", "1"),
            ("q2", "0"),
            ("other", "x"),
        ];
        let sheet = AnswerSheet::from_pairs(pairs).expect("sheet");
        assert_eq!(sheet.target, QuizTarget::ModuleTest("wuliu".into()));
        assert_eq!(sheet.answers, vec![Some(1), None, Some(0)]);
        assert_eq!(sheet.page_event, "abc12345");
    }

    #[test]
    fn a_sheet_needs_its_quiz_and_page() {
        assert!(AnswerSheet::from_pairs([("kind", "lesson"), ("check", "x")]).is_none());
        assert!(
            AnswerSheet::from_pairs([("kind", "exam"), ("target", "a"), ("check", "x")]).is_none()
        );
        let huge = AnswerSheet::from_pairs([
            ("kind", "lesson"),
            ("target", "a"),
            ("check", "x"),
            ("q99999999", "1"),
        ])
        .expect("sheet");
        assert!(huge.answers.is_empty(), "far-away indexes are ignored");
    }

    #[test]
    fn the_query_reads_back_as_the_same_sheet() {
        let sheet = AnswerSheet {
            target: QuizTarget::Lesson("l-1".into()),
            page_event: "e-1".into(),
            answers: vec![None, Some(2)],
        };
        let query = sheet.query();
        let back = AnswerSheet::from_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(back, Some(sheet));
    }
}
