//! The people area: the county → township → village tree, households and their members (sealed
//! identity numbers, audited views, imports and exports) and training classes with their
//! attendance and progress.

pub mod attendance;
pub mod classes;
pub mod households;
pub mod imports;
pub mod region_import;
pub mod regions;

use app::backend::{Actor, PeopleApi};
use app::error::AppError;
use app::model::{
    ClassDetail, ClassItem, HouseholdDetail, HouseholdList, ImportStatus, NewClass, NewRegion,
    RegionItem, RevealedIdNumber, Upload,
};
use async_trait::async_trait;
use tracing::instrument;

use super::Services;

#[async_trait]
impl PeopleApi for Services {
    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn regions(&self, actor: &Actor) -> Result<Vec<RegionItem>, AppError> {
        Ok(regions::list(&self.store, actor).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn create_region(&self, actor: &Actor, new: &NewRegion) -> Result<i64, AppError> {
        Ok(regions::create(&self.store, actor, new).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn may_import_regions(&self, actor: &Actor) -> Result<(), AppError> {
        Ok(region_import::authorize(&self.store, actor).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn import_regions(&self, actor: &Actor, bytes: &[u8]) -> Result<usize, AppError> {
        Ok(region_import::import(&self.store, actor, bytes).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn households(
        &self,
        actor: &Actor,
        search: &str,
        after: Option<&str>,
    ) -> Result<HouseholdList, AppError> {
        Ok(households::list(&self.store, actor, search, after).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id(), household = id))]
    async fn household(&self, actor: &Actor, id: i64) -> Result<HouseholdDetail, AppError> {
        Ok(households::detail(&self.store, actor, id).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id(), member = member_id))]
    async fn reveal_id_number(
        &self,
        actor: &Actor,
        member_id: i64,
    ) -> Result<RevealedIdNumber, AppError> {
        Ok(households::reveal_id_number(self, actor, member_id).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn export_households(&self, actor: &Actor, encoding: &str) -> Result<Vec<u8>, AppError> {
        Ok(households::export(self, actor, encoding).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn may_import_households(&self, actor: &Actor) -> Result<(), AppError> {
        Ok(imports::authorize(&self.store, actor).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn start_import(&self, actor: &Actor, upload: Upload) -> Result<i64, AppError> {
        Ok(imports::start(self, actor, upload).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id(), import = id))]
    async fn import_status(&self, actor: &Actor, id: i64) -> Result<ImportStatus, AppError> {
        Ok(imports::status(self, actor, id).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn classes(&self, actor: &Actor) -> Result<Vec<ClassItem>, AppError> {
        Ok(classes::mine(&self.store, actor).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id(), class = id))]
    async fn class(&self, actor: &Actor, id: i64) -> Result<ClassDetail, AppError> {
        Ok(classes::detail(&self.store, actor, id).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn create_class(&self, actor: &Actor, new: &NewClass) -> Result<i64, AppError> {
        Ok(classes::create(&self.store, actor, new).await?)
    }
}
