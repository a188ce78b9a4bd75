//! The contract between the thin server functions of this crate and the services of the `server`
//! crate (which depends on this one, so the dependency is inverted through this trait). Every
//! method takes the acting user first: services decide what that user may see.

use std::sync::Arc;

use async_trait::async_trait;

use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::{
    AuditItem, ClassDetail, ClassItem, CourseCard, CourseOutline, HouseholdDetail, HouseholdList,
    ImportStatus, LessonPage, ModuleTestPage, PasswordSheet, QuizResult, QuizTarget, RegionItem,
    RevealedIdNumber, StaffItem, Viewer,
};
use crate::model::{CertificateView, MyLearning, Verification};

/// What a signed-in person may do; offices and trainers are further limited to their region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Learner,
    Trainer,
    Office,
    Admin,
}

impl Role {
    /// The spelling stored in `users.role`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Learner => "learner",
            Role::Trainer => "trainer",
            Role::Office => "office",
            Role::Admin => "admin",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        [Role::Learner, Role::Trainer, Role::Office, Role::Admin]
            .into_iter()
            .find(|role| role.as_str() == value)
    }
}

/// A signed-in person, as the session says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub display_name: String,
    pub role: Role,
    pub region_id: Option<i64>,
    pub must_change_password: bool,
    /// The session this request came with (its stored id), so changing one's own password can
    /// keep it while ending the others.
    pub session_id: String,
    /// Where this request came from, for the audit log.
    pub address: String,
}

/// Who is making a request: resolved from the session cookie by the server for every request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Actor {
    #[default]
    Anonymous,
    User(User),
}

/// What the server offers the pages. Implemented by `server::services::Services`.
#[async_trait]
pub trait Backend: Send + Sync + 'static {
    /// Who the page is for, as the header shows it (and which staff pages it may link to).
    async fn viewer(&self, actor: &Actor) -> Result<Option<Viewer>, AppError>;
    async fn catalogue(&self, actor: &Actor, locale: Locale) -> Result<Vec<CourseCard>, AppError>;
    async fn course(
        &self,
        actor: &Actor,
        locale: Locale,
        course_id: &str,
    ) -> Result<CourseOutline, AppError>;
    async fn lesson(
        &self,
        actor: &Actor,
        locale: Locale,
        lesson_id: &str,
    ) -> Result<LessonPage, AppError>;
    async fn module_test(
        &self,
        actor: &Actor,
        locale: Locale,
        module_id: &str,
    ) -> Result<ModuleTestPage, AppError>;
    /// Grades answers; a learner's attempt is stored once under `event_id`.
    async fn check_quiz(
        &self,
        actor: &Actor,
        target: &QuizTarget,
        answers: &[Option<usize>],
        event_id: Option<&str>,
    ) -> Result<QuizResult, AppError>;
    async fn regions(&self, actor: &Actor) -> Result<Vec<RegionItem>, AppError>;
    async fn staff(&self, actor: &Actor) -> Result<Vec<StaffItem>, AppError>;
    async fn households(
        &self,
        actor: &Actor,
        search: &str,
        page: i64,
    ) -> Result<HouseholdList, AppError>;
    async fn household(&self, actor: &Actor, id: i64) -> Result<HouseholdDetail, AppError>;
    async fn reveal_id_number(
        &self,
        actor: &Actor,
        member_id: i64,
    ) -> Result<RevealedIdNumber, AppError>;
    async fn import_status(&self, actor: &Actor, id: i64) -> Result<ImportStatus, AppError>;
    async fn classes(&self, actor: &Actor) -> Result<Vec<ClassItem>, AppError>;
    async fn class(&self, actor: &Actor, id: i64) -> Result<ClassDetail, AppError>;
    async fn password_sheet(&self, actor: &Actor, id: &str) -> Result<PasswordSheet, AppError>;
    async fn audit_log(&self, actor: &Actor, page: i64) -> Result<Vec<AuditItem>, AppError>;
    async fn my_learning(&self, actor: &Actor, locale: Locale) -> Result<MyLearning, AppError>;
    async fn certificate(&self, actor: &Actor, code: &str) -> Result<CertificateView, AppError>;
    /// Public: anyone may check a certificate, with the QR code's payload and signature if any.
    async fn verify(
        &self,
        code: &str,
        payload: Option<&str>,
        signature: Option<&str>,
    ) -> Result<Verification, AppError>;
}

/// The backend as the server provides it to Leptos' context.
pub type SharedBackend = Arc<dyn Backend>;

/// The backend and the acting user of the current request (put there by the server's session
/// middleware; a request without one is anonymous).
pub fn request_scope() -> Result<(SharedBackend, Actor), AppError> {
    use leptos::prelude::use_context;
    let backend = use_context::<SharedBackend>().ok_or(AppError::Internal)?;
    let actor = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Actor>().cloned())
        .unwrap_or_default();
    Ok((backend, actor))
}

/// Whether the current request is a POST (a submitted form or a server function called from the
/// browser), not a page being rendered for a GET: only those may record anything.
pub fn request_is_post() -> bool {
    leptos::prelude::use_context::<http::request::Parts>()
        .is_some_and(|parts| parts.method == http::Method::POST)
}
