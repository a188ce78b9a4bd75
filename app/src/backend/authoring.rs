//! Writing courses in the browser: drafts, checks and previews, publishing and rolling back,
//! and who may edit which course.

use async_trait::async_trait;

use super::Actor;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::{AuthorCourse, AuthorCourseItem, LessonEditor};

#[async_trait]
pub trait AuthoringApi {
    /// The courses the actor may edit.
    async fn author_courses(&self, actor: &Actor) -> Result<Vec<AuthorCourseItem>, AppError>;
    /// A course's files, draft problems (in `locale`), versions and editors.
    async fn author_course(
        &self,
        actor: &Actor,
        locale: Locale,
        course_id: &str,
    ) -> Result<AuthorCourse, AppError>;
    /// A Markdown file of the course in the editor; `source` previews text not yet saved.
    async fn editor(
        &self,
        actor: &Actor,
        locale: Locale,
        course_id: &str,
        path: &str,
        source: Option<&str>,
    ) -> Result<LessonEditor, AppError>;
    /// Puts a file's new text into the course's draft.
    async fn save_draft(
        &self,
        actor: &Actor,
        course_id: &str,
        path: &str,
        source: &str,
    ) -> Result<(), AppError>;
    async fn discard_draft(&self, actor: &Actor, course_id: &str) -> Result<(), AppError>;
    /// Publishes the draft as the next version; returns its number.
    async fn publish(&self, actor: &Actor, course_id: &str, note: &str) -> Result<i64, AppError>;
    /// Publishes an earlier version's files again as the next version; returns its number.
    async fn roll_back(&self, actor: &Actor, course_id: &str, number: i64)
        -> Result<i64, AppError>;
    /// Lets a trainer (by login) edit the course.
    async fn grant_editor(
        &self,
        actor: &Actor,
        course_id: &str,
        login: &str,
    ) -> Result<(), AppError>;
}
