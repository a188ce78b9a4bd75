//! `/sync/v1/…`: version 1 of the sync surface. Today it tells a signed-in learner's app who it
//! is syncing as and the server's clock; queued progress and quiz answers come next.

use app::backend::{Actor, LearningApi};
use app::model::SyncStatus;
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
