//! SQL of who may edit a course (`course_editors`) and of ids a course may not take.

use std::collections::HashSet;

use sqlx::Row;

use crate::error::ServerError;
use crate::store::Store;

/// Someone who may edit a course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditorRow {
    pub user_id: i64,
    pub name: String,
    pub login: String,
    pub is_owner: bool,
}

impl Store {
    /// Whether the user may edit the course: `Some(is_owner)` when they may.
    pub async fn course_editor(
        &self,
        course_id: &str,
        user_id: i64,
    ) -> Result<Option<bool>, ServerError> {
        let row = sqlx::query(
            "SELECT is_owner FROM course_editors WHERE course_id = $1 AND user_id = $2",
        )
        .bind(course_id)
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row
            .map(|r| r.try_get::<i64, _>("is_owner"))
            .transpose()?
            .map(|owner| owner != 0))
    }

    /// Whether authoring knows the course: published, or started and not yet published.
    pub async fn course_exists_for_authoring(&self, course_id: &str) -> Result<bool, ServerError> {
        let row = sqlx::query(
            "SELECT 1 FROM courses WHERE id = $1 AND retired = 0
             UNION ALL SELECT 1 FROM course_editors WHERE course_id = $1",
        )
        .bind(course_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.is_some())
    }

    /// The courses a user may edit (every course when `all`, for admins), with their titles;
    /// a course not yet published goes by its id.
    pub async fn editable_courses(
        &self,
        user_id: i64,
        all: bool,
    ) -> Result<Vec<(String, String)>, ServerError> {
        let rows = sqlx::query(
            "SELECT k.id, COALESCE(c.title, k.id) AS title FROM
               (SELECT id FROM courses WHERE retired = 0
                UNION SELECT course_id AS id FROM course_editors) k
             LEFT JOIN courses c ON c.id = k.id
             WHERE $2 = 1 OR EXISTS
               (SELECT 1 FROM course_editors e WHERE e.course_id = k.id AND e.user_id = $1)
             ORDER BY COALESCE(c.position, 999), k.id",
        )
        .bind(user_id)
        .bind(i64::from(all))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("title")?)))
            .collect()
    }

    pub async fn course_editors(&self, course_id: &str) -> Result<Vec<EditorRow>, ServerError> {
        let rows = sqlx::query(
            "SELECT u.id, u.display_name, u.login, e.is_owner FROM course_editors e
             JOIN users u ON u.id = e.user_id WHERE e.course_id = $1
             ORDER BY e.is_owner DESC, u.display_name",
        )
        .bind(course_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(EditorRow {
                    user_id: r.try_get("id")?,
                    name: r.try_get("display_name")?,
                    login: r.try_get("login")?,
                    is_owner: r.try_get::<i64, _>("is_owner")? != 0,
                })
            })
            .collect()
    }

    /// Lets a user edit a course (an existing grant stays as it is).
    pub async fn grant_course_editor(
        &self,
        course_id: &str,
        user_id: i64,
        is_owner: bool,
        by: Option<i64>,
        now: i64,
    ) -> Result<bool, ServerError> {
        let done = sqlx::query(
            "INSERT INTO course_editors (course_id, user_id, is_owner, granted_by, granted_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (course_id, user_id) DO NOTHING",
        )
        .bind(course_id)
        .bind(user_id)
        .bind(i64::from(is_owner))
        .bind(by)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Of `ids`, those a module or lesson of another course already has.
    pub async fn ids_of_other_courses(
        &self,
        course_id: &str,
        ids: &[String],
    ) -> Result<Vec<String>, ServerError> {
        let others: HashSet<String> = sqlx::query_scalar(
            "SELECT id FROM modules WHERE course_id <> $1
             UNION ALL
             SELECT l.id FROM lessons l JOIN modules m ON m.id = l.module_id
             WHERE m.course_id <> $1",
        )
        .bind(course_id)
        .fetch_all(self.pool())
        .await?
        .into_iter()
        .collect();
        Ok(ids
            .iter()
            .filter(|id| others.contains(*id))
            .cloned()
            .collect())
    }

    /// The live lessons of every other course: what a course's `lesson:` links may also name.
    pub async fn lesson_ids_outside(
        &self,
        course_id: &str,
    ) -> Result<HashSet<String>, ServerError> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT l.id FROM lessons l
             JOIN modules m ON m.id = l.module_id
             JOIN courses c ON c.id = m.course_id
             WHERE m.course_id <> $1 AND l.retired = 0 AND m.retired = 0 AND c.retired = 0",
        )
        .bind(course_id)
        .fetch_all(self.pool())
        .await?;
        Ok(ids.into_iter().collect())
    }
}
