//! SQL for accounts, sessions and failed sign-ins.

use app::codes::Role;
use sqlx::any::AnyRow;
use sqlx::{Any, Row};

use crate::error::ServerError;
use crate::store::people::regions::within;
use crate::store::Store;

/// A row of `users` without the password hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRow {
    pub id: i64,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub region_id: Option<i64>,
    pub must_change_password: bool,
    pub disabled: bool,
}

/// What a new account needs.
pub struct NewUser<'a> {
    pub login: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub region_id: Option<i64>,
    pub must_change_password: bool,
}

/// A live session with its user and when it was last used and started.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRow {
    pub user: UserRow,
    pub created_at: i64,
    pub last_seen_at: i64,
    /// Opened on a shared computer.
    pub shared: bool,
}

const USER_COLUMNS: &str =
    "u.id, u.login, u.display_name, u.role, u.region_id, u.must_change_password, u.disabled";

/// Inserts an account through a pool or inside a transaction; returns its id.
pub async fn insert_user<'e, E>(
    executor: E,
    user: NewUser<'_>,
    now: i64,
) -> Result<i64, ServerError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let row = sqlx::query(
            "INSERT INTO users (login, display_name, password_hash, role, region_id, must_change_password, disabled, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, 0, $7) RETURNING id",
        )
        .bind(user.login)
        .bind(user.display_name)
        .bind(user.password_hash)
        .bind(user.role.code())
        .bind(user.region_id)
        .bind(i64::from(user.must_change_password))
        .bind(now)
        .fetch_one(executor)
        .await?;
    Ok(row.try_get("id")?)
}

impl Store {
    pub async fn create_user(&self, user: NewUser<'_>, now: i64) -> Result<i64, ServerError> {
        insert_user(self.pool(), user, now).await
    }

    /// When an account was made: the demo backdates its learners' enrolment.
    pub async fn set_created_at(&self, user_id: i64, at: i64) -> Result<(), ServerError> {
        sqlx::query("UPDATE users SET created_at = $1 WHERE id = $2")
            .bind(at)
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn user(&self, id: i64) -> Result<Option<UserRow>, ServerError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(user_row).transpose()
    }

    /// The next sign-in of this account must choose a new password.
    pub async fn require_password_change(&self, user_id: i64) -> Result<(), ServerError> {
        sqlx::query("UPDATE users SET must_change_password = 1 WHERE id = $1")
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Staff accounts (everyone but learners), by role and name.
    pub async fn staff_users(&self) -> Result<Vec<UserRow>, ServerError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.role <> 'learner' ORDER BY u.role, u.display_name"
        );
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        rows.iter().map(user_row).collect()
    }

    /// Whether a learner belongs to `region`: a member of a household there, or in a class held
    /// there.
    pub async fn learner_within(&self, user_id: i64, region: i64) -> Result<bool, ServerError> {
        let sql = format!(
            "SELECT (SELECT COUNT(*) FROM members m JOIN households h ON h.id = m.household_id
                     WHERE m.user_id = $2 AND {})
                  + (SELECT COUNT(*) FROM class_members cm JOIN classes c ON c.id = cm.class_id
                     WHERE cm.user_id = $2 AND {}) AS n",
            within("h.village_id", 1),
            within("c.region_id", 1)
        );
        let row = sqlx::query(&sql)
            .bind(region)
            .bind(user_id)
            .fetch_one(self.pool())
            .await?;
        Ok(row.try_get::<i64, _>("n")? > 0)
    }

    /// Replaces a password and ends every session of the account but `keep_session` (the id of
    /// the session making a change of one's own password; empty for none).
    pub async fn set_password(
        &self,
        user_id: i64,
        password_hash: &str,
        must_change: bool,
        keep_session: &str,
        now: i64,
    ) -> Result<(), ServerError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("UPDATE users SET password_hash = $1, must_change_password = $2 WHERE id = $3")
            .bind(password_hash)
            .bind(i64::from(must_change))
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL AND id <> $3",
        )
        .bind(now)
        .bind(user_id)
        .bind(keep_session)
        .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The user with this login and their password hash.
    pub async fn user_for_sign_in(
        &self,
        login: &str,
    ) -> Result<Option<(UserRow, String)>, ServerError> {
        let sql = format!("SELECT {USER_COLUMNS}, u.password_hash FROM users u WHERE u.login = $1");
        let row = sqlx::query(&sql)
            .bind(login)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| Ok((user_row(&r)?, r.try_get("password_hash")?)))
            .transpose()
    }

    pub async fn create_session(
        &self,
        id: &str,
        user_id: i64,
        shared: bool,
        now: i64,
    ) -> Result<(), ServerError> {
        sqlx::query(
            "INSERT INTO sessions (id, user_id, created_at, last_seen_at, shared)
             VALUES ($1, $2, $3, $3, $4)",
        )
        .bind(id)
        .bind(user_id)
        .bind(now)
        .bind(i64::from(shared))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The session with this id unless it was revoked, with its user.
    pub async fn session(&self, id: &str) -> Result<Option<SessionRow>, ServerError> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, s.created_at, s.last_seen_at, s.shared FROM sessions s
             JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND s.revoked_at IS NULL"
        );
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| {
            Ok(SessionRow {
                user: user_row(&r)?,
                created_at: r.try_get("created_at")?,
                last_seen_at: r.try_get("last_seen_at")?,
                shared: r.try_get::<i64, _>("shared")? != 0,
            })
        })
        .transpose()
    }

    pub async fn touch_session(&self, id: &str, now: i64) -> Result<(), ServerError> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(self.writer())
            .await?;
        Ok(())
    }

    pub async fn revoke_session(&self, id: &str, now: i64) -> Result<(), ServerError> {
        sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn record_sign_in_failure(
        &self,
        login: &str,
        address: &str,
        now: i64,
    ) -> Result<(), ServerError> {
        sqlx::query("INSERT INTO sign_in_failures (login, address, failed_at) VALUES ($1, $2, $3)")
            .bind(login)
            .bind(address)
            .bind(now)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Failures since `since` for this login and for this address.
    pub async fn recent_sign_in_failures(
        &self,
        login: &str,
        address: &str,
        since: i64,
    ) -> Result<(i64, i64), ServerError> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM sign_in_failures WHERE login = $1 AND failed_at >= $3) AS by_login,
                    (SELECT COUNT(*) FROM sign_in_failures WHERE address = $2 AND failed_at >= $3) AS by_address",
        )
        .bind(login)
        .bind(address)
        .bind(since)
        .fetch_one(self.pool())
        .await?;
        Ok((row.try_get("by_login")?, row.try_get("by_address")?))
    }

    /// A successful sign-in forgets that account's failures.
    pub async fn clear_sign_in_failures(&self, login: &str) -> Result<(), ServerError> {
        sqlx::query("DELETE FROM sign_in_failures WHERE login = $1")
            .bind(login)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

fn user_row(r: &AnyRow) -> Result<UserRow, ServerError> {
    let must_change: i64 = r.try_get("must_change_password")?;
    let disabled: i64 = r.try_get("disabled")?;
    let role: String = r.try_get("role")?;
    Ok(UserRow {
        id: r.try_get("id")?,
        login: r.try_get("login")?,
        display_name: r.try_get("display_name")?,
        role: Role::from_code(&role)
            .ok_or_else(|| ServerError::Internal(format!("stored role `{role}` is unknown")))?,
        region_id: r.try_get("region_id")?,
        must_change_password: must_change != 0,
        disabled: disabled != 0,
    })
}
