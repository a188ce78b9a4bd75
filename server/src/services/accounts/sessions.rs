//! Signing in and out, and who a session belongs to. Failed sign-ins are throttled per account
//! and per address within a short window, so guessing is slow but nobody can lock a learner out
//! for longer than the window.

use app::backend::{Actor, SignInRefused, User};
use app::codes::AuditAction;
use app::model::Viewer;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use super::passwords::Passwords;
use crate::error::ServerError;
use crate::store::accounts::audit::NewAuditEntry;
use crate::store::accounts::users::UserRow;
use crate::store::Store;

/// Longer logins are refused unread (every real login is 3 to 40 characters).
pub const MAX_LOGIN_CHARS: usize = 64;
/// Failures counted over this many seconds.
pub const THROTTLE_WINDOW_SECS: i64 = 15 * 60;
const MAX_FAILURES_PER_LOGIN: i64 = 5;
const MAX_FAILURES_PER_ADDRESS: i64 = 30;
/// A session unused this long ends.
pub const IDLE_TIMEOUT_SECS: i64 = 12 * 60 * 60;
/// A session ends this long after sign-in, however busy.
pub const ABSOLUTE_TIMEOUT_SECS: i64 = 14 * 24 * 60 * 60;
/// On a shared computer: unused this long, the session ends...
pub const SHARED_IDLE_TIMEOUT_SECS: i64 = 30 * 60;
/// ...and it never outlasts a working day.
pub const SHARED_ABSOLUTE_TIMEOUT_SECS: i64 = 10 * 60 * 60;
/// Last-seen times are written at most this often, to spare the database a write per request.
const TOUCH_INTERVAL_SECS: i64 = 5 * 60;

/// What a sign-in form carries.
pub struct Credentials<'a> {
    pub login: &'a str,
    pub password: &'a str,
    /// Opened on a shared computer: shorter limits.
    pub shared: bool,
}

/// Checks the password and opens a session; returns the cookie token.
pub async fn sign_in(
    store: &Store,
    passwords: &Passwords,
    credentials: Credentials<'_>,
    address: &str,
    now: i64,
) -> Result<Result<String, SignInRefused>, ServerError> {
    let Credentials {
        login,
        password,
        shared,
    } = credentials;
    if login.chars().count() > MAX_LOGIN_CHARS {
        // No account has such a login: refused before any database work or audit row.
        return Ok(Err(SignInRefused::WrongLoginOrPassword));
    }
    let login = normalise_login(login);
    let bucket = throttle_bucket(address);
    let since = now - THROTTLE_WINDOW_SECS;
    let (by_login, by_address) = store
        .recent_sign_in_failures(&login, &bucket, since)
        .await?;
    if by_login >= MAX_FAILURES_PER_LOGIN || by_address >= MAX_FAILURES_PER_ADDRESS {
        let action = AuditAction::SignInThrottled;
        audit_sign_in(store, None, action, &login, address, now).await?;
        return Ok(Err(SignInRefused::TooManyAttempts));
    }
    let account = store.user_for_sign_in(&login).await?;
    // Unknown logins are checked against a hash made once, so both answers take one argon2 run.
    let stored_hash = match &account {
        Some((_, hash)) => hash.clone(),
        None => passwords.dummy_hash().await?,
    };
    let matches = passwords.verify(password.to_string(), stored_hash).await?;
    match account {
        Some((user, _)) if matches && !user.disabled => {
            store.clear_sign_in_failures(&login).await?;
            let action = AuditAction::SignedIn;
            audit_sign_in(store, Some(&user), action, &login, address, now).await?;
            Ok(Ok(open_session(store, user.id, shared, now).await?))
        }
        account => {
            store.record_sign_in_failure(&login, &bucket, now).await?;
            let user = account.as_ref().map(|(user, _)| user);
            let action = AuditAction::SignInFailed;
            audit_sign_in(store, user, action, &login, address, now).await?;
            Ok(Err(SignInRefused::WrongLoginOrPassword))
        }
    }
}

/// Starts a session for an account; returns the cookie token.
pub async fn open_session(
    store: &Store,
    user_id: i64,
    shared: bool,
    now: i64,
) -> Result<String, ServerError> {
    let token = new_token();
    store
        .create_session(&session_id(&token), user_id, shared, now)
        .await?;
    Ok(token)
}

async fn audit_sign_in(
    store: &Store,
    user: Option<&UserRow>,
    action: AuditAction,
    login: &str,
    address: &str,
    now: i64,
) -> Result<(), ServerError> {
    let entry = NewAuditEntry {
        actor_id: user.map(|u| u.id),
        action,
        target: login,
        region_id: user.and_then(|u| u.region_id),
        detail: "",
        address,
    };
    store.record_audit(entry, now).await
}

/// The acting user of a session token, or anonymous when it is unknown, revoked or expired.
pub async fn actor_for_token(
    store: &Store,
    token: &str,
    address: &str,
    now: i64,
) -> Result<Actor, ServerError> {
    let id = session_id(token);
    let Some(session) = store.session(&id).await? else {
        return Ok(Actor::Anonymous);
    };
    let (idle_limit, age_limit) = if session.shared {
        (SHARED_IDLE_TIMEOUT_SECS, SHARED_ABSOLUTE_TIMEOUT_SECS)
    } else {
        (IDLE_TIMEOUT_SECS, ABSOLUTE_TIMEOUT_SECS)
    };
    let idle = now - session.last_seen_at > idle_limit;
    let too_old = now - session.created_at > age_limit;
    if idle || too_old || session.user.disabled {
        store.revoke_session(&id, now).await?;
        return Ok(Actor::Anonymous);
    }
    if now - session.last_seen_at > TOUCH_INTERVAL_SECS {
        store.touch_session(&id, now).await?;
    }
    Ok(user_actor(session.user, id, address))
}

/// Ends the session of this token.
pub async fn sign_out(store: &Store, token: &str, now: i64) -> Result<(), ServerError> {
    store.revoke_session(&session_id(token), now).await
}

/// The header's view of the actor.
pub fn viewer(actor: &Actor) -> Option<Viewer> {
    match actor {
        Actor::Anonymous => None,
        Actor::User(user) => Some(Viewer {
            display_name: user.display_name.clone(),
            role: user.role,
            must_change_password: user.must_change_password,
        }),
    }
}

/// Where failures are counted: the address, or its /64 for IPv6 (one household's or one
/// phone's network holds a whole /64, so single addresses would be free for the taking).
pub fn throttle_bucket(address: &str) -> String {
    match address.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        _ => address.to_string(),
    }
}

/// Logins are matched without surrounding spaces and case (user names) or inner spaces (phones).
pub fn normalise_login(login: &str) -> String {
    login.split_whitespace().collect::<String>().to_lowercase()
}

fn user_actor(row: UserRow, session_id: String, address: &str) -> Actor {
    Actor::User(User {
        id: row.id,
        display_name: row.display_name,
        role: row.role,
        region_id: row.region_id,
        must_change_password: row.must_change_password,
        session_id,
        address: address.to_string(),
    })
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Sessions are stored under the hash of their token.
fn session_id(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_addresses_are_throttled_by_their_64() {
        assert_eq!(
            throttle_bucket("2001:db8:1:2:aaaa::1"),
            throttle_bucket("2001:db8:1:2:ffff::9")
        );
        assert_eq!(throttle_bucket("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_eq!(throttle_bucket("203.0.113.7"), "203.0.113.7");
        assert_eq!(throttle_bucket("::ffff:203.0.113.7"), "::ffff:203.0.113.7");
    }
}
