//! What a learner sees of their own learning, and what anyone sees when checking a certificate.

use serde::{Deserialize, Serialize};

use super::LessonLink;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseProgress {
    pub course_id: String,
    pub title: String,
    pub lessons_completed: usize,
    pub lessons_total: usize,
    pub modules_passed: usize,
    pub modules_total: usize,
    pub percent: usize,
    pub modules: Vec<ModuleProgress>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleProgress {
    pub title: String,
    /// Lessons done and the test passed, of the module's lessons and its test.
    pub percent: usize,
    pub test_passed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateSummary {
    pub code: String,
    pub course_title: String,
    pub issued_day: String,
    pub revoked: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizScore {
    pub title: String,
    pub is_module_test: bool,
    pub best_correct: i64,
    pub total: i64,
    pub passed: bool,
    pub attempts: i64,
}

/// The learner's home page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyLearning {
    pub courses: Vec<CourseProgress>,
    pub continue_at: Option<LessonLink>,
    pub certificates: Vec<CertificateSummary>,
    pub quizzes: Vec<QuizScore>,
    /// What the learner reported about their store, sales and work, newest first.
    pub outcomes: Vec<super::OutcomeView>,
}

/// A certificate as its holder (or an office of its region) prints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateView {
    pub code: String,
    pub learner_name: String,
    pub course_title: String,
    pub issued_day: String,
    pub issuer: String,
    pub revoked_reason: Option<String>,
    pub verify_url: String,
    /// The QR code (made on the server) of `verify_url` with the signed payload.
    pub qr_svg: String,
    /// The module tests the certificate rests on: each one's best result.
    pub test_scores: Vec<QuizScore>,
}

/// The public check of a certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub code: String,
    pub masked_name: String,
    pub course_title: String,
    pub issued_day: String,
    pub issuer: String,
    /// Revoked (the reason is for the holder and the office only: it may name a person).
    pub revoked: bool,
    /// When the QR code's signed payload came along: whether its signature is right and it
    /// matches the record.
    pub signature_ok: Option<bool>,
}

/// "I finished this lesson", carrying the page view's event id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonDone {
    #[serde(default)]
    pub event_id: String,
}

/// Revoking a certificate, with the reason.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    #[serde(default)]
    pub reason: String,
}

/// What happened to a learner's submission: the certificate it earned, if it completed a course.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded {
    pub certificate: Option<String>,
}

/// What the sync surface tells a learner's app before it sends anything.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncStatus {
    /// The sync protocol version the server speaks.
    pub version: u32,
    pub user_id: i64,
    /// Seconds since the Unix epoch, for the app to judge its own clock.
    pub server_time: i64,
}
