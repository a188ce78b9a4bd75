//! The contract between the thin server functions of this crate and the services of the `server`
//! crate (which depends on this one, so the dependency is inverted through this trait). Every
//! method takes the acting user first: services decide what that user may see.

use std::sync::Arc;

use async_trait::async_trait;

use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::{CourseCard, CourseOutline, LessonPage, ModuleTestPage, QuizResult, QuizTarget};

/// Who is making a request. Accounts and roles extend this; content is public.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
}

/// What the server offers the pages. Implemented by `server::services::Services`.
#[async_trait]
pub trait Backend: Send + Sync + 'static {
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
    async fn check_quiz(
        &self,
        actor: &Actor,
        target: &QuizTarget,
        answers: &[Option<usize>],
    ) -> Result<QuizResult, AppError>;
}

/// The backend as the server provides it to Leptos' context.
pub type SharedBackend = Arc<dyn Backend>;

/// The backend and the acting user of the current request.
pub fn request_scope() -> Result<(SharedBackend, Actor), AppError> {
    let backend = leptos::prelude::use_context::<SharedBackend>().ok_or(AppError::Internal)?;
    Ok((backend, Actor::Anonymous))
}
