//! A certificate as an Open Badges 3.0 credential (`OpenBadgeCredential`), for its holder to keep
//! or show elsewhere. It carries the server's signed payload as evidence; it has no W3C
//! Data Integrity proof (that needs RDF canonicalization), so verifiers check the payload's
//! Ed25519 signature against the published key instead.

use app::backend::Actor;
use app::codes::Role;
use app::error::AppError;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::json;

use crate::error::ServerError;
use crate::services::{authz, Services};

pub async fn credential(
    services: &Services,
    actor: &Actor,
    code: &str,
) -> Result<String, ServerError> {
    let store = &services.store;
    let user = authz::require(store, actor, &[Role::Learner], "certificates.badge").await?;
    let row = store
        .certificate(code)
        .await?
        .filter(|c| c.user_id == user.id)
        .ok_or(AppError::NotFound)?;
    let payload: serde_json::Value = serde_json::from_str(&row.payload)
        .map_err(|e| ServerError::Internal(format!("certificate payload: {e}")))?;
    let base = services.public_url.trim_end_matches('/');
    let field = |name: &str| payload.get(name).cloned().unwrap_or_default();
    let issued = chrono_free_timestamp(row.issued_at);
    let credential = json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ],
        "id": format!("{base}/verify/{}", row.code),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": { "id": base, "type": ["Profile"], "name": field("issuer") },
        "validFrom": issued,
        "name": field("course"),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": user.display_name,
            "achievement": {
                "id": format!("{base}/courses/{}", row.course_id),
                "type": ["Achievement"],
                "name": field("course"),
                "description": "农村电商技能培训结业",
                "criteria": { "narrative": "学完全部课程，并通过每个单元的测试。" }
            }
        },
        "credentialStatus": { "id": format!("{base}/verify/{}", row.code), "type": "NongdianVerificationPage" },
        "evidence": [{
            "type": ["Evidence"],
            "name": "Ed25519-signed certificate payload",
            "description": format!("Public key: {base}/.well-known/nongdian-certificate-key.json"),
            "payload": URL_SAFE_NO_PAD.encode(row.payload.as_bytes()),
            "signature": row.signature,
        }]
    });
    serde_json::to_string_pretty(&credential).map_err(|e| ServerError::Internal(e.to_string()))
}

/// `YYYY-MM-DDTHH:MM:SSZ` in UTC.
fn chrono_free_timestamp(seconds: i64) -> String {
    let day = app::dates::beijing_day(seconds - 8 * 3600);
    let rest = seconds.rem_euclid(86_400);
    format!(
        "{day}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc() {
        assert_eq!(chrono_free_timestamp(1_764_460_800), "2025-11-30T00:00:00Z");
        assert_eq!(
            chrono_free_timestamp(1_764_460_800 + 3_661),
            "2025-11-30T01:01:01Z"
        );
    }
}
