//! Server functions of the accounts area: who is signed in, staff, sheets and the audit log.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{AuditPage, PasswordSheet, StaffItem, Viewer};

#[server(prefix = "/api", endpoint = "viewer")]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.viewer(&actor).await
}

#[server(prefix = "/api", endpoint = "staff")]
pub async fn get_staff() -> Result<Vec<StaffItem>, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.staff(&actor).await
}

#[server(prefix = "/api", endpoint = "password-sheet")]
pub async fn get_password_sheet(id: String) -> Result<PasswordSheet, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.password_sheet(&actor, &id).await
}

#[server(prefix = "/api", endpoint = "audit-log")]
pub async fn get_audit_log(before: Option<i64>) -> Result<AuditPage, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.audit_log(&actor, before).await
}
