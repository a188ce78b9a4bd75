//! The one authorization layer: every service that touches personal data first asks here who
//! the actor is, whether their role may do this, and whether the region is theirs. Refusals of
//! signed-in people are written to the audit log.

use app::backend::{Actor, User};
use app::codes::{AuditAction, Role};
use app::error::AppError;

use crate::error::ServerError;
use crate::store::accounts::audit::NewAuditEntry;
use crate::store::{now, Store};

/// The signed-in user, or `SignInRequired`.
pub fn signed_in(actor: &Actor) -> Result<&User, ServerError> {
    match actor {
        Actor::User(user) => Ok(user),
        Actor::Anonymous => Err(AppError::SignInRequired.into()),
    }
}

/// The signed-in user if their role is one of `roles` and they have no pending forced password
/// change; otherwise the refusal is audited as `action` and returned.
pub async fn require<'a>(
    store: &Store,
    actor: &'a Actor,
    roles: &[Role],
    action: &str,
) -> Result<&'a User, ServerError> {
    let user = signed_in(actor)?;
    if roles.contains(&user.role) && !user.must_change_password {
        return Ok(user);
    }
    deny(store, user, action, "role", user.region_id).await
}

/// The region a staff member works in: offices and trainers must have one.
pub async fn home_region(store: &Store, user: &User, action: &str) -> Result<i64, ServerError> {
    match user.region_id {
        Some(region) => Ok(region),
        None => deny(store, user, action, "no region assigned", None).await,
    }
}

/// Passes when `region` lies within the user's own region.
pub async fn require_region(
    store: &Store,
    user: &User,
    region: i64,
    action: &str,
) -> Result<(), ServerError> {
    let home = home_region(store, user, action).await?;
    if store.region_within(region, home).await? {
        return Ok(());
    }
    deny(
        store,
        user,
        action,
        &format!("region {region}"),
        Some(region),
    )
    .await
}

/// Records a refusal and returns `Forbidden`.
pub async fn deny<T>(
    store: &Store,
    user: &User,
    action: &str,
    target: &str,
    region: Option<i64>,
) -> Result<T, ServerError> {
    audit(
        store,
        user,
        AuditAction::Denied,
        &format!("{action}: {target}"),
        region,
        "",
    )
    .await?;
    Err(AppError::Forbidden.into())
}

/// Writes an audit entry about something `user` did.
pub async fn audit(
    store: &Store,
    user: &User,
    action: AuditAction,
    target: &str,
    region: Option<i64>,
    detail: &str,
) -> Result<(), ServerError> {
    let entry = NewAuditEntry {
        actor_id: Some(user.id),
        action,
        target,
        region_id: region,
        detail,
        address: &user.address,
    };
    store.record_audit(entry, now()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anonymous_actors_must_sign_in() {
        let error = signed_in(&Actor::Anonymous).unwrap_err();
        assert!(matches!(error, ServerError::App(AppError::SignInRequired)));
    }
}
