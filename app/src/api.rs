//! Server functions: the public HTTP endpoints behind the pages. Each one only finds the acting
//! user and hands over to a service, which authorizes and does the work.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::{
    CourseCard, CourseOutline, LessonPage, ModuleTestPage, QuizResult, QuizTarget, Viewer,
};

#[server(prefix = "/api", endpoint = "catalogue")]
pub async fn get_catalogue(locale: Locale) -> Result<Vec<CourseCard>, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.catalogue(&actor, locale).await
}

#[server(prefix = "/api", endpoint = "course")]
pub async fn get_course(locale: Locale, course_id: String) -> Result<CourseOutline, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.course(&actor, locale, &course_id).await
}

#[server(prefix = "/api", endpoint = "lesson")]
pub async fn get_lesson(locale: Locale, lesson_id: String) -> Result<LessonPage, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.lesson(&actor, locale, &lesson_id).await
}

#[server(prefix = "/api", endpoint = "module-test")]
pub async fn get_module_test(
    locale: Locale,
    module_id: String,
) -> Result<ModuleTestPage, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.module_test(&actor, locale, &module_id).await
}

#[server(prefix = "/api", endpoint = "check-quiz", input = leptos::server_fn::codec::Json)]
pub async fn check_quiz(
    target: QuizTarget,
    answers: Vec<Option<usize>>,
) -> Result<QuizResult, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.check_quiz(&actor, &target, &answers).await
}

#[server(prefix = "/api", endpoint = "viewer")]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.viewer(&actor).await
}
