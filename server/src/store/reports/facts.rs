//! SQL for `learner_facts`: one row per learner with where they live (village, township, county),
//! their household, target group and class, and when they reached each stage. Kept current on
//! write (a full recompute for rare events, one-statement updates on the hot paths), and added up
//! by reports with one indexed scan per question.

use app::codes::{OutcomeKind, RegionLevel, Role};
use sqlx::Row;

use crate::error::ServerError;
use crate::store::Store;

/// A learner's facts, as recomputed from the tables they summarise.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FactsRow {
    pub user_id: i64,
    pub course_id: Option<String>,
    pub village_id: Option<i64>,
    pub township_id: Option<i64>,
    pub county_id: Option<i64>,
    pub household_id: Option<i64>,
    pub target_group: String,
    pub class_id: Option<i64>,
    pub enrolled_at: i64,
    pub last_active_at: Option<i64>,
    pub lessons_completed: i64,
    pub completed_at: Option<i64>,
    pub certified_at: Option<i64>,
    pub store_opened_at: Option<i64>,
    pub first_sale_at: Option<i64>,
    pub employed_at: Option<i64>,
    pub sales_fen: i64,
}

const FACT_COLUMNS: &str = "user_id, course_id, village_id, township_id, county_id, household_id,
    target_group, class_id, enrolled_at, last_active_at, lessons_completed, completed_at,
    certified_at, store_opened_at, first_sale_at, employed_at, sales_fen";

impl Store {
    /// Recomputes one learner's facts from their account, region, household, class, progress,
    /// certificates and confirmed outcomes, and stores them. Staff accounts have none.
    pub async fn refresh_learner_facts(&self, user_id: i64) -> Result<(), ServerError> {
        match self.compute_facts(user_id).await? {
            Some(row) => self.upsert_facts(&row).await,
            None => Ok(()),
        }
    }

    async fn compute_facts(&self, user_id: i64) -> Result<Option<FactsRow>, ServerError> {
        let Some(mut row) = self.facts_identity(user_id).await? else {
            return Ok(None);
        };
        self.facts_progress(&mut row).await?;
        self.facts_outcomes(&mut row).await?;
        Ok(Some(row))
    }

    /// Who and where: the account, its region's ancestry, its household and class.
    async fn facts_identity(&self, user_id: i64) -> Result<Option<FactsRow>, ServerError> {
        let found = sqlx::query(
            "SELECT u.id, u.created_at, r.id AS region_id, r.level, r.parent_id,
                    p.parent_id AS grandparent_id, m.household_id, m.target_group,
                    (SELECT MIN(cm.class_id) FROM class_members cm WHERE cm.user_id = u.id) AS class_id,
                    (SELECT c.id FROM courses c WHERE c.retired = 0 ORDER BY c.position, c.id LIMIT 1) AS course_id
             FROM users u LEFT JOIN regions r ON r.id = u.region_id
             LEFT JOIN regions p ON p.id = r.parent_id
             LEFT JOIN members m ON m.user_id = u.id
             WHERE u.id = $1 AND u.role = $2",
        )
        .bind(user_id)
        .bind(Role::Learner.code())
        .fetch_optional(self.pool())
        .await?;
        let Some(r) = found else {
            return Ok(None);
        };
        let level: Option<String> = r.try_get("level")?;
        let (region, parent, grandparent): (Option<i64>, Option<i64>, Option<i64>) = (
            r.try_get("region_id")?,
            r.try_get("parent_id")?,
            r.try_get("grandparent_id")?,
        );
        let (village_id, township_id, county_id) =
            match level.as_deref().and_then(RegionLevel::from_code) {
                Some(RegionLevel::Village) => (region, parent, grandparent),
                Some(RegionLevel::Township) => (None, region, parent),
                Some(RegionLevel::County) => (None, None, region),
                None => (None, None, None),
            };
        let target_group: Option<String> = r.try_get("target_group")?;
        Ok(Some(FactsRow {
            user_id,
            course_id: r.try_get("course_id")?,
            village_id,
            township_id,
            county_id,
            household_id: r.try_get("household_id")?,
            target_group: target_group.unwrap_or_else(|| "other".into()),
            class_id: r.try_get("class_id")?,
            enrolled_at: r.try_get("created_at")?,
            ..FactsRow::default()
        }))
    }

    /// Lessons completed, the course completed, the certificate, the last activity.
    async fn facts_progress(&self, row: &mut FactsRow) -> Result<(), ServerError> {
        let course = row.course_id.clone().unwrap_or_default();
        let r = sqlx::query(
            "SELECT
               (SELECT COUNT(*) FROM lesson_progress lp JOIN lessons l ON l.id = lp.lesson_id
                  JOIN modules m ON m.id = l.module_id
                  WHERE lp.user_id = $1 AND lp.completed_at IS NOT NULL AND l.retired = 0
                    AND m.retired = 0 AND m.course_id = $2) AS done,
               (SELECT COUNT(*) FROM lessons l JOIN modules m ON m.id = l.module_id
                  WHERE l.retired = 0 AND m.retired = 0 AND m.course_id = $2) AS total,
               (SELECT MAX(completed_at) FROM lesson_progress WHERE user_id = $1) AS last_done,
               (SELECT MAX(opened_at) FROM lesson_progress WHERE user_id = $1) AS last_opened,
               (SELECT MAX(at) FROM quiz_attempts WHERE user_id = $1) AS last_quiz,
               (SELECT MIN(issued_at) FROM certificates
                  WHERE user_id = $1 AND course_id = $2 AND revoked_at IS NULL) AS certified",
        )
        .bind(row.user_id)
        .bind(&course)
        .fetch_one(self.pool())
        .await?;
        let (done, total): (i64, i64) = (r.try_get("done")?, r.try_get("total")?);
        let last_done: Option<i64> = r.try_get("last_done")?;
        row.lessons_completed = done;
        row.completed_at = (total > 0 && done >= total).then_some(last_done).flatten();
        row.certified_at = r.try_get("certified")?;
        let times = [
            last_done,
            r.try_get("last_opened")?,
            r.try_get("last_quiz")?,
        ];
        row.last_active_at = times.into_iter().flatten().max();
        Ok(())
    }

    /// The first confirmed store, first sale and job, and confirmed monthly sales added up:
    /// only records no later record replaces.
    async fn facts_outcomes(&self, row: &mut FactsRow) -> Result<(), ServerError> {
        let rows = sqlx::query(
            "SELECT o.kind, MIN(o.happened_at) AS first_at, CAST(SUM(o.amount_fen) AS BIGINT) AS fen
             FROM outcomes o
             WHERE o.user_id = $1 AND o.confirmed_at IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM outcomes n WHERE n.replaces = o.id)
             GROUP BY o.kind",
        )
        .bind(row.user_id)
        .fetch_all(self.pool())
        .await?;
        for r in rows {
            let kind: String = r.try_get("kind")?;
            let first: Option<i64> = r.try_get("first_at")?;
            match OutcomeKind::from_code(&kind) {
                Some(OutcomeKind::StoreOpened) => row.store_opened_at = first,
                Some(OutcomeKind::FirstSale) => row.first_sale_at = first,
                Some(OutcomeKind::Employment) => row.employed_at = first,
                Some(OutcomeKind::MonthlySales) => {
                    row.sales_fen = r.try_get::<Option<i64>, _>("fen")?.unwrap_or(0)
                }
                Some(OutcomeKind::IncomeChange) | None => {}
            }
        }
        Ok(())
    }

    pub async fn upsert_facts(&self, row: &FactsRow) -> Result<(), ServerError> {
        let updates = FACT_COLUMNS
            .split(',')
            .map(str::trim)
            .filter(|c| *c != "user_id")
            .map(|c| format!("{c} = excluded.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO learner_facts ({FACT_COLUMNS}) VALUES
             ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
             ON CONFLICT (user_id) DO UPDATE SET {updates}"
        );
        sqlx::query(&sql)
            .bind(row.user_id)
            .bind(&row.course_id)
            .bind(row.village_id)
            .bind(row.township_id)
            .bind(row.county_id)
            .bind(row.household_id)
            .bind(&row.target_group)
            .bind(row.class_id)
            .bind(row.enrolled_at)
            .bind(row.last_active_at)
            .bind(row.lessons_completed)
            .bind(row.completed_at)
            .bind(row.certified_at)
            .bind(row.store_opened_at)
            .bind(row.first_sale_at)
            .bind(row.employed_at)
            .bind(row.sales_fen)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// After a quiz attempt or a first lesson opening: the learner was active.
    pub async fn facts_active(&self, user_id: i64, at: i64) -> Result<(), ServerError> {
        sqlx::query(
            "UPDATE learner_facts SET last_active_at = $2
             WHERE user_id = $1 AND (last_active_at IS NULL OR last_active_at < $2)",
        )
        .bind(user_id)
        .bind(at)
        .execute(self.writer())
        .await?;
        Ok(())
    }

    /// The stored facts of one learner (for tests and the learner page).
    pub async fn learner_facts(&self, user_id: i64) -> Result<Option<FactsRow>, ServerError> {
        let sql = format!("SELECT {FACT_COLUMNS} FROM learner_facts WHERE user_id = $1");
        let row = sqlx::query(&sql)
            .bind(user_id)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| {
            Ok(FactsRow {
                user_id: r.try_get("user_id")?,
                course_id: r.try_get("course_id")?,
                village_id: r.try_get("village_id")?,
                township_id: r.try_get("township_id")?,
                county_id: r.try_get("county_id")?,
                household_id: r.try_get("household_id")?,
                target_group: r.try_get("target_group")?,
                class_id: r.try_get("class_id")?,
                enrolled_at: r.try_get("enrolled_at")?,
                last_active_at: r.try_get("last_active_at")?,
                lessons_completed: r.try_get("lessons_completed")?,
                completed_at: r.try_get("completed_at")?,
                certified_at: r.try_get("certified_at")?,
                store_opened_at: r.try_get("store_opened_at")?,
                first_sale_at: r.try_get("first_sale_at")?,
                employed_at: r.try_get("employed_at")?,
                sales_fen: r.try_get("sales_fen")?,
            })
        })
        .transpose()
    }

    /// How many learners have no facts yet (accounts from before reports existed).
    pub async fn learners_without_facts(&self) -> Result<i64, ServerError> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM users u WHERE u.role = $1
             AND NOT EXISTS (SELECT 1 FROM learner_facts f WHERE f.user_id = u.id)",
        )
        .bind(Role::Learner.code())
        .fetch_one(self.pool())
        .await?;
        Ok(row.try_get("n")?)
    }

    /// Every learner's id, in batches (for rebuilding all facts).
    pub async fn learner_ids_after(&self, after: i64, limit: i64) -> Result<Vec<i64>, ServerError> {
        let rows =
            sqlx::query("SELECT id FROM users WHERE role = $1 AND id > $2 ORDER BY id LIMIT $3")
                .bind(Role::Learner.code())
                .bind(after)
                .bind(limit)
                .fetch_all(self.pool())
                .await?;
        rows.iter().map(|r| Ok(r.try_get("id")?)).collect()
    }
}
