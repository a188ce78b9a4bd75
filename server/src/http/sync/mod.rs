//! The versioned JSON surface for machine clients (the offline app's sync, other tools): one
//! module per version, so `/sync/v1/...` keeps its shape when a v2 appears. Requests carry the
//! session cookie and pass the same actor and same-origin middleware as everything else; every
//! handler calls the same backend methods as the pages and forms.

pub mod v1;

use app::error::AppError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// A refusal as JSON, with the matching status: `{"error": "...", "message": "..."}`.
#[derive(Debug)]
pub struct SyncError(pub AppError);

impl From<AppError> for SyncError {
    fn from(error: AppError) -> Self {
        SyncError(error)
    }
}

impl IntoResponse for SyncError {
    fn into_response(self) -> Response {
        let (status, code) = match &self.0 {
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            AppError::SignInRequired => (StatusCode::UNAUTHORIZED, "sign_in_required"),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            AppError::Invalid(_) => (StatusCode::BAD_REQUEST, "invalid"),
            AppError::Internal | AppError::Transport(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        };
        let message = match &self.0 {
            AppError::Invalid(problem) => problem.text(app::i18n::Locale::En),
            other => other.to_string(),
        };
        let body = serde_json::json!({ "error": code, "message": message });
        (status, Json(body)).into_response()
    }
}
