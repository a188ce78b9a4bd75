//! Certificates as people see them: the printable certificate with its QR code, the public check
//! (`/verify/<code>`), and revocation by offices and admins.

use app::backend::{Actor, User};
use app::codes::{AuditAction, Role};
use app::dates::beijing_day;
use app::error::AppError;
use app::i18n::problems::Problem;
use app::i18n::Locale;
use app::model::{CertificateView, Verification};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use qrcode::render::svg;
use qrcode::QrCode;

use super::home::quiz_scores;
use crate::error::ServerError;
use crate::services::{authz, Services};
use crate::store::learning::CertificateRow;
use crate::store::{now, Store};

/// Longest revocation reason kept.
const MAX_REASON_CHARS: usize = 200;

/// The printable certificate: for its holder, and for offices of its region and admins.
pub async fn certificate(
    services: &Services,
    actor: &Actor,
    code: &str,
) -> Result<CertificateView, ServerError> {
    let store = &services.store;
    let roles = [Role::Learner, Role::Trainer, Role::Office, Role::Admin];
    let user = authz::require(store, actor, &roles, "certificates.view").await?;
    let row = store.certificate(code).await?.ok_or(AppError::NotFound)?;
    let allowed = match user.role {
        Role::Learner => row.user_id == user.id,
        Role::Admin => false,
        Role::Office => match (row.region_id, user.region_id) {
            (Some(region), Some(home)) => store.region_within(region, home).await?,
            _ => false,
        },
        Role::Trainer => store.is_learner_of_trainer(row.user_id, user.id).await?,
    };
    if !allowed {
        return authz::deny(store, user, "certificates.view", code, row.region_id).await;
    }
    let holder = store.user(row.user_id).await?.ok_or(AppError::NotFound)?;
    let verify_url = verify_url(&services.public_url, &row);
    let test_scores = quiz_scores(store, row.user_id, Locale::ZhCn)
        .await?
        .into_iter()
        .filter(|score| score.is_module_test)
        .collect();
    Ok(CertificateView {
        learner_name: holder.display_name,
        course_title: payload_field(&row.payload, "course"),
        issued_day: beijing_day(row.issued_at),
        issuer: payload_field(&row.payload, "issuer"),
        revoked_reason: row.revoked_reason.clone(),
        qr_svg: qr_svg(&verify_url)?,
        verify_url,
        test_scores,
        code: row.code,
    })
}

/// The published certificate keys: the one signing now and the public halves of earlier ones, each
/// under the id certificates name (`kid`), and what an offline check cannot see.
pub fn key_document(services: &Services) -> serde_json::Value {
    let keys = &services.signing_key;
    let base = services.public_url.trim_end_matches('/');
    serde_json::json!({
        "alg": "Ed25519",
        "encoding": "base64url",
        "kid": keys.current.key_id(),
        "public_key": keys.current.public_key(),
        "retired_keys": keys.retired,
        "signs": "the UTF-8 bytes of the payload carried in the certificate QR code (?p=, base64url); the payload's kid names the key",
        "revocation": "an offline check proves who issued a certificate, not that it is still valid: revocations are seen only online",
        "check_online": format!("{base}/verify/{{code}}"),
        "holder": "the payload carries a masked name only: compare it with the holder's identity document",
    })
}

/// `/verify/<code>?p=<payload>&s=<signature>`: the QR code carries the signed payload, so a
/// phone without network can check the signature against the published key.
fn verify_url(base: &str, row: &CertificateRow) -> String {
    let payload = URL_SAFE_NO_PAD.encode(row.payload.as_bytes());
    format!(
        "{}/verify/{}?p={payload}&s={}",
        base.trim_end_matches('/'),
        row.code,
        row.signature
    )
}

fn qr_svg(text: &str) -> Result<String, ServerError> {
    let code =
        QrCode::new(text.as_bytes()).map_err(|e| ServerError::Internal(format!("QR code: {e}")))?;
    Ok(code
        .render::<svg::Color>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build())
}

/// The public check. Without a payload it reports the record; with one it also says whether the
/// signature is right and the payload is the one on record.
pub async fn verify(
    services: &Services,
    code: &str,
    payload: Option<&str>,
    signature: Option<&str>,
) -> Result<Verification, ServerError> {
    let row = services
        .store
        .certificate(code)
        .await?
        .ok_or(AppError::NotFound)?;
    let signature_ok = match (payload, signature) {
        (Some(encoded), Some(signature)) => {
            let decoded = URL_SAFE_NO_PAD
                .decode(encoded)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok());
            Some(decoded.is_some_and(|text| {
                services.signing_key.verify(&text, signature) && text == row.payload
            }))
        }
        _ => None,
    };
    Ok(Verification {
        code: row.code.clone(),
        masked_name: payload_field(&row.payload, "name"),
        course_title: payload_field(&row.payload, "course"),
        issued_day: beijing_day(row.issued_at),
        issuer: payload_field(&row.payload, "issuer"),
        revoked: row.revoked_at.is_some(),
        signature_ok,
    })
}

/// Revokes a certificate of the office's region (or any, for admins), with a reason; audited.
pub async fn revoke(
    services: &Services,
    actor: &Actor,
    code: &str,
    reason: &str,
) -> Result<(), ServerError> {
    let store = &services.store;
    let user = authz::require(
        store,
        actor,
        &[Role::Office, Role::Admin],
        "certificates.revoke",
    )
    .await?;
    let row = store.certificate(code).await?.ok_or(AppError::NotFound)?;
    if user.role == Role::Office {
        let home = authz::home_region(store, user, "certificates.revoke").await?;
        let inside = match row.region_id {
            Some(region) => store.region_within(region, home).await?,
            None => false,
        };
        if !inside {
            return authz::deny(store, user, "certificates.revoke", code, row.region_id).await;
        }
    }
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON_CHARS {
        let problem = Problem::RevokeReason {
            max: MAX_REASON_CHARS,
        };
        return Err(AppError::from(problem).into());
    }
    if !store.revoke_certificate(code, reason, now()).await? {
        return Err(AppError::from(Problem::AlreadyRevoked).into());
    }
    audit_revocation(store, user, &row, reason).await?;
    store.refresh_learner_facts(row.user_id).await
}

async fn audit_revocation(
    store: &Store,
    user: &User,
    row: &CertificateRow,
    reason: &str,
) -> Result<(), ServerError> {
    authz::audit(
        store,
        user,
        AuditAction::CertificateRevoked,
        &row.code,
        row.region_id,
        reason,
    )
    .await
}

/// One field of a signed payload (the payload is JSON the server wrote).
pub fn payload_field(payload: &str, field: &str) -> String {
    serde_json::from_str::<serde_json::Value>(payload)
        .ok()
        .and_then(|v| v.get(field).and_then(|f| f.as_str()).map(str::to_string))
        .unwrap_or_default()
}
