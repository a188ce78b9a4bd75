//! `/sync/v1/…`: version 1 of the sync surface: who a signed-in learner's app syncs as and the
//! server's clock, and the batches of progress and quiz answers queued on the phone.

use app::backend::{Actor, LearningApi};
use app::model::{SyncReceipt, SyncStatus};
use axum::body::Bytes;
use axum::extract::State;
use axum::{Extension, Json};

use super::SyncError;
use crate::http::AppState;

/// `GET /sync/v1/status`: the learner the session belongs to, and the server's time.
pub async fn status(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
) -> Result<Json<SyncStatus>, SyncError> {
    Ok(Json(state.services.sync_status(&actor).await?))
}

/// `POST /sync/v1/progress`: a `SyncBatch` (JSON); the answer is a `SyncReceipt`. The body is
/// read as bytes so the actor is authorized before anything in it is parsed.
pub async fn progress(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    body: Bytes,
) -> Result<Json<SyncReceipt>, SyncError> {
    Ok(Json(state.services.sync_progress(&actor, &body).await?))
}
