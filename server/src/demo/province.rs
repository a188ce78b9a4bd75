//! A province-sized dataset for the report benchmark: 100 counties of 12 townships of 15
//! villages, an office per county and a trainer with a class per township, and the learners
//! (a million by default) with their households, ~20 lesson completions each, certificates and
//! outcomes for a realistic share. Written with multi-row inserts; the learners' report facts
//! are computed as they are generated. Certificates carry a placeholder signature: this data is
//! for measuring, not for verifying.

use app::codes::{OutcomeKind, ProgressKind, RegionLevel, Role, StorePlatform, TargetGroup};
use app::dates::beijing_month;

use super::Dice;
use crate::error::ServerError;
use crate::services::Services;
use crate::store::bulk::{insert_rows, Value};
use crate::store::copy::continue_generated_ids;
use crate::store::now;
use crate::store::people::regions::insert_region;

const COUNTIES: usize = 100;
const TOWNSHIPS: usize = 12;
const VILLAGES: usize = 15;
const DAY: i64 = 86_400;
/// Learners written per transaction.
const BATCH: usize = 5_000;

/// What was written, for the benchmark to print.
#[derive(Debug, Default)]
pub struct Written {
    pub counties: usize,
    pub villages: usize,
    pub learners: usize,
    pub progress_events: usize,
    pub certificates: usize,
    pub outcomes: usize,
}

/// The tree: every township's id and class, every village's id, and its township.
struct Tree {
    villages: Vec<(i64, usize)>,
    townships: Vec<(i64, i64, i64)>,
}

pub async fn generate(
    services: &Services,
    learners: usize,
    password: &str,
) -> Result<Written, ServerError> {
    let store = &services.store;
    let hash = services.passwords.hash(password.to_string()).await?;
    let tree = regions_and_staff(services, &hash).await?;
    let course = store
        .list_courses()
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ServerError::Internal("no course".into()))?
        .id;
    let lessons: Vec<String> = store
        .lesson_sequence(Some(&course))
        .await?
        .into_iter()
        .map(|l| l.id)
        .collect();
    let mut written = Written {
        counties: COUNTIES,
        villages: tree.villages.len(),
        ..Written::default()
    };
    let mut dice = Dice::new(20_261_203);
    let first_id = 1_000_000;
    let mut next = 0;
    while next < learners {
        let count = BATCH.min(learners - next);
        let batch = LearnerBatch {
            first: first_id + next as i64,
            count,
            course: &course,
            lessons: &lessons,
            hash: &hash,
        };
        batch.write(store, &tree, &mut dice, &mut written).await?;
        next += count;
    }
    let mut tx = store.pool().begin().await?;
    continue_generated_ids(store, &mut tx).await?;
    tx.commit().await?;
    written.learners = learners;
    Ok(written)
}

/// Counties, townships and villages, an office per county (`office-<county code>`), a trainer
/// and a class per township, and the admin `bench-admin`.
async fn regions_and_staff(services: &Services, hash: &str) -> Result<Tree, ServerError> {
    let store = &services.store;
    let mut tx = store.pool().begin().await?;
    let mut tree = Tree {
        villages: Vec::new(),
        townships: Vec::new(),
    };
    let mut staff: Vec<Vec<Value>> =
        vec![user_row("bench-admin", "管理员", hash, Role::Admin, None)];
    for c in 0..COUNTIES {
        let code = format!("46{:04}", c + 1);
        let county = insert_region(
            &mut *tx,
            None,
            RegionLevel::County,
            &format!("第{}县", c + 1),
            Some(&code),
        )
        .await?;
        staff.push(user_row(
            &format!("office-{code}"),
            "帮扶办",
            hash,
            Role::Office,
            Some(county),
        ));
        for t in 0..TOWNSHIPS {
            let town_code = format!("{code}{:03}", t + 101);
            let name = format!("第{}县{}镇", c + 1, t + 1);
            let township = insert_region(
                &mut *tx,
                Some(county),
                RegionLevel::Township,
                &name,
                Some(&town_code),
            )
            .await?;
            let township_index = tree.townships.len();
            tree.townships.push((township, county, 0));
            for v in 0..VILLAGES {
                let village_code = format!("{town_code}{:03}", v + 201);
                let village = insert_region(
                    &mut *tx,
                    Some(township),
                    RegionLevel::Village,
                    &format!("{name}{}村", v + 1),
                    Some(&village_code),
                )
                .await?;
                tree.villages.push((village, township_index));
            }
        }
    }
    let columns = USER_COLUMNS;
    insert_rows(&mut tx, "users", &columns, &staff).await?;
    tx.commit().await?;
    // A trainer (the first office's colleague) and a class in every township.
    let mut tx = store.pool().begin().await?;
    let trainer_base = 900_000;
    let mut trainers = Vec::new();
    let mut classes = Vec::new();
    for (i, (township, _, class)) in tree.townships.iter_mut().enumerate() {
        let id = trainer_base + i as i64;
        let mut row = user_row(
            &format!("trainer-{id}"),
            "培训老师",
            hash,
            Role::Trainer,
            Some(*township),
        );
        row.insert(0, Value::from(id));
        trainers.push(row);
        *class = 500_000 + i as i64;
        classes.push(vec![
            Value::from(*class),
            Value::from(format!("班{}", i + 1)),
            Value::from(id),
            Value::from(*township),
            Value::from(format!("B{i:05}")),
            Value::from(now()),
        ]);
    }
    let mut with_id = vec!["id"];
    with_id.extend(USER_COLUMNS);
    insert_rows(&mut tx, "users", &with_id, &trainers).await?;
    let class_columns = [
        "id",
        "name",
        "trainer_id",
        "region_id",
        "join_code",
        "created_at",
    ];
    insert_rows(&mut tx, "classes", &class_columns, &classes).await?;
    let class_trainers: Vec<Vec<Value>> = classes
        .iter()
        .map(|class| vec![class[0].clone(), class[2].clone(), class[5].clone()])
        .collect();
    let trainer_columns = ["class_id", "trainer_id", "added_at"];
    insert_rows(&mut tx, "class_trainers", &trainer_columns, &class_trainers).await?;
    tx.commit().await?;
    Ok(tree)
}

const USER_COLUMNS: [&str; 8] = [
    "login",
    "display_name",
    "password_hash",
    "role",
    "region_id",
    "must_change_password",
    "disabled",
    "created_at",
];

fn user_row(login: &str, name: &str, hash: &str, role: Role, region: Option<i64>) -> Vec<Value> {
    vec![
        login.into(),
        name.into(),
        hash.into(),
        role.code().into(),
        region.into(),
        0.into(),
        0.into(),
        now().into(),
    ]
}

/// One transaction's worth of learners and everything about them. Batches start at an even id,
/// so both learners of a household are in the same batch.
struct LearnerBatch<'a> {
    first: i64,
    count: usize,
    course: &'a str,
    lessons: &'a [String],
    hash: &'a str,
}

#[derive(Default)]
struct Rows {
    users: Vec<Vec<Value>>,
    households: Vec<Vec<Value>>,
    members: Vec<Vec<Value>>,
    class_members: Vec<Vec<Value>>,
    events: Vec<Vec<Value>>,
    certificates: Vec<Vec<Value>>,
    outcomes: Vec<Vec<Value>>,
    facts: Vec<Vec<Value>>,
}

impl LearnerBatch<'_> {
    async fn write(
        &self,
        store: &crate::store::Store,
        tree: &Tree,
        dice: &mut Dice,
        written: &mut Written,
    ) -> Result<(), ServerError> {
        let mut rows = Rows::default();
        for n in 0..self.count {
            self.learner(self.first + n as i64, tree, dice, &mut rows);
        }
        written.progress_events += rows.events.len();
        written.certificates += rows.certificates.len();
        written.outcomes += rows.outcomes.len();
        let mut tx = store.pool().begin().await?;
        let mut user_columns = vec!["id"];
        user_columns.extend(USER_COLUMNS);
        insert_rows(&mut tx, "users", &user_columns, &rows.users).await?;
        let tables: [Table; 7] = [
            (
                "households",
                &["id", "number", "village_id", "created_at", "updated_at"],
                &rows.households,
            ),
            (
                "members",
                &[
                    "id",
                    "household_id",
                    "position",
                    "name",
                    "gender",
                    "relation",
                    "target_group",
                    "user_id",
                    "created_at",
                ],
                &rows.members,
            ),
            (
                "class_members",
                &["class_id", "user_id", "joined_at"],
                &rows.class_members,
            ),
            (
                "progress_events",
                &["user_id", "event_id", "lesson_id", "kind", "at"],
                &rows.events,
            ),
            (
                "certificates",
                &[
                    "code",
                    "user_id",
                    "course_id",
                    "course_version",
                    "payload",
                    "signature",
                    "issued_at",
                    "region_id",
                ],
                &rows.certificates,
            ),
            (
                "outcomes",
                &[
                    "user_id",
                    "kind",
                    "platform",
                    "happened_at",
                    "month",
                    "amount_fen",
                    "reported_by",
                    "reporter_role",
                    "reported_at",
                    "confirmed_by",
                    "confirmed_at",
                ],
                &rows.outcomes,
            ),
            ("learner_facts", &FACT_COLUMNS, &rows.facts),
        ];
        for (table, columns, data) in tables {
            insert_rows(&mut tx, table, columns, data).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// One learner: account, household, class, progress, maybe a certificate and outcomes, and
    /// the facts that sum them up.
    fn learner(&self, id: i64, tree: &Tree, dice: &mut Dice, rows: &mut Rows) {
        let (village, township_index) = *dice.pick(&tree.villages);
        let (township, county, class) = tree.townships[township_index];
        let enrolled = now() - (1 + dice.below(700) as i64) * DAY;
        let group = *dice.pick(TargetGroup::ALL);
        let mut user = user_row(
            &format!("l{id}"),
            "学员",
            self.hash,
            Role::Learner,
            Some(village),
        );
        user[7] = enrolled.into();
        user.insert(0, id.into());
        rows.users.push(user);
        // Two learners share a household.
        let household = id / 2;
        if id % 2 == 0 {
            rows.households.push(vec![
                household.into(),
                format!("P{household}").into(),
                village.into(),
                enrolled.into(),
                enrolled.into(),
            ]);
        }
        let relation = if id % 2 == 0 { "head" } else { "spouse" };
        rows.members.push(vec![
            id.into(),
            household.into(),
            (id % 2).into(),
            "学员".into(),
            "female".into(),
            relation.into(),
            group.code().into(),
            id.into(),
            enrolled.into(),
        ]);
        rows.class_members
            .push(vec![class.into(), id.into(), enrolled.into()]);
        // About twenty lessons on average: a third finish all of them.
        let total = self.lessons.len();
        let done = if dice.chance(33) {
            total
        } else {
            dice.below(total as u64) as usize
        };
        let mut at = enrolled;
        for lesson in self.lessons.iter().take(done) {
            at = (at + DAY / 2 + dice.below(3 * DAY as u64) as i64).min(now());
            rows.events.push(vec![
                id.into(),
                format!("g{}", rows.events.len()).into(),
                lesson.as_str().into(),
                ProgressKind::Completed.code().into(),
                at.into(),
            ]);
        }
        let completed = (done == total).then_some(at);
        let certified = completed.filter(|_| dice.chance(85));
        let mut outcome = OutcomeTimes::default();
        if let Some(issued) = certified {
            rows.certificates.push(vec![
                format!("B{id}").into(),
                id.into(),
                self.course.into(),
                "bench".into(),
                "{}".into(),
                "bench".into(),
                issued.into(),
                village.into(),
            ]);
            outcome = outcomes(id, issued, dice, rows);
        }
        rows.facts.push(vec![
            id.into(),
            self.course.into(),
            village.into(),
            township.into(),
            county.into(),
            household.into(),
            group.code().into(),
            class.into(),
            enrolled.into(),
            Some(at).into(),
            (done as i64).into(),
            completed.into(),
            certified.into(),
            outcome.store.into(),
            outcome.sale.into(),
            outcome.job.into(),
            outcome.sales_fen.into(),
        ]);
    }
}

/// A table, its columns and the rows to write.
type Table<'a> = (&'a str, &'a [&'a str], &'a Vec<Vec<Value>>);

const FACT_COLUMNS: [&str; 17] = [
    "user_id",
    "course_id",
    "village_id",
    "township_id",
    "county_id",
    "household_id",
    "target_group",
    "class_id",
    "enrolled_at",
    "last_active_at",
    "lessons_completed",
    "completed_at",
    "certified_at",
    "store_opened_at",
    "first_sale_at",
    "employed_at",
    "sales_fen",
];

#[derive(Default)]
struct OutcomeTimes {
    store: Option<i64>,
    sale: Option<i64>,
    job: Option<i64>,
    sales_fen: i64,
}

/// Half the certified open a store (most of them sell, reporting three months of sales); a fifth
/// of the rest find work. All confirmed by their trainer.
fn outcomes(id: i64, certified: i64, dice: &mut Dice, rows: &mut Rows) -> OutcomeTimes {
    let mut times = OutcomeTimes::default();
    let mut record = |kind: OutcomeKind,
                      at: i64,
                      month: Option<String>,
                      fen: Option<i64>,
                      platform: Option<&str>| {
        rows.outcomes.push(vec![
            id.into(),
            kind.code().into(),
            platform.map(str::to_string).into(),
            Some(at).into(),
            month.into(),
            fen.into(),
            id.into(),
            Role::Learner.code().into(),
            at.into(),
            id.into(),
            Some(at).into(),
        ]);
    };
    if dice.chance(50) {
        let opened = (certified + (5 + dice.below(40) as i64) * DAY).min(now());
        let platform = dice.pick(StorePlatform::ALL).code();
        record(OutcomeKind::StoreOpened, opened, None, None, Some(platform));
        times.store = Some(opened);
        if dice.chance(70) {
            let sold = (opened + (2 + dice.below(30) as i64) * DAY).min(now());
            record(OutcomeKind::FirstSale, sold, None, None, None);
            times.sale = Some(sold);
            for m in 0..3 {
                let fen = (100 + dice.below(5_000) as i64) * 100;
                record(
                    OutcomeKind::MonthlySales,
                    sold,
                    Some(beijing_month(sold + m * 31 * DAY)),
                    Some(fen),
                    None,
                );
                times.sales_fen += fen;
            }
        }
    } else if dice.chance(20) {
        let hired = (certified + (10 + dice.below(90) as i64) * DAY).min(now());
        record(OutcomeKind::Employment, hired, None, None, None);
        times.job = Some(hired);
    }
    times
}
