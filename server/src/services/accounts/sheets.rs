//! One-time passwords: staff reset a password or create learner accounts in bulk from
//! households, and get a printable sheet of the new passwords. The sheet is stored sealed with
//! the data key, shown only to the person who made it, for ten minutes from when it is first shown
//! (to print it), and deleted after printing, after those minutes or after an hour unread.

use std::collections::HashSet;

use app::backend::{Actor, User};
use app::codes::{AuditAction, Role};
use app::error::AppError;
use app::i18n::problems::Problem;
use app::model::{BulkAccounts, PasswordSheet, SheetLine};
use argon2::password_hash::rand_core::{OsRng, RngCore};

use crate::error::ServerError;
use crate::services::{authz, Services};
use crate::store::accounts::sheets::SheetWindow;
use crate::store::accounts::users::{insert_user, NewUser};
use crate::store::people::classes::join_class;
use crate::store::people::households::{link_member_account, MemberRow};
use crate::store::{now, Store};

/// Sheets are readable this long after they were made,
pub const SHEET_LIFETIME_SECS: i64 = 60 * 60;
/// and this long after they were first shown (time to print, not to come back later).
pub const SHEET_REREAD_SECS: i64 = 10 * 60;
/// Most accounts made in one go (each costs an argon2 hash).
pub const MAX_BULK_ACCOUNTS: usize = 200;
/// One-time passwords avoid look-alike characters; 10 of 31 gives about 50 bits.
const PASSWORD_ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
const PASSWORD_LENGTH: usize = 10;

/// Resets a password to a one-time one the person must change at next sign-in. Admins reset
/// offices and trainers; offices reset learners of their region; trainers reset learners of their classes.
pub async fn reset_password(
    services: &Services,
    actor: &Actor,
    user_id: i64,
) -> Result<String, ServerError> {
    let store = &services.store;
    let roles = [Role::Admin, Role::Office, Role::Trainer];
    let user = authz::require(store, actor, &roles, "accounts.reset").await?;
    let target = store.user(user_id).await?;
    let allowed = match (&target, user.role) {
        // Another admin's password is reset on the server's command line only.
        (Some(t), Role::Admin) => !matches!(t.role, Role::Learner | Role::Admin),
        (Some(t), Role::Office) if t.role == Role::Learner => {
            let region = authz::home_region(store, user, "accounts.reset").await?;
            store.learner_within(t.id, region).await?
        }
        (Some(t), Role::Trainer) if t.role == Role::Learner => {
            store.is_learner_of_trainer(t.id, user.id).await?
        }
        _ => false,
    };
    let Some(target) = target.filter(|_| allowed) else {
        return authz::deny(
            store,
            user,
            "accounts.reset",
            &format!("user {user_id}"),
            None,
        )
        .await;
    };
    let password = one_time_password();
    let hash = services.passwords.hash(password.clone()).await?;
    store
        .set_password(target.id, &hash, true, "", now())
        .await?;
    authz::audit(
        store,
        user,
        AuditAction::ResetPassword,
        &target.login,
        target.region_id,
        "",
    )
    .await?;
    let line = SheetLine {
        name: target.display_name,
        login: target.login,
        password,
        already_has_account: false,
    };
    save_sheet(services, user, vec![line]).await
}

/// Creates learner accounts for the members of the given households who have none. Offices
/// use households of their region; trainers name one of their classes, the households must lie
/// in its region, and the new learners join it.
pub async fn bulk_accounts(
    services: &Services,
    actor: &Actor,
    form: &BulkAccounts,
) -> Result<String, ServerError> {
    let store = &services.store;
    let roles = [Role::Office, Role::Trainer];
    let user = authz::require(store, actor, &roles, "accounts.bulk").await?;
    let (region, class) = match (user.role, form.class_id) {
        (Role::Trainer, Some(id)) => match store.class_of_trainer(id, user.id).await? {
            Some(class) => (class.region_id, Some(class.id)),
            None => {
                return authz::deny(store, user, "accounts.bulk", &format!("class {id}"), None)
                    .await
            }
        },
        (Role::Trainer, None) => return Err(AppError::from(Problem::ChooseClass).into()),
        _ => (
            authz::home_region(store, user, "accounts.bulk").await?,
            None,
        ),
    };
    let numbers = clean_numbers(&form.households)?;
    let members = store.members_of_households(region, &numbers).await?;
    check_all_found(&numbers, &members)?;
    let lines = create_learners(services, &members, class).await?;
    let detail = format!(
        "{} accounts",
        lines.iter().filter(|l| !l.already_has_account).count()
    );
    authz::audit(
        store,
        user,
        AuditAction::CreatedLearners,
        &numbers.join(","),
        Some(region),
        &detail,
    )
    .await?;
    save_sheet(services, user, lines).await
}

/// The household numbers of a text box: separated by commas, spaces or lines, each once.
fn clean_numbers(text: &str) -> Result<Vec<String>, ServerError> {
    let mut seen = HashSet::new();
    let clean: Vec<String> = text
        .split([',', '，', '\n', ' ', '\t', '、'])
        .map(str::trim)
        .filter(|n| !n.is_empty() && seen.insert(*n))
        .map(str::to_string)
        .collect();
    if clean.is_empty() {
        return Err(AppError::from(Problem::HouseholdNumbersRequired).into());
    }
    Ok(clean)
}

fn check_all_found(numbers: &[String], members: &[MemberRow]) -> Result<(), ServerError> {
    let missing: Vec<&str> = numbers
        .iter()
        .filter(|n| !members.iter().any(|m| &m.household_number == *n))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        let numbers = missing.into_iter().map(str::to_string).collect();
        return Err(AppError::from(Problem::HouseholdsNotFound { numbers }).into());
    }
    let new = members.iter().filter(|m| m.user_id.is_none()).count();
    if new > MAX_BULK_ACCOUNTS {
        let problem = Problem::TooManyAccounts {
            max: MAX_BULK_ACCOUNTS,
            requested: new,
        };
        return Err(AppError::from(problem).into());
    }
    Ok(())
}

async fn create_learners(
    services: &Services,
    members: &[MemberRow],
    class: Option<i64>,
) -> Result<Vec<SheetLine>, ServerError> {
    let mut prepared = Vec::new();
    for member in members {
        if member.user_id.is_some() {
            continue;
        }
        let password = one_time_password();
        let hash = services.passwords.hash(password.clone()).await?;
        prepared.push((member, password, hash));
    }
    let store = &services.store;
    let mut tx = store.pool().begin().await?;
    let at = now();
    let mut lines = Vec::new();
    let mut created = Vec::new();
    for (member, password, hash) in &prepared {
        // Never the phone number: the sheet goes to trainers, who do not see members' phones,
        // and "this phone has no account yet" must not be learnable from it.
        let login = format!("nd{:06}", member.id);
        let new = NewUser {
            login: &login,
            display_name: &member.name,
            password_hash: hash,
            role: Role::Learner,
            region_id: Some(member.village_id),
            must_change_password: true,
        };
        let id = insert_user(&mut *tx, new, at).await?;
        link_member_account(&mut tx, member.id, id).await?;
        if let Some(class) = class {
            join_class(&mut tx, class, id, at).await?;
        }
        lines.push(SheetLine {
            name: member.name.clone(),
            login,
            password: password.clone(),
            already_has_account: false,
        });
        created.push(id);
    }
    // Members who already have an account join the class too: the class is the households'.
    let existing_accounts: Vec<i64> = members.iter().filter_map(|m| m.user_id).collect();
    if let Some(class) = class {
        for id in &existing_accounts {
            join_class(&mut tx, class, *id, at).await?;
        }
        created.extend(&existing_accounts);
    }
    tx.commit().await?;
    for id in created {
        store.refresh_learner_facts(id).await?;
    }
    let existing = members
        .iter()
        .filter(|m| m.user_id.is_some())
        .map(|m| SheetLine {
            name: m.name.clone(),
            login: String::new(),
            password: String::new(),
            already_has_account: true,
        });
    lines.extend(existing);
    Ok(lines)
}

async fn save_sheet(
    services: &Services,
    user: &User,
    lines: Vec<SheetLine>,
) -> Result<String, ServerError> {
    let id = random_id();
    let json = serde_json::to_string(&lines).map_err(|e| ServerError::Internal(e.to_string()))?;
    let sealed = services.data_key.encrypt(&json)?;
    services
        .store
        .create_sheet(&id, user.id, &sealed, now())
        .await?;
    Ok(id)
}

/// The sheet, for the person who made it, within its lifetime.
pub async fn sheet(
    services: &Services,
    actor: &Actor,
    id: &str,
) -> Result<PasswordSheet, ServerError> {
    let user = authz::signed_in(actor)?;
    let sealed = services
        .store
        .open_sheet(id, user.id, sheet_window(now()))
        .await?
        .ok_or(AppError::NotFound)?;
    let lines = serde_json::from_str(&services.data_key.decrypt(&sealed)?)
        .map_err(|e| ServerError::Internal(format!("password sheet: {e}")))?;
    Ok(PasswordSheet {
        id: id.to_string(),
        lines,
    })
}

/// Deletes a printed sheet (and every expired one).
pub async fn discard_sheet(store: &Store, actor: &Actor, id: &str) -> Result<(), ServerError> {
    let user = authz::signed_in(actor)?;
    store.delete_sheets(id, user.id, sheet_window(now())).await
}

/// When sheets stop being readable, seen at `now`.
pub fn sheet_window(now: i64) -> SheetWindow {
    SheetWindow {
        now,
        made_after: now - SHEET_LIFETIME_SECS,
        first_read_after: now - SHEET_REREAD_SECS,
    }
}

pub fn one_time_password() -> String {
    (0..PASSWORD_LENGTH)
        .map(|_| PASSWORD_ALPHABET[(OsRng.next_u32() as usize) % PASSWORD_ALPHABET.len()] as char)
        .collect()
}

fn random_id() -> String {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn household_numbers_are_split_and_cleaned() {
        let numbers = clean_numbers("A-1, A-2，A-3\nA-4 A-1").unwrap();
        assert_eq!(numbers, ["A-1", "A-2", "A-3", "A-4"], "each number once");
        assert!(clean_numbers(" ").is_err());
    }

    #[test]
    fn one_time_passwords_are_long_and_unambiguous() {
        let password = one_time_password();
        assert_eq!(password.len(), PASSWORD_LENGTH);
        assert!(!password.contains(['0', 'o', '1', 'l', 'i']));
    }
}
