//! Form posts and files of the learning area: "I finished this lesson" (carrying the page's event
//! id), a quiz's answer sheet, revoking a certificate, the certificate as an Open Badges 3.0
//! credential, and the published certificate key.

use app::backend::{Actor, LearningApi};
use app::i18n::problems::Problem;
use app::model::{AnswerSheet, LessonDone, Revocation};
use app::urls::query_string;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};

use crate::http::respond::{redirect, FormData, FormError, OrBack};
use crate::http::AppState;
use crate::services::learning::certificates;

pub async fn complete_lesson(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(lesson_id): Path<String>,
    FormData(form): FormData<LessonDone>,
) -> Result<Response, FormError> {
    let page = format!("/lessons/{lesson_id}");
    let recorded = state
        .services
        .complete_lesson(&actor, &lesson_id, &form.event_id)
        .await
        .or_back(&page)?;
    Ok(match recorded.certificate {
        Some(code) => redirect(&format!("/certificates/{code}"), None),
        None => redirect(&format!("{page}#done"), None),
    })
}

/// A quiz posted without JavaScript: graded and a learner's attempt stored, then back to the
/// quiz with the answers in the query, where the page shows the verdict (post, redirect, get:
/// reloading never posts again).
pub async fn submit_quiz(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    FormData(fields): FormData<Vec<(String, String)>>,
) -> Result<Response, FormError> {
    let pairs = fields.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let Some(sheet) = AnswerSheet::from_pairs(pairs) else {
        return Err(FormError::new("/", Problem::AnswerSheetIncomplete));
    };
    let page = sheet.target.page();
    state
        .services
        .submit_quiz(&actor, &sheet)
        .await
        .or_back(&page)?;
    Ok(redirect(
        &format!("{page}?{}#quiz", query_string(&sheet.query())),
        None,
    ))
}

pub async fn revoke_certificate(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(code): Path<String>,
    FormData(form): FormData<Revocation>,
) -> Result<Response, FormError> {
    let page = format!("/certificates/{code}");
    let services = &state.services;
    services
        .revoke_certificate(&actor, &code, &form.reason)
        .await
        .or_back(&page)?;
    Ok(redirect(&page, None))
}

/// The certificate in the Open Badges 3.0 shape, for its holder.
pub async fn badge(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(code): Path<String>,
) -> Result<Response, FormError> {
    let page = format!("/certificates/{code}");
    let json = state.services.badge(&actor, &code).await.or_back(&page)?;
    let headers = [
        (header::CONTENT_TYPE, "application/vc+ld+json"),
        (
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"nongdian-badge.json\"",
        ),
    ];
    Ok((headers, json).into_response())
}

/// The public half of the certificate key, for verifiers without a network at check time.
pub async fn certificate_key(State(state): State<AppState>) -> Response {
    Json(certificates::key_document(&state.services)).into_response()
}
