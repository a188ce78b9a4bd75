//! Creating accounts. Only the command line creates accounts so far (the first administrator);
//! staff creating learners in bulk and self-registration with a class code follow.

use app::backend::Role;
use app::error::AppError;

use super::auth::normalise_login;
use crate::auth::password::Passwords;
use crate::error::ServerError;
use crate::store::accounts::NewUser;
use crate::store::{now, Store};

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 8;

pub struct NewAccount<'a> {
    pub login: &'a str,
    pub display_name: &'a str,
    pub role: &'a str,
    pub password: &'a str,
}

/// Checks the input and creates the account; returns its id.
pub async fn create_account(
    store: &Store,
    passwords: &Passwords,
    new: NewAccount<'_>,
) -> Result<i64, ServerError> {
    let login = normalise_login(new.login);
    let role = Role::parse(new.role).ok_or_else(|| {
        invalid(format!(
            "role `{}` is unknown; use learner, trainer, office or admin",
            new.role
        ))
    })?;
    if login.chars().count() < 3 {
        return Err(invalid("the login needs at least 3 characters".into()));
    }
    if new.display_name.trim().is_empty() {
        return Err(invalid("the name must not be empty".into()));
    }
    if new.password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(invalid(format!(
            "the password needs at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    if store.user_for_sign_in(&login).await?.is_some() {
        return Err(invalid(format!("the login `{login}` is already taken")));
    }
    let hash = passwords.hash(new.password.to_string()).await?;
    let user = NewUser {
        login: &login,
        display_name: new.display_name.trim(),
        password_hash: &hash,
        role: role.as_str(),
        region_id: None,
        must_change_password: false,
    };
    store.create_user(user, now()).await
}

fn invalid(message: String) -> ServerError {
    AppError::Invalid(message).into()
}
