//! What the staff pages show about regions, households, members, classes, accounts and the
//! audit log. Identity numbers and phone numbers appear here only masked, except in
//! `RevealedIdNumber`, which the server sends only after auditing the view.

use serde::{Deserialize, Serialize};

use crate::codes::{ImportState, RegionLevel};

/// A county, township or village.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionItem {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub level: RegionLevel,
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

/// One page of households by number; `next` is the number the following page starts after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdList {
    pub households: Vec<HouseholdSummary>,
    pub search: String,
    pub next: Option<String>,
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
    pub status: ImportState,
    pub rows_total: i64,
    pub rows_done: i64,
    pub households: i64,
    /// The first bad rows (line, reason); `error_count` says how many there were in all.
    pub errors: Vec<(usize, crate::i18n::import_rows::RowProblem)>,
    pub error_count: usize,
}

impl ImportStatus {
    pub fn is_finished(&self) -> bool {
        self.status.is_finished()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassItem {
    pub id: i64,
    pub name: String,
    pub region: String,
    pub join_code: String,
    pub learners: i64,
    /// The course's title, when the class has one.
    pub course: Option<String>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerItem {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub lessons_done: i64,
    pub last_active_at: Option<i64>,
    pub certified: bool,
    /// The lesson opened last (zh, en).
    pub current_lesson: Option<(String, String)>,
    pub sessions_attended: i64,
}

/// An in-person session of a class: its day (`YYYY-MM-DD`) and how many came.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionItem {
    pub held_on: String,
    pub present: i64,
}

/// A learner (or a colleague trainer) added to a class: their login or phone number.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    #[serde(default)]
    pub login: String,
}

/// What a trainer records after an in-person session: the day and who came.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attendance {
    pub held_on: String,
    pub present: Vec<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassDetail {
    pub class: ClassItem,
    pub learners: Vec<LearnerItem>,
    /// Live lessons of the course, for "done of all".
    pub lessons_total: i64,
    pub sessions: Vec<SessionItem>,
    /// The class's trainers' names, the one who opened it first.
    pub trainers: Vec<String>,
    /// When the server made the page (the attendance form starts at that day).
    pub produced_at: i64,
}

/// What an admin sends to add a region.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRegion {
    #[serde(default, deserialize_with = "super::forms::optional_id")]
    pub parent_id: Option<i64>,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, deserialize_with = "super::forms::optional_text")]
    pub code: Option<String>,
}

/// What a trainer sends to open a class.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewClass {
    #[serde(default)]
    pub name: String,
    #[serde(default, deserialize_with = "super::forms::optional_id")]
    pub region_id: Option<i64>,
    /// The course taught (empty: not chosen).
    #[serde(default)]
    pub course_id: String,
    /// First and last day, `YYYY-MM-DD` (empty: not planned).
    #[serde(default)]
    pub starts_on: String,
    #[serde(default)]
    pub ends_on: String,
}

/// A household CSV file as uploaded, with the form's choices.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// `auto`, `utf-8` or `gbk`.
    pub encoding: String,
    pub dry_run: bool,
}
