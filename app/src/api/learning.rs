//! Server functions of the learning area.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::{
    AnswerSheet, CertificateView, CourseCard, CourseOutline, LessonPage, ModuleTestPage,
    MyLearning, QuizResult, Verification,
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
    shown: Option<String>,
) -> Result<ModuleTestPage, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend
        .module_test(&actor, locale, &module_id, shown.as_deref())
        .await
}

/// A learner submits answers from a hydrated quiz: graded, and the attempt stored once.
#[server(prefix = "/api", endpoint = "submit-quiz", input = leptos::server_fn::codec::Json)]
pub async fn submit_quiz(sheet: AnswerSheet) -> Result<QuizResult, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.submit_quiz(&actor, &sheet).await
}

/// The verdict on a sheet already submitted, for the page it returns to; stores nothing.
#[server(prefix = "/api", endpoint = "review-quiz", input = leptos::server_fn::codec::Json)]
pub async fn review_quiz(sheet: AnswerSheet) -> Result<QuizResult, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.review_quiz(&actor, &sheet).await
}

#[server(prefix = "/api", endpoint = "my-learning")]
pub async fn get_my_learning(locale: Locale) -> Result<MyLearning, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.my_learning(&actor, locale).await
}

#[server(prefix = "/api", endpoint = "certificate")]
pub async fn get_certificate(code: String) -> Result<CertificateView, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.certificate(&actor, &code).await
}

#[server(prefix = "/api", endpoint = "verify")]
pub async fn verify_certificate(
    code: String,
    payload: Option<String>,
    signature: Option<String>,
) -> Result<Verification, AppError> {
    let (backend, _) = crate::backend::request_scope()?;
    backend
        .verify(&code, payload.as_deref(), signature.as_deref())
        .await
}
