//! Learning: the course, quizzes, progress, the learner's home and certificates.

use async_trait::async_trait;

use super::Actor;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::{
    AnswerSheet, CertificateView, CourseCard, CourseOutline, LessonPage, ModuleTestPage,
    MyLearning, QuizResult, Recorded, SyncReceipt, SyncStatus, Verification,
};

#[async_trait]
pub trait LearningApi {
    async fn catalogue(&self, actor: &Actor, locale: Locale) -> Result<Vec<CourseCard>, AppError>;
    async fn course(
        &self,
        actor: &Actor,
        locale: Locale,
        course_id: &str,
    ) -> Result<CourseOutline, AppError>;
    /// A lesson page; a learner's first opening of the lesson is recorded.
    async fn lesson(
        &self,
        actor: &Actor,
        locale: Locale,
        lesson_id: &str,
    ) -> Result<LessonPage, AppError>;
    /// A module test page: the learner's earlier draw `shown` (after submitting it), or a new
    /// draw of questions (learners only; retries wait after a failed attempt).
    async fn module_test(
        &self,
        actor: &Actor,
        locale: Locale,
        module_id: &str,
        shown: Option<&str>,
    ) -> Result<ModuleTestPage, AppError>;
    /// Grades a submitted answer sheet and stores a learner's attempt once per sheet.
    async fn submit_quiz(&self, actor: &Actor, sheet: &AnswerSheet)
        -> Result<QuizResult, AppError>;
    /// Grades a sheet already submitted, to show its verdict; stores nothing.
    async fn review_quiz(&self, actor: &Actor, sheet: &AnswerSheet)
        -> Result<QuizResult, AppError>;
    /// "I finished this lesson", stored once per event id.
    async fn complete_lesson(
        &self,
        actor: &Actor,
        lesson_id: &str,
        event_id: &str,
    ) -> Result<Recorded, AppError>;
    async fn my_learning(&self, actor: &Actor, locale: Locale) -> Result<MyLearning, AppError>;
    async fn certificate(&self, actor: &Actor, code: &str) -> Result<CertificateView, AppError>;
    /// Public: anyone may check a certificate, with the QR code's payload and signature if any.
    async fn verify(
        &self,
        code: &str,
        payload: Option<&str>,
        signature: Option<&str>,
    ) -> Result<Verification, AppError>;
    async fn revoke_certificate(
        &self,
        actor: &Actor,
        code: &str,
        reason: &str,
    ) -> Result<(), AppError>;
    /// The certificate as an Open Badges 3.0 credential (JSON), for its holder.
    async fn badge(&self, actor: &Actor, code: &str) -> Result<String, AppError>;
    /// Who a learner's app syncs as, and the server's clock.
    async fn sync_status(&self, actor: &Actor) -> Result<SyncStatus, AppError>;
    /// Stores a batch of events made offline (`SyncBatch` as JSON, read only once the actor is
    /// authorized), each once per event id; answers for each event.
    async fn sync_progress(&self, actor: &Actor, body: &[u8]) -> Result<SyncReceipt, AppError>;
}
