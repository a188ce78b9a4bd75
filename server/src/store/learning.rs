//! SQL for learning: progress events and quiz attempts (each stored once under the client's
//! event id), and certificates (one per learner, course and course version).

use sqlx::any::AnyRow;
use sqlx::Row;

use super::Store;
use crate::error::ServerError;

/// A learner's progress in one lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonProgressRow {
    pub lesson_id: String,
    pub opened_at: Option<i64>,
    pub completed_at: Option<i64>,
}

/// The best attempt at one quiz or module test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttemptSummary {
    pub target_kind: String,
    pub target_id: String,
    pub best_correct: i64,
    pub total: i64,
    pub passed: bool,
    pub attempts: i64,
    pub last_at: i64,
}

pub struct NewAttempt<'a> {
    pub user_id: i64,
    pub event_id: &'a str,
    pub target_kind: &'a str,
    pub target_id: &'a str,
    pub correct: i64,
    pub total: i64,
    pub passed: bool,
    pub answers: &'a str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateRow {
    pub code: String,
    pub user_id: i64,
    pub course_id: String,
    pub course_version: String,
    pub payload: String,
    pub signature: String,
    pub issued_at: i64,
    pub region_id: Option<i64>,
    pub revoked_at: Option<i64>,
    pub revoked_reason: Option<String>,
}

pub struct NewCertificate<'a> {
    pub code: &'a str,
    pub user_id: i64,
    pub course_id: &'a str,
    pub course_version: &'a str,
    pub payload: &'a str,
    pub signature: &'a str,
    pub region_id: Option<i64>,
}

const CERTIFICATE_COLUMNS: &str = "code, user_id, course_id, course_version, payload, signature,
    issued_at, region_id, revoked_at, revoked_reason";

impl Store {
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

    /// Stores a progress event unless this learner already sent one with this id; returns
    /// whether it was new.
    pub async fn record_progress(
        &self,
        user_id: i64,
        event_id: &str,
        lesson_id: &str,
        kind: &str,
        now: i64,
    ) -> Result<bool, ServerError> {
        let done = sqlx::query(
            "INSERT INTO progress_events (user_id, event_id, lesson_id, kind, at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (user_id, event_id) DO NOTHING",
        )
        .bind(user_id)
        .bind(event_id)
        .bind(lesson_id)
        .bind(kind)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// First opening and first completion of every lesson the learner touched.
    pub async fn lesson_progress(
        &self,
        user_id: i64,
    ) -> Result<Vec<LessonProgressRow>, ServerError> {
        let rows = sqlx::query(
            "SELECT lesson_id,
                    MIN(CASE WHEN kind = 'opened' THEN at END) AS opened_at,
                    MIN(CASE WHEN kind = 'completed' THEN at END) AS completed_at
             FROM progress_events WHERE user_id = $1 GROUP BY lesson_id",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(LessonProgressRow {
                    lesson_id: r.try_get("lesson_id")?,
                    opened_at: r.try_get("opened_at")?,
                    completed_at: r.try_get("completed_at")?,
                })
            })
            .collect()
    }

    /// The lesson the learner touched last, if any.
    pub async fn last_lesson(&self, user_id: i64) -> Result<Option<String>, ServerError> {
        let row = sqlx::query(
            "SELECT lesson_id FROM progress_events WHERE user_id = $1 ORDER BY at DESC, event_id DESC LIMIT 1",
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
        .bind(attempt.target_kind)
        .bind(attempt.target_id)
        .bind(attempt.correct)
        .bind(attempt.total)
        .bind(i64::from(attempt.passed))
        .bind(attempt.answers)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Best result, count and last time of every quiz the learner took.
    pub async fn attempt_summaries(
        &self,
        user_id: i64,
    ) -> Result<Vec<AttemptSummary>, ServerError> {
        let rows = sqlx::query(
            "SELECT target_kind, target_id, MAX(correct) AS best_correct, MAX(total) AS total,
                    MAX(passed) AS passed, COUNT(*) AS attempts, MAX(at) AS last_at
             FROM quiz_attempts WHERE user_id = $1 GROUP BY target_kind, target_id ORDER BY MAX(at) DESC",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AttemptSummary {
                    target_kind: r.try_get("target_kind")?,
                    target_id: r.try_get("target_id")?,
                    best_correct: r.try_get("best_correct")?,
                    total: r.try_get("total")?,
                    passed: r.try_get::<i64, _>("passed")? != 0,
                    attempts: r.try_get("attempts")?,
                    last_at: r.try_get("last_at")?,
                })
            })
            .collect()
    }

    /// Issues a certificate unless this learner already has one for this course version;
    /// returns the certificate that holds (the new one or the earlier one).
    pub async fn issue_certificate(
        &self,
        new: NewCertificate<'_>,
        now: i64,
    ) -> Result<CertificateRow, ServerError> {
        sqlx::query(
            "INSERT INTO certificates (code, user_id, course_id, course_version, payload, signature, issued_at, region_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (user_id, course_id, course_version) DO NOTHING",
        )
        .bind(new.code)
        .bind(new.user_id)
        .bind(new.course_id)
        .bind(new.course_version)
        .bind(new.payload)
        .bind(new.signature)
        .bind(now)
        .bind(new.region_id)
        .execute(self.pool())
        .await?;
        let sql = format!(
            "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE user_id = $1 AND course_id = $2 AND course_version = $3"
        );
        let row = sqlx::query(&sql)
            .bind(new.user_id)
            .bind(new.course_id)
            .bind(new.course_version)
            .fetch_one(self.pool())
            .await?;
        certificate_row(&row)
    }

    pub async fn certificate(&self, code: &str) -> Result<Option<CertificateRow>, ServerError> {
        let sql = format!("SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE code = $1");
        let row = sqlx::query(&sql)
            .bind(code)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(certificate_row).transpose()
    }

    pub async fn certificates_of(&self, user_id: i64) -> Result<Vec<CertificateRow>, ServerError> {
        let sql = format!("SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE user_id = $1 ORDER BY issued_at DESC");
        let rows = sqlx::query(&sql)
            .bind(user_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(certificate_row).collect()
    }

    /// Revokes a certificate that is still valid; returns whether it was.
    pub async fn revoke_certificate(
        &self,
        code: &str,
        reason: &str,
        now: i64,
    ) -> Result<bool, ServerError> {
        let done = sqlx::query(
            "UPDATE certificates SET revoked_at = $1, revoked_reason = $2 WHERE code = $3 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(reason)
        .bind(code)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

fn certificate_row(r: &AnyRow) -> Result<CertificateRow, ServerError> {
    Ok(CertificateRow {
        code: r.try_get("code")?,
        user_id: r.try_get("user_id")?,
        course_id: r.try_get("course_id")?,
        course_version: r.try_get("course_version")?,
        payload: r.try_get("payload")?,
        signature: r.try_get("signature")?,
        issued_at: r.try_get("issued_at")?,
        region_id: r.try_get("region_id")?,
        revoked_at: r.try_get("revoked_at")?,
        revoked_reason: r.try_get("revoked_reason")?,
    })
}
