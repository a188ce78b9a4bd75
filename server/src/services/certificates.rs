//! Certificates as people see them: the learner's home page, the printable certificate with its
//! QR code, the public check (`/verify/<code>`), revocation by offices and admins, and the Open
//! Badges 3.0 credential.

use app::backend::{Actor, Role, User};
use app::dates::beijing_day;
use app::error::AppError;
use app::i18n::Locale;
use app::model::{
    CertificateSummary, CertificateView, CourseProgress, LessonLink, ModuleProgress, MyLearning,
    QuizScore, Verification,
};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use qrcode::render::svg;
use qrcode::QrCode;

use super::authz;
use super::learning::{module_standings, ModuleStanding};
use crate::error::ServerError;
use crate::keys::CertificateKey;
use crate::store::learning::CertificateRow;
use crate::store::{now, Store};

/// What certificate pages need besides the store.
pub struct CertificateContext<'a> {
    pub store: &'a Store,
    pub key: &'a CertificateKey,
    /// The site's address as learners reach it, for the QR code.
    pub public_url: &'a str,
}

pub async fn my_learning(
    store: &Store,
    actor: &Actor,
    locale: Locale,
) -> Result<MyLearning, ServerError> {
    let user = authz::require(store, actor, &[Role::Learner], "learning.home").await?;
    let mut courses = Vec::new();
    for course in store.list_courses().await? {
        let modules = module_standings(store, user.id, &course.id).await?;
        courses.push(course_progress(
            course.id,
            locale.pick(&course.title, &course.title_en),
            &modules,
            locale,
        ));
    }
    let continue_at = match store.last_lesson(user.id).await? {
        Some(id) => store.lesson(&id).await?.map(|(lesson, _)| LessonLink {
            title: locale.pick(&lesson.title, &lesson.title_en).to_string(),
            minutes: lesson.minutes,
            id: lesson.id,
        }),
        None => None,
    };
    Ok(MyLearning {
        courses,
        continue_at,
        certificates: summaries(store, user.id).await?,
        quizzes: quiz_scores(store, user.id, locale).await?,
    })
}

fn course_progress(
    id: String,
    title: &str,
    modules: &[ModuleStanding],
    locale: Locale,
) -> CourseProgress {
    // A module's steps are its lessons and its test.
    let percent = |done: usize, steps: usize| (done * 100).checked_div(steps).unwrap_or(0);
    let module_views = modules
        .iter()
        .map(|m| ModuleProgress {
            title: locale.pick(&m.title, &m.title_en).to_string(),
            percent: percent(
                m.lessons_completed + usize::from(m.test_passed),
                m.lessons_total + 1,
            ),
            test_passed: m.test_passed,
        })
        .collect();
    let lessons_total = modules.iter().map(|m| m.lessons_total).sum::<usize>();
    let lessons_completed = modules.iter().map(|m| m.lessons_completed).sum::<usize>();
    let modules_passed = modules.iter().filter(|m| m.test_passed).count();
    CourseProgress {
        course_id: id,
        title: title.to_string(),
        percent: percent(
            lessons_completed + modules_passed,
            lessons_total + modules.len(),
        ),
        lessons_completed,
        lessons_total,
        modules_passed,
        modules_total: modules.len(),
        modules: module_views,
    }
}

async fn summaries(store: &Store, user_id: i64) -> Result<Vec<CertificateSummary>, ServerError> {
    let mut list = Vec::new();
    for c in store.certificates_of(user_id).await? {
        let title = payload_field(&c.payload, "course");
        list.push(CertificateSummary {
            code: c.code,
            course_title: title,
            issued_day: beijing_day(c.issued_at),
            revoked: c.revoked_at.is_some(),
        });
    }
    Ok(list)
}

async fn quiz_scores(
    store: &Store,
    user_id: i64,
    locale: Locale,
) -> Result<Vec<QuizScore>, ServerError> {
    let mut scores = Vec::new();
    for a in store.attempt_summaries(user_id).await? {
        let title = if a.target_kind == "module" {
            store
                .module(&a.target_id)
                .await?
                .map(|m| locale.pick(&m.title, &m.title_en).to_string())
        } else {
            store
                .lesson(&a.target_id)
                .await?
                .map(|(l, _)| locale.pick(&l.title, &l.title_en).to_string())
        };
        scores.push(QuizScore {
            title: title.unwrap_or(a.target_id),
            is_module_test: a.target_kind == "module",
            best_correct: a.best_correct,
            total: a.total,
            passed: a.passed,
            attempts: a.attempts,
        });
    }
    Ok(scores)
}

/// The printable certificate: for its holder, and for offices of its region and admins.
pub async fn certificate(
    context: &CertificateContext<'_>,
    actor: &Actor,
    code: &str,
) -> Result<CertificateView, ServerError> {
    let store = context.store;
    let user = authz::signed_in(actor)?;
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
    let verify_url = verify_url(context.public_url, &row);
    Ok(CertificateView {
        learner_name: holder.display_name,
        course_title: payload_field(&row.payload, "course"),
        issued_day: beijing_day(row.issued_at),
        issuer: payload_field(&row.payload, "issuer"),
        revoked_reason: row.revoked_reason.clone(),
        qr_svg: qr_svg(&verify_url)?,
        verify_url,
        code: row.code,
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
    context: &CertificateContext<'_>,
    code: &str,
    payload: Option<&str>,
    signature: Option<&str>,
) -> Result<Verification, ServerError> {
    let row = context
        .store
        .certificate(code)
        .await?
        .ok_or(AppError::NotFound)?;
    let signature_ok =
        match (payload, signature) {
            (Some(encoded), Some(signature)) => {
                let decoded = URL_SAFE_NO_PAD
                    .decode(encoded)
                    .ok()
                    .and_then(|bytes| String::from_utf8(bytes).ok());
                Some(decoded.is_some_and(|text| {
                    context.key.verify(&text, signature) && text == row.payload
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
        revoked_reason: row.revoked_reason,
        signature_ok,
    })
}

/// Revokes a certificate of the office's region (or any, for admins), with a reason; audited.
pub async fn revoke(
    store: &Store,
    actor: &Actor,
    code: &str,
    reason: &str,
) -> Result<(), ServerError> {
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
    if reason.is_empty() || reason.chars().count() > 200 {
        return Err(AppError::Invalid("请写明撤销原因（最多200字）".into()).into());
    }
    if !store.revoke_certificate(code, reason, now()).await? {
        return Err(AppError::Invalid("这张证书已经撤销过了".into()).into());
    }
    audit_revocation(store, user, &row, reason).await
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
        "certificate_revoked",
        &row.code,
        row.region_id,
        reason,
    )
    .await
}

/// One field of a signed payload (the payload is JSON the server wrote).
fn payload_field(payload: &str, field: &str) -> String {
    serde_json::from_str::<serde_json::Value>(payload)
        .ok()
        .and_then(|v| v.get(field).and_then(|f| f.as_str()).map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module(done: usize, total: usize, passed: bool) -> ModuleStanding {
        ModuleStanding {
            module_id: "m".into(),
            title: "单元".into(),
            title_en: String::new(),
            lessons_total: total,
            lessons_completed: done,
            test_passed: passed,
        }
    }

    #[test]
    fn percent_counts_lessons_and_tests_per_module_and_course() {
        let modules = [module(4, 4, true), module(1, 3, false)];
        let progress = course_progress("c".into(), "课程", &modules, Locale::ZhCn);
        assert_eq!(progress.modules[0].percent, 100);
        assert_eq!(progress.modules[1].percent, 25);
        assert_eq!(progress.percent, 6 * 100 / 9);
        assert_eq!(
            (progress.lessons_completed, progress.modules_passed),
            (5, 1)
        );
    }
}
