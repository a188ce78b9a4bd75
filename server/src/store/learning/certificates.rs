//! SQL for certificates: one per learner, course and course version, signed by the server.

use sqlx::any::AnyRow;
use sqlx::Row;

use crate::error::ServerError;
use crate::store::Store;

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
