//! Server functions of the people area: regions, households, imports and classes.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{
    ClassDetail, ClassItem, HouseholdDetail, HouseholdList, ImportStatus, RegionItem,
    RevealedIdNumber,
};

#[server(prefix = "/api", endpoint = "regions")]
pub async fn get_regions() -> Result<Vec<RegionItem>, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.regions(&actor).await
}

#[server(prefix = "/api", endpoint = "households")]
pub async fn get_households(
    search: String,
    after: Option<String>,
) -> Result<HouseholdList, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.households(&actor, &search, after.as_deref()).await
}

#[server(prefix = "/api", endpoint = "household")]
pub async fn get_household(id: i64) -> Result<HouseholdDetail, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.household(&actor, id).await
}

#[server(prefix = "/api", endpoint = "reveal-id-number")]
pub async fn reveal_id_number(member_id: i64) -> Result<RevealedIdNumber, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.reveal_id_number(&actor, member_id).await
}

#[server(prefix = "/api", endpoint = "import-status")]
pub async fn get_import_status(id: i64) -> Result<ImportStatus, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.import_status(&actor, id).await
}

#[server(prefix = "/api", endpoint = "classes")]
pub async fn get_classes() -> Result<Vec<ClassItem>, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.classes(&actor).await
}

#[server(prefix = "/api", endpoint = "class")]
pub async fn get_class(id: i64) -> Result<ClassDetail, AppError> {
    let (backend, actor) = crate::backend::request_scope()?;
    backend.class(&actor, id).await
}
