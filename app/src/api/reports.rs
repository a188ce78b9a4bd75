//! Server functions of the reports area.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{FollowUpItem, LearnerDetail, LearnerFilter, LearnerList, Report, ReportFilter};

#[server(prefix = "/api", endpoint = "report")]
pub async fn get_report(#[server(default)] filter: ReportFilter) -> Result<Report, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.report(&actor, &filter).await
}

#[server(prefix = "/api", endpoint = "learners")]
pub async fn get_learners(
    #[server(default)] filter: LearnerFilter,
) -> Result<LearnerList, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.learners(&actor, &filter).await
}

#[server(prefix = "/api", endpoint = "learner")]
pub async fn get_learner(id: i64) -> Result<LearnerDetail, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.learner(&actor, id).await
}

#[server(prefix = "/api", endpoint = "follow-ups")]
pub async fn get_follow_ups() -> Result<Vec<FollowUpItem>, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.follow_ups(&actor).await
}
