//! What the reports area shows and takes: the report of a region (figures, funnel, breakdowns),
//! the office's learner list, a learner's outcomes and follow-up calls, and the forms that report,
//! confirm and record them.

use serde::{Deserialize, Serialize};

use super::forms::{optional_id, optional_text};
use crate::codes::{FollowUpStatus, OutcomeKind, RegionLevel, Role, StorePlatform, TargetGroup};
use crate::urls::query_string;

/// A report's filters, as they stand in its URL (so a report can be bookmarked and shared).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFilter {
    /// The region to report on (default: the viewer's own); never wider than theirs.
    #[serde(default, deserialize_with = "optional_id")]
    pub region: Option<i64>,
    /// First month of enrolment, `YYYY-MM`.
    #[serde(default, deserialize_with = "optional_text")]
    pub from: Option<String>,
    /// Last month of enrolment, `YYYY-MM`; stages count when reached by its end.
    #[serde(default, deserialize_with = "optional_text")]
    pub to: Option<String>,
    #[serde(default, deserialize_with = "optional_text")]
    pub course: Option<String>,
    #[serde(default, deserialize_with = "optional_id")]
    pub class: Option<i64>,
    /// A target group's code.
    #[serde(default, deserialize_with = "optional_text")]
    pub group: Option<String>,
}

impl ReportFilter {
    /// The filter as a query string (for links: drill-down, exports, the print page).
    pub fn query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(region) = self.region {
            pairs.push(("region", region.to_string()));
        }
        let texts = [
            ("from", &self.from),
            ("to", &self.to),
            ("course", &self.course),
            ("group", &self.group),
        ];
        for (key, value) in texts {
            if let Some(value) = value {
                pairs.push((key, value.clone()));
            }
        }
        if let Some(class) = self.class {
            pairs.push(("class", class.to_string()));
        }
        query_string(&pairs)
    }

    /// The same filter for another region (drill-down).
    pub fn with_region(&self, region: Option<i64>) -> ReportFilter {
        ReportFilter {
            region,
            ..self.clone()
        }
    }
}

/// The figures of a set of learners.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub villages: i64,
    pub households: i64,
    /// Households among them that are registered poor households (建档立卡户).
    pub poor_households: i64,
    pub enrolled: i64,
    /// Did something in the 30 days before the report was made.
    pub active: i64,
    pub completed: i64,
    pub certified: i64,
    pub store_opened: i64,
    pub first_sale: i64,
    pub employed: i64,
    /// Reported monthly sales, added up, in fen (1/100 yuan).
    pub sales_fen: i64,
}

/// One step of the funnel: how many reached it, and what share of the step before and of the
/// first step that is (percent with one decimal, as tenths).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelStep {
    pub stage: FunnelStage,
    pub count: i64,
    pub of_previous_tenths: Option<i64>,
    pub of_first_tenths: Option<i64>,
}

/// The steps from enrolment to a first sale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FunnelStage {
    Enrolled,
    Completed,
    Certified,
    StoreOpened,
    FirstSale,
}

impl Figures {
    /// Enrolled → completed → certified → store → first sale, with conversion rates.
    pub fn funnel(&self) -> Vec<FunnelStep> {
        let counts = [
            (FunnelStage::Enrolled, self.enrolled),
            (FunnelStage::Completed, self.completed),
            (FunnelStage::Certified, self.certified),
            (FunnelStage::StoreOpened, self.store_opened),
            (FunnelStage::FirstSale, self.first_sale),
        ];
        let rate = |part: i64, whole: i64| (whole > 0).then(|| (part * 1000 + whole / 2) / whole);
        counts
            .iter()
            .enumerate()
            .map(|(i, &(stage, count))| FunnelStep {
                stage,
                count,
                of_previous_tenths: i.checked_sub(1).and_then(|p| rate(count, counts[p].1)),
                of_first_tenths: (i > 0).then(|| rate(count, self.enrolled)).flatten(),
            })
            .collect()
    }
}

/// A breakdown row: a child region, a class or a target group, with its figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRow {
    /// The region's or class's name, or the target group's code.
    pub key: String,
    /// The region to drill down into, for region rows.
    pub region_id: Option<i64>,
    pub figures: Figures,
}

/// What happened in one month: how many reached each stage in it, and the sales reported for it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRow {
    /// `YYYY-MM`.
    pub month: String,
    pub enrolled: i64,
    pub completed: i64,
    pub certified: i64,
    pub store_opened: i64,
    pub first_sale: i64,
    pub employed: i64,
    pub sales_fen: i64,
}

/// A region's report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The region reported on; `None` for everything (admins).
    pub region_id: Option<i64>,
    pub region_name: String,
    pub region_level: Option<RegionLevel>,
    /// One level up, for the "back up" link, when the viewer may see it.
    pub parent: Option<(i64, String)>,
    /// The filter as applied (the defaults filled in).
    pub filter: ReportFilter,
    pub produced_at: i64,
    pub totals: Figures,
    pub by_region: Vec<ReportRow>,
    pub by_class: Vec<ReportRow>,
    pub by_group: Vec<ReportRow>,
    pub by_month: Vec<MonthRow>,
    /// What the filters offer: the viewer's classes and the courses.
    pub classes: Vec<(i64, String)>,
    pub courses: Vec<(String, String)>,
}

crate::codes! {
    /// How far a learner is in their course.
    LearnerStatus {
        NotStarted = "not_started";
        InProgress = "in_progress";
        Completed = "completed";
        Certified = "certified";
    }
}

/// The office's learner list: filters as they stand in its URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerFilter {
    /// A name or phone number (or part of one).
    #[serde(default)]
    pub q: String,
    #[serde(default, deserialize_with = "optional_id")]
    pub class: Option<i64>,
    #[serde(default, deserialize_with = "optional_text")]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "optional_text")]
    pub group: Option<String>,
    #[serde(default, deserialize_with = "optional_id")]
    pub village: Option<i64>,
    /// Seek paging: the page starts after this learner id.
    #[serde(default, deserialize_with = "optional_id")]
    pub after: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerRow {
    pub id: i64,
    pub name: String,
    pub phone_masked: Option<String>,
    pub village: Option<String>,
    pub class: Option<String>,
    pub target_group: TargetGroup,
    pub status: LearnerStatus,
    pub lessons_completed: i64,
    pub household_id: Option<i64>,
    pub last_active_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerList {
    pub learners: Vec<LearnerRow>,
    pub next: Option<i64>,
    /// What the filters offer.
    pub villages: Vec<(i64, String)>,
    pub classes: Vec<(i64, String)>,
}

/// One outcome record as staff and the learner see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeView {
    pub id: i64,
    pub kind: OutcomeKind,
    pub platform: Option<StorePlatform>,
    pub store_name: Option<String>,
    /// `YYYY-MM-DD` of the store opening, first sale or new job.
    pub happened_on: Option<String>,
    /// `YYYY-MM` of monthly sales.
    pub month: Option<String>,
    pub amount_fen: Option<i64>,
    pub orders: Option<i64>,
    pub employer: Option<String>,
    pub job_kind: Option<String>,
    pub away: Option<bool>,
    pub note: Option<String>,
    pub reporter_role: Role,
    pub reporter_name: String,
    pub reported_at: i64,
    pub confirmed_at: Option<i64>,
    /// A later record corrects this one.
    pub replaced: bool,
    pub replaces: Option<i64>,
}

/// A follow-up call, in a to-do list or a learner's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpItem {
    pub id: i64,
    pub learner_id: i64,
    pub learner_name: String,
    pub phone_masked: Option<String>,
    pub months: i64,
    pub due_on: String,
    pub status: FollowUpStatus,
    pub next_on: Option<String>,
    pub note: Option<String>,
}

/// A learner as an office or their trainer sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerDetail {
    pub row: LearnerRow,
    pub lessons_total: i64,
    pub certified_on: Option<String>,
    pub outcomes: Vec<OutcomeView>,
    pub follow_ups: Vec<FollowUpItem>,
}

/// An outcome reported in a form: the fields its kind needs (the rest are left empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default, deserialize_with = "optional_text")]
    pub platform: Option<String>,
    #[serde(default, deserialize_with = "optional_text")]
    pub store_name: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, deserialize_with = "optional_text")]
    pub date: Option<String>,
    /// `YYYY-MM`.
    #[serde(default, deserialize_with = "optional_text")]
    pub month: Option<String>,
    /// Yuan, as typed (`1280` or `1280.50`).
    #[serde(default, deserialize_with = "optional_text")]
    pub amount: Option<String>,
    #[serde(default, deserialize_with = "optional_text")]
    pub orders: Option<String>,
    #[serde(default, deserialize_with = "optional_text")]
    pub employer: Option<String>,
    #[serde(default, deserialize_with = "optional_text")]
    pub job_kind: Option<String>,
    /// `local` or `away`.
    #[serde(default, deserialize_with = "optional_text")]
    pub place: Option<String>,
    #[serde(default, deserialize_with = "optional_text")]
    pub note: Option<String>,
    /// The record this one corrects.
    #[serde(default, deserialize_with = "optional_id")]
    pub replaces: Option<i64>,
}

/// The outcome of a follow-up call.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpContact {
    /// `reached` or `unreachable`.
    #[serde(default)]
    pub result: String,
    /// When to try again (`YYYY-MM-DD`), for a learner not reached.
    #[serde(default, deserialize_with = "optional_text")]
    pub next: Option<String>,
    #[serde(default, deserialize_with = "optional_text")]
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_funnel_gives_rates_of_the_step_before_and_of_enrolment() {
        let figures = Figures {
            enrolled: 200,
            completed: 150,
            certified: 120,
            store_opened: 30,
            first_sale: 0,
            ..Figures::default()
        };
        let funnel = figures.funnel();
        assert_eq!(funnel[0].of_previous_tenths, None);
        assert_eq!(funnel[1].of_previous_tenths, Some(750));
        assert_eq!(funnel[2].of_first_tenths, Some(600));
        assert_eq!(funnel[3].of_previous_tenths, Some(250));
        assert_eq!(funnel[4].of_previous_tenths, Some(0));
        let empty = Figures::default().funnel();
        assert_eq!(empty[1].of_previous_tenths, None, "no division by zero");
    }

    #[test]
    fn a_filter_travels_in_its_query() {
        let filter = ReportFilter {
            region: Some(7),
            from: Some("2026-01".into()),
            group: Some("returnee".into()),
            ..ReportFilter::default()
        };
        assert_eq!(filter.query(), "region=7&from=2026-01&group=returnee");
        assert_eq!(
            filter.with_region(None).query(),
            "from=2026-01&group=returnee"
        );
    }
}
