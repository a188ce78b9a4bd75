//! Server functions: the public HTTP endpoints behind the pages. Each one only finds the acting
//! user and hands over to a service, which authorizes and does the work.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::{
    AuditItem, ClassDetail, ClassItem, CourseCard, CourseOutline, HouseholdDetail, HouseholdList,
    ImportStatus, LessonPage, ModuleTestPage, PasswordSheet, QuizResult, QuizTarget, RegionItem,
    RevealedIdNumber, StaffItem, Viewer,
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
    event_id: Option<String>,
) -> Result<QuizResult, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    // Rendering a page for a GET only grades; the attempt was stored when it was posted.
    let event_id = event_id.filter(|_| crate::backend::request_is_post());
    backend
        .check_quiz(&actor, &target, &answers, event_id.as_deref())
        .await
}

#[server(prefix = "/api", endpoint = "viewer")]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.viewer(&actor).await
}

#[server(prefix = "/api", endpoint = "regions")]
pub async fn get_regions() -> Result<Vec<RegionItem>, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.regions(&actor).await
}

#[server(prefix = "/api", endpoint = "staff")]
pub async fn get_staff() -> Result<Vec<StaffItem>, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.staff(&actor).await
}

#[server(prefix = "/api", endpoint = "households")]
pub async fn get_households(search: String, page: i64) -> Result<HouseholdList, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.households(&actor, &search, page).await
}

#[server(prefix = "/api", endpoint = "household")]
pub async fn get_household(id: i64) -> Result<HouseholdDetail, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.household(&actor, id).await
}

#[server(prefix = "/api", endpoint = "reveal-id-number")]
pub async fn reveal_id_number(member_id: i64) -> Result<RevealedIdNumber, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.reveal_id_number(&actor, member_id).await
}

#[server(prefix = "/api", endpoint = "import-status")]
pub async fn get_import_status(id: i64) -> Result<ImportStatus, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.import_status(&actor, id).await
}

#[server(prefix = "/api", endpoint = "classes")]
pub async fn get_classes() -> Result<Vec<ClassItem>, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.classes(&actor).await
}

#[server(prefix = "/api", endpoint = "class")]
pub async fn get_class(id: i64) -> Result<ClassDetail, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.class(&actor, id).await
}

#[server(prefix = "/api", endpoint = "password-sheet")]
pub async fn get_password_sheet(id: String) -> Result<PasswordSheet, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.password_sheet(&actor, &id).await
}

#[server(prefix = "/api", endpoint = "audit-log")]
pub async fn get_audit_log(page: i64) -> Result<Vec<AuditItem>, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.audit_log(&actor, page).await
}

#[server(prefix = "/api", endpoint = "my-learning")]
pub async fn get_my_learning(locale: Locale) -> Result<crate::model::MyLearning, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.my_learning(&actor, locale).await
}

#[server(prefix = "/api", endpoint = "certificate")]
pub async fn get_certificate(code: String) -> Result<crate::model::CertificateView, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.certificate(&actor, &code).await
}

#[server(prefix = "/api", endpoint = "verify")]
pub async fn verify_certificate(
    code: String,
    payload: Option<String>,
    signature: Option<String>,
) -> Result<crate::model::Verification, AppError> {
    let (backend, _) = crate::backend::request_scope()?;
    backend
        .verify(&code, payload.as_deref(), signature.as_deref())
        .await
}
