//! Business rules and authorization. Every call takes the acting user and decides what that user
//! may see before it reads anything; the pages reach these only through `app::backend::Backend`.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod authz;
pub mod badges;
pub mod certificates;
pub mod classes;
pub mod content;
pub mod households;
pub mod imports;
pub mod learning;
pub mod quiz;
pub mod region_import;
pub mod regions;
pub mod sheets;

use async_trait::async_trait;

use app::backend::{Actor, Backend};
use app::error::AppError;
use app::i18n::Locale;
use app::model::{
    AuditItem, ClassDetail, ClassItem, CourseCard, CourseOutline, HouseholdDetail, HouseholdList,
    ImportStatus, LessonPage, ModuleTestPage, PasswordSheet, QuizResult, QuizTarget, RegionItem,
    RevealedIdNumber, StaffItem, Viewer,
};
use app::model::{CertificateView, MyLearning, Verification};

use crate::auth::password::Passwords;
use crate::keys::{CertificateKey, DataKey};
use crate::store::Store;

/// The services over one store.
#[derive(Clone, Debug)]
pub struct Services {
    pub store: Store,
    pub passwords: Passwords,
    pub keys: DataKey,
    pub certificates: CertificateKey,
    pub imports: imports::Progress,
    /// The site's address as learners reach it (for certificate QR codes).
    pub public_url: String,
}

impl Services {
    pub fn import_context(&self) -> imports::ImportContext {
        imports::ImportContext {
            store: self.store.clone(),
            keys: self.keys.clone(),
            progress: self.imports.clone(),
        }
    }

    pub fn certificate_context(&self) -> certificates::CertificateContext<'_> {
        certificates::CertificateContext {
            store: &self.store,
            key: &self.certificates,
            public_url: &self.public_url,
        }
    }

    pub fn sheet_context(&self) -> sheets::SheetContext<'_> {
        sheets::SheetContext {
            store: &self.store,
            passwords: &self.passwords,
            keys: &self.keys,
        }
    }
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
        event_id: Option<&str>,
    ) -> Result<QuizResult, AppError> {
        let submission = quiz::QuizSubmission {
            target,
            answers,
            event_id,
        };
        Ok(quiz::check_quiz(&self.store, &self.certificates, actor, submission).await?)
    }

    async fn regions(&self, actor: &Actor) -> Result<Vec<RegionItem>, AppError> {
        Ok(regions::list(&self.store, actor).await?)
    }

    async fn staff(&self, actor: &Actor) -> Result<Vec<StaffItem>, AppError> {
        Ok(accounts::list_staff(&self.store, actor).await?)
    }

    async fn households(
        &self,
        actor: &Actor,
        search: &str,
        page: i64,
    ) -> Result<HouseholdList, AppError> {
        Ok(households::list(&self.store, actor, search, page).await?)
    }

    async fn household(&self, actor: &Actor, id: i64) -> Result<HouseholdDetail, AppError> {
        Ok(households::detail(&self.store, actor, id).await?)
    }

    async fn reveal_id_number(
        &self,
        actor: &Actor,
        member_id: i64,
    ) -> Result<RevealedIdNumber, AppError> {
        Ok(households::reveal_id_number(&self.store, &self.keys, actor, member_id).await?)
    }

    async fn import_status(&self, actor: &Actor, id: i64) -> Result<ImportStatus, AppError> {
        Ok(imports::status(&self.import_context(), actor, id).await?)
    }

    async fn classes(&self, actor: &Actor) -> Result<Vec<ClassItem>, AppError> {
        Ok(classes::mine(&self.store, actor).await?)
    }

    async fn class(&self, actor: &Actor, id: i64) -> Result<ClassDetail, AppError> {
        Ok(classes::detail(&self.store, actor, id).await?)
    }

    async fn password_sheet(&self, actor: &Actor, id: &str) -> Result<PasswordSheet, AppError> {
        Ok(sheets::sheet(&self.sheet_context(), actor, id).await?)
    }

    async fn audit_log(&self, actor: &Actor, page: i64) -> Result<Vec<AuditItem>, AppError> {
        Ok(audit::entries(&self.store, actor, page).await?)
    }

    async fn my_learning(&self, actor: &Actor, locale: Locale) -> Result<MyLearning, AppError> {
        Ok(certificates::my_learning(&self.store, actor, locale).await?)
    }

    async fn certificate(&self, actor: &Actor, code: &str) -> Result<CertificateView, AppError> {
        Ok(certificates::certificate(&self.certificate_context(), actor, code).await?)
    }

    async fn verify(
        &self,
        code: &str,
        payload: Option<&str>,
        signature: Option<&str>,
    ) -> Result<Verification, AppError> {
        let context = self.certificate_context();
        Ok(certificates::verify(&context, code, payload, signature).await?)
    }
}
