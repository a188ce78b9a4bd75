//! People and places: regions, households and their imports and exports, training classes.

use async_trait::async_trait;

use super::Actor;
use crate::error::AppError;
use crate::model::{
    ClassDetail, ClassItem, HouseholdDetail, HouseholdList, ImportStatus, NewClass, NewRegion,
    RegionItem, RevealedIdNumber, Upload,
};

#[async_trait]
pub trait PeopleApi {
    async fn regions(&self, actor: &Actor) -> Result<Vec<RegionItem>, AppError>;
    async fn create_region(&self, actor: &Actor, new: &NewRegion) -> Result<i64, AppError>;
    /// Checks that the actor may import regions before the upload is read.
    async fn may_import_regions(&self, actor: &Actor) -> Result<(), AppError>;
    /// Imports a regions CSV; returns how many were added.
    async fn import_regions(&self, actor: &Actor, bytes: &[u8]) -> Result<usize, AppError>;
    /// A page of the office's households by number, starting after number `after`.
    async fn households(
        &self,
        actor: &Actor,
        search: &str,
        after: Option<&str>,
    ) -> Result<HouseholdList, AppError>;
    async fn household(&self, actor: &Actor, id: i64) -> Result<HouseholdDetail, AppError>;
    async fn reveal_id_number(
        &self,
        actor: &Actor,
        member_id: i64,
    ) -> Result<RevealedIdNumber, AppError>;
    /// The office's households as CSV in `encoding` (`utf-8` or `gbk`); audited.
    async fn export_households(&self, actor: &Actor, encoding: &str) -> Result<Vec<u8>, AppError>;
    /// Checks that the actor may import households before the upload is read.
    async fn may_import_households(&self, actor: &Actor) -> Result<(), AppError>;
    /// Queues a household import; returns its id for the progress page.
    async fn start_import(&self, actor: &Actor, upload: Upload) -> Result<i64, AppError>;
    async fn import_status(&self, actor: &Actor, id: i64) -> Result<ImportStatus, AppError>;
    async fn classes(&self, actor: &Actor) -> Result<Vec<ClassItem>, AppError>;
    async fn class(&self, actor: &Actor, id: i64) -> Result<ClassDetail, AppError>;
    async fn create_class(&self, actor: &Actor, new: &NewClass) -> Result<i64, AppError>;
}
