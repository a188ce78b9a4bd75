//! SQL for a learner's progress: lesson completions (each stored once under the client's event
//! id, and folded into one progress row per learner and lesson, so reading never aggregates
//! events) and quiz attempts (once per event id).

use std::collections::HashSet;

use app::codes::QuizKind;
use sqlx::Row;

use crate::content::Completion as CompletionRule;
use crate::error::ServerError;
use crate::store::learning::completions::Completion;
use crate::store::Store;

/// A learner's progress in one lesson.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LessonState {
    pub opened_at: i64,
    pub completed_at: Option<i64>,
}

/// The best attempt at one quiz or module test, with the quiz's title (if it still exists).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttemptSummary {
    pub target_kind: QuizKind,
    pub target_id: String,
    pub title: Option<String>,
    pub title_en: Option<String>,
    pub best_correct: i64,
    pub total: i64,
    pub passed: bool,
    pub attempts: i64,
}

/// What storing a completion did: whether the event was new, and how many lessons the learner
/// has completed in all (`None` for an account without facts, such as one made before them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub new: bool,
    pub lessons_completed: Option<i64>,
}

pub struct NewAttempt<'a> {
    pub user_id: i64,
    pub event_id: &'a str,
    pub target_kind: QuizKind,
    pub target_id: &'a str,
    pub correct: i64,
    pub total: i64,
    pub passed: bool,
    pub answers: &'a str,
}

/// The course of a lesson, as far as finishing the lesson may complete it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourseRule {
    pub id: String,
    pub rule: CompletionRule,
    pub lessons_total: i64,
}

impl Store {
    /// The live course a live lesson belongs to, its completion rule and its number of live
    /// lessons: from the rule cache, else in one query.
    pub async fn lesson_completion_rule(
        &self,
        lesson_id: &str,
    ) -> Result<Option<CourseRule>, ServerError> {
        if let Some(rule) = self.rules.get(lesson_id) {
            return Ok(Some(rule));
        }
        let rule = self.read_completion_rule(lesson_id).await?;
        if let Some(rule) = &rule {
            self.rules.keep(lesson_id, rule);
        }
        Ok(rule)
    }

    async fn read_completion_rule(
        &self,
        lesson_id: &str,
    ) -> Result<Option<CourseRule>, ServerError> {
        let row = sqlx::query(
            "SELECT c.id, c.completion,
               (SELECT COUNT(*) FROM lessons l2 JOIN modules m2 ON m2.id = l2.module_id
                WHERE m2.course_id = c.id AND l2.retired = 0 AND m2.retired = 0) AS lessons_total
             FROM lessons l JOIN modules m ON m.id = l.module_id
             JOIN courses c ON c.id = m.course_id
             WHERE l.id = $1 AND l.retired = 0 AND m.retired = 0 AND c.retired = 0",
        )
        .bind(lesson_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            let rule: String = r.try_get("completion")?;
            Ok(CourseRule {
                id: r.try_get("id")?,
                rule: CompletionRule::from_code(&rule).unwrap_or(CompletionRule::All),
                lessons_total: r.try_get("lessons_total")?,
            })
        })
        .transpose()
    }

    /// The course a live lesson belongs to, and that course's content version.
    pub async fn lesson_course(
        &self,
        lesson_id: &str,
    ) -> Result<Option<(String, String)>, ServerError> {
        let row = sqlx::query(
            "SELECT c.id, c.version_hash FROM lessons l JOIN modules m ON m.id = l.module_id
             JOIN courses c ON c.id = m.course_id WHERE l.id = $1 AND l.retired = 0",
        )
        .bind(lesson_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| Ok((r.try_get("id")?, r.try_get("version_hash")?)))
            .transpose()
    }

    /// A live course's completion rule (`all`, `lessons` or `tests`).
    pub async fn course_completion(&self, course_id: &str) -> Result<Option<String>, ServerError> {
        let row = sqlx::query("SELECT completion FROM courses WHERE id = $1 AND retired = 0")
            .bind(course_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| r.try_get("completion")).transpose()?)
    }

    /// The content version of a live course.
    pub async fn course_version(&self, course_id: &str) -> Result<Option<String>, ServerError> {
        let row = sqlx::query("SELECT version_hash FROM courses WHERE id = $1 AND retired = 0")
            .bind(course_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| r.try_get("version_hash")).transpose()?)
    }

    /// The course a live module belongs to, and that course's content version.
    pub async fn module_course(
        &self,
        module_id: &str,
    ) -> Result<Option<(String, String)>, ServerError> {
        let row = sqlx::query(
            "SELECT c.id, c.version_hash FROM modules m JOIN courses c ON c.id = m.course_id
             WHERE m.id = $1 AND m.retired = 0",
        )
        .bind(module_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| Ok((r.try_get("id")?, r.try_get("version_hash")?)))
            .transpose()
    }

    /// The learner's progress row for one lesson, if they ever opened or completed it.
    pub async fn lesson_state(
        &self,
        user_id: i64,
        lesson_id: &str,
    ) -> Result<Option<LessonState>, ServerError> {
        let row = sqlx::query(
            "SELECT opened_at, completed_at FROM lesson_progress WHERE user_id = $1 AND lesson_id = $2",
        )
        .bind(user_id)
        .bind(lesson_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(LessonState {
                opened_at: r.try_get("opened_at")?,
                completed_at: r.try_get("completed_at")?,
            })
        })
        .transpose()
    }

    /// Notes a learner's first opening of a lesson (later ones change nothing).
    pub async fn record_opening(
        &self,
        user_id: i64,
        lesson_id: &str,
        at: i64,
    ) -> Result<(), ServerError> {
        sqlx::query(
            "INSERT INTO lesson_progress (user_id, lesson_id, opened_at, completed_at)
             VALUES ($1, $2, $3, NULL) ON CONFLICT (user_id, lesson_id) DO NOTHING",
        )
        .bind(user_id)
        .bind(lesson_id)
        .bind(at)
        .execute(self.writer())
        .await?;
        Ok(())
    }

    /// Stores a completion event unless this learner already sent one with this id, keeps the
    /// lesson's earliest completion time in its progress row (offline ones arrive late and in
    /// any order) and brings the learner's facts up to date, in one transaction: all or nothing.
    /// Clicks arriving together share that transaction (`completions`).
    pub async fn record_completion(
        &self,
        user_id: i64,
        event_id: &str,
        lesson_id: &str,
        at: i64,
    ) -> Result<Recorded, ServerError> {
        let completion = Completion {
            user_id,
            event_id: event_id.to_string(),
            lesson_id: lesson_id.to_string(),
            at,
        };
        self.completions().record(completion).await
    }

    /// Every lesson the learner completed.
    pub async fn completed_lessons(&self, user_id: i64) -> Result<HashSet<String>, ServerError> {
        let rows = sqlx::query(
            "SELECT lesson_id FROM lesson_progress WHERE user_id = $1 AND completed_at IS NOT NULL",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|r| Ok(r.try_get("lesson_id")?)).collect()
    }

    /// Every module whose test the learner passed.
    pub async fn passed_modules(&self, user_id: i64) -> Result<HashSet<String>, ServerError> {
        let rows = sqlx::query(
            "SELECT DISTINCT target_id FROM quiz_attempts
             WHERE user_id = $1 AND target_kind = $2 AND passed = 1",
        )
        .bind(user_id)
        .bind(QuizKind::Module.code())
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|r| Ok(r.try_get("target_id")?)).collect()
    }

    /// The lesson the learner opened or completed last, if any.
    pub async fn last_lesson(&self, user_id: i64) -> Result<Option<String>, ServerError> {
        let row = sqlx::query(
            "SELECT lesson_id FROM lesson_progress WHERE user_id = $1
             ORDER BY CASE WHEN completed_at > opened_at THEN completed_at ELSE opened_at END DESC,
                      lesson_id DESC
             LIMIT 1",
        )
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| r.try_get("lesson_id")).transpose()?)
    }

    /// Stores a graded attempt once per event id; returns whether it was new.
    pub async fn record_attempt(
        &self,
        attempt: NewAttempt<'_>,
        now: i64,
    ) -> Result<bool, ServerError> {
        let done = sqlx::query(
            "INSERT INTO quiz_attempts (user_id, event_id, target_kind, target_id, correct, total, passed, answers, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (user_id, event_id) DO NOTHING",
        )
        .bind(attempt.user_id)
        .bind(attempt.event_id)
        .bind(attempt.target_kind.code())
        .bind(attempt.target_id)
        .bind(attempt.correct)
        .bind(attempt.total)
        .bind(i64::from(attempt.passed))
        .bind(attempt.answers)
        .bind(now)
        .execute(self.writer())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Best result and count of every quiz the learner took, most recent first, with titles.
    pub async fn attempt_summaries(
        &self,
        user_id: i64,
    ) -> Result<Vec<AttemptSummary>, ServerError> {
        let rows = sqlx::query(
            "SELECT a.target_kind, a.target_id, MAX(a.correct) AS best_correct, MAX(a.total) AS total,
                    MAX(a.passed) AS passed, COUNT(*) AS attempts,
                    MAX(COALESCE(m.title, l.title)) AS title, MAX(COALESCE(m.title_en, l.title_en)) AS title_en
             FROM quiz_attempts a
             LEFT JOIN modules m ON a.target_kind = $2 AND m.id = a.target_id
             LEFT JOIN lessons l ON a.target_kind = $3 AND l.id = a.target_id
             WHERE a.user_id = $1 GROUP BY a.target_kind, a.target_id ORDER BY MAX(a.at) DESC",
        )
        .bind(user_id)
        .bind(QuizKind::Module.code())
        .bind(QuizKind::Lesson.code())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("target_kind")?;
                Ok(AttemptSummary {
                    target_kind: QuizKind::from_code(&kind).ok_or_else(|| {
                        ServerError::Internal(format!("stored quiz kind `{kind}` is unknown"))
                    })?,
                    target_id: r.try_get("target_id")?,
                    title: r.try_get("title")?,
                    title_en: r.try_get("title_en")?,
                    best_correct: r.try_get("best_correct")?,
                    total: r.try_get("total")?,
                    passed: r.try_get::<i64, _>("passed")? != 0,
                    attempts: r.try_get("attempts")?,
                })
            })
            .collect()
    }
}
