//! What the authoring pages show: a trainer's courses, a course's draft and versions, and one
//! lesson in the editor with its preview and the checker's problems.

use serde::{Deserialize, Serialize};

/// A course the user may edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorCourseItem {
    pub id: String,
    pub title: String,
}

/// A file of the course and whether the draft changes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileState {
    Published,
    Changed,
    Added,
    Deleted,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorFile {
    pub path: String,
    pub state: FileState,
    /// Markdown files open in the editor; pictures do not.
    pub editable: bool,
}

/// A problem the content checker found: file, line and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentProblem {
    pub path: String,
    pub line: usize,
    pub message: String,
    /// The text of that line, shown beside the message (empty when the line is not known).
    pub excerpt: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionItem {
    pub number: i64,
    pub origin: String,
    pub by: Option<String>,
    pub at: i64,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorItem {
    pub name: String,
    pub login: String,
    pub is_owner: bool,
}

/// A course on its authoring page: files (with the draft's changes), the check of the draft,
/// versions newest first, and who may edit it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorCourse {
    pub id: String,
    pub title: String,
    pub files: Vec<AuthorFile>,
    pub has_draft: bool,
    /// The draft's problems (empty: it would publish).
    pub problems: Vec<ContentProblem>,
    pub versions: Vec<VersionItem>,
    pub editors: Vec<EditorItem>,
    /// Owners and admins may grant editing.
    pub may_grant: bool,
}

/// One Markdown file in the editor: its source (draft or published), the preview as learners
/// would get it, and the checker's problems with this file by line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonEditor {
    pub course_id: String,
    pub path: String,
    pub source: String,
    /// The hash of `source` as saved (empty for a new file): sent back with an edit, so a save
    /// over someone else's newer text is noticed.
    pub base_hash: String,
    pub preview_html: String,
    pub problems: Vec<ContentProblem>,
    /// Problems elsewhere in the course, which also stop publishing.
    pub other_problems: usize,
    /// Lessons to link to: (id, title).
    pub lessons: Vec<(String, String)>,
}
