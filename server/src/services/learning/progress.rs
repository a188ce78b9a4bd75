//! A learner's progress and the completion rule: lesson completions stored once per client event
//! id (with a per-lesson progress row, so reading a lesson never aggregates events), quiz
//! attempts, and the certificate issued — exactly once per learner and course version — the moment
//! the course's rule is met.

use std::collections::HashSet;

use app::backend::{Actor, User};
use app::codes::{AuditAction, QuizKind, Role};
use app::error::AppError;
use app::i18n::problems::Problem;
use argon2::password_hash::rand_core::{OsRng, RngCore};

use crate::content::Completion;
use crate::error::ServerError;
use crate::services::reports::follow_ups;
use crate::services::{authz, Services};
use crate::store::content::{LessonEntry, ModuleRow};
use crate::store::learning::{CertificateRow, NewAttempt, NewCertificate};
use crate::store::{now, Store};

/// A learner's standing in one course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourseStanding {
    pub lessons_total: usize,
    pub lessons_completed: usize,
    pub modules_total: usize,
    pub modules_passed: usize,
    /// What the course says finishing it takes.
    pub rule: Completion,
}

impl CourseStanding {
    /// The course's completion rule: by default every lesson completed and every module test
    /// passed; a course may ask for only one of the two.
    pub fn is_complete(&self) -> bool {
        let lessons = self.lessons_total > 0 && self.lessons_completed == self.lessons_total;
        let tests = self.modules_total > 0 && self.modules_passed == self.modules_total;
        match self.rule {
            Completion::All => lessons && (tests || self.modules_total == 0),
            Completion::Lessons => lessons,
            Completion::Tests => tests,
        }
    }
}

/// What storing one event did: whether it was new, and the certificate if the course is
/// complete.
pub struct Stored {
    pub new: bool,
    pub certificate: Option<CertificateRow>,
}

/// Records that the signed-in learner finished a lesson (once per event id, and the lesson's
/// progress row keeps the first completion). Returns the certificate when this completed the
/// course.
pub async fn complete_lesson(
    services: &Services,
    actor: &Actor,
    lesson_id: &str,
    event_id: &str,
) -> Result<Option<CertificateRow>, ServerError> {
    let user = authz::require(&services.store, actor, &[Role::Learner], "progress.record").await?;
    check_event_id(event_id)?;
    let stored = complete_lesson_at(services, user, lesson_id, event_id, now()).await?;
    Ok(stored.certificate)
}

/// Stores an authorized learner's completion of a lesson at `at`: the click, or the phone's
/// time for a completion made offline.
pub async fn complete_lesson_at(
    services: &Services,
    user: &User,
    lesson_id: &str,
    event_id: &str,
    at: i64,
) -> Result<Stored, ServerError> {
    let store = &services.store;
    let course = store
        .lesson_completion_rule(lesson_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let recorded = store
        .record_completion(user.id, event_id, lesson_id, at)
        .await?;
    // Most clicks are on a course's early lessons: fewer lessons done in all than the course
    // has means a lesson rule cannot be met yet, so the full standing is not worth reading.
    let too_few = recorded
        .lessons_completed
        .is_some_and(|done| done < course.lessons_total);
    let certificate = if too_few && course.rule != Completion::Tests {
        None
    } else {
        issue_if_complete(services, user, &course.id).await?
    };
    Ok(Stored {
        new: recorded.new,
        certificate,
    })
}

/// Whether a signed-in learner completed the lesson before; their first opening of it is
/// recorded (one row per learner and lesson, so later views only read). Anonymous readers and
/// staff leave no trace.
pub async fn open_lesson(
    store: &Store,
    actor: &Actor,
    lesson_id: &str,
) -> Result<bool, ServerError> {
    let Actor::User(user) = actor else {
        return Ok(false);
    };
    if user.role != Role::Learner {
        return Ok(false);
    }
    match store.lesson_state(user.id, lesson_id).await? {
        Some(state) => Ok(state.completed_at.is_some()),
        None => {
            let at = now();
            store.record_opening(user.id, lesson_id, at).await?;
            store.facts_active(user.id, at).await?;
            Ok(false)
        }
    }
}

/// Stores a graded module test or lesson quiz of a learner, taken at `at` (once per event id)
/// and, for a passed module test, issues the certificate if that completed the course.
pub async fn record_attempt(
    services: &Services,
    user: &User,
    attempt: NewAttempt<'_>,
    at: i64,
) -> Result<Stored, ServerError> {
    check_event_id(attempt.event_id)?;
    let module = (attempt.target_kind == QuizKind::Module && attempt.passed)
        .then(|| attempt.target_id.to_string());
    let store = &services.store;
    let user_id = attempt.user_id;
    let new = store.record_attempt(attempt, at).await?;
    store.facts_active(user_id, at).await?;
    let course = match module {
        Some(module) => store.module_course(&module).await?,
        None => None,
    };
    let certificate = match course {
        Some((course, _)) => issue_if_complete(services, user, &course).await?,
        None => None,
    };
    Ok(Stored { new, certificate })
}

/// How far the learner is in one module of a course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleStanding {
    pub module_id: String,
    pub title: String,
    pub title_en: String,
    pub lessons_total: usize,
    pub lessons_completed: usize,
    pub test_passed: bool,
}

/// What a learner has done, read once for all their courses.
pub struct LearnerRecord {
    pub completed_lessons: HashSet<String>,
    pub passed_modules: HashSet<String>,
}

impl LearnerRecord {
    pub async fn read(store: &Store, user_id: i64) -> Result<LearnerRecord, ServerError> {
        Ok(LearnerRecord {
            completed_lessons: store.completed_lessons(user_id).await?,
            passed_modules: store.passed_modules(user_id).await?,
        })
    }

    /// How far the learner is in each of `modules`, given the lessons of their course(s).
    pub fn module_standings(
        &self,
        modules: &[ModuleRow],
        lessons: &[LessonEntry],
    ) -> Vec<ModuleStanding> {
        modules
            .iter()
            .map(|m| {
                let own = lessons.iter().filter(|l| l.module_id == m.id);
                ModuleStanding {
                    lessons_total: own.clone().count(),
                    lessons_completed: own
                        .filter(|l| self.completed_lessons.contains(&l.id))
                        .count(),
                    test_passed: self.passed_modules.contains(&m.id),
                    module_id: m.id.clone(),
                    title: m.title.clone(),
                    title_en: m.title_en.clone(),
                }
            })
            .collect()
    }
}

/// How far the learner is in `course`.
pub async fn standing(
    store: &Store,
    user_id: i64,
    course: &str,
) -> Result<CourseStanding, ServerError> {
    let record = LearnerRecord::read(store, user_id).await?;
    let modules = store.course_modules(Some(course)).await?;
    let lessons = store.lesson_sequence(Some(course)).await?;
    let modules = record.module_standings(&modules, &lessons);
    let rule = store.course_completion(course).await?;
    Ok(CourseStanding {
        rule: rule
            .as_deref()
            .and_then(Completion::from_code)
            .unwrap_or(Completion::All),
        lessons_total: modules.iter().map(|m| m.lessons_total).sum(),
        lessons_completed: modules.iter().map(|m| m.lessons_completed).sum(),
        modules_total: modules.len(),
        modules_passed: modules.iter().filter(|m| m.test_passed).count(),
    })
}

/// Issues the certificate when the rule is met. Concurrent completions (two servers, a retried
/// request) race to insert; the unique (learner, course, version) key lets exactly one win and
/// every caller gets that one.
async fn issue_if_complete(
    services: &Services,
    user: &User,
    course: &str,
) -> Result<Option<CertificateRow>, ServerError> {
    let store = &services.store;
    let standing = standing(store, user.id, course).await?;
    if standing.lessons_total > 0 && standing.lessons_completed == standing.lessons_total {
        // Rare (the course's last lessons): the facts learn the course was completed.
        store.refresh_learner_facts(user.id).await?;
    }
    if !standing.is_complete() {
        return Ok(None);
    }
    issue_certificate(services, user, course, now())
        .await
        .map(Some)
}

/// Issues the certificate of `course` to `user` as of `issued_at` (signed, audited, its
/// follow-up calls scheduled); a learner who already holds one for this version keeps it.
pub async fn issue_certificate(
    services: &Services,
    user: &User,
    course: &str,
    issued_at: i64,
) -> Result<CertificateRow, ServerError> {
    let store = &services.store;
    let course_row = store.course(course).await?.ok_or(AppError::NotFound)?;
    let version = store
        .course_version(course)
        .await?
        .ok_or(AppError::NotFound)?;
    let issuer = issuing_county(store, user.region_id).await?;
    let code = certificate_code();
    let payload = serde_json::json!({
        "v": 1,
        "code": code,
        "name": mask_name(&user.display_name),
        "course": course_row.title,
        "course_id": course,
        "version": version,
        "issued": app::dates::beijing_day(issued_at),
        "issuer": issuer.clone().unwrap_or_else(|| "农店学堂".into()),
        "kid": services.signing_key.current.key_id(),
    })
    .to_string();
    let signature = services.signing_key.current.sign(&payload);
    let new = NewCertificate {
        code: &code,
        user_id: user.id,
        course_id: course,
        course_version: &version,
        payload: &payload,
        signature: &signature,
        region_id: user.region_id,
    };
    let certificate = store.issue_certificate(new, issued_at).await?;
    if certificate.code == code {
        let action = AuditAction::CertificateIssued;
        authz::audit(store, user, action, &code, user.region_id, course).await?;
        store.refresh_learner_facts(user.id).await?;
        follow_ups::schedule(store, user.id, issued_at).await?;
    }
    Ok(certificate)
}

/// The county a learner's region lies in: certificates are issued by the county's programme.
async fn issuing_county(store: &Store, region: Option<i64>) -> Result<Option<String>, ServerError> {
    let mut current = match region {
        Some(id) => store.region(id).await?,
        None => None,
    };
    // Regions are at most three deep: two steps up reach the county.
    for _ in 0..2 {
        match current.as_ref().and_then(|r| r.parent_id) {
            Some(parent) => current = store.region(parent).await?,
            None => break,
        }
    }
    Ok(current.map(|county| county.name))
}

/// Event ids come from the page's form: 8 to 64 letters, digits or dashes.
pub fn check_event_id(id: &str) -> Result<(), ServerError> {
    let ok =
        (8..=64).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(AppError::from(Problem::EventIdMissing).into())
    }
}

/// A fresh random id for a form to carry (the client's event id).
pub fn new_event_id() -> String {
    let mut bytes = [0u8; 12];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Certificate codes are read off paper: 12 characters without look-alikes.
fn certificate_code() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    (0..12)
        .map(|_| ALPHABET[(OsRng.next_u32() as usize) % ALPHABET.len()] as char)
        .collect()
}

/// `王大姐` → `王*姐`, `李四` → `李*`: enough for the holder to recognise, too little to identify.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => "*".into(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_masked_in_the_middle() {
        assert_eq!(mask_name("王大姐"), "王*姐");
        assert_eq!(mask_name("李四"), "李*");
        assert_eq!(mask_name("欧阳娜娜"), "欧**娜");
    }

    #[test]
    fn the_rule_needs_every_lesson_and_every_module_test() {
        let mut standing = CourseStanding {
            lessons_total: 3,
            lessons_completed: 3,
            modules_total: 2,
            modules_passed: 1,
            rule: Completion::All,
        };
        assert!(!standing.is_complete());
        standing.rule = Completion::Lessons;
        assert!(standing.is_complete(), "a course may count lessons only");
        standing.rule = Completion::All;
        standing.modules_passed = 2;
        assert!(standing.is_complete());
        standing.lessons_completed = 2;
        assert!(!standing.is_complete());
        standing.rule = Completion::Tests;
        assert!(standing.is_complete(), "a course may count tests only");
    }

    #[test]
    fn event_ids_are_checked() {
        assert!(check_event_id("abcdef12").is_ok());
        assert!(check_event_id("short").is_err());
        assert!(check_event_id("has space in it").is_err());
    }
}
