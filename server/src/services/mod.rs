//! Business rules and authorization. Every call takes the acting user and decides what that user
//! may see before it reads anything; the pages reach these only through `app::backend::Backend`.

pub mod accounts;
pub mod auth;
pub mod content;
pub mod quiz;

use async_trait::async_trait;

use app::backend::{Actor, Backend};
use app::error::AppError;
use app::i18n::Locale;
use app::model::{
    CourseCard, CourseOutline, LessonPage, ModuleTestPage, QuizResult, QuizTarget, Viewer,
};

use crate::auth::password::Passwords;
use crate::store::Store;

/// The services over one store.
#[derive(Clone, Debug)]
pub struct Services {
    pub store: Store,
    pub passwords: Passwords,
}

#[async_trait]
impl Backend for Services {
    async fn viewer(&self, actor: &Actor) -> Result<Option<Viewer>, AppError> {
        Ok(auth::viewer(actor))
    }

    async fn catalogue(&self, actor: &Actor, locale: Locale) -> Result<Vec<CourseCard>, AppError> {
        Ok(content::catalogue(&self.store, actor, locale).await?)
    }

    async fn course(
        &self,
        actor: &Actor,
        locale: Locale,
        course_id: &str,
    ) -> Result<CourseOutline, AppError> {
        Ok(content::course(&self.store, actor, locale, course_id).await?)
    }

    async fn lesson(
        &self,
        actor: &Actor,
        locale: Locale,
        lesson_id: &str,
    ) -> Result<LessonPage, AppError> {
        Ok(content::lesson(&self.store, actor, locale, lesson_id).await?)
    }

    async fn module_test(
        &self,
        actor: &Actor,
        locale: Locale,
        module_id: &str,
    ) -> Result<ModuleTestPage, AppError> {
        Ok(quiz::module_test(&self.store, actor, locale, module_id).await?)
    }

    async fn check_quiz(
        &self,
        actor: &Actor,
        target: &QuizTarget,
        answers: &[Option<usize>],
    ) -> Result<QuizResult, AppError> {
        Ok(quiz::check_quiz(&self.store, actor, target, answers).await?)
    }
}
