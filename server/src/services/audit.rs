//! Reading the audit log: admins see every entry, offices the entries about their region.

use app::backend::{Actor, Role};
use app::model::AuditItem;

use super::authz;
use crate::error::ServerError;
use crate::store::Store;

const PAGE_SIZE: i64 = 100;

pub async fn entries(
    store: &Store,
    actor: &Actor,
    page: i64,
) -> Result<Vec<AuditItem>, ServerError> {
    let user = authz::require(store, actor, &[Role::Admin, Role::Office], "audit.list").await?;
    let region = match user.role {
        Role::Admin => None,
        _ => Some(authz::home_region(store, user, "audit.list").await?),
    };
    let rows = store
        .audit_entries(region, page.max(0) * PAGE_SIZE, PAGE_SIZE)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditItem {
            at: r.at,
            actor: r.actor_name,
            action: r.action,
            target: r.target,
            region: r.region_name,
            detail: r.detail,
            address: r.address,
        })
        .collect())
}
