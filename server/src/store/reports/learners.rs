//! SQL for the office's learner list: the learners of a region (or a trainer's classes) from
//! `learner_facts`, filtered and searched, seek-paged by learner id.

use app::codes::TargetGroup;
use app::model::LearnerStatus;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::figures::{bind_all, conditions, Bind, FactQuery};
use crate::error::ServerError;
use crate::store::Store;

/// A learner list's query: the report's scope and filters, and the list's own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LearnerQuery {
    pub facts: FactQuery,
    /// A name, login or phone, or part of one.
    pub search: String,
    pub status: Option<LearnerStatus>,
    pub village: Option<i64>,
    pub after: Option<i64>,
    pub limit: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LearnerListRow {
    pub id: i64,
    pub name: String,
    pub phone: Option<String>,
    pub village: Option<String>,
    pub class: Option<String>,
    pub target_group: TargetGroup,
    pub lessons_completed: i64,
    pub completed_at: Option<i64>,
    pub certified_at: Option<i64>,
    pub household_id: Option<i64>,
    pub last_active_at: Option<i64>,
}

impl LearnerListRow {
    pub fn status(&self) -> LearnerStatus {
        match (self.certified_at, self.completed_at, self.lessons_completed) {
            (Some(_), _, _) => LearnerStatus::Certified,
            (None, Some(_), _) => LearnerStatus::Completed,
            (None, None, 0) => LearnerStatus::NotStarted,
            _ => LearnerStatus::InProgress,
        }
    }
}

fn status_condition(status: LearnerStatus) -> &'static str {
    match status {
        LearnerStatus::NotStarted => "f.lessons_completed = 0 AND f.certified_at IS NULL",
        LearnerStatus::InProgress => {
            "f.lessons_completed > 0 AND f.completed_at IS NULL AND f.certified_at IS NULL"
        }
        LearnerStatus::Completed => "f.completed_at IS NOT NULL AND f.certified_at IS NULL",
        LearnerStatus::Certified => "f.certified_at IS NOT NULL",
    }
}

impl Store {
    pub async fn learner_list(
        &self,
        query: &LearnerQuery,
    ) -> Result<Vec<LearnerListRow>, ServerError> {
        let (mut condition, mut binds) = conditions(&query.facts, 1);
        // `?` stands for the value's placeholder, however often the condition names it.
        let mut add = |sql: &str, bind: Bind| {
            condition.push_str(&sql.replace('?', &format!("${}", binds.len() + 1)));
            binds.push(bind);
        };
        let search = query.search.trim();
        if !search.is_empty() {
            let pattern = format!("%{}%", search.replace(' ', ""));
            let sql = " AND (u.display_name LIKE ? OR u.login LIKE ? OR m.phone LIKE ?)";
            add(sql, Bind::Text(pattern));
        }
        if let Some(village) = query.village {
            add(" AND f.village_id = ?", Bind::Int(village));
        }
        if let Some(after) = query.after {
            add(" AND f.user_id > ?", Bind::Int(after));
        }
        if let Some(status) = query.status {
            condition.push_str(&format!(" AND {}", status_condition(status)));
        }
        let sql = format!(
            "{LEARNER_SELECT} WHERE {condition} ORDER BY f.user_id LIMIT {}",
            query.limit
        );
        let rows = bind_all(sqlx::query(&sql), binds)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(learner_row).collect()
    }

    /// One learner as the list shows them.
    pub async fn learner_list_row(&self, id: i64) -> Result<Option<LearnerListRow>, ServerError> {
        let sql = format!("{LEARNER_SELECT} WHERE f.user_id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(learner_row).transpose()
    }
}

const LEARNER_SELECT: &str = "SELECT f.user_id, u.display_name,
    COALESCE(m.phone, u.login) AS phone, v.name AS village, c.name AS class, f.target_group,
    f.lessons_completed, f.completed_at, f.certified_at, f.household_id, f.last_active_at
    FROM learner_facts f JOIN users u ON u.id = f.user_id
    LEFT JOIN members m ON m.user_id = f.user_id
    LEFT JOIN regions v ON v.id = f.village_id
    LEFT JOIN classes c ON c.id = f.class_id";

fn learner_row(r: &AnyRow) -> Result<LearnerListRow, ServerError> {
    let group: String = r.try_get("target_group")?;
    Ok(LearnerListRow {
        id: r.try_get("user_id")?,
        name: r.try_get("display_name")?,
        phone: r.try_get("phone")?,
        village: r.try_get("village")?,
        class: r.try_get("class")?,
        target_group: TargetGroup::from_code(&group)
            .ok_or_else(|| ServerError::Internal(format!("stored target group `{group}`")))?,
        lessons_completed: r.try_get("lessons_completed")?,
        completed_at: r.try_get("completed_at")?,
        certified_at: r.try_get("certified_at")?,
        household_id: r.try_get("household_id")?,
        last_active_at: r.try_get("last_active_at")?,
    })
}
