//! SQL for a class's in-person sessions and who came, and the class progress table: every
//! query names the class, whose trainer the service has already checked.

use sqlx::Row;

use crate::error::ServerError;
use crate::store::Store;

/// One learner's line of the class progress table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgressRow {
    pub user_id: i64,
    pub login: String,
    pub name: String,
    pub lessons_done: i64,
    pub last_active_at: Option<i64>,
    pub certified_at: Option<i64>,
    /// The lesson the learner opened last (zh, en).
    pub current_lesson: Option<(String, String)>,
    pub sessions_attended: i64,
}

/// A session of the class: its day and how many came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRow {
    pub held_on: String,
    pub present: i64,
}

impl Store {
    /// Records the session of `class_id` on `held_on` with the learners present, replacing an
    /// earlier record of the same day; only members of the class count. Returns how many.
    pub async fn record_attendance(
        &self,
        class_id: i64,
        held_on: &str,
        present: &[i64],
        recorded_by: i64,
        now: i64,
    ) -> Result<u64, ServerError> {
        let mut tx = self.pool().begin().await?;
        let session: i64 = sqlx::query(
            "INSERT INTO class_sessions (class_id, held_on, recorded_by, recorded_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (class_id, held_on)
             DO UPDATE SET recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
             RETURNING id",
        )
        .bind(class_id)
        .bind(held_on)
        .bind(recorded_by)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        sqlx::query("DELETE FROM attendance WHERE session_id = $1")
            .bind(session)
            .execute(&mut *tx)
            .await?;
        let mut counted = 0;
        for user in present {
            counted += sqlx::query(
                "INSERT INTO attendance (session_id, user_id)
                 SELECT $1, cm.user_id FROM class_members cm WHERE cm.class_id = $2 AND cm.user_id = $3
                 ON CONFLICT (session_id, user_id) DO NOTHING",
            )
            .bind(session)
            .bind(class_id)
            .bind(user)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        tx.commit().await?;
        Ok(counted)
    }

    /// The class's sessions, latest first.
    pub async fn class_sessions(&self, class_id: i64) -> Result<Vec<SessionRow>, ServerError> {
        let rows = sqlx::query(
            "SELECT s.held_on, (SELECT COUNT(*) FROM attendance a WHERE a.session_id = s.id) AS present
             FROM class_sessions s WHERE s.class_id = $1 ORDER BY s.held_on DESC",
        )
        .bind(class_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SessionRow {
                    held_on: r.try_get("held_on")?,
                    present: r.try_get("present")?,
                })
            })
            .collect()
    }

    /// Every learner of the class with their progress, by name.
    pub async fn class_progress(&self, class_id: i64) -> Result<Vec<ProgressRow>, ServerError> {
        let rows = sqlx::query(
            "SELECT p.*, l.title, l.title_en FROM (
               SELECT u.id, u.login, u.display_name,
                 COALESCE(f.lessons_completed, 0) AS lessons_done, f.last_active_at, f.certified_at,
                 (SELECT lp.lesson_id FROM lesson_progress lp WHERE lp.user_id = u.id
                  ORDER BY lp.opened_at DESC, lp.lesson_id LIMIT 1) AS lesson_id,
                 (SELECT COUNT(*) FROM attendance a JOIN class_sessions s ON s.id = a.session_id
                  WHERE s.class_id = cm.class_id AND a.user_id = u.id) AS attended
               FROM class_members cm JOIN users u ON u.id = cm.user_id
               LEFT JOIN learner_facts f ON f.user_id = u.id
               WHERE cm.class_id = $1) p
             LEFT JOIN lessons l ON l.id = p.lesson_id
             ORDER BY p.display_name, p.id",
        )
        .bind(class_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let title: Option<String> = r.try_get("title")?;
                let title_en: Option<String> = r.try_get("title_en")?;
                Ok(ProgressRow {
                    user_id: r.try_get("id")?,
                    login: r.try_get("login")?,
                    name: r.try_get("display_name")?,
                    lessons_done: r.try_get("lessons_done")?,
                    last_active_at: r.try_get("last_active_at")?,
                    certified_at: r.try_get("certified_at")?,
                    current_lesson: title.zip(title_en),
                    sessions_attended: r.try_get("attended")?,
                })
            })
            .collect()
    }
}
