//! Writing courses in the browser, what its server functions read: the courses one may edit,
//! a course's files, draft problems and versions, and the editor with its live preview. (Saving,
//! publishing, rollback and grants are form posts: `server/src/http/forms/authoring.rs`.)

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
}
