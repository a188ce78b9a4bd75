//! The store against a real SQLite file: settings, migrations and an import that is idempotent
//! and never deletes what learners' progress may point at.

use std::fs;

use sqlx::Row;

use super::content::ImportReport;
use super::{Engine, Store};
use crate::content::{fixture, load};

async fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = super::scratch::database_url(dir.path())
        .await
        .expect("scratch database");
    let store = Store::open(&url).await.expect("open store");
    (dir, store)
}

/// A learner account with a password hash no one can sign in with.
pub(crate) fn learner(login: &str) -> super::accounts::users::NewUser<'_> {
    super::accounts::users::NewUser {
        login,
        display_name: "王大姐",
        password_hash: "$argon2id$stub",
        role: app::codes::Role::Learner,
        region_id: None,
        must_change_password: false,
    }
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_and_foreign_keys_hold_on_every_engine() {
    let (_dir, store) = temp_store().await;
    if store.engine() == Engine::Sqlite {
        let mode: String = sqlx::query("PRAGMA journal_mode")
            .fetch_one(store.pool())
            .await
            .expect("pragma")
            .get(0);
        assert_eq!(mode, "wal");
        let fk: i64 = sqlx::query("PRAGMA foreign_keys")
            .fetch_one(store.pool())
            .await
            .expect("pragma")
            .get(0);
        assert_eq!(fk, 1);
    }
    let orphan = sqlx::query("INSERT INTO lessons (id, module_id, title, title_en, summary, summary_en, position, level, minutes, body_html, quiz_json, content_hash, updated_at) VALUES ('x', 'no-module', '', '', '', '', 1, 'beginner', 1, '', '[]', '', 0)")
        .execute(store.pool())
        .await;
    assert!(
        orphan.is_err(),
        "a lesson without its module must be refused"
    );
}

#[tokio::test]
async fn import_is_idempotent_and_retires_instead_of_deleting() {
    let (dir, store) = temp_store().await;
    let content = dir.path().join("content");
    fixture::write(&content);
    let tree = load(&content).expect("fixture loads");
    let first = store.import_content(&tree).await.expect("first import");
    assert_eq!(
        first,
        ImportReport {
            inserted: 4,
            updated: 0,
            unchanged: 0,
            retired: 0
        }
    );
    let second = store.import_content(&tree).await.expect("second import");
    assert_eq!(
        second,
        ImportReport {
            inserted: 0,
            updated: 0,
            unchanged: 4,
            retired: 0
        }
    );

    let rule = store.lesson_completion_rule("lesson-two").await;
    assert_eq!(rule.expect("rule").map(|r| r.lessons_total), Some(2));
    let lesson_two = content.join("test-course/01-module/02-two.md");
    fs::remove_file(&lesson_two).expect("remove lesson");
    let edited = fixture::lesson("lesson-one", 1).replace("王大姐", "李大哥");
    fs::write(content.join("test-course/01-module/01-one.md"), edited).expect("edit lesson");
    let tree = load(&content).expect("edited content loads");
    let third = store.import_content(&tree).await.expect("third import");
    // The course's version hash changes with any file; the module file itself did not change.
    assert_eq!(
        third,
        ImportReport {
            inserted: 0,
            updated: 2,
            unchanged: 1,
            retired: 1
        }
    );

    let gone = store.lesson_completion_rule("lesson-two").await;
    assert_eq!(
        gone.expect("rule"),
        None,
        "an import forgets the rules it kept"
    );
    let rule = store.lesson_completion_rule("lesson-one").await;
    assert_eq!(rule.expect("rule").map(|r| r.lessons_total), Some(1));
    let lessons = store
        .lesson_sequence(Some("test-course"))
        .await
        .expect("lessons");
    assert_eq!(
        lessons.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(),
        vec!["lesson-one"]
    );
    let (edited, _) = store
        .lesson("lesson-one")
        .await
        .expect("query")
        .expect("lesson");
    assert!(edited.body_html.contains("李大哥"));
    let kept: i64 = sqlx::query("SELECT COUNT(*) FROM lessons WHERE id = $1 AND retired = 1")
        .bind("lesson-two")
        .fetch_one(store.pool())
        .await
        .expect("count")
        .get(0);
    assert_eq!(kept, 1, "a removed lesson stays in the database, retired");

    fs::write(&lesson_two, fixture::lesson("lesson-two", 2)).expect("restore lesson");
    let tree = load(&content).expect("restored content loads");
    let fourth = store.import_content(&tree).await.expect("fourth import");
    assert_eq!(
        fourth,
        ImportReport {
            inserted: 0,
            updated: 2,
            unchanged: 2,
            retired: 0
        }
    );
    assert_eq!(
        store
            .lesson_sequence(Some("test-course"))
            .await
            .expect("lessons")
            .len(),
        2
    );
}

#[tokio::test]
async fn course_row_counts_live_modules_lessons_and_minutes() {
    let (dir, store) = temp_store().await;
    fixture::write(&dir.path().join("c"));
    store
        .import_content(&load(&dir.path().join("c")).expect("loads"))
        .await
        .expect("import");
    let course = store
        .course("test-course")
        .await
        .expect("query")
        .expect("course exists");
    assert_eq!(
        (
            course.module_count,
            course.lesson_count,
            course.total_minutes
        ),
        (1, 2, 16)
    );
    assert!(store
        .course("no-such-course")
        .await
        .expect("query")
        .is_none());
}

#[tokio::test]
async fn concurrent_imports_do_the_work_once() {
    let (dir, store) = temp_store().await;
    fixture::write(&dir.path().join("c"));
    let tree = load(&dir.path().join("c")).expect("loads");
    let (a, b) = tokio::join!(store.import_content(&tree), store.import_content(&tree));
    let (a, b) = (a.expect("first importer"), b.expect("second importer"));
    assert_eq!(a.inserted + b.inserted, 4, "{a:?} {b:?}");
    assert_eq!(a.unchanged + b.unchanged, 4, "{a:?} {b:?}");
}

#[tokio::test]
async fn copy_moves_every_row_to_another_database_and_verifies_it() {
    let (dir, destination) = temp_store().await;
    let source_url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("source.db").display()
    );
    let source = Store::open(&source_url).await.expect("source store");
    fixture::write(&dir.path().join("c"));
    let tree = load(&dir.path().join("c")).expect("loads");
    source.import_content(&tree).await.expect("import");
    let first = source.create_user(learner("first"), 1).await.expect("user");
    people_rows(&source, first).await;
    version_rows(&source, &tree, first).await;

    let report = super::copy::copy_database(&source, &destination)
        .await
        .expect("copy");
    let rows: Vec<(&str, usize)> = report.iter().map(|t| (t.table, t.rows)).collect();
    assert_eq!(
        rows,
        vec![
            ("courses", 1),
            ("modules", 1),
            ("lessons", 2),
            ("content_import_lock", 1),
            ("regions", 3),
            ("users", 1),
            ("content_blobs", 2),
            ("course_versions", 1),
            ("course_version_files", 1),
            ("course_drafts", 1),
            ("course_editors", 1),
            ("course_disk_files", 1),
            ("sessions", 0),
            ("sign_in_failures", 0),
            ("households", 1),
            ("members", 2),
            ("classes", 1),
            ("class_members", 1),
            ("class_trainers", 1),
            ("class_sessions", 1),
            ("attendance", 1),
            ("audit_log", 1),
            ("jobs", 1),
            ("job_files", 1),
            ("household_imports", 1),
            ("password_sheets", 1),
            ("progress_events", 1),
            ("lesson_progress", 1),
            ("quiz_attempts", 1),
            ("test_draws", 1),
            ("certificates", 1),
            ("outcomes", 1),
            ("follow_ups", 1),
            ("learner_facts", 1)
        ]
    );
    let next_id = destination
        .create_user(learner("second"), 2)
        .await
        .expect("new user after copy");
    assert_eq!(next_id, 2, "generated ids continue after the copied ones");
    let lessons = destination
        .lesson_sequence(Some("test-course"))
        .await
        .expect("read copy");
    assert_eq!(lessons.len(), 2);

    let again = super::copy::copy_database(&source, &destination).await;
    assert!(
        matches!(again, Err(crate::error::ServerError::Config(ref m)) if m.contains("not empty")),
        "copying into a non-empty database is refused"
    );
    sqlx::query("UPDATE lessons SET title = 'changed' WHERE id = 'lesson-one'")
        .execute(destination.pool())
        .await
        .expect("tamper");
    let verdict = super::copy::verify(&source, &destination).await;
    assert!(
        matches!(verdict, Err(crate::error::ServerError::Internal(ref m)) if m.starts_with("table lessons differs")),
        "a changed row is caught by the checksum"
    );
}

#[tokio::test]
async fn copy_knows_every_table_of_the_schema() {
    let (_dir, store) = temp_store().await;
    let sql = match store.engine() {
        Engine::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
        Engine::Postgres => "SELECT CAST(table_name AS TEXT) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
    };
    let mut tables: Vec<String> = sqlx::query(sql)
        .fetch_all(store.pool())
        .await
        .expect("tables")
        .iter()
        .map(|row| row.get("name"))
        .collect();
    tables.sort();
    let mut known: Vec<String> = super::copy::TABLES
        .iter()
        .chain(&super::copy::DERIVED_TABLES)
        .map(|t| t.to_string())
        .collect();
    known.sort();
    assert_eq!(
        tables, known,
        "add new tables to store::copy::TABLES, parents first"
    );
}

#[tokio::test]
async fn a_sqlite_backup_restores_every_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let live_url = format!("sqlite://{}?mode=rwc", dir.path().join("live.db").display());
    let live = Store::open(&live_url).await.expect("live store");
    fixture::write(&dir.path().join("c"));
    live.import_content(&load(&dir.path().join("c")).expect("loads"))
        .await
        .expect("import");
    // The documented online backup, taken while the store is open.
    let backup = dir.path().join("backup.db");
    sqlx::query(&format!("VACUUM INTO '{}'", backup.display()))
        .execute(live.pool())
        .await
        .expect("backup");
    let restored = Store::open(&format!("sqlite://{}", backup.display()))
        .await
        .expect("restored store");
    let tables = super::copy::verify(&live, &restored)
        .await
        .expect("identical");
    assert_eq!(tables.iter().map(|t| t.rows).sum::<usize>(), 5);
}

/// A row in every table of people and permissions, for the copy test.
async fn people_rows(store: &Store, user: i64) {
    use super::people::households::{insert_household, NewHousehold, NewMember};
    use app::codes::RegionLevel;
    let county = store
        .create_region(None, RegionLevel::County, "甲县", Some("450101"))
        .await
        .expect("county");
    let town = store
        .create_region(Some(county), RegionLevel::Township, "乙镇", None)
        .await
        .expect("town");
    let village = store
        .create_region(Some(town), RegionLevel::Village, "丙村", None)
        .await
        .expect("village");
    let member = |relation, id_number| NewMember {
        name: "张三".into(),
        gender: "male",
        birth_year: None,
        relation,
        id_number,
        phone: None,
        education: None,
        skills: None,
        target_group: "other",
    };
    let sealed = Some((
        "c2VhbGVk".to_string(),
        "hash".to_string(),
        "4501**********1231".to_string(),
    ));
    let household = NewHousehold {
        number: "H-1".into(),
        village_id: village,
        poverty_type: None,
        poverty_cause: None,
        members: vec![member("head", sealed), member("child", None)],
    };
    let class = store
        .create_class(
            super::people::classes::NewClassRow::unplanned("班", user, town, "ABC234"),
            1,
        )
        .await
        .expect("class");
    let mut tx = store.pool().begin().await.expect("tx");
    insert_household(&mut tx, &household, 1)
        .await
        .expect("household");
    super::people::classes::join_class(&mut tx, class, user, 1)
        .await
        .expect("join");
    tx.commit().await.expect("commit");
    let present = store
        .record_attendance(class, "2026-12-01", &[user], user, 1)
        .await
        .expect("attendance");
    assert_eq!(present, 1);
    let entry = super::accounts::audit::NewAuditEntry {
        actor_id: Some(user),
        action: app::codes::AuditAction::Denied,
        target: "t",
        region_id: Some(county),
        detail: "",
        address: "127.0.0.1",
    };
    store.record_audit(entry, 1).await.expect("audit");
    let import = super::people::imports::NewImport {
        office_id: user,
        file_name: "x.csv",
        dry_run: true,
        job: super::jobs::NewJob {
            kind: "household_import",
            payload: "{}",
            file: Some(b"a,b\n"),
            max_attempts: 1,
        },
    };
    store.queue_import(import, 1).await.expect("import");
    store
        .create_sheet("sheet", user, "sealed", 1)
        .await
        .expect("sheet");
    learning_rows(store, user).await;
}

/// A row in every table of course versions, for the copy test.
async fn version_rows(store: &Store, tree: &crate::content::ContentTree, user: i64) {
    use super::learning::versions::{Files, Origin, Publication};
    let files: Files = [("course.md".to_string(), b"v1".to_vec())].into();
    let publication = Publication {
        course_id: "test-course",
        folder: "test-course",
        origin: Origin::Files,
        files: &files,
        tree,
        by: Some(user),
        note: "",
        disk: Some(&files),
        based_on: 0,
        now: 1,
    };
    store.publish_version(publication).await.expect("version");
    store
        .save_draft_file("test-course", "course.md", Some(b"v2"), user, 1)
        .await
        .expect("draft");
    store
        .grant_course_editor("test-course", user, true, None, 1)
        .await
        .expect("editor");
}

/// A row in every learning table, for the copy test.
async fn learning_rows(store: &Store, user: i64) {
    use super::learning::{NewAttempt, NewCertificate};
    let new = store
        .record_completion(user, "event-0001", "lesson-one", 1)
        .await;
    assert!(new.expect("progress").new);
    let attempt = NewAttempt {
        user_id: user,
        event_id: "event-0002",
        target_kind: app::codes::QuizKind::Lesson,
        target_id: "lesson-one",
        correct: 1,
        total: 2,
        passed: true,
        answers: "[0,1]",
    };
    store.record_attempt(attempt, 1).await.expect("attempt");
    let certificate = NewCertificate {
        code: "CODE",
        user_id: user,
        course_id: "test-course",
        course_version: "v1",
        payload: "{}",
        signature: "sig",
        region_id: None,
    };
    store
        .issue_certificate(certificate, 1)
        .await
        .expect("certificate");
    let outcome = super::reports::outcomes::NewOutcome {
        user_id: user,
        kind: Some(app::codes::OutcomeKind::FirstSale),
        happened_at: Some(1),
        reported_by: user,
        reporter_role: Some(app::codes::Role::Learner),
        ..Default::default()
    };
    store.insert_outcome(&outcome, 1).await.expect("outcome");
    store
        .save_draw(user, "draw-0001", "test-module", "[]", 1)
        .await
        .expect("draw");
    store
        .create_follow_ups(user, &[(3, 100)])
        .await
        .expect("follow-up");
    store.refresh_learner_facts(user).await.expect("facts");
}
