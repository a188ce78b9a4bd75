//! The accounts area: password hashing, sessions and sign-in throttling, staff accounts and
//! self-registration, one-time password sheets, and reading the audit log.

pub mod audit;
pub mod passwords;
pub mod sessions;
pub mod sheets;
pub mod users;

use app::backend::{AccountsApi, Actor, SessionToken, SignInRefused};
use app::error::AppError;
use app::model::{
    AuditPage, BulkAccounts, NewAccount, PasswordChange, PasswordSheet, Registration, SignIn,
    StaffItem, Viewer,
};
use async_trait::async_trait;
use tracing::instrument;

use super::Services;
use crate::store::now;

#[async_trait]
impl AccountsApi for Services {
    async fn viewer(&self, actor: &Actor) -> Result<Option<Viewer>, AppError> {
        Ok(sessions::viewer(actor))
    }

    async fn actor_for_token(&self, token: &str, address: &str) -> Result<Actor, AppError> {
        Ok(sessions::actor_for_token(&self.store, token, address, now()).await?)
    }

    #[instrument(skip_all)]
    async fn sign_in(
        &self,
        form: &SignIn,
        address: &str,
    ) -> Result<Result<SessionToken, SignInRefused>, AppError> {
        let (store, passwords) = (&self.store, &self.passwords);
        let credentials = sessions::Credentials {
            login: &form.login,
            password: &form.password,
            shared: form.on_shared_computer(),
        };
        let outcome = sessions::sign_in(store, passwords, credentials, address, now()).await?;
        Ok(outcome.map(SessionToken))
    }

    #[instrument(skip_all)]
    async fn sign_out(&self, token: &str) -> Result<(), AppError> {
        Ok(sessions::sign_out(&self.store, token, now()).await?)
    }

    #[instrument(skip_all)]
    async fn register(&self, form: &Registration, address: &str) -> Result<SessionToken, AppError> {
        let id = users::register(&self.store, &self.passwords, form, address).await?;
        let token = sessions::open_session(&self.store, id, false, now()).await?;
        Ok(SessionToken(token))
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn change_password(
        &self,
        actor: &Actor,
        change: &PasswordChange,
    ) -> Result<(), AppError> {
        Ok(users::change_password(&self.store, &self.passwords, actor, change).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn staff(&self, actor: &Actor) -> Result<Vec<StaffItem>, AppError> {
        Ok(users::list_staff(&self.store, actor).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn create_staff(&self, actor: &Actor, new: &NewAccount) -> Result<i64, AppError> {
        Ok(users::create_staff(&self.store, &self.passwords, actor, new).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id(), target = user_id))]
    async fn reset_password(&self, actor: &Actor, user_id: i64) -> Result<String, AppError> {
        Ok(sheets::reset_password(self, actor, user_id).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn bulk_accounts(&self, actor: &Actor, form: &BulkAccounts) -> Result<String, AppError> {
        Ok(sheets::bulk_accounts(self, actor, form).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn password_sheet(&self, actor: &Actor, id: &str) -> Result<PasswordSheet, AppError> {
        Ok(sheets::sheet(self, actor, id).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn discard_sheet(&self, actor: &Actor, id: &str) -> Result<(), AppError> {
        Ok(sheets::discard_sheet(&self.store, actor, id).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn audit_log(&self, actor: &Actor, before: Option<i64>) -> Result<AuditPage, AppError> {
        Ok(audit::entries(&self.store, actor, before).await?)
    }
}
