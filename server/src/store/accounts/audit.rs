//! SQL for the audit log: append-only; read by admins (everything) and offices (their region).

use app::codes::AuditAction;
use sqlx::Row;

use crate::error::ServerError;
use crate::store::people::regions::within;
use crate::store::Store;

/// One event to record.
pub struct NewAuditEntry<'a> {
    pub actor_id: Option<i64>,
    pub action: AuditAction,
    pub target: &'a str,
    pub region_id: Option<i64>,
    pub detail: &'a str,
    pub address: &'a str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRow {
    pub id: i64,
    pub at: i64,
    pub actor_name: Option<String>,
    pub action: String,
    pub target: String,
    pub region_name: Option<String>,
    pub detail: String,
    pub address: String,
}

/// Longest target or detail kept: the log records events, not whatever a request carried.
pub const MAX_AUDIT_TEXT: usize = 200;

fn capped(text: &str) -> String {
    text.chars().take(MAX_AUDIT_TEXT).collect()
}

impl Store {
    pub async fn record_audit(
        &self,
        entry: NewAuditEntry<'_>,
        now: i64,
    ) -> Result<(), ServerError> {
        sqlx::query(
            "INSERT INTO audit_log (at, actor_id, action, target, region_id, detail, address)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(now)
        .bind(entry.actor_id)
        .bind(entry.action.code())
        .bind(capped(entry.target))
        .bind(entry.region_id)
        .bind(capped(entry.detail))
        .bind(entry.address)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Newest first, older than entry `before` when given; only entries about regions within
    /// `region` when given.
    pub async fn audit_entries(
        &self,
        region: Option<i64>,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Vec<AuditRow>, ServerError> {
        let scope = match region {
            Some(_) => within("a.region_id", 1),
            None => "$1 = 0".to_string(),
        };
        let sql = format!(
            "SELECT a.id, a.at, u.display_name AS actor_name, a.action, a.target,
                    r.name AS region_name, a.detail, a.address
             FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
             LEFT JOIN regions r ON r.id = a.region_id
             WHERE {scope} AND ($2 = 0 OR a.id < $2) ORDER BY a.id DESC LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(region.unwrap_or(0))
            .bind(before.unwrap_or(0))
            .bind(limit as i64)
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditRow {
                    id: r.try_get("id")?,
                    at: r.try_get("at")?,
                    actor_name: r.try_get("actor_name")?,
                    action: r.try_get("action")?,
                    target: r.try_get("target")?,
                    region_name: r.try_get("region_name")?,
                    detail: r.try_get("detail")?,
                    address: r.try_get("address")?,
                })
            })
            .collect()
    }
}
