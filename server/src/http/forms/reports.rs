//! Form posts and files of the reports area: a learner's own outcome report, staff reporting and
//! confirming outcomes, follow-up calls, and a report's CSV and XLSX downloads.

use app::backend::{Actor, ExportFormat, ReportsApi};
use app::model::{FollowUpContact, OutcomeForm, ReportFilter};
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;

use crate::http::respond::{
    file_response, redirect, referer_path, request_locale, FormData, FormError, OrBack,
};
use crate::http::AppState;

/// A learner tells what they did; back to their home page.
pub async fn report_own(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    FormData(form): FormData<OutcomeForm>,
) -> Result<Response, FormError> {
    let back = "/me";
    let services = &state.services;
    services
        .report_outcome(&actor, None, &form)
        .await
        .or_back(back)?;
    Ok(redirect("/me?reported=1#outcomes", None))
}

/// A trainer or office reports for one of their learners.
pub async fn report_for(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(learner): Path<i64>,
    FormData(form): FormData<OutcomeForm>,
) -> Result<Response, FormError> {
    let back = format!("/staff/learners/{learner}");
    let services = &state.services;
    let id = services
        .report_outcome(&actor, Some(learner), &form)
        .await
        .or_back(&back)?;
    Ok(redirect(&format!("/staff/learners/{id}#outcomes"), None))
}

pub async fn confirm(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Path(outcome): Path<i64>,
) -> Result<Response, FormError> {
    let back = referer_path(&headers, "/staff/learners");
    let learner = state
        .services
        .confirm_outcome(&actor, outcome)
        .await
        .or_back(&back)?;
    Ok(redirect(
        &format!("/staff/learners/{learner}#outcomes"),
        None,
    ))
}

pub async fn record_contact(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(follow_up): Path<i64>,
    FormData(form): FormData<FollowUpContact>,
) -> Result<Response, FormError> {
    let back = "/staff/follow-ups";
    let services = &state.services;
    services
        .record_contact(&actor, follow_up, &form)
        .await
        .or_back(back)?;
    Ok(redirect(back, None))
}

pub async fn export_csv(
    state: State<AppState>,
    actor: Extension<Actor>,
    headers: HeaderMap,
    filter: Query<ReportFilter>,
) -> Result<Response, FormError> {
    export(state, actor, headers, filter, ExportFormat::Csv).await
}

pub async fn export_xlsx(
    state: State<AppState>,
    actor: Extension<Actor>,
    headers: HeaderMap,
    filter: Query<ReportFilter>,
) -> Result<Response, FormError> {
    export(state, actor, headers, filter, ExportFormat::Xlsx).await
}

async fn export(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Query(filter): Query<ReportFilter>,
    format: ExportFormat,
) -> Result<Response, FormError> {
    let back = format!("/reports?{}", filter.query());
    let locale = request_locale(&headers);
    let file = state
        .services
        .export_report(&actor, &filter, format, locale)
        .await
        .or_back(&back)?;
    Ok(file_response(file))
}
