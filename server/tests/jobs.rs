//! The job runner on a real database (SQLite, or PostgreSQL under `NONGDIAN_TEST_POSTGRES`):
//! one claimant per job, a job whose server died taken over or ended as failed, retries, and a
//! household import carried out by whichever runner claims it. No HTTP server: the runner is
//! driven step by step.

use app::backend::{Actor, User};
use app::codes::{ImportState, JobState, RegionLevel, Role};
use app::model::{NewAccount, Upload};
use server::jobs::run_next;
use server::keys::{CertificateKeys, DataKey};
use server::services::accounts::passwords::Passwords;
use server::services::people::imports;
use server::services::Services;
use server::store::jobs::NewJob;
use server::store::{now, Store};

/// Services over a fresh database, with a county → township → village and an office.
async fn setup(dir: &tempfile::TempDir) -> (Services, Actor) {
    let url = server::store::scratch::database_url(dir.path())
        .await
        .expect("database");
    let store = Store::open(&url).await.expect("store");
    let county = store
        .create_region(None, RegionLevel::County, "甲县", Some("450103"))
        .await
        .expect("county");
    let town = store
        .create_region(
            Some(county),
            RegionLevel::Township,
            "乙镇",
            Some("450103001"),
        )
        .await
        .expect("town");
    store
        .create_region(
            Some(town),
            RegionLevel::Village,
            "那坡村",
            Some("450103001001"),
        )
        .await
        .expect("village");
    let passwords = Passwords::new(2);
    let office = NewAccount {
        login: "office-jobs".into(),
        name: "甲县帮扶办".into(),
        role: "office".into(),
        password: "job-tests-2026".into(),
        region_id: Some(county),
    };
    let id = server::services::accounts::users::create_account(&store, &passwords, &office)
        .await
        .expect("office");
    let services = Services {
        store,
        passwords,
        data_key: DataKey::load_or_create(&dir.path().join("keys")).expect("data key"),
        signing_key: CertificateKeys::load_or_create(&dir.path().join("keys")).expect("key"),
        jobs: Default::default(),
        public_url: "http://localhost".into(),
    };
    let actor = Actor::User(User {
        id,
        display_name: "甲县帮扶办".into(),
        role: Role::Office,
        region_id: Some(county),
        must_change_password: false,
        session_id: String::new(),
        address: "127.0.0.1".into(),
    });
    (services, actor)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

const FILE: &str = "户编号,村,姓名,性别,出生年份,与户主关系,身份证号,手机号,文化程度,劳动技能,人员类别,贫困户类型,主要致贫原因\n\
HN-001,450103001001,韦国强,男,1975,户主,450103197503121235,,初中,种植,建档立卡户,低保户,因病\n";

async fn queue_import(services: &Services, actor: &Actor) -> i64 {
    let upload = Upload {
        file_name: "households.csv".into(),
        bytes: FILE.as_bytes().to_vec(),
        encoding: "auto".into(),
        dry_run: false,
    };
    imports::start(services, actor, upload)
        .await
        .expect("queued")
}

async fn import_state(services: &Services, actor: &Actor, id: i64) -> ImportState {
    imports::status(services, actor, id)
        .await
        .expect("status")
        .status
}

/// A fresh database with one import queued: the services, the office, the import and its job.
async fn one_import(dir: &tempfile::TempDir) -> (Services, Actor, i64, i64) {
    let (services, office) = setup(dir).await;
    let import = queue_import(&services, &office).await;
    let job = job_of_import(&services.store, import).await;
    (services, office, import, job)
}

/// Another server claimed the job and died: its lease has run out.
async fn claimed_by_a_dead_server(store: &Store, job: i64) {
    let claimed = store
        .claim_job(job, "dead-server", now(), now() - 60)
        .await
        .expect("claim");
    assert!(claimed.is_some(), "the job was ready");
}

async fn job_of_import(store: &Store, import: i64) -> i64 {
    let row = sqlx::query("SELECT job_id FROM household_imports WHERE id = $1")
        .bind(import)
        .fetch_one(store.pool())
        .await
        .expect("import row");
    sqlx::Row::try_get(&row, "job_id").expect("job id")
}

#[test]
fn an_import_is_queued_then_done_by_the_runner_and_its_file_dropped() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().expect("dir");
        let (services, office) = setup(&dir).await;
        let import = queue_import(&services, &office).await;
        assert_eq!(
            import_state(&services, &office, import).await,
            ImportState::Queued
        );
        assert!(run_next(&services).await.expect("run"), "a job was ready");
        assert_eq!(
            import_state(&services, &office, import).await,
            ImportState::Done
        );
        let job = job_of_import(&services.store, import).await;
        let row = services.store.job(job).await.expect("job").expect("row");
        assert_eq!((row.state, row.attempts), (JobState::Done, 1));
        assert_eq!(services.store.job_file(job).await.expect("file"), None);
        assert!(!run_next(&services).await.expect("idle"), "nothing left");
    });
}

#[test]
fn only_one_of_two_servers_claims_a_job() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().expect("dir");
        let (services, _, _, job) = one_import(&dir).await;
        let store = &services.store;
        let at = now();
        let (a, b) = tokio::join!(
            store.claim_job(job, "server-a", at, at + 60),
            store.claim_job(job, "server-b", at, at + 60)
        );
        let claims = [a.expect("a"), b.expect("b")];
        assert_eq!(claims.iter().filter(|c| c.is_some()).count(), 1);
        assert_eq!(store.next_ready_job(at).await.expect("ready"), None);
    });
}

#[test]
fn a_job_whose_server_died_is_taken_over_when_its_lease_runs_out() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().expect("dir");
        let (services, office, import, job) = one_import(&dir).await;
        let store = &services.store;
        claimed_by_a_dead_server(store, job).await;
        assert!(run_next(&services).await.expect("run"));
        assert_eq!(
            import_state(&services, &office, import).await,
            ImportState::Done
        );
        let row = store.job(job).await.expect("job").expect("row");
        assert_eq!((row.state, row.attempts), (JobState::Done, 2));
    });
}

#[test]
fn a_job_abandoned_after_its_last_attempt_ends_as_failed_never_stuck() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().expect("dir");
        let (services, office, import, job) = one_import(&dir).await;
        let store = &services.store;
        sqlx::query("UPDATE jobs SET attempts = max_attempts - 1 WHERE id = $1")
            .bind(job)
            .execute(store.pool())
            .await
            .expect("last attempt");
        claimed_by_a_dead_server(store, job).await;
        store
            .import_progress(import, ImportState::Checking, 1, 0)
            .await
            .expect("checking");
        run_next(&services).await.expect("run");
        assert_eq!(
            import_state(&services, &office, import).await,
            ImportState::Failed
        );
        let row = store.job(job).await.expect("job").expect("row");
        assert_eq!(row.state, JobState::Failed);
        assert_eq!(row.last_error.as_deref(), Some("abandoned"));
    });
}

#[test]
fn a_failing_job_is_retried_then_given_up() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().expect("dir");
        let (services, _) = setup(&dir).await;
        let store = &services.store;
        let mut tx = store.pool().begin().await.expect("tx");
        let new = NewJob {
            kind: "no_such_kind",
            payload: "{}",
            file: None,
            max_attempts: 2,
        };
        let job = server::store::jobs::insert_job(&mut tx, new, now())
            .await
            .expect("job");
        tx.commit().await.expect("commit");
        assert!(run_next(&services).await.expect("first attempt"));
        let row = store.job(job).await.expect("job").expect("row");
        assert_eq!((row.state, row.attempts), (JobState::Queued, 1));
        assert!(row.last_error.is_some_and(|e| e.contains("no_such_kind")));
        sqlx::query("UPDATE jobs SET run_after = 0 WHERE id = $1")
            .bind(job)
            .execute(store.pool())
            .await
            .expect("due now");
        assert!(run_next(&services).await.expect("second attempt"));
        let row = store.job(job).await.expect("job").expect("row");
        assert_eq!((row.state, row.attempts), (JobState::Failed, 2));
    });
}
