//! Plain routes of learning: "I finished this lesson" (a form post carrying the page's event
//! id), revoking a certificate, the certificate as an Open Badges 3.0 credential, and the
//! published certificate key.

use app::backend::Actor;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form, Json};
use serde::Deserialize;

use super::auth::redirect;
use super::forms::failure;
use super::AppState;
use crate::services::learning::{self, LessonEvent};
use crate::services::{badges, certificates};

#[derive(Deserialize)]
pub struct EventForm {
    #[serde(default)]
    event_id: String,
}

pub async fn complete_lesson(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(lesson_id): Path<String>,
    Form(form): Form<EventForm>,
) -> Response {
    let services = &state.services;
    let page = format!("/lessons/{lesson_id}");
    let done = LessonEvent::Completed;
    match learning::record_lesson_event(
        &services.store,
        &services.certificates,
        &actor,
        &lesson_id,
        &form.event_id,
        done,
    )
    .await
    {
        Ok(Some(certificate)) => redirect(&format!("/certificates/{}", certificate.code), None),
        Ok(None) => redirect(&format!("{page}#done"), None),
        Err(error) => failure(&page, error),
    }
}

#[derive(Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    reason: String,
}

pub async fn revoke_certificate(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(code): Path<String>,
    Form(form): Form<RevokeForm>,
) -> Response {
    let page = format!("/certificates/{code}");
    match certificates::revoke(&state.services.store, &actor, &code, &form.reason).await {
        Ok(()) => redirect(&page, None),
        Err(error) => failure(&page, error),
    }
}

/// The certificate in the Open Badges 3.0 shape, for its holder.
pub async fn badge(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(code): Path<String>,
) -> Response {
    let context = state.services.certificate_context();
    match badges::credential(&context, &actor, &code).await {
        Ok(json) => (
            [
                (header::CONTENT_TYPE, "application/vc+ld+json"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"nongdian-badge.json\"",
                ),
            ],
            json,
        )
            .into_response(),
        Err(error) => failure(&format!("/certificates/{code}"), error),
    }
}

/// The public half of the certificate key, for verifiers without a network at check time.
pub async fn certificate_key(State(state): State<AppState>) -> Response {
    Json(serde_json::json!({
        "alg": "Ed25519",
        "encoding": "base64url",
        "public_key": state.services.certificates.public_key(),
        "signs": "the UTF-8 bytes of the payload carried in the certificate QR code (?p=, base64url)",
    }))
    .into_response()
}
