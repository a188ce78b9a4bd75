//! SQL for module-test draws: the questions (and the order of their choices) one learner was
//! given on one test page, kept so the answers are graded against exactly that page and the test
//! can be submitted once.

use sqlx::Row;

use crate::error::ServerError;
use crate::store::Store;

/// A stored draw: which module, and the questions as JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrawRow {
    pub module_id: String,
    pub questions: String,
    pub created_at: i64,
}

impl Store {
    pub async fn save_draw(
        &self,
        user_id: i64,
        id: &str,
        module_id: &str,
        questions: &str,
        now: i64,
    ) -> Result<(), ServerError> {
        sqlx::query(
            "INSERT INTO test_draws (user_id, id, module_id, questions, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(user_id)
        .bind(id)
        .bind(module_id)
        .bind(questions)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The learner's draw with this id.
    pub async fn draw(&self, user_id: i64, id: &str) -> Result<Option<DrawRow>, ServerError> {
        let row = sqlx::query(
            "SELECT module_id, questions, created_at FROM test_draws WHERE user_id = $1 AND id = $2",
        )
        .bind(user_id)
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(DrawRow {
                module_id: r.try_get("module_id")?,
                questions: r.try_get("questions")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .transpose()
    }

    /// The learner's attempts at a module's test since `since`: (when, passed), newest first.
    pub async fn module_attempts_since(
        &self,
        user_id: i64,
        module_id: &str,
        since: i64,
    ) -> Result<Vec<(i64, bool)>, ServerError> {
        let rows = sqlx::query(
            "SELECT at, passed FROM quiz_attempts
             WHERE user_id = $1 AND target_kind = $4 AND target_id = $2 AND at >= $3
             ORDER BY at DESC",
        )
        .bind(user_id)
        .bind(module_id)
        .bind(since)
        .bind(app::codes::QuizKind::Module.code())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("at")?, r.try_get::<i64, _>("passed")? != 0)))
            .collect()
    }

    /// The stored answers of the learner's attempt with this event id.
    pub async fn attempt_answers(
        &self,
        user_id: i64,
        event_id: &str,
    ) -> Result<Option<String>, ServerError> {
        let row =
            sqlx::query("SELECT answers FROM quiz_attempts WHERE user_id = $1 AND event_id = $2")
                .bind(user_id)
                .bind(event_id)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(|r| r.try_get("answers")).transpose()?)
    }
}
