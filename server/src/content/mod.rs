//! Course content: the Markdown files trainers write under `content/`, read into a checked tree
//! of courses, modules and lessons whose HTML is rendered once, here, at import.

mod checks;
#[cfg(test)]
pub(crate) mod fixture;
pub mod folder;
pub mod frontmatter;
pub mod limits;
pub mod loader;
pub mod pictures;
pub mod quiz;
pub mod source_check;
pub mod stats;
#[cfg(test)]
mod tests;

use std::fmt;
use std::path::PathBuf;

use app::i18n::checker::Message;
use app::i18n::Locale;
use app::model::Level;

pub use folder::Folder;
pub use loader::{load, load_folder};
pub use quiz::Question;

/// A problem at a line of the file being read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: Message,
}

impl Problem {
    pub fn at(line: usize, message: impl Into<Message>) -> Problem {
        Problem {
            line,
            message: message.into(),
        }
    }
}

/// A problem in a content file: what is wrong and how to fix it, at a file's line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentError {
    pub path: PathBuf,
    pub line: usize,
    pub message: Message,
}

impl ContentError {
    /// `file:line: message`, in the reader's language.
    pub fn text(&self, locale: Locale) -> String {
        let message = self.message.text(locale);
        format!("{}:{}: {message}", self.path.display(), self.line)
    }
}

/// In English, for the server's logs.
impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Locale::En))
    }
}

/// Titles and summaries in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Texts {
    pub title: String,
    pub title_en: String,
    pub summary: String,
    pub summary_en: String,
}

app::codes! {
    /// What finishing a course (and earning its certificate) takes.
    Completion {
        /// Every lesson completed and every module test passed.
        All = "all";
        /// Every lesson completed (for courses without tests that count).
        Lessons = "lessons";
        /// Every module test passed.
        Tests = "tests";
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Course {
    pub id: String,
    /// The name of its folder (in `content/`, a zip or the database's versions).
    pub folder: String,
    pub texts: Texts,
    pub position: i64,
    pub level: Level,
    pub completion: Completion,
    pub intro_html: String,
    /// Hash of every file of the course: changes whenever any of its content does.
    pub version_hash: String,
    pub modules: Vec<Module>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    pub id: String,
    pub texts: Texts,
    pub position: i64,
    pub pass_mark: i64,
    pub test_questions: i64,
    pub intro_html: String,
    pub content_hash: String,
    pub lessons: Vec<Lesson>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    pub id: String,
    pub texts: Texts,
    pub position: i64,
    pub level: Level,
    pub minutes: i64,
    /// The day the lesson's facts were last checked (`YYYY-MM-DD`).
    pub checked: String,
    pub body_html: String,
    pub quiz: Vec<Question>,
    pub has_practice: bool,
    pub content_hash: String,
    /// Where it came from, relative to the content folder.
    pub source: PathBuf,
}

/// Everything under the content folder.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContentTree {
    pub courses: Vec<Course>,
}

impl ContentTree {
    pub fn lessons(&self) -> impl Iterator<Item = &Lesson> {
        self.courses
            .iter()
            .flat_map(|c| &c.modules)
            .flat_map(|m| &m.lessons)
    }
}
