//! The data the pages show, shared by the server and the browser. Nothing here may hold a
//! secret: whatever is in these types can reach the learner's phone (quiz answers only after grading).

use serde::{Deserialize, Serialize};

pub use crate::codes::{Level, QuizKind, Role};

/// A course as listed in the catalogue, already in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CourseCard {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub level: Level,
    pub module_count: i64,
    pub lesson_count: i64,
    pub total_minutes: i64,
}

/// A course page: its introduction and every module with its lessons, in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CourseOutline {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub level: Level,
    /// Sanitized HTML rendered from the course's Markdown at import.
    pub intro_html: String,
    pub modules: Vec<ModuleOutline>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModuleOutline {
    pub id: String,
    pub test_question_count: i64,
    pub position: i64,
    pub title: String,
    pub summary: String,
    pub lessons: Vec<LessonLink>,
}

/// Enough about a lesson to link to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LessonLink {
    pub id: String,
    pub title: String,
    pub minutes: i64,
}

/// Everything the lesson page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LessonPage {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub minutes: i64,
    pub level: Level,
    pub course_id: String,
    pub course_title: String,
    pub module_title: String,
    pub module_position: i64,
    /// Sanitized HTML rendered from the lesson's Markdown at import.
    pub body_html: String,
    pub quiz: Vec<QuizQuestion>,
    pub previous: Option<LessonLink>,
    pub next: Option<LessonLink>,
    /// A fresh id for this page view's forms (quiz and "lesson done"): a resubmitted form
    /// carries the same id, so the server counts it once.
    pub event_id: String,
    /// Whether the signed-in learner has completed this lesson.
    pub completed: bool,
    /// Set on the last lesson of a module: its test comes next.
    pub module_test_id: Option<String>,
    /// The day the lesson's facts were last checked (`YYYY-MM-DD`).
    pub checked_on: Option<String>,
}

/// Which quiz a set of answers belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuizTarget {
    /// The quiz at the end of a lesson.
    Lesson(String),
    /// A module's test, drawn from the quizzes of its lessons.
    ModuleTest(String),
}

impl QuizTarget {
    pub fn new(kind: QuizKind, id: String) -> QuizTarget {
        match kind {
            QuizKind::Lesson => QuizTarget::Lesson(id),
            QuizKind::Module => QuizTarget::ModuleTest(id),
        }
    }

    pub fn kind(&self) -> QuizKind {
        match self {
            QuizTarget::Lesson(_) => QuizKind::Lesson,
            QuizTarget::ModuleTest(_) => QuizKind::Module,
        }
    }

    /// The lesson's or module's id.
    pub fn id(&self) -> &str {
        match self {
            QuizTarget::Lesson(id) | QuizTarget::ModuleTest(id) => id,
        }
    }

    /// The page the quiz is on.
    pub fn page(&self) -> String {
        match self {
            QuizTarget::Lesson(id) => format!("/lessons/{id}"),
            QuizTarget::ModuleTest(id) => format!("/modules/{id}/test"),
        }
    }
}

/// The page of a module's test.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModuleTestPage {
    pub module_id: String,
    pub module_title: String,
    pub module_position: i64,
    pub course_id: String,
    pub course_title: String,
    /// Percent of right answers needed to pass.
    pub pass_mark: i64,
    pub questions: Vec<QuizQuestion>,
    /// A fresh id for this page view's quiz form (see `LessonPage::event_id`).
    pub event_id: String,
}

/// A quiz question as the learner sees it before answering: no answer, no explanation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizQuestion {
    pub prompt: String,
    pub choices: Vec<String>,
}

/// The server's verdict on one submitted quiz.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizResult {
    pub correct_count: usize,
    pub question_count: usize,
    pub questions: Vec<QuestionResult>,
    /// For a module test: the pass mark in percent and whether it was reached.
    pub pass: Option<PassVerdict>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassVerdict {
    pub pass_mark: i64,
    pub passed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub chosen: Option<usize>,
    pub correct_choice: usize,
    pub is_correct: bool,
    pub explanation: String,
}

/// The signed-in person as the header shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub display_name: String,
    /// Which pages the header links to.
    pub role: Role,
    /// A reset password must be replaced before anything else.
    pub must_change_password: bool,
}

mod accounts;
mod answers;
mod authoring;
mod forms;
mod learning;
mod people;
mod report_tables;
mod reports;
mod sync;
pub use accounts::*;
pub use answers::*;
pub use authoring::*;
pub use learning::*;
pub use people::*;
pub use report_tables::*;
pub use reports::*;
pub use sync::*;
