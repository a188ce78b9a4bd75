//! Accounts: the first administrator (command line), staff accounts made by admins, learners
//! registering themselves with a class join code, and changing one's own password (which a
//! reset forces at the next sign-in).

use app::backend::Actor;
use app::codes::{AuditAction, Role};
use app::error::AppError;
use app::i18n::problems::Problem;
use app::model::{NewAccount, PasswordChange, Registration, StaffItem};

use super::passwords::Passwords;
use super::sessions::{normalise_login, throttle_bucket, THROTTLE_WINDOW_SECS};
use crate::error::ServerError;
use crate::services::authz;
use crate::services::people::classes::normalise_code;
use crate::store::accounts::users::{insert_user, NewUser};
use crate::store::people::classes::join_class;
use crate::store::{now, Store};

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 8;
const LOGIN_CHARS: (usize, usize) = (3, 40);
const MAX_NAME_CHARS: usize = 30;

fn invalid(problem: Problem) -> ServerError {
    AppError::from(problem).into()
}

/// Checks the input and creates the account; returns its id. Used by the command line (the
/// first administrator) and, after authorization, by admins.
pub async fn create_account(
    store: &Store,
    passwords: &Passwords,
    new: &NewAccount,
) -> Result<i64, ServerError> {
    let login = normalise_login(&new.login);
    let role = Role::from_code(new.role.trim()).ok_or_else(|| invalid(Problem::UnknownRole))?;
    check_login(store, &login).await?;
    check_name(&new.name)?;
    check_password(&new.password)?;
    if matches!(role, Role::Office | Role::Trainer) && new.region_id.is_none() {
        return Err(invalid(Problem::RegionRequired));
    }
    let hash = passwords.hash(new.password.clone()).await?;
    let user = NewUser {
        login: &login,
        display_name: new.name.trim(),
        password_hash: &hash,
        role,
        region_id: new.region_id,
        must_change_password: false,
    };
    let id = store.create_user(user, now()).await?;
    // A learner made on the command line is counted in reports from the start.
    store.refresh_learner_facts(id).await?;
    Ok(id)
}

/// Sets a password from the server's command line: the way to reset an administrator's, which
/// no one can do on the web (an admin who could would then act, audited, as another). Every
/// session of the account ends, and the person must choose a new password at next sign-in.
pub async fn reset_from_console(
    store: &Store,
    passwords: &Passwords,
    login: &str,
    password: &str,
) -> Result<i64, ServerError> {
    check_password(password)?;
    let login = normalise_login(login);
    let (user, _) = store
        .user_for_sign_in(&login)
        .await?
        .ok_or(AppError::NotFound)?;
    let hash = passwords.hash(password.to_string()).await?;
    store.set_password(user.id, &hash, true, "", now()).await?;
    Ok(user.id)
}

/// An admin creates a staff account; the new person must change the password at first sign-in.
pub async fn create_staff(
    store: &Store,
    passwords: &Passwords,
    actor: &Actor,
    new: &NewAccount,
) -> Result<i64, ServerError> {
    let admin = authz::require(store, actor, &[Role::Admin], "staff.create").await?;
    if Role::from_code(new.role.trim()) == Some(Role::Learner) {
        return Err(invalid(Problem::LearnersRegisterThemselves));
    }
    if let Some(region) = new.region_id {
        store
            .region(region)
            .await?
            .ok_or_else(|| invalid(Problem::NoSuchRegion))?;
    }
    let id = create_account(store, passwords, new).await?;
    store.require_password_change(id).await?;
    let target = format!("user {id}");
    authz::audit(store, admin, AuditAction::CreatedStaff, &target, None, "").await?;
    Ok(id)
}

pub async fn list_staff(store: &Store, actor: &Actor) -> Result<Vec<StaffItem>, ServerError> {
    authz::require(store, actor, &[Role::Admin], "staff.list").await?;
    let regions = store.regions_within(None).await?;
    let region_name = |id: Option<i64>| {
        id.and_then(|id| regions.iter().find(|r| r.id == id))
            .map(|r| r.name.clone())
    };
    let users = store.staff_users().await?;
    Ok(users
        .into_iter()
        .map(|u| StaffItem {
            id: u.id,
            region: region_name(u.region_id),
            login: u.login,
            name: u.display_name,
            role: u.role,
            disabled: u.disabled,
        })
        .collect())
}

/// Changes the signed-in person's own password; other sessions of the account end.
pub async fn change_password(
    store: &Store,
    passwords: &Passwords,
    actor: &Actor,
    change: &PasswordChange,
) -> Result<(), ServerError> {
    let user = authz::signed_in(actor)?;
    if change.new != change.confirm {
        return Err(invalid(Problem::PasswordsDiffer));
    }
    let account = store.user(user.id).await?.ok_or(AppError::SignInRequired)?;
    let stored = store
        .user_for_sign_in(&account.login)
        .await?
        .map(|(_, hash)| hash)
        .ok_or(AppError::SignInRequired)?;
    if !passwords.verify(change.current.clone(), stored).await? {
        return Err(invalid(Problem::CurrentPasswordWrong));
    }
    check_password(&change.new)?;
    if change.new == change.current {
        return Err(invalid(Problem::PasswordUnchanged));
    }
    let hash = passwords.hash(change.new.clone()).await?;
    store
        .set_password(user.id, &hash, false, &user.session_id, now())
        .await?;
    let target = format!("user {}", user.id);
    authz::audit(store, user, AuditAction::ChangedPassword, &target, None, "").await
}

/// A learner registers with a class join code and their phone number; returns the new id.
pub async fn register(
    store: &Store,
    passwords: &Passwords,
    form: &Registration,
    address: &str,
) -> Result<i64, ServerError> {
    let code = normalise_code(&form.code);
    pace_registration(store, &code, address).await?;
    let class = store
        .class_by_code(&code)
        .await?
        .ok_or_else(|| invalid(Problem::JoinCodeWrong))?;
    let phone = normalise_login(&form.phone);
    if phone.len() != 11 || !phone.starts_with('1') || !phone.chars().all(|c| c.is_ascii_digit()) {
        return Err(invalid(Problem::PhoneFormat));
    }
    check_login(store, &phone).await?;
    check_name(&form.name)?;
    check_password(&form.password)?;
    let hash = passwords.hash(form.password.clone()).await?;
    let user = NewUser {
        login: &phone,
        display_name: form.name.trim(),
        password_hash: &hash,
        role: Role::Learner,
        region_id: Some(class.region_id),
        must_change_password: false,
    };
    let mut tx = store.pool().begin().await?;
    let at = now();
    // Two registrations of one phone at once: the second meets the unique login.
    let id = match insert_user(&mut *tx, user, at).await {
        Err(ServerError::Database(sqlx::Error::Database(e))) if e.is_unique_violation() => {
            return Err(invalid(Problem::LoginTaken));
        }
        other => other?,
    };
    join_class(&mut tx, class.id, id, at).await?;
    tx.commit().await?;
    store.refresh_learner_facts(id).await?;
    Ok(id)
}

/// Registrations counted per address (IPv6 by /64) and per join code over the sign-in window:
/// a class on one village network fits, a script creating accounts or guessing codes does not.
const MAX_REGISTRATIONS_PER_ADDRESS: i64 = 40;
const MAX_REGISTRATIONS_PER_CODE: i64 = 100;

/// Counts this attempt, whatever its outcome, and refuses it past either limit. Kept beside
/// failed sign-ins under their own prefix, so neither count disturbs the other.
async fn pace_registration(store: &Store, code: &str, address: &str) -> Result<(), ServerError> {
    let (code_key, bucket) = (
        format!("register:{code}"),
        format!("register:{}", throttle_bucket(address)),
    );
    let since = now() - THROTTLE_WINDOW_SECS;
    let (by_code, by_address) = store
        .recent_sign_in_failures(&code_key, &bucket, since)
        .await?;
    if by_code >= MAX_REGISTRATIONS_PER_CODE || by_address >= MAX_REGISTRATIONS_PER_ADDRESS {
        return Err(invalid(Problem::TooManyAttempts));
    }
    store
        .record_sign_in_failure(&code_key, &bucket, now())
        .await
}

async fn check_login(store: &Store, login: &str) -> Result<(), ServerError> {
    let (min, max) = LOGIN_CHARS;
    if !(min..=max).contains(&login.chars().count()) {
        return Err(invalid(Problem::LoginLength { min, max }));
    }
    if store.user_for_sign_in(login).await?.is_some() {
        return Err(invalid(Problem::LoginTaken));
    }
    Ok(())
}

fn check_name(name: &str) -> Result<(), ServerError> {
    let count = name.trim().chars().count();
    if count == 0 || count > MAX_NAME_CHARS {
        return Err(invalid(Problem::NameLength {
            max: MAX_NAME_CHARS,
        }));
    }
    Ok(())
}

pub fn check_password(password: &str) -> Result<(), ServerError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(invalid(Problem::PasswordTooShort {
            min: MIN_PASSWORD_CHARS,
        }));
    }
    Ok(())
}
