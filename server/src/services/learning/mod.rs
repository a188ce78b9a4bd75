//! The learning area: the course as learners read it, quizzes and module tests, progress and the
//! completion rule, the learner's home, and certificates. One rule set for pages, forms and sync.

pub mod badges;
pub mod certificates;
pub mod content;
pub mod home;
pub mod module_test;
pub mod progress;
pub mod quiz;
pub mod sync;

use app::backend::{Actor, LearningApi};
use app::error::AppError;
use app::i18n::Locale;
use app::model::{
    AnswerSheet, CertificateView, CourseCard, CourseOutline, LessonPage, ModuleTestPage,
    MyLearning, QuizResult, Recorded, SyncReceipt, SyncStatus, Verification,
};
use async_trait::async_trait;
use tracing::instrument;

use super::Services;

#[async_trait]
impl LearningApi for Services {
    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn catalogue(&self, actor: &Actor, locale: Locale) -> Result<Vec<CourseCard>, AppError> {
        Ok(content::catalogue(self, actor, locale).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id(), course_id))]
    async fn course(
        &self,
        actor: &Actor,
        locale: Locale,
        course_id: &str,
    ) -> Result<CourseOutline, AppError> {
        Ok(content::course(self, actor, locale, course_id).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id(), lesson_id))]
    async fn lesson(
        &self,
        actor: &Actor,
        locale: Locale,
        lesson_id: &str,
    ) -> Result<LessonPage, AppError> {
        Ok(content::lesson(self, actor, locale, lesson_id).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id(), module_id))]
    async fn module_test(
        &self,
        actor: &Actor,
        locale: Locale,
        module_id: &str,
        shown: Option<&str>,
    ) -> Result<ModuleTestPage, AppError> {
        Ok(module_test::page(self, actor, locale, module_id, shown).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn submit_quiz(
        &self,
        actor: &Actor,
        sheet: &AnswerSheet,
    ) -> Result<QuizResult, AppError> {
        Ok(quiz::submit(self, actor, sheet).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn review_quiz(
        &self,
        actor: &Actor,
        sheet: &AnswerSheet,
    ) -> Result<QuizResult, AppError> {
        Ok(quiz::review(self, actor, sheet).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id(), lesson_id))]
    async fn complete_lesson(
        &self,
        actor: &Actor,
        lesson_id: &str,
        event_id: &str,
    ) -> Result<Recorded, AppError> {
        let certificate = progress::complete_lesson(self, actor, lesson_id, event_id).await?;
        Ok(Recorded {
            certificate: certificate.map(|c| c.code),
        })
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn my_learning(&self, actor: &Actor, locale: Locale) -> Result<MyLearning, AppError> {
        Ok(home::my_learning(self, actor, locale).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn certificate(&self, actor: &Actor, code: &str) -> Result<CertificateView, AppError> {
        Ok(certificates::certificate(self, actor, code).await?)
    }

    #[instrument(skip_all)]
    async fn verify(
        &self,
        code: &str,
        payload: Option<&str>,
        signature: Option<&str>,
    ) -> Result<Verification, AppError> {
        Ok(certificates::verify(self, code, payload, signature).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn revoke_certificate(
        &self,
        actor: &Actor,
        code: &str,
        reason: &str,
    ) -> Result<(), AppError> {
        Ok(certificates::revoke(self, actor, code, reason).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn badge(&self, actor: &Actor, code: &str) -> Result<String, AppError> {
        Ok(badges::credential(self, actor, code).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn sync_status(&self, actor: &Actor) -> Result<SyncStatus, AppError> {
        Ok(sync::sync_status(&self.store, actor).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id(), bytes = body.len()))]
    async fn sync_progress(&self, actor: &Actor, body: &[u8]) -> Result<SyncReceipt, AppError> {
        Ok(sync::sync_progress(self, actor, body).await?)
    }
}
