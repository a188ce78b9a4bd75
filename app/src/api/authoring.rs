//! Server functions of writing courses: the pages' reads, and the editor's live preview (the
//! same call with the text typed so far).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{AuthorCourse, AuthorCourseItem, LessonEditor};

#[server(prefix = "/api", endpoint = "author-courses")]
pub async fn get_author_courses() -> Result<Vec<AuthorCourseItem>, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.author_courses(&actor).await
}

#[server(prefix = "/api", endpoint = "author-course")]
pub async fn get_author_course(course_id: String) -> Result<AuthorCourse, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    let locale = crate::components::locale::request_locale();
    backend.author_course(&actor, locale, &course_id).await
}

/// The editor's data; with `source`, the preview and check of that text (nothing is saved).
#[server(prefix = "/api", endpoint = "author-editor")]
pub async fn get_editor(
    course_id: String,
    path: String,
    source: Option<String>,
) -> Result<LessonEditor, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    let locale = crate::components::locale::request_locale();
    backend
        .editor(&actor, locale, &course_id, &path, source.as_deref())
        .await
}
