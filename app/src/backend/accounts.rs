//! Accounts: sessions, staff accounts, registration, passwords, one-time password sheets and the
//! audit log.

use async_trait::async_trait;

use super::Actor;
use crate::error::AppError;
use crate::model::{
    AuditPage, BulkAccounts, NewAccount, PasswordChange, PasswordSheet, Registration, SignIn,
    StaffItem, Viewer,
};

/// A new session's token, for the cookie.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionToken(pub String);

#[async_trait]
pub trait AccountsApi {
    /// Who the page is for, as the header shows it (and which staff pages it may link to).
    async fn viewer(&self, actor: &Actor) -> Result<Option<Viewer>, AppError>;
    /// The acting user of a session token (`address`: where the request came from).
    async fn actor_for_token(&self, token: &str, address: &str) -> Result<Actor, AppError>;
    /// Checks a login and password and opens a session, or says why not.
    async fn sign_in(
        &self,
        form: &SignIn,
        address: &str,
    ) -> Result<Result<SessionToken, SignInRefused>, AppError>;
    async fn sign_out(&self, token: &str) -> Result<(), AppError>;
    /// A learner registers with a class join code; returns the new session. `address` paces
    /// registrations per address and per join code.
    async fn register(&self, form: &Registration, address: &str) -> Result<SessionToken, AppError>;
    async fn change_password(&self, actor: &Actor, change: &PasswordChange)
        -> Result<(), AppError>;
    async fn staff(&self, actor: &Actor) -> Result<Vec<StaffItem>, AppError>;
    async fn create_staff(&self, actor: &Actor, new: &NewAccount) -> Result<i64, AppError>;
    /// Resets someone's password; returns the one-time password sheet's id.
    async fn reset_password(&self, actor: &Actor, user_id: i64) -> Result<String, AppError>;
    /// Creates learner accounts for households' members; returns the sheet's id.
    async fn bulk_accounts(&self, actor: &Actor, form: &BulkAccounts) -> Result<String, AppError>;
    async fn password_sheet(&self, actor: &Actor, id: &str) -> Result<PasswordSheet, AppError>;
    async fn discard_sheet(&self, actor: &Actor, id: &str) -> Result<(), AppError>;
    /// A page of the audit log, newest first, starting before entry `before`.
    async fn audit_log(&self, actor: &Actor, before: Option<i64>) -> Result<AuditPage, AppError>;
}

/// Why a sign-in was refused, without saying which part was wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInRefused {
    WrongLoginOrPassword,
    TooManyAttempts,
}
