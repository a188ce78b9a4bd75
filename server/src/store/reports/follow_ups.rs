//! SQL for follow-up calls: three per certified learner (3, 6 and 12 months on), the to-do list
//! of an office's region or a trainer's classes, and what each call found.

use app::codes::FollowUpStatus;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::error::ServerError;
use crate::store::people::classes::taught_by;
use crate::store::people::regions::within;
use crate::store::Store;

/// Whose calls a list holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallerScope {
    /// Learners living within this region (an office).
    Region(i64),
    /// Learners of this trainer's classes.
    Trainer(i64),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUpRow {
    pub id: i64,
    pub user_id: i64,
    pub learner_name: String,
    /// The member's phone, else the login (learners register with their phone).
    pub phone: Option<String>,
    pub months: i64,
    pub due_at: i64,
    pub status: FollowUpStatus,
    pub next_at: Option<i64>,
    pub note: Option<String>,
}

const FOLLOW_UP_SELECT: &str = "SELECT fu.id, fu.user_id, u.display_name AS learner_name,
    COALESCE(m.phone, u.login) AS phone, fu.months, fu.due_at, fu.status, fu.next_at, fu.note
    FROM follow_ups fu JOIN users u ON u.id = fu.user_id LEFT JOIN members m ON m.user_id = u.id";

impl Store {
    /// The calls due for a certified learner: (months, due time) each, created once.
    pub async fn create_follow_ups(
        &self,
        user_id: i64,
        due: &[(i64, i64)],
    ) -> Result<(), ServerError> {
        for (months, due_at) in due {
            sqlx::query(
                "INSERT INTO follow_ups (user_id, months, due_at, status) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (user_id, months) DO NOTHING",
            )
            .bind(user_id)
            .bind(months)
            .bind(due_at)
            .bind(FollowUpStatus::Due.code())
            .execute(self.pool())
            .await?;
        }
        Ok(())
    }

    /// Calls to make by `until`: due ones, and learners not reached whose next try has come.
    pub async fn follow_ups_due(
        &self,
        scope: CallerScope,
        until: i64,
    ) -> Result<Vec<FollowUpRow>, ServerError> {
        let scope_sql = match scope {
            CallerScope::Region(_) => within("u.region_id", 1),
            CallerScope::Trainer(_) => format!(
                "EXISTS (SELECT 1 FROM class_members cm WHERE cm.user_id = u.id AND {})",
                taught_by("cm.class_id", 1)
            ),
        };
        let sql = format!(
            "{FOLLOW_UP_SELECT} WHERE {scope_sql} AND
               ((fu.status = $2 AND fu.due_at <= $4) OR (fu.status = $3 AND fu.next_at <= $4))
             ORDER BY COALESCE(fu.next_at, fu.due_at), fu.id"
        );
        let id = match scope {
            CallerScope::Region(id) | CallerScope::Trainer(id) => id,
        };
        let rows = sqlx::query(&sql)
            .bind(id)
            .bind(FollowUpStatus::Due.code())
            .bind(FollowUpStatus::Unreachable.code())
            .bind(until)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(follow_up_row).collect()
    }

    pub async fn follow_up(&self, id: i64) -> Result<Option<FollowUpRow>, ServerError> {
        let sql = format!("{FOLLOW_UP_SELECT} WHERE fu.id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(follow_up_row).transpose()
    }

    pub async fn follow_ups_of(&self, user_id: i64) -> Result<Vec<FollowUpRow>, ServerError> {
        let sql = format!("{FOLLOW_UP_SELECT} WHERE fu.user_id = $1 ORDER BY fu.months");
        let rows = sqlx::query(&sql)
            .bind(user_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(follow_up_row).collect()
    }

    /// What a call found: reached, or not reachable with the time to try again.
    pub async fn record_follow_up(
        &self,
        id: i64,
        status: FollowUpStatus,
        by: i64,
        at: i64,
        next_at: Option<i64>,
        note: Option<&str>,
    ) -> Result<(), ServerError> {
        sqlx::query(
            "UPDATE follow_ups SET status = $1, contacted_by = $2, contacted_at = $3,
               next_at = $4, note = $5 WHERE id = $6",
        )
        .bind(status.code())
        .bind(by)
        .bind(at)
        .bind(next_at)
        .bind(note)
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(())
    }
}

fn follow_up_row(r: &AnyRow) -> Result<FollowUpRow, ServerError> {
    let status: String = r.try_get("status")?;
    Ok(FollowUpRow {
        id: r.try_get("id")?,
        user_id: r.try_get("user_id")?,
        learner_name: r.try_get("learner_name")?,
        phone: r.try_get("phone")?,
        months: r.try_get("months")?,
        due_at: r.try_get("due_at")?,
        status: FollowUpStatus::from_code(&status)
            .ok_or_else(|| ServerError::Internal(format!("stored follow-up status `{status}`")))?,
        next_at: r.try_get("next_at")?,
        note: r.try_get("note")?,
    })
}
