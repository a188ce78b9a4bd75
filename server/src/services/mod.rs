//! Business rules and authorization. Every call takes the acting user and decides what that user
//! may see before it reads anything; the pages reach these only through `app::backend::Backend`.

pub mod content;

use async_trait::async_trait;

use app::backend::{Actor, Backend};
use app::error::AppError;
use app::i18n::Locale;
use app::model::{CourseCard, CourseOutline, LessonPage, QuizResult};

use crate::store::Store;

/// The services over one store.
#[derive(Clone, Debug)]
pub struct Services {
    pub store: Store,
}

#[async_trait]
impl Backend for Services {
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

    async fn check_quiz(
        &self,
        actor: &Actor,
        lesson_id: &str,
        answers: &[Option<usize>],
    ) -> Result<QuizResult, AppError> {
        Ok(content::check_quiz(&self.store, actor, lesson_id, answers).await?)
    }
}
