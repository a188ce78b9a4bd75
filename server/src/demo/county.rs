//! A small demo county for a first look: three townships, eight villages, an office, two
//! trainers with classes, households whose heads learn (some finish, earn the certificate and
//! report a store, sales or a job), spread over the last year so the report has a story to tell.

use app::backend::User;
use app::codes::{OutcomeKind, RegionLevel, Role, StorePlatform, TargetGroup};
use app::dates::beijing_month;
use app::model::NewAccount;

use super::Dice;
use crate::error::ServerError;
use crate::services::accounts::users::create_account;
use crate::services::learning::progress::issue_certificate;
use crate::services::Services;
use crate::store::accounts::users::NewUser;
use crate::store::learning::NewAttempt;
use crate::store::people::classes::{join_class, NewClassRow};
use crate::store::people::households::{
    insert_household, link_member_account, NewHousehold, NewMember,
};
use crate::store::reports::outcomes::NewOutcome;
use crate::store::{now, Store};

const COUNTY_CODE: &str = "459900";
const TOWNSHIPS: [(&str, [&str; 3]); 3] = [
    ("东岭镇", ["上坪村", "下坪村", "石门村"]),
    ("西河乡", ["河口村", "柳树村", "新庄村"]),
    ("南坪镇", ["茶山村", "竹林村", ""]),
];
const SURNAMES: [&str; 8] = ["王", "李", "张", "刘", "陈", "杨", "黄", "韦"];
const GIVEN: [&str; 8] = [
    "秀英", "建国", "桂花", "小军", "海燕", "德明", "春梅", "志强",
];
const DAY: i64 = 86_400;

/// Who can sign in to the demo, and how much of it there is.
pub struct DemoCounty {
    pub logins: Vec<(String, Role)>,
    pub learners: usize,
}

pub async fn generate(services: &Services, password: &str) -> Result<DemoCounty, ServerError> {
    let store = &services.store;
    if store.region_by_code(COUNTY_CODE).await?.is_some() {
        return Err(ServerError::Config(
            "the demo county (code 459900) is already there".into(),
        ));
    }
    let county = store
        .create_region(None, RegionLevel::County, "演示县", Some(COUNTY_CODE))
        .await?;
    let mut logins = Vec::new();
    for (login, role, region) in [
        ("demo-admin", Role::Admin, None),
        ("demo-office", Role::Office, Some(county)),
    ] {
        account(services, login, role, region, password).await?;
        logins.push((login.to_string(), role));
    }
    let mut dice = Dice::new(2026);
    let mut learners = 0;
    for (t, (township, villages)) in TOWNSHIPS.iter().enumerate() {
        let code = format!("{COUNTY_CODE}{:03}", t + 101);
        let town = store
            .create_region(Some(county), RegionLevel::Township, township, Some(&code))
            .await?;
        let trainer = format!("demo-trainer{}", t + 1);
        let trainer_id = account(services, &trainer, Role::Trainer, Some(town), password).await?;
        logins.push((trainer.clone(), Role::Trainer));
        let join = format!("DEMO{t}");
        let class = store
            .create_class(
                NewClassRow::unplanned(&format!("{township}电商班"), trainer_id, town, &join),
                now(),
            )
            .await?;
        for (v, village) in villages.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            let code = format!("{code}{:03}", v + 201);
            let village = store
                .create_region(Some(town), RegionLevel::Village, village, Some(&code))
                .await?;
            let place = Place {
                village,
                class,
                trainer_id,
            };
            learners += households(services, &mut dice, &place, &code, password).await?;
        }
    }
    Ok(DemoCounty { logins, learners })
}

async fn account(
    services: &Services,
    login: &str,
    role: Role,
    region: Option<i64>,
    password: &str,
) -> Result<i64, ServerError> {
    let new = NewAccount {
        login: login.into(),
        name: login.into(),
        role: role.code().into(),
        password: password.into(),
        region_id: region,
    };
    create_account(&services.store, &services.passwords, &new).await
}

/// Where a village's households learn.
struct Place {
    village: i64,
    class: i64,
    trainer_id: i64,
}

/// Eight households in the village; each head learns. Returns how many learners it made.
async fn households(
    services: &Services,
    dice: &mut Dice,
    place: &Place,
    code: &str,
    password: &str,
) -> Result<usize, ServerError> {
    let store = &services.store;
    let hash = services.passwords.hash(password.to_string()).await?;
    let mut made = 0;
    for h in 0..8 {
        let number = format!("DEMO-{code}-{h:02}");
        let group = *dice.pick(TargetGroup::ALL);
        let name = format!("{}{}", dice.pick(&SURNAMES), dice.pick(&GIVEN));
        let household = NewHousehold {
            number: number.clone(),
            village_id: place.village,
            poverty_type: (group == TargetGroup::PoorHousehold).then_some("general"),
            poverty_cause: (group == TargetGroup::PoorHousehold).then_some("no_skills"),
            members: vec![
                member(&name, "head", group),
                member("家属", "spouse", group),
            ],
        };
        let mut tx = store.pool().begin().await?;
        insert_household(&mut tx, &household, now()).await?;
        tx.commit().await?;
        let head = store
            .members_of_households(place.village, std::slice::from_ref(&number))
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| ServerError::Internal("demo household has no head".into()))?;
        let login = format!("demo{}", head.id);
        let user = NewUser {
            login: &login,
            display_name: &name,
            password_hash: &hash,
            role: Role::Learner,
            region_id: Some(place.village),
            must_change_password: false,
        };
        let id = store.create_user(user, now()).await?;
        let mut tx = store.pool().begin().await?;
        link_member_account(&mut tx, head.id, id).await?;
        join_class(&mut tx, place.class, id, now()).await?;
        tx.commit().await?;
        let learner = User {
            id,
            display_name: name,
            role: Role::Learner,
            region_id: Some(place.village),
            must_change_password: false,
            session_id: String::new(),
            address: "demo".into(),
        };
        learn(services, dice, &learner, place.trainer_id).await?;
        made += 1;
    }
    Ok(made)
}

fn member(name: &str, relation: &'static str, group: TargetGroup) -> NewMember {
    NewMember {
        name: name.into(),
        gender: "female",
        birth_year: Some(1985),
        relation,
        id_number: None,
        phone: None,
        education: None,
        skills: None,
        target_group: group.code(),
    }
}

/// A year of learning: enrolled on some day of the last twelve months, some lessons a week
/// apart, and for those who finish, the tests, the certificate and what came after.
async fn learn(
    services: &Services,
    dice: &mut Dice,
    user: &User,
    trainer: i64,
) -> Result<(), ServerError> {
    let store = &services.store;
    let enrolled = now() - (30 + dice.below(330) as i64) * DAY;
    store.set_created_at(user.id, enrolled).await?;
    let course = store
        .list_courses()
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ServerError::Internal("no course to learn".into()))?
        .id;
    let lessons = store.lesson_sequence(Some(&course)).await?;
    let done = if dice.chance(45) {
        lessons.len()
    } else {
        dice.below(lessons.len() as u64) as usize
    };
    let mut at = enrolled;
    for lesson in lessons.iter().take(done) {
        at = (at + DAY + dice.below(4 * DAY as u64) as i64).min(now() - DAY);
        let event = format!("demo-{}-{}", user.id, lesson.id);
        store
            .record_completion(user.id, &event, &lesson.id, at)
            .await?;
    }
    if done == lessons.len() && dice.chance(85) {
        for module in store.course_modules(Some(&course)).await? {
            let attempt = NewAttempt {
                user_id: user.id,
                event_id: &format!("demo-{}-{}", user.id, module.id),
                target_kind: app::codes::QuizKind::Module,
                target_id: &module.id,
                correct: module.test_questions,
                total: module.test_questions,
                passed: true,
                answers: "[]",
            };
            store.record_attempt(attempt, at).await?;
        }
        issue_certificate(services, user, &course, at).await?;
        outcomes(store, dice, user, trainer, at).await?;
    }
    store.refresh_learner_facts(user.id).await
}

/// What a certified learner went on to do: a store (confirmed by the trainer), sales, a job.
async fn outcomes(
    store: &Store,
    dice: &mut Dice,
    user: &User,
    trainer: i64,
    certified: i64,
) -> Result<(), ServerError> {
    let confirmed = |kind| NewOutcome {
        user_id: user.id,
        kind: Some(kind),
        reported_by: trainer,
        reporter_role: Some(Role::Trainer),
        confirmed: true,
        ..NewOutcome::default()
    };
    if dice.chance(60) {
        let opened = (certified + (7 + dice.below(30) as i64) * DAY).min(now());
        let store_opened = NewOutcome {
            platform: Some(*dice.pick(StorePlatform::ALL)),
            happened_at: Some(opened),
            ..confirmed(OutcomeKind::StoreOpened)
        };
        store.insert_outcome(&store_opened, opened).await?;
        if dice.chance(75) {
            let sold = (opened + (3 + dice.below(20) as i64) * DAY).min(now());
            let sale = NewOutcome {
                happened_at: Some(sold),
                ..confirmed(OutcomeKind::FirstSale)
            };
            store.insert_outcome(&sale, sold).await?;
            let mut month = sold;
            while month < now() {
                let sales = NewOutcome {
                    month: Some(beijing_month(month)),
                    amount_fen: Some((200 + dice.below(3000) as i64) * 100),
                    orders: Some(5 + dice.below(60) as i64),
                    ..confirmed(OutcomeKind::MonthlySales)
                };
                store.insert_outcome(&sales, month).await?;
                month += 31 * DAY;
            }
        }
    } else if dice.chance(40) {
        let hired = (certified + (10 + dice.below(60) as i64) * DAY).min(now());
        let job = NewOutcome {
            happened_at: Some(hired),
            job_kind: Some("电商客服".into()),
            away: Some(dice.chance(30)),
            ..confirmed(OutcomeKind::Employment)
        };
        store.insert_outcome(&job, hired).await?;
    }
    Ok(())
}
