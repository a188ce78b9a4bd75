//! Regions (county → township → village): admins create them one by one or import them from a
//! CSV file; staff see the regions within their own.

use app::backend::{Actor, Role};
use app::error::AppError;
use app::model::RegionItem;

use super::authz;
use crate::error::ServerError;
use crate::store::regions::RegionRow;
use crate::store::Store;

/// Levels from the top; a region's parent is one level up, and counties have none.
pub const LEVELS: [&str; 3] = ["county", "township", "village"];

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

pub struct NewRegion<'a> {
    pub parent_id: Option<i64>,
    pub level: &'a str,
    pub name: &'a str,
    pub code: Option<&'a str>,
}

/// Creates a region under its parent; admins only.
pub async fn create(store: &Store, actor: &Actor, new: NewRegion<'_>) -> Result<i64, ServerError> {
    let user = authz::require(store, actor, &[Role::Admin], "regions.create").await?;
    let name = new.name.trim();
    let code = new.code.map(str::trim).filter(|c| !c.is_empty());
    check(store, &new, name, code).await?;
    let id = store
        .create_region(new.parent_id, new.level, name, code)
        .await?;
    authz::audit(store, user, "created_region", name, Some(id), new.level).await?;
    Ok(id)
}

async fn check(
    store: &Store,
    new: &NewRegion<'_>,
    name: &str,
    code: Option<&str>,
) -> Result<(), ServerError> {
    let invalid = |m: String| Err(AppError::Invalid(m).into());
    let Some(depth) = LEVELS.iter().position(|l| *l == new.level) else {
        return invalid(format!(
            "级别“{}”无法识别，请选 county、township 或 village",
            new.level
        ));
    };
    if name.is_empty() || name.chars().count() > 40 {
        return invalid("名称不能为空，最多40个字".into());
    }
    if let Some(code) = code {
        if !code.chars().all(|c| c.is_ascii_digit()) || !(6..=12).contains(&code.len()) {
            return invalid(format!("行政区划代码“{code}”应为6到12位数字"));
        }
        if store.region_by_code(code).await?.is_some() {
            return invalid(format!("行政区划代码“{code}”已经有了"));
        }
    }
    let parent = match new.parent_id {
        Some(id) => store.region(id).await?,
        None => None,
    };
    let parent_level = parent.as_ref().map(|p| p.level.as_str());
    let expected = depth.checked_sub(1).map(|d| LEVELS[d]);
    if parent_level != expected {
        return invalid(match expected {
            None => "县级区域不能有上级".into(),
            Some(level) => format!("{}的上级必须是已有的{}", label(new.level), label(level)),
        });
    }
    Ok(())
}

/// Chinese name of a level, for messages.
pub fn label(level: &str) -> &'static str {
    match level {
        "county" => "县",
        "township" => "乡镇",
        _ => "村",
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
