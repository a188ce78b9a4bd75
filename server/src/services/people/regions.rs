//! Regions (county → township → village): admins create them one by one or import them from a
//! CSV file; staff see the regions within their own.

use app::backend::Actor;
use app::codes::{AuditAction, RegionLevel, Role};
use app::error::AppError;
use app::i18n::problems::Problem;
use app::model::{NewRegion, RegionItem};

use crate::error::ServerError;
use crate::services::authz;
use crate::store::people::regions::RegionRow;
use crate::store::Store;

const MAX_NAME_CHARS: usize = 40;

/// The regions the actor may see: all for admins, their own subtree for offices and trainers.
pub async fn list(store: &Store, actor: &Actor) -> Result<Vec<RegionItem>, ServerError> {
    let roles = [Role::Admin, Role::Office, Role::Trainer];
    let user = authz::require(store, actor, &roles, "regions.list").await?;
    let root = match user.role {
        Role::Admin => None,
        _ => Some(authz::home_region(store, user, "regions.list").await?),
    };
    let rows = store.regions_within(root).await?;
    Ok(rows.into_iter().map(item).collect())
}

/// Creates a region under its parent; admins only.
pub async fn create(store: &Store, actor: &Actor, new: &NewRegion) -> Result<i64, ServerError> {
    let user = authz::require(store, actor, &[Role::Admin], "regions.create").await?;
    let name = new.name.trim();
    let code = new.code.as_deref();
    let level = check(store, new, name, code).await?;
    let id = store
        .create_region(new.parent_id, level, name, code)
        .await?;
    let action = AuditAction::CreatedRegion;
    authz::audit(store, user, action, name, Some(id), level.code()).await?;
    Ok(id)
}

/// The new region's level, once its name, code and parent are right for it.
async fn check(
    store: &Store,
    new: &NewRegion,
    name: &str,
    code: Option<&str>,
) -> Result<RegionLevel, ServerError> {
    let invalid = |problem: Problem| Err(AppError::from(problem).into());
    let Some(level) = RegionLevel::from_code(&new.level) else {
        return invalid(Problem::RegionLevelUnknown {
            level: new.level.clone(),
        });
    };
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return invalid(Problem::RegionName {
            max: MAX_NAME_CHARS,
        });
    }
    if let Some(code) = code {
        let code = code.to_string();
        if !code.chars().all(|c| c.is_ascii_digit()) || !(6..=12).contains(&code.len()) {
            return invalid(Problem::RegionCodeFormat { code });
        }
        if store.region_by_code(&code).await?.is_some() {
            return invalid(Problem::RegionCodeTaken { code });
        }
    }
    let parent = match new.parent_id {
        Some(id) => store.region(id).await?,
        None => None,
    };
    match (level.parent(), parent.map(|p| p.level)) {
        (expected, found) if expected == found => Ok(level),
        (None, _) => invalid(Problem::CountyHasNoParent),
        (Some(parent), _) => invalid(Problem::ParentLevel { level, parent }),
    }
}

fn item(row: RegionRow) -> RegionItem {
    RegionItem {
        id: row.id,
        parent_id: row.parent_id,
        level: row.level,
        name: row.name,
        code: row.code,
    }
}
