//! Reports: outcomes and follow-ups of trained people, the office's learner list, and a region's
//! report with its exports.

use async_trait::async_trait;

use super::Actor;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::{
    FollowUpContact, FollowUpItem, LearnerDetail, LearnerFilter, LearnerList, OutcomeForm, Report,
    ReportFilter,
};

/// A file to download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub file_name: String,
}

crate::codes! {
    /// The formats a report downloads in.
    ExportFormat {
        Csv = "csv";
        Xlsx = "xlsx";
    }
}

#[async_trait]
pub trait ReportsApi {
    /// The report of a region the actor may see (an office's own and below; a trainer's
    /// classes; everything for admins).
    async fn report(&self, actor: &Actor, filter: &ReportFilter) -> Result<Report, AppError>;
    /// The same report, with exactly the same numbers, as a file; audited.
    async fn export_report(
        &self,
        actor: &Actor,
        filter: &ReportFilter,
        format: ExportFormat,
        locale: Locale,
    ) -> Result<ExportFile, AppError>;
    async fn learners(
        &self,
        actor: &Actor,
        filter: &LearnerFilter,
    ) -> Result<LearnerList, AppError>;
    async fn learner(&self, actor: &Actor, id: i64) -> Result<LearnerDetail, AppError>;
    /// Reports an outcome: a learner about themselves (`learner` None), staff about a learner
    /// of theirs (confirmed at once). Returns the learner's id.
    async fn report_outcome(
        &self,
        actor: &Actor,
        learner: Option<i64>,
        form: &OutcomeForm,
    ) -> Result<i64, AppError>;
    /// A trainer or office confirms a learner's report; returns the learner's id.
    async fn confirm_outcome(&self, actor: &Actor, outcome: i64) -> Result<i64, AppError>;
    /// Follow-up calls due: a trainer's learners, an office's region.
    async fn follow_ups(&self, actor: &Actor) -> Result<Vec<FollowUpItem>, AppError>;
    async fn record_contact(
        &self,
        actor: &Actor,
        follow_up: i64,
        contact: &FollowUpContact,
    ) -> Result<(), AppError>;
}
