//! The reports area: what trained people went on to do (outcome records and follow-up calls),
//! the office's learner list, and a region's report with its exports. Figures come from
//! `learner_facts`, which the learning and accounts services keep current as learners change.

pub mod export;
pub mod follow_ups;
pub mod learners;
pub mod outcomes;
pub mod report;
pub mod rollup;
pub mod scope;

use app::backend::{Actor, ExportFile, ExportFormat, ReportsApi};
use app::codes::AuditAction;
use app::error::AppError;
use app::i18n::Locale;
use app::model::{
    FollowUpContact, FollowUpItem, LearnerDetail, LearnerFilter, LearnerList, OutcomeForm, Report,
    ReportFilter,
};
use async_trait::async_trait;
use tracing::instrument;

use super::{authz, Services};
use crate::store::now;

#[async_trait]
impl ReportsApi for Services {
    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn report(&self, actor: &Actor, filter: &ReportFilter) -> Result<Report, AppError> {
        Ok(report::report(self, actor, filter, now()).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn export_report(
        &self,
        actor: &Actor,
        filter: &ReportFilter,
        format: ExportFormat,
        locale: Locale,
    ) -> Result<ExportFile, AppError> {
        let report = report::report(self, actor, filter, now()).await?;
        let file = export::file(&report, format, locale)?;
        if let Actor::User(user) = actor {
            let action = AuditAction::ExportedReport;
            let detail = format!("{} {}", format.code(), report.filter.query());
            authz::audit(
                &self.store,
                user,
                action,
                "report",
                report.region_id,
                &detail,
            )
            .await?;
        }
        Ok(file)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn learners(
        &self,
        actor: &Actor,
        filter: &LearnerFilter,
    ) -> Result<LearnerList, AppError> {
        Ok(learners::list(&self.store, actor, filter).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id(), learner = id))]
    async fn learner(&self, actor: &Actor, id: i64) -> Result<LearnerDetail, AppError> {
        Ok(learners::detail(&self.store, actor, id).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn report_outcome(
        &self,
        actor: &Actor,
        learner: Option<i64>,
        form: &OutcomeForm,
    ) -> Result<i64, AppError> {
        Ok(outcomes::report(&self.store, actor, learner, form).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id(), outcome))]
    async fn confirm_outcome(&self, actor: &Actor, outcome: i64) -> Result<i64, AppError> {
        Ok(outcomes::confirm(&self.store, actor, outcome).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn follow_ups(&self, actor: &Actor) -> Result<Vec<FollowUpItem>, AppError> {
        Ok(follow_ups::due(&self.store, actor).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id(), follow_up))]
    async fn record_contact(
        &self,
        actor: &Actor,
        follow_up: i64,
        contact: &FollowUpContact,
    ) -> Result<(), AppError> {
        Ok(follow_ups::record(&self.store, actor, follow_up, contact).await?)
    }
}
