//! Reading the audit log: admins see every entry, offices the entries about their region. Seek
//! paging by entry id, so a page deep in a long log costs the same as the first.

use app::backend::Actor;
use app::codes::{AuditAction, Role};
use app::model::{AuditItem, AuditPage};

use crate::error::ServerError;
use crate::services::authz;
use crate::store::Store;

const PAGE_SIZE: usize = 100;

pub async fn entries(
    store: &Store,
    actor: &Actor,
    before: Option<i64>,
) -> Result<AuditPage, ServerError> {
    let user = authz::require(store, actor, &[Role::Admin, Role::Office], "audit.list").await?;
    let region = match user.role {
        Role::Admin => None,
        _ => Some(authz::home_region(store, user, "audit.list").await?),
    };
    let mut rows = store.audit_entries(region, before, PAGE_SIZE + 1).await?;
    let more = rows.len() > PAGE_SIZE;
    rows.truncate(PAGE_SIZE);
    let next = more.then(|| rows.last().map(|r| r.id)).flatten();
    let entries = rows
        .into_iter()
        .map(|r| {
            Ok(AuditItem {
                action: AuditAction::from_code(&r.action).ok_or_else(|| {
                    ServerError::Internal(format!("stored audit action `{}` is unknown", r.action))
                })?,
                id: r.id,
                at: r.at,
                actor: r.actor_name,
                target: r.target,
                region: r.region_name,
                detail: r.detail,
                address: r.address,
            })
        })
        .collect::<Result<_, ServerError>>()?;
    Ok(AuditPage { entries, next })
}
