//! SQL that adds up `learner_facts` for a report: the figures of a set of learners, the same per
//! child region, class or target group, and per day of each stage (folded into months by the
//! service). Every query is one scan of the region's (or class's) rows.

use app::codes::{OutcomeKind, TargetGroup};
use app::model::Figures;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::error::ServerError;
use crate::store::Store;

/// Where the learners of a report live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegionScope {
    All,
    County(i64),
    Township(i64),
    Village(i64),
}

/// Which learners a report adds up, and the times its stages are counted against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactQuery {
    pub region: RegionScope,
    /// A trainer's classes: only their learners.
    pub classes: Option<Vec<i64>>,
    pub class: Option<i64>,
    pub course: Option<String>,
    pub group: Option<String>,
    pub enrolled_from: Option<i64>,
    pub enrolled_before: Option<i64>,
    /// A stage counts when reached before this time.
    pub end: i64,
    /// Active means something done since this time.
    pub active_since: i64,
}

/// What a breakdown groups by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactGroup {
    County,
    Township,
    Village,
    Class,
    TargetGroup,
}

impl FactGroup {
    fn column(self) -> &'static str {
        match self {
            FactGroup::County => "f.county_id",
            FactGroup::Township => "f.township_id",
            FactGroup::Village => "f.village_id",
            FactGroup::Class => "f.class_id",
            FactGroup::TargetGroup => "f.target_group",
        }
    }
}

/// A breakdown row's key: a region's or class's id (None: learners without one), or a code.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GroupKey {
    Id(Option<i64>),
    Code(String),
}

impl GroupKey {
    /// The region's or class's id, if the key is one.
    pub fn id(&self) -> Option<i64> {
        match self {
            GroupKey::Id(id) => *id,
            GroupKey::Code(_) => None,
        }
    }
}

/// The stages whose days are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Enrolled,
    Completed,
    Certified,
    StoreOpened,
    FirstSale,
    Employed,
}

/// Each stage with its time column; the SQL names a stage by its index here.
pub(super) const STAGES: [(Stage, &str); 6] = [
    (Stage::Enrolled, "enrolled_at"),
    (Stage::Completed, "completed_at"),
    (Stage::Certified, "certified_at"),
    (Stage::StoreOpened, "store_opened_at"),
    (Stage::FirstSale, "first_sale_at"),
    (Stage::Employed, "employed_at"),
];

/// Beijing is 8 hours ahead of UTC: days are counted from its midnight.
pub(super) const BEIJING_OFFSET_SECS: i64 = 8 * 3600;

pub(super) enum Bind {
    Int(i64),
    Text(String),
}

/// The WHERE conditions of a query, with their values from `$first` on.
pub(super) fn conditions(query: &FactQuery, first: usize) -> (String, Vec<Bind>) {
    let mut parts = vec!["1 = 1".to_string()];
    let mut binds = Vec::new();
    let mut add = |sql: &str, bind: Bind| {
        parts.push(sql.replace('?', &format!("${}", first + binds.len())));
        binds.push(bind);
    };
    match query.region {
        RegionScope::All => {}
        RegionScope::County(id) => add("f.county_id = ?", Bind::Int(id)),
        RegionScope::Township(id) => add("f.township_id = ?", Bind::Int(id)),
        RegionScope::Village(id) => add("f.village_id = ?", Bind::Int(id)),
    }
    if let Some(class) = query.class {
        add("f.class_id = ?", Bind::Int(class));
    }
    if let Some(course) = &query.course {
        add("f.course_id = ?", Bind::Text(course.clone()));
    }
    if let Some(group) = &query.group {
        add("f.target_group = ?", Bind::Text(group.clone()));
    }
    if let Some(from) = query.enrolled_from {
        add("f.enrolled_at >= ?", Bind::Int(from));
    }
    if let Some(before) = query.enrolled_before {
        add("f.enrolled_at < ?", Bind::Int(before));
    }
    let mut sql = parts.join(" AND ");
    if let Some(classes) = &query.classes {
        // Ids, not text: safe to write into the statement.
        let list: Vec<String> = classes.iter().map(i64::to_string).collect();
        let list = if list.is_empty() {
            "NULL".into()
        } else {
            list.join(", ")
        };
        sql.push_str(&format!(" AND f.class_id IN ({list})"));
    }
    (sql, binds)
}

/// The figures, over `$1` = stage end, `$2` = active since and `$3` = the poor household code.
const FIGURE_COLUMNS: &str = "COUNT(DISTINCT f.village_id) AS villages,
    COUNT(DISTINCT f.household_id) AS households,
    COUNT(DISTINCT CASE WHEN f.target_group = $3 THEN f.household_id END) AS poor_households,
    COUNT(*) AS enrolled,
    SUM(CASE WHEN f.last_active_at >= $2 THEN 1 ELSE 0 END) AS active,
    SUM(CASE WHEN f.completed_at < $1 THEN 1 ELSE 0 END) AS completed,
    SUM(CASE WHEN f.certified_at < $1 THEN 1 ELSE 0 END) AS certified,
    SUM(CASE WHEN f.store_opened_at < $1 THEN 1 ELSE 0 END) AS store_opened,
    SUM(CASE WHEN f.first_sale_at < $1 THEN 1 ELSE 0 END) AS first_sale,
    SUM(CASE WHEN f.employed_at < $1 THEN 1 ELSE 0 END) AS employed,
    CAST(SUM(f.sales_fen) AS BIGINT) AS sales_fen";

pub(super) fn bind_all(mut query: AnyQuery<'_>, binds: Vec<Bind>) -> AnyQuery<'_> {
    for bind in binds {
        query = match bind {
            Bind::Int(v) => query.bind(v),
            Bind::Text(v) => query.bind(v),
        };
    }
    query
}

pub(super) type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// A figures query with its three fixed values bound.
fn figure_query<'q>(sql: &'q str, query: &FactQuery) -> AnyQuery<'q> {
    sqlx::query(sql)
        .bind(query.end)
        .bind(query.active_since)
        .bind(TargetGroup::PoorHousehold.code())
}

pub(super) fn figures_of(r: &AnyRow) -> Result<Figures, ServerError> {
    // SUM over no rows is NULL.
    let sum = |name: &str| -> Result<i64, ServerError> {
        Ok(r.try_get::<Option<i64>, _>(name)?.unwrap_or(0))
    };
    Ok(Figures {
        villages: sum("villages")?,
        households: sum("households")?,
        poor_households: sum("poor_households")?,
        enrolled: sum("enrolled")?,
        active: sum("active")?,
        completed: sum("completed")?,
        certified: sum("certified")?,
        store_opened: sum("store_opened")?,
        first_sale: sum("first_sale")?,
        employed: sum("employed")?,
        sales_fen: sum("sales_fen")?,
    })
}

impl Store {
    /// The figures of every learner the query selects.
    pub async fn report_figures(&self, query: &FactQuery) -> Result<Figures, ServerError> {
        let (condition, binds) = conditions(query, 4);
        let sql = format!("SELECT {FIGURE_COLUMNS} FROM learner_facts f WHERE {condition}");
        let q = figure_query(&sql, query);
        let row = bind_all(q, binds).fetch_one(self.pool()).await?;
        figures_of(&row)
    }

    /// The figures per child region, class or target group.
    pub async fn report_breakdown(
        &self,
        query: &FactQuery,
        group: FactGroup,
    ) -> Result<Vec<(GroupKey, Figures)>, ServerError> {
        let (condition, binds) = conditions(query, 4);
        let column = group.column();
        let sql = format!(
            "SELECT {column} AS k, {FIGURE_COLUMNS} FROM learner_facts f WHERE {condition}
             GROUP BY {column} ORDER BY {column}"
        );
        let q = figure_query(&sql, query);
        let rows = bind_all(q, binds).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                let key = match group {
                    FactGroup::TargetGroup => GroupKey::Code(r.try_get("k")?),
                    _ => GroupKey::Id(r.try_get("k")?),
                };
                Ok((key, figures_of(r)?))
            })
            .collect()
    }

    /// How many learners reached each stage on each day (days counted in Beijing from
    /// 1970-01-01), before the query's end.
    pub async fn report_stage_days(
        &self,
        query: &FactQuery,
    ) -> Result<Vec<(Stage, i64, i64)>, ServerError> {
        let (condition, binds) = conditions(query, 3);
        let parts: Vec<String> = STAGES
            .iter()
            .enumerate()
            .map(|(index, (_, column))| {
                format!(
                    "SELECT {index} AS stage, (f.{column} + $2) / 86400 AS day, COUNT(*) AS n
                     FROM learner_facts f WHERE {condition} AND f.{column} < $1
                     GROUP BY (f.{column} + $2) / 86400"
                )
            })
            .collect();
        let sql = parts.join(" UNION ALL ");
        let q = sqlx::query(&sql).bind(query.end).bind(BEIJING_OFFSET_SECS);
        let rows = bind_all(q, binds).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                let index: i64 = r.try_get("stage")?;
                let stage = usize::try_from(index)
                    .ok()
                    .and_then(|i| STAGES.get(i))
                    .map(|(stage, _)| *stage)
                    .ok_or_else(|| ServerError::Internal(format!("stage {index}")))?;
                Ok((stage, r.try_get("day")?, r.try_get("n")?))
            })
            .collect()
    }

    /// Confirmed monthly sales of the query's learners per month (`YYYY-MM`, fen).
    pub async fn report_sales_by_month(
        &self,
        query: &FactQuery,
    ) -> Result<Vec<(String, i64)>, ServerError> {
        let (condition, binds) = conditions(query, 2);
        let sql = format!(
            "SELECT o.month, CAST(SUM(o.amount_fen) AS BIGINT) AS fen FROM outcomes o
             JOIN learner_facts f ON f.user_id = o.user_id
             WHERE o.kind = $1 AND o.confirmed_at IS NOT NULL AND o.month IS NOT NULL
               AND {condition}
               AND NOT EXISTS (SELECT 1 FROM outcomes n WHERE n.replaces = o.id)
             GROUP BY o.month ORDER BY o.month"
        );
        let q = sqlx::query(&sql).bind(OutcomeKind::MonthlySales.code());
        let rows = bind_all(q, binds).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                let fen: Option<i64> = r.try_get("fen")?;
                Ok((r.try_get("month")?, fen.unwrap_or(0)))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_number_their_values_after_the_fixed_ones() {
        let query = FactQuery {
            region: RegionScope::Township(5),
            classes: Some(vec![3, 4]),
            class: None,
            course: Some("c".into()),
            group: None,
            enrolled_from: Some(10),
            enrolled_before: None,
            end: 100,
            active_since: 50,
        };
        let (sql, binds) = conditions(&query, 3);
        assert_eq!(
            sql,
            "1 = 1 AND f.township_id = $3 AND f.course_id = $4 AND f.enrolled_at >= $5 AND f.class_id IN (3, 4)"
        );
        assert_eq!(binds.len(), 3);
        let none = FactQuery {
            classes: Some(Vec::new()),
            ..query
        };
        assert!(
            conditions(&none, 3).0.ends_with("IN (NULL)"),
            "no classes, no learners"
        );
    }
}
