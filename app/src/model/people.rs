//! What the staff pages show about regions, households, members, classes, accounts and the
//! audit log. Identity numbers and phone numbers appear here only masked, except in
//! `RevealedIdNumber`, which the server sends only after auditing the view.

use serde::{Deserialize, Serialize};

/// A county, township or village.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionItem {
    pub id: i64,
    pub parent_id: Option<i64>,
    /// `county`, `township` or `village`.
    pub level: String,
    pub name: String,
    pub code: Option<String>,
}

/// A household in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdSummary {
    pub id: i64,
    pub number: String,
    pub village: String,
    /// The registered-poor household type (label), if registered.
    pub poverty_type: Option<String>,
    pub head: Option<String>,
    pub members: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdList {
    pub households: Vec<HouseholdSummary>,
    pub search: String,
    pub page: i64,
    pub has_more: bool,
}

/// A household member with personal numbers masked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub id: i64,
    pub name: String,
    pub gender: String,
    pub birth_year: Option<i64>,
    pub relation: String,
    pub id_masked: Option<String>,
    pub phone_masked: Option<String>,
    pub education: Option<String>,
    pub skills: Option<String>,
    pub target_group: String,
    /// The member's learner account, if one was made.
    pub account_id: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdDetail {
    pub summary: HouseholdSummary,
    pub poverty_cause: Option<String>,
    pub members: Vec<MemberView>,
}

/// An unmasked identity number; every one sent is in the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevealedIdNumber {
    pub member_id: i64,
    pub household_id: i64,
    pub name: String,
    pub id_number: String,
}

/// Where a household import stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportStatus {
    pub id: i64,
    pub file_name: String,
    pub dry_run: bool,
    /// `checking`, `saving`, `checked` (dry run without errors), `rejected` (bad rows, nothing
    /// saved), `done` or `failed`.
    pub status: String,
    pub rows_total: i64,
    pub rows_done: i64,
    pub households: i64,
    /// The first bad rows (line, reason); `error_count` says how many there were in all.
    pub errors: Vec<(usize, String)>,
    pub error_count: usize,
}

impl ImportStatus {
    pub fn is_finished(&self) -> bool {
        !matches!(self.status.as_str(), "checking" | "saving")
    }
}

/// A staff account as admins see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffItem {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub role: String,
    pub region: Option<String>,
    pub disabled: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassItem {
    pub id: i64,
    pub name: String,
    pub region: String,
    pub join_code: String,
    pub learners: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerItem {
    pub id: i64,
    pub login: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassDetail {
    pub class: ClassItem,
    pub learners: Vec<LearnerItem>,
}

/// One line of a printable sheet of new one-time passwords.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetLine {
    pub name: String,
    pub login: String,
    pub password: String,
    /// Why no account was made for this person (already has one), instead of a password.
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordSheet {
    pub id: String,
    pub lines: Vec<SheetLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditItem {
    pub at: i64,
    pub actor: Option<String>,
    pub action: String,
    pub target: String,
    pub region: Option<String>,
    pub detail: String,
    pub address: String,
}
