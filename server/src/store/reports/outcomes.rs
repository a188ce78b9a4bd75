//! SQL for outcome records: appended, confirmed, never overwritten (a correction is a new record
//! naming the one it replaces).

use app::codes::{OutcomeKind, Role, StorePlatform};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::error::ServerError;
use crate::store::Store;

/// A record to add.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewOutcome {
    pub user_id: i64,
    pub kind: Option<OutcomeKind>,
    pub platform: Option<StorePlatform>,
    pub store_name: Option<String>,
    pub happened_at: Option<i64>,
    pub month: Option<String>,
    pub amount_fen: Option<i64>,
    pub orders: Option<i64>,
    pub employer: Option<String>,
    pub job_kind: Option<String>,
    pub away: Option<bool>,
    pub note: Option<String>,
    pub reported_by: i64,
    pub reporter_role: Option<Role>,
    /// Staff reports are confirmed as they are made.
    pub confirmed: bool,
    pub replaces: Option<i64>,
}

/// A stored record with who reported it and whether a later one replaces it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutcomeRow {
    pub id: i64,
    pub user_id: i64,
    pub kind: OutcomeKind,
    pub platform: Option<StorePlatform>,
    pub store_name: Option<String>,
    pub happened_at: Option<i64>,
    pub month: Option<String>,
    pub amount_fen: Option<i64>,
    pub orders: Option<i64>,
    pub employer: Option<String>,
    pub job_kind: Option<String>,
    pub away: Option<bool>,
    pub note: Option<String>,
    pub reporter_role: Role,
    pub reporter_name: String,
    pub reported_at: i64,
    pub confirmed_at: Option<i64>,
    pub replaced: bool,
    pub replaces: Option<i64>,
}

const OUTCOME_SELECT: &str = "SELECT o.id, o.user_id, o.kind, o.platform, o.store_name,
    o.happened_at, o.month, o.amount_fen, o.orders, o.employer, o.job_kind, o.away, o.note,
    o.reporter_role, r.display_name AS reporter_name, o.reported_at, o.confirmed_at, o.replaces,
    EXISTS (SELECT 1 FROM outcomes n WHERE n.replaces = o.id) AS replaced
    FROM outcomes o JOIN users r ON r.id = o.reported_by";

impl Store {
    pub async fn insert_outcome(&self, new: &NewOutcome, now: i64) -> Result<i64, ServerError> {
        let code = |kind: Option<&'static str>| kind.map(str::to_string);
        let row = sqlx::query(
            "INSERT INTO outcomes (user_id, kind, platform, store_name, happened_at, month,
               amount_fen, orders, employer, job_kind, away, note, reported_by, reporter_role,
               reported_at, confirmed_by, confirmed_at, replaces)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
             RETURNING id",
        )
        .bind(new.user_id)
        .bind(code(new.kind.map(OutcomeKind::code)))
        .bind(code(new.platform.map(StorePlatform::code)))
        .bind(&new.store_name)
        .bind(new.happened_at)
        .bind(&new.month)
        .bind(new.amount_fen)
        .bind(new.orders)
        .bind(&new.employer)
        .bind(&new.job_kind)
        .bind(new.away.map(i64::from))
        .bind(&new.note)
        .bind(new.reported_by)
        .bind(code(new.reporter_role.map(Role::code)))
        .bind(now)
        .bind(new.confirmed.then_some(new.reported_by))
        .bind(new.confirmed.then_some(now))
        .bind(new.replaces)
        .fetch_one(self.pool())
        .await?;
        Ok(row.try_get("id")?)
    }

    pub async fn outcome(&self, id: i64) -> Result<Option<OutcomeRow>, ServerError> {
        let sql = format!("{OUTCOME_SELECT} WHERE o.id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(outcome_row).transpose()
    }

    /// A learner's records, newest first.
    pub async fn outcomes_of(&self, user_id: i64) -> Result<Vec<OutcomeRow>, ServerError> {
        let sql = format!("{OUTCOME_SELECT} WHERE o.user_id = $1 ORDER BY o.id DESC");
        let rows = sqlx::query(&sql)
            .bind(user_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(outcome_row).collect()
    }

    /// Confirms a record not yet confirmed; returns whether it was.
    pub async fn confirm_outcome(&self, id: i64, by: i64, now: i64) -> Result<bool, ServerError> {
        let done = sqlx::query(
            "UPDATE outcomes SET confirmed_by = $1, confirmed_at = $2
             WHERE id = $3 AND confirmed_at IS NULL",
        )
        .bind(by)
        .bind(now)
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

fn outcome_row(r: &AnyRow) -> Result<OutcomeRow, ServerError> {
    let broken = |what: &str, code: &str| ServerError::Internal(format!("stored {what} `{code}`"));
    let kind: String = r.try_get("kind")?;
    let platform: Option<String> = r.try_get("platform")?;
    let role: String = r.try_get("reporter_role")?;
    let away: Option<i64> = r.try_get("away")?;
    // PostgreSQL answers EXISTS with a boolean, SQLite with an integer.
    let replaced = match r.try_get::<bool, _>("replaced") {
        Ok(flag) => flag,
        Err(_) => r.try_get::<i64, _>("replaced")? != 0,
    };
    Ok(OutcomeRow {
        id: r.try_get("id")?,
        user_id: r.try_get("user_id")?,
        kind: OutcomeKind::from_code(&kind).ok_or_else(|| broken("outcome kind", &kind))?,
        platform: match platform {
            Some(code) => {
                Some(StorePlatform::from_code(&code).ok_or_else(|| broken("platform", &code))?)
            }
            None => None,
        },
        store_name: r.try_get("store_name")?,
        happened_at: r.try_get("happened_at")?,
        month: r.try_get("month")?,
        amount_fen: r.try_get("amount_fen")?,
        orders: r.try_get("orders")?,
        employer: r.try_get("employer")?,
        job_kind: r.try_get("job_kind")?,
        away: away.map(|a| a != 0),
        note: r.try_get("note")?,
        reporter_role: Role::from_code(&role).ok_or_else(|| broken("role", &role))?,
        reporter_name: r.try_get("reporter_name")?,
        reported_at: r.try_get("reported_at")?,
        confirmed_at: r.try_get("confirmed_at")?,
        replaced,
        replaces: r.try_get("replaces")?,
    })
}
