//! Whose learners a report or list may cover: an office's region and below (a requested region
//! must lie within it), a trainer's own classes, everything for an admin. No URL parameter
//! widens this: a region or class outside is refused and the refusal audited.

use app::backend::{Actor, User};
use app::codes::{RegionLevel, Role};
use app::error::AppError;

use crate::error::ServerError;
use crate::services::authz;
use crate::store::people::regions::RegionRow;
use crate::store::reports::figures::RegionScope;
use crate::store::Store;

/// The learners a viewer may see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    /// The region reported on (`None`: everything).
    pub region: Option<RegionRow>,
    /// One level up, when the viewer may see it.
    pub parent: Option<RegionRow>,
    /// A trainer's classes (id, name): only their learners.
    pub trainer_classes: Option<Vec<(i64, String)>>,
}

impl Scope {
    pub fn region_scope(&self) -> RegionScope {
        match &self.region {
            None => RegionScope::All,
            Some(r) => match r.level {
                RegionLevel::County => RegionScope::County(r.id),
                RegionLevel::Township => RegionScope::Township(r.id),
                RegionLevel::Village => RegionScope::Village(r.id),
            },
        }
    }

    pub fn class_ids(&self) -> Option<Vec<i64>> {
        self.trainer_classes
            .as_ref()
            .map(|classes| classes.iter().map(|(id, _)| *id).collect())
    }
}

/// Who may see reports: offices, trainers and admins.
pub const REPORT_ROLES: [Role; 3] = [Role::Office, Role::Trainer, Role::Admin];
/// Who may see learners by name: their office and trainer (admins keep to staff and regions).
pub const LEARNER_ROLES: [Role; 2] = [Role::Office, Role::Trainer];

/// The scope of `actor` (one of `roles`) for `action`, narrowed to `requested` (a region) when it
/// lies within.
pub async fn resolve<'a>(
    store: &Store,
    actor: &'a Actor,
    roles: &[Role],
    requested: Option<i64>,
    action: &str,
) -> Result<(&'a User, Scope), ServerError> {
    let user = authz::require(store, actor, roles, action).await?;
    let home = match user.role {
        Role::Admin => None,
        _ => Some(authz::home_region(store, user, action).await?),
    };
    if let (Some(region), Some(_)) = (requested, home) {
        authz::require_region(store, user, region, action).await?;
    }
    let region = match requested.or(home) {
        Some(id) => Some(store.region(id).await?.ok_or(AppError::NotFound)?),
        None => None,
    };
    let parent = match (&region, home) {
        (Some(r), Some(home)) if r.id == home => None,
        (Some(r), _) => match r.parent_id {
            Some(id) => store.region(id).await?,
            None => None,
        },
        (None, _) => None,
    };
    let trainer_classes = match user.role {
        Role::Trainer => Some(
            store
                .classes_of_trainer(user.id)
                .await?
                .into_iter()
                .map(|c| (c.id, c.name))
                .collect(),
        ),
        _ => None,
    };
    let scope = Scope {
        region,
        parent,
        trainer_classes,
    };
    Ok((user, scope))
}

/// Passes when `class` is one the viewer may filter by: a trainer's own, or held within an
/// office's region (any for admins).
pub async fn check_class(
    store: &Store,
    user: &User,
    scope: &Scope,
    class: i64,
    action: &str,
) -> Result<(), ServerError> {
    let allowed = match &scope.trainer_classes {
        Some(classes) => classes.iter().any(|(id, _)| *id == class),
        None => {
            let home = match user.role {
                Role::Admin => None,
                _ => user.region_id,
            };
            let classes = store.class_names_within(home).await?;
            classes.iter().any(|(id, _)| *id == class)
        }
    };
    if allowed {
        return Ok(());
    }
    authz::deny(store, user, action, &format!("class {class}"), None).await
}
