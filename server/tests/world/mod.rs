//! Two counties with their people, for the authorization and people tests: county A (office A,
//! trainer A with a class, learners, households) and county B (the same), plus an admin.
//! `tag` keeps logins and household numbers apart when several worlds share one database.
#![allow(dead_code)]

pub mod uploads;

use app::codes::RegionLevel;
use app::codes::{OutcomeKind, Role};
use app::model::NewAccount;
use server::keys::DataKey;
use server::people::id_number::IdNumber;
use server::services::accounts::passwords::Passwords;
use server::services::accounts::users::create_account;
use server::store::jobs::NewJob;
use server::store::learning::NewCertificate;
use server::store::now;
use server::store::people::classes::{join_class, NewClassRow};
use server::store::people::households::{
    insert_household, link_member_account, NewHousehold, NewMember,
};
use server::store::people::imports::NewImport;
use server::store::reports::outcomes::NewOutcome;

use crate::common::TestServer;

pub const PASSWORD: &str = "shiyan-2026";

/// One county's side of the world.
pub struct Side {
    pub county: i64,
    pub township: i64,
    pub village: i64,
    pub household: i64,
    pub household_number: String,
    /// A household member with an identity number (and a learner account).
    pub member: i64,
    pub id_number: String,
    pub class: i64,
    pub office: String,
    pub office_id: i64,
    pub trainer: String,
    /// A course the side's trainer may edit: the real one for A, an unpublished one B started.
    pub course: String,
    pub learner: String,
    pub learner_id: i64,
    /// A learner whose password the table resets (so no other session is lost).
    pub victim_id: i64,
    /// An import and a password sheet the office made.
    pub import: i64,
    pub sheet: String,
    /// A certificate of the learner.
    pub certificate: String,
    /// An outcome the learner reported (not yet confirmed) and a follow-up call due for them.
    pub outcome: i64,
    pub follow_up: i64,
}

pub struct World {
    pub a: Side,
    pub b: Side,
    pub admin: String,
}

/// The real course, which every test server imports from `content/`.
pub const COURSE: &str = "nongcun-dianshang";

pub async fn build(server: &TestServer, tag: &str) -> World {
    let admin = format!("{tag}admin");
    account(server, &admin, "admin", None).await;
    World {
        a: side(server, tag, "a", &id_number(tag, 1)).await,
        b: side(server, tag, "b", &id_number(tag, 2)).await,
        admin,
    }
}

async fn side(server: &TestServer, tag: &str, name: &str, id_number: &str) -> Side {
    let store = &server.store;
    let region = |parent, level, title: String| async move {
        store
            .create_region(parent, level, &title, None)
            .await
            .expect("region")
    };
    let county = region(None, RegionLevel::County, format!("{tag}{name}县")).await;
    let township = region(
        Some(county),
        RegionLevel::Township,
        format!("{tag}{name}镇"),
    )
    .await;
    let village = region(
        Some(township),
        RegionLevel::Village,
        format!("{tag}{name}村"),
    )
    .await;
    let office = format!("{tag}office{name}");
    let trainer = format!("{tag}trainer{name}");
    let learner = format!("{tag}learner{name}");
    let office_id = account(server, &office, "office", Some(county)).await;
    let trainer_id = account(server, &trainer, "trainer", Some(township)).await;
    // Trainer A may edit the real course; trainer B only a course B started (out of A's scope).
    let course = if name == "a" {
        store
            .grant_course_editor(COURSE, trainer_id, false, None, now())
            .await
            .expect("grant");
        COURSE.to_string()
    } else {
        let started = format!("{tag}-kecheng-{name}");
        store
            .grant_course_editor(&started, trainer_id, true, None, now())
            .await
            .expect("owner");
        let text = format!("---\nid: {started}\ntitle: 乙县的课\n---\n");
        store
            .save_draft_file(
                &started,
                "course.md",
                Some(text.as_bytes()),
                trainer_id,
                now(),
            )
            .await
            .expect("draft");
        started
    };
    let learner_id = account(server, &learner, "learner", Some(village)).await;
    let victim_id = account(server, &format!("{learner}2"), "learner", Some(village)).await;
    let code = format!("{}{}", tag.to_uppercase(), name.to_uppercase());
    let class = store
        .create_class(
            NewClassRow::unplanned(&format!("{tag}{name}班"), trainer_id, township, &code),
            now(),
        )
        .await
        .expect("class");
    let household_number = format!("{tag}-{name}-1");
    let (household, member) =
        household(server, &household_number, village, id_number, learner_id).await;
    let mut tx = store.pool().begin().await.expect("tx");
    for user in [learner_id, victim_id] {
        join_class(&mut tx, class, user, now()).await.expect("join");
    }
    tx.commit().await.expect("commit");
    // Ended, so the office may start imports of its own (one at a time).
    let import = office_import(server, office_id, false).await;
    let keys = DataKey::load_or_create(&server.key_dir).expect("keys");
    let sheet = format!("{tag}{name}sheet");
    let sealed = keys.encrypt("[]").expect("seal");
    store
        .create_sheet(&sheet, office_id, &sealed, now())
        .await
        .expect("sheet");
    let certificate = format!("{}{}CERT", tag.to_uppercase(), name.to_uppercase());
    let new = NewCertificate {
        code: &certificate,
        user_id: learner_id,
        course_id: "nongcun-dianshang",
        course_version: "test",
        payload: r#"{"name":"学*","course":"农村电商","issuer":"测试"}"#,
        signature: "none",
        region_id: Some(village),
    };
    store
        .issue_certificate(new, now())
        .await
        .expect("certificate");
    let outcome = NewOutcome {
        user_id: learner_id,
        kind: Some(OutcomeKind::FirstSale),
        happened_at: Some(now() - 86_400),
        reported_by: learner_id,
        reporter_role: Some(Role::Learner),
        ..NewOutcome::default()
    };
    let outcome = store
        .insert_outcome(&outcome, now())
        .await
        .expect("outcome");
    store
        .create_follow_ups(learner_id, &[(3, now() - 60)])
        .await
        .expect("follow-up");
    let follow_up = store
        .follow_ups_of(learner_id)
        .await
        .expect("follow-ups")
        .first()
        .expect("one")
        .id;
    for user in [learner_id, victim_id] {
        store.refresh_learner_facts(user).await.expect("facts");
    }
    Side {
        import,
        sheet,
        certificate,
        outcome,
        follow_up,
        county,
        township,
        village,
        household,
        household_number,
        member,
        id_number: id_number.to_string(),
        class,
        office,
        office_id,
        trainer,
        course,
        learner,
        learner_id,
        victim_id,
    }
}

pub async fn account(server: &TestServer, login: &str, role: &str, region: Option<i64>) -> i64 {
    let new = NewAccount {
        login: login.into(),
        name: login.into(),
        role: role.into(),
        password: PASSWORD.into(),
        region_id: region,
    };
    create_account(&server.store, &Passwords::new(2), &new)
        .await
        .expect("account")
}

/// A household of two in `village`; the head has `id_number` and the learner account `user`.
async fn household(
    server: &TestServer,
    number: &str,
    village: i64,
    id_number: &str,
    user: i64,
) -> (i64, i64) {
    let keys = DataKey::load_or_create(&server.key_dir).expect("keys");
    let id = IdNumber::parse(id_number).expect("valid test number");
    let sealed = (
        keys.encrypt(id.expose()).expect("seal"),
        keys.lookup_hash(id.expose()),
        id.masked(),
    );
    let member = |name: &str, relation, id_number| NewMember {
        name: name.to_string(),
        gender: "female",
        birth_year: Some(1990),
        relation,
        id_number,
        phone: None,
        education: None,
        skills: None,
        target_group: "poor_household",
    };
    let new = NewHousehold {
        number: number.to_string(),
        village_id: village,
        poverty_type: Some("general"),
        poverty_cause: Some("no_skills"),
        members: vec![
            member("户主甲", "head", Some(sealed)),
            member("配偶乙", "spouse", None),
        ],
    };
    let store = &server.store;
    let mut tx = store.pool().begin().await.expect("tx");
    insert_household(&mut tx, &new, now())
        .await
        .expect("household");
    tx.commit().await.expect("commit");
    let list = store
        .households_within(village, number, "", 1)
        .await
        .expect("list");
    let household = list.first().expect("household saved").id;
    let members = store
        .members_within(village, Some(household))
        .await
        .expect("members");
    let head = members
        .iter()
        .find(|m| m.relation == "head")
        .expect("head")
        .id;
    let mut tx = store.pool().begin().await.expect("tx");
    link_member_account(&mut tx, head, user)
        .await
        .expect("link");
    tx.commit().await.expect("commit");
    (household, head)
}

/// An import of the office's that no job runner will run (it has no attempts); ended unless
/// `running`.
pub async fn office_import(server: &TestServer, office: i64, running: bool) -> i64 {
    let new = NewImport {
        office_id: office,
        file_name: "x.csv",
        dry_run: true,
        job: NewJob {
            kind: "household_import",
            payload: "{}",
            file: None,
            max_attempts: 0,
        },
    };
    let store = &server.store;
    let id = store.queue_import(new, now()).await.expect("import");
    if !running {
        store.fail_unfinished_import(id, now()).await.expect("end");
    }
    id
}

/// A valid identity number different for every tag and side (the sequence digits vary).
pub fn id_number(tag: &str, side: u32) -> String {
    let seed = tag
        .bytes()
        .fold(side, |n, b| (n * 31 + u32::from(b)) % 1000);
    with_check_character(&format!("45010{side}19900307{seed:03}"))
}

/// Seventeen digits and their GB 11643 check character.
pub fn with_check_character(body: &str) -> String {
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .chars()
        .zip(weights)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    let check = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize];
    format!("{body}{check}")
}
