//! Adding up one county's learner facts into its roll-up rows, in memory: the figures of the
//! county, of each township and of each class, each for every course and target group and for
//! all of them (villages and households counted distinct within each row), and the learners who
//! reached each stage per month. Pure: the store reads the facts and writes what this returns.

use std::collections::{BTreeMap, HashSet};

use app::codes::TargetGroup;
use app::dates::month_of_day_number;
use app::model::Figures;

use super::figures::BEIJING_OFFSET_SECS;

/// What a roll-up row adds up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    County,
    Township,
    Class,
}

impl Area {
    pub fn code(self) -> &'static str {
        match self {
            Area::County => "county",
            Area::Township => "township",
            Area::Class => "class",
        }
    }
}

/// One learner's facts, as far as roll-ups need them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fact {
    pub township_id: Option<i64>,
    pub class_id: Option<i64>,
    pub course_id: Option<String>,
    pub target_group: String,
    pub village_id: Option<i64>,
    pub household_id: Option<i64>,
    /// When the learner reached each stage, in the order of `figures::STAGES` (enrolled first).
    pub stages: [Option<i64>; 6],
    pub sales_fen: i64,
}

/// A roll-up row's key: area, the township's or class's id (0: none; the county's for the
/// county), course ('' all) and target group ('' all).
pub type CubeKey = (Area, i64, String, String);
/// A month row's key: course ('' none), target group, stage index, `YYYY-MM`.
pub type MonthKey = (String, String, i64, String);

#[derive(Default)]
struct Distinct {
    villages: HashSet<i64>,
    households: HashSet<i64>,
    poor_households: HashSet<i64>,
}

/// The roll-up rows of one county's facts.
pub fn cube(county: i64, facts: &[Fact]) -> BTreeMap<CubeKey, Figures> {
    let mut rows: BTreeMap<CubeKey, (Figures, Distinct)> = BTreeMap::new();
    let poor = TargetGroup::PoorHousehold.code();
    for fact in facts {
        let areas = [
            (Area::County, county),
            (Area::Township, fact.township_id.unwrap_or(0)),
            (Area::Class, fact.class_id.unwrap_or(0)),
        ];
        let mut courses = vec![String::new()];
        courses.extend(fact.course_id.clone());
        for (area, id) in areas {
            for course in &courses {
                for group in [String::new(), fact.target_group.clone()] {
                    let key = (area, id, course.clone(), group);
                    let (figures, distinct) = rows.entry(key).or_default();
                    add_fact(figures, distinct, fact, poor);
                }
            }
        }
    }
    rows.into_iter()
        .map(|(key, (mut figures, distinct))| {
            figures.villages = distinct.villages.len() as i64;
            figures.households = distinct.households.len() as i64;
            figures.poor_households = distinct.poor_households.len() as i64;
            (key, figures)
        })
        .collect()
}

fn add_fact(figures: &mut Figures, distinct: &mut Distinct, fact: &Fact, poor: &str) {
    distinct.villages.extend(fact.village_id);
    distinct.households.extend(fact.household_id);
    if fact.target_group == poor {
        distinct.poor_households.extend(fact.household_id);
    }
    let reached = |index: usize| i64::from(fact.stages[index].is_some());
    figures.enrolled += 1;
    figures.completed += reached(1);
    figures.certified += reached(2);
    figures.store_opened += reached(3);
    figures.first_sale += reached(4);
    figures.employed += reached(5);
    figures.sales_fen += fact.sales_fen;
}

/// How many of the facts reached each stage in each month, per course and target group.
pub fn stage_months(facts: &[Fact]) -> BTreeMap<MonthKey, i64> {
    let mut months = BTreeMap::new();
    for fact in facts {
        let course = fact.course_id.clone().unwrap_or_default();
        for (index, at) in fact.stages.iter().enumerate() {
            let Some(at) = at else { continue };
            let month = month_of_day_number((at + BEIJING_OFFSET_SECS).div_euclid(86_400));
            let key = (
                course.clone(),
                fact.target_group.clone(),
                index as i64,
                month,
            );
            *months.entry(key).or_insert(0) += 1;
        }
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(township: i64, class: Option<i64>, group: &str, household: i64) -> Fact {
        Fact {
            township_id: Some(township),
            class_id: class,
            course_id: Some("c".into()),
            target_group: group.into(),
            village_id: Some(township * 10),
            household_id: Some(household),
            // Enrolled 2026-01-31 20:00 Beijing, completed 2026-02-01 01:00 Beijing.
            stages: [
                Some(1_769_860_800),
                Some(1_769_878_800),
                None,
                None,
                None,
                None,
            ],
            sales_fen: 100,
        }
    }

    #[test]
    fn households_are_counted_once_per_row_and_every_grouping_is_kept() {
        let poor = TargetGroup::PoorHousehold.code();
        let facts = [
            fact(1, Some(7), poor, 50),
            fact(1, Some(7), "returnee", 50),
            fact(2, None, poor, 60),
        ];
        let rows = cube(9, &facts);
        let all = rows[&(Area::County, 9, String::new(), String::new())];
        assert_eq!(
            (
                all.enrolled,
                all.households,
                all.poor_households,
                all.villages
            ),
            (3, 2, 2, 2)
        );
        assert_eq!((all.completed, all.certified, all.sales_fen), (3, 0, 300));
        let township = rows[&(Area::Township, 1, "c".into(), String::new())];
        assert_eq!((township.enrolled, township.households), (2, 1));
        let returnees = rows[&(Area::County, 9, String::new(), "returnee".into())];
        assert_eq!((returnees.enrolled, returnees.poor_households), (1, 0));
        let no_class = rows[&(Area::Class, 0, String::new(), String::new())];
        assert_eq!(no_class.enrolled, 1);
        // (all or one course) × (all or the group): the county 2 × 3, township 1 and class 7
        // 2 × 3 each (two groups), township 2 and "no class" 2 × 2 each (one group).
        assert_eq!(rows.len(), 6 + 6 + 4 + 6 + 4);
    }

    #[test]
    fn months_are_beijing_months() {
        let months = stage_months(&[fact(1, None, "returnee", 1)]);
        let key = |stage: i64, month: &str| {
            (
                "c".to_string(),
                "returnee".to_string(),
                stage,
                month.to_string(),
            )
        };
        assert_eq!(months.get(&key(0, "2026-01")), Some(&1));
        assert_eq!(
            months.get(&key(1, "2026-02")),
            Some(&1),
            "01:00 in Beijing is February"
        );
        assert_eq!(months.len(), 2);
    }
}
