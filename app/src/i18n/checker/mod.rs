//! What the content checker says about a course's files, in both languages: the checker finds
//! a typed message at a line (limits, front matter, quizzes, the lesson's body, the folders) and
//! the words are chosen here, for the trainer's language, only when it is shown.

use super::Locale;

/// One thing the checker found wrong at a line of a content file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    Limit(Limit),
    Field(Field),
    Quiz(Quiz),
    Body(Body),
    Layout(Layout),
}

/// A file over a size or shape limit, refused before it is parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Limit {
    FileSize { kb: usize, max_kb: usize },
    Lines { lines: usize, max: usize },
    LineLength { chars: usize, max: usize },
    TableColumns { columns: usize, max: usize },
    MarkRun { mark: char, run: usize, max: usize },
    Nesting { depth: usize, max: usize },
    ParagraphMarks { max: usize },
}

/// The front matter: the `---` block of `key: value` lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    NotOpened,
    NotClosed,
    NotKeyValue {
        line: String,
    },
    Twice {
        key: String,
    },
    Missing {
        key: String,
    },
    Empty {
        key: String,
    },
    TooLong {
        key: String,
        count: usize,
        max: usize,
    },
    BadId {
        id: String,
    },
    NumberMissing {
        key: String,
        min: i64,
        max: i64,
    },
    NumberRange {
        key: String,
        value: String,
        min: i64,
        max: i64,
    },
    DateMissing {
        key: String,
    },
    NotADate {
        key: String,
        value: String,
    },
    Unknown {
        key: String,
    },
    UnknownLevel {
        value: String,
    },
    UnknownCompletion {
        value: String,
    },
}

/// The ```quiz block and its questions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Quiz {
    None,
    NotClosed,
    SecondBlock,
    Size { questions: usize },
    SecondPrompt,
    StrayLine { line: String },
    NoPrompt,
    ChoiceCount { prompt: String, choices: usize },
    RightCount { prompt: String, right: usize },
    NoExplanation { prompt: String },
}

/// The Markdown of a lesson: headings, HTML, pictures, links, length and practice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    Html,
    TitleHeading,
    PictureOutsideImg { path: String },
    PictureMissing { path: String },
    PictureNoAlt { path: String },
    NoPractice { heading: String },
    TooManyChars { chars: usize, max: usize },
    UnknownLessonLink { target: String },
}

/// Files and folders: what a course, module or lesson must have, and what must be unique.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Layout {
    /// The folder could not be read; `error` is the system's own words.
    FolderUnreadable {
        error: String,
    },
    NotUtf8 {
        error: String,
    },
    FileMissing,
    NoCourse,
    NoModule,
    NoLesson,
    TestQuestions {
        asked: i64,
        total: usize,
    },
    SameOrder {
        item: Item,
        other: String,
        id: String,
        position: i64,
    },
    DuplicateId {
        item: Item,
        id: String,
        first: String,
    },
}

/// What kind of thing an id or an `order:` belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    Course,
    Module,
    Lesson,
}

impl Message {
    pub fn text(&self, locale: Locale) -> String {
        let (zh, en) = match self {
            Message::Limit(m) => m.texts(),
            Message::Field(m) => m.texts(),
            Message::Quiz(m) => m.texts(),
            Message::Body(m) => m.texts(),
            Message::Layout(m) => m.texts(),
        };
        match locale {
            Locale::ZhCn => zh,
            Locale::En => en,
        }
    }
}

macro_rules! into_message {
    ($($kind:ident),*) => {$(
        impl From<$kind> for Message {
            fn from(message: $kind) -> Message {
                Message::$kind(message)
            }
        }
    )*};
}
into_message!(Limit, Field, Quiz, Body, Layout);

mod texts;

#[cfg(test)]
mod tests {
    use super::*;

    fn samples() -> Vec<Message> {
        let text = || "x".to_string();
        let item = Item::Lesson;
        vec![
            Limit::FileSize { kb: 2, max_kb: 1 }.into(),
            Limit::Lines { lines: 2, max: 1 }.into(),
            Limit::LineLength { chars: 2, max: 1 }.into(),
            Limit::TableColumns { columns: 2, max: 1 }.into(),
            Limit::MarkRun {
                mark: '*',
                run: 2,
                max: 1,
            }
            .into(),
            Limit::Nesting { depth: 2, max: 1 }.into(),
            Limit::ParagraphMarks { max: 1 }.into(),
            Field::NotOpened.into(),
            Field::NotClosed.into(),
            Field::NotKeyValue { line: text() }.into(),
            Field::Twice { key: text() }.into(),
            Field::Missing { key: text() }.into(),
            Field::Empty { key: text() }.into(),
            Field::TooLong {
                key: text(),
                count: 2,
                max: 1,
            }
            .into(),
            Field::BadId { id: text() }.into(),
            Field::NumberMissing {
                key: text(),
                min: 1,
                max: 2,
            }
            .into(),
            Field::NumberRange {
                key: text(),
                value: text(),
                min: 1,
                max: 2,
            }
            .into(),
            Field::DateMissing { key: text() }.into(),
            Field::NotADate {
                key: text(),
                value: text(),
            }
            .into(),
            Field::Unknown { key: text() }.into(),
            Field::UnknownLevel { value: text() }.into(),
            Field::UnknownCompletion { value: text() }.into(),
            Quiz::None.into(),
            Quiz::NotClosed.into(),
            Quiz::SecondBlock.into(),
            Quiz::Size { questions: 1 }.into(),
            Quiz::SecondPrompt.into(),
            Quiz::StrayLine { line: text() }.into(),
            Quiz::NoPrompt.into(),
            Quiz::ChoiceCount {
                prompt: text(),
                choices: 1,
            }
            .into(),
            Quiz::RightCount {
                prompt: text(),
                right: 2,
            }
            .into(),
            Quiz::NoExplanation { prompt: text() }.into(),
            Body::Html.into(),
            Body::TitleHeading.into(),
            Body::PictureOutsideImg { path: text() }.into(),
            Body::PictureMissing { path: text() }.into(),
            Body::PictureNoAlt { path: text() }.into(),
            Body::NoPractice { heading: text() }.into(),
            Body::TooManyChars { chars: 2, max: 1 }.into(),
            Body::UnknownLessonLink { target: text() }.into(),
            Layout::FolderUnreadable { error: text() }.into(),
            Layout::NotUtf8 { error: text() }.into(),
            Layout::FileMissing.into(),
            Layout::NoCourse.into(),
            Layout::NoModule.into(),
            Layout::NoLesson.into(),
            Layout::TestQuestions { asked: 2, total: 1 }.into(),
            Layout::SameOrder {
                item,
                other: text(),
                id: text(),
                position: 1,
            }
            .into(),
            Layout::DuplicateId {
                item,
                id: text(),
                first: text(),
            }
            .into(),
        ]
    }

    #[test]
    fn every_message_reads_in_chinese_and_in_english_and_no_two_alike() {
        let is_cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        let samples = samples();
        let mut seen = std::collections::HashSet::new();
        for message in &samples {
            let zh = message.text(Locale::ZhCn);
            let en = message.text(Locale::En);
            assert!(zh.chars().any(is_cjk), "{message:?}: {zh}");
            assert!(!en.chars().any(is_cjk), "{message:?}: {en}");
            assert!(
                seen.insert(zh.clone()) && seen.insert(en),
                "said twice: {zh}"
            );
        }
        assert_eq!(seen.len(), 2 * samples.len());
    }
}
