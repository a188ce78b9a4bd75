//! Course versions without HTTP, on a fresh database each: `content/` re-imported over browser
//! edits without undoing them, and the real course round-tripping through a zip byte for byte.

mod common;
mod world;

use app::backend::{Actor, User};
use app::codes::Role;
use app::i18n::Locale;
use server::services::authoring::files::import_content_dir;
use server::services::authoring::{access, pages, publish, zip};
use server::store::Store;
use world::COURSE;

const LESSON_FILE: &str = "01-shouji-jichu/01-anzhuang-app.md";
const LESSON_ID: &str = "shouji-anzhuang-app";
const MARKER: &str = "新版开头";

fn original() -> String {
    let path = common::content_dir()
        .join("nongcun-dianshang")
        .join(LESSON_FILE);
    std::fs::read_to_string(path).expect("lesson file")
}

/// A copy of the real course in a temporary folder, as `content/` would hold it.
fn copy_content(to: &std::path::Path) {
    let from = common::content_dir();
    let status = std::process::Command::new("cp")
        .arg("-r")
        .arg(from.join("nongcun-dianshang"))
        .arg(to)
        .status()
        .expect("cp");
    assert!(status.success());
}

#[test]
fn content_dir_changes_come_in_over_browser_edits_without_undoing_them() {
    common::run(async {
        let (dir, store) = fresh_store().await;
        let content = dir.path().join("content");
        std::fs::create_dir(&content).expect("mkdir");
        copy_content(&content);
        let first = import_content_dir(&store, &content)
            .await
            .expect("first import");
        assert!(first.inserted > 50, "{first:?}");
        let again = import_content_dir(&store, &content).await.expect("again");
        assert_eq!((again.inserted, again.updated), (0, 0), "{again:?}");
        assert_eq!(store.course_versions(COURSE).await.expect("v").len(), 1);

        // The browser edits lesson 1 (a draft published as version 2).
        publish_as_admin(&store).await;
        // Then someone edits lesson 2 on disk and the server restarts.
        let second = content.join("nongcun-dianshang/01-shouji-jichu/02-yanzhengma-shiming.md");
        let text = std::fs::read_to_string(&second).expect("lesson 2");
        std::fs::write(&second, text.replacen("验证码是什么", "验证码是啥", 1)).expect("write");
        import_content_dir(&store, &content)
            .await
            .expect("third import");
        let versions = store.course_versions(COURSE).await.expect("versions");
        assert_eq!(
            (versions[0].number, versions[0].origin.as_str()),
            (3, "files")
        );
        let (one, _) = store.lesson(LESSON_ID).await.expect("q").expect("lesson 1");
        assert!(one.body_html.contains(MARKER), "the browser's edit stays");
        let (two, _) = store
            .lesson("shouji-yanzhengma-shiming")
            .await
            .expect("q")
            .expect("2");
        assert!(
            two.body_html.contains("验证码是啥"),
            "the disk's edit comes in"
        );
        import_content_dir(&store, &content)
            .await
            .expect("fourth import");
        assert_eq!(
            store.course_versions(COURSE).await.expect("v").len(),
            3,
            "nothing new"
        );
    });
}

/// A store on a fresh database (SQLite in the folder, or PostgreSQL when tests run on it).
async fn fresh_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = server::store::scratch::database_url(dir.path())
        .await
        .expect("db");
    let store = Store::open(&url).await.expect("store");
    (dir, store)
}

/// An admin account, as the acting user of service calls.
async fn admin(store: &Store, login: &str) -> Actor {
    let admin = store
        .create_user(
            server::store::accounts::users::NewUser {
                login,
                display_name: "管理员",
                password_hash: "x",
                role: Role::Admin,
                region_id: None,
                must_change_password: false,
            },
            1,
        )
        .await
        .expect("admin");
    Actor::User(User {
        id: admin,
        display_name: "管理员".into(),
        role: Role::Admin,
        region_id: None,
        must_change_password: false,
        session_id: String::new(),
        address: "127.0.0.1".into(),
    })
}

/// Publishes a draft of lesson 1 through the service, as an admin would from the course page.
async fn publish_as_admin(store: &Store) {
    let actor = admin(store, "au-admin").await;
    let Actor::User(user) = &actor else {
        unreachable!("an admin")
    };
    let source = edited_source();
    store
        .save_draft_file(COURSE, LESSON_FILE, Some(source.as_bytes()), user.id, 1)
        .await
        .expect("draft");
    let number = server::services::authoring::publish::publish(store, &actor, COURSE, "")
        .await
        .expect("publish");
    assert_eq!(number, 2);
}

fn edited_source() -> String {
    original().replacen("开网店，收钱", &format!("{MARKER}：开网店，收钱"), 1)
}

#[test]
fn the_real_course_round_trips_through_a_zip_without_losing_a_byte() {
    common::run(async {
        let (_dir, store) = fresh_store().await;
        import_content_dir(&store, &common::content_dir())
            .await
            .expect("import");
        let actor = admin(&store, "zip-admin").await;
        let exported = zip::export(&store, &actor, COURSE).await.expect("export");
        let (folder, files) = zip::read_zip(&exported.bytes).expect("readable");
        assert_eq!(folder, "nongcun-dianshang");
        let disk = server::content::Folder::read(&common::content_dir()).expect("content");
        assert_eq!(
            &files,
            disk.subfolder(&folder).files(),
            "the zip holds content/ exactly"
        );

        let number = zip::import(&store, &actor, COURSE, &exported.bytes)
            .await
            .expect("import");
        assert_eq!(number, 2);
        let versions = store.course_versions(COURSE).await.expect("versions");
        let (new, old) = (&versions[0], &versions[1]);
        assert_eq!(new.origin, "zip");
        assert_eq!(
            new.version_hash, old.version_hash,
            "the same course version"
        );
        let new_files = store.version_files(new.id).await.expect("files");
        assert_eq!(new_files, store.version_files(old.id).await.expect("files"));
        let again = zip::export(&store, &actor, COURSE)
            .await
            .expect("export again");
        assert_eq!(again.bytes, exported.bytes, "byte for byte");
    });
}

#[test]
fn a_zip_with_problems_is_not_published_but_becomes_the_draft_with_its_problems_by_line() {
    common::run(async {
        let (_dir, store) = fresh_store().await;
        import_content_dir(&store, &common::content_dir())
            .await
            .expect("import");
        let actor = admin(&store, "zip-draft-admin").await;
        let exported = zip::export(&store, &actor, COURSE).await.expect("export");
        let (folder, mut files) = zip::read_zip(&exported.bytes).expect("readable");
        let broken = original().replacen("- [x] ", "- [ ] ", 1);
        files.insert(LESSON_FILE.to_string(), broken.into_bytes());
        let gone = "01-shouji-jichu/02-yanzhengma-shiming.md";
        assert!(files.remove(gone).is_some(), "the zip leaves a lesson out");
        let zipped = zip::write_zip(&folder, &files).expect("zip");

        let refused = zip::import(&store, &actor, COURSE, &zipped).await;
        let Err(server::error::ServerError::App(app::error::AppError::Invalid(problem))) = refused
        else {
            panic!("a zip with problems is refused: {refused:?}");
        };
        let kept = app::i18n::authoring::AuthoringProblem::ZipKeptAsDraft { count: 1 };
        assert_eq!(problem, kept.into());
        assert_eq!(store.course_versions(COURSE).await.expect("v").len(), 1);

        let page = pages::course(&store, &actor, Locale::ZhCn, COURSE)
            .await
            .expect("course page");
        assert!(page.has_draft);
        assert_eq!(page.problems.len(), 1, "{:?}", page.problems);
        let problem = &page.problems[0];
        assert_eq!(problem.path, LESSON_FILE);
        assert!(problem.message.contains("标了 0 个对的答案"), "{problem:?}");
        let draft = store.draft_files(COURSE).await.expect("draft");
        let deleted = draft.iter().find(|f| f.path == gone).expect("in the draft");
        assert!(
            deleted.bytes.is_none(),
            "the draft deletes what the zip left out"
        );
        assert_eq!(
            draft.len(),
            2,
            "only what differs from the published version"
        );
    });
}

#[test]
fn a_new_module_and_lesson_start_from_templates_and_publish() {
    common::run(async {
        let (_dir, store) = fresh_store().await;
        import_content_dir(&store, &common::content_dir())
            .await
            .expect("import");
        let actor = admin(&store, "new-admin").await;
        for path in ["15-xin-danyuan/module.md", "15-xin-danyuan/01-xin-ke.md"] {
            let editor = pages::editor_page(&store, &actor, Locale::En, COURSE, path, None)
                .await
                .expect("editor");
            assert!(
                editor.source.starts_with("---\nid: "),
                "{path} has a template"
            );
            let draft = publish::DraftText {
                path,
                source: &editor.source,
                base: Some(&editor.base_hash),
            };
            publish::save_draft(&store, &actor, COURSE, draft)
                .await
                .expect("draft");
        }
        let number = publish::publish(&store, &actor, COURSE, "新单元")
            .await
            .expect("the templates pass every check");
        assert_eq!(number, 2);
        let module = store.module("xin-danyuan").await.expect("query");
        assert_eq!(module.map(|m| m.test_questions), Some(3));
        assert!(store.lesson("xin-ke").await.expect("query").is_some());
    });
}

#[test]
fn a_new_course_stays_a_draft_of_its_owner_until_published() {
    common::run(async {
        let (_dir, store) = fresh_store().await;
        let actor = admin(&store, "course-admin").await;
        let id = access::create_course(&store, &actor, "weixin-xiaodian")
            .await
            .expect("created");
        assert!(
            store.course(&id).await.expect("query").is_none(),
            "learners see nothing yet"
        );
        let again = access::create_course(&store, &actor, "weixin-xiaodian").await;
        assert!(again.is_err(), "one course per id");
        assert!(access::create_course(&store, &actor, "Bad Id")
            .await
            .is_err());
        let page = pages::course(&store, &actor, Locale::En, &id)
            .await
            .expect("its page");
        assert!(
            page.has_draft && page.problems.is_empty(),
            "{:?}",
            page.problems
        );
        assert!(
            page.editors.iter().any(|e| e.is_owner),
            "the starter owns it"
        );
        assert_eq!(
            publish::publish(&store, &actor, &id, "")
                .await
                .expect("published"),
            1
        );
        let course = store
            .course(&id)
            .await
            .expect("query")
            .expect("a live course");
        assert_eq!(course.lesson_count, 1);
    });
}

#[test]
fn a_course_written_in_the_browser_may_link_to_another_courses_lessons() {
    common::run(async {
        let (_dir, store) = fresh_store().await;
        import_content_dir(&store, &common::content_dir())
            .await
            .expect("import");
        let actor = admin(&store, "link-admin").await;
        let id = access::create_course(&store, &actor, "lianjie-kecheng")
            .await
            .expect("created");
        let path = format!("01-{id}/01-{id}-1.md");
        let template = pages::editor_page(&store, &actor, Locale::En, &id, &path, None)
            .await
            .expect("editor")
            .source;
        let links =
            format!("看[装应用](lesson:{LESSON_ID})和[没有的课](lesson:no-such-lesson)。\n\n");
        let at = template.find("## ").expect("a section");
        let linked = format!("{}{links}{}", &template[..at], &template[at..]);
        let editor = pages::editor_page(&store, &actor, Locale::En, &id, &path, Some(&linked))
            .await
            .expect("preview");
        let messages: Vec<&str> = editor.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            vec!["link to `lesson:no-such-lesson`, but no lesson has that id"],
            "the other course's lesson is known, a missing one is not"
        );
        assert!(editor
            .preview_html
            .contains(&format!("href=\"/lessons/{LESSON_ID}\"")));
        let mended = linked.replace("和[没有的课](lesson:no-such-lesson)", "");
        let draft = publish::DraftText {
            path: &path,
            source: &mended,
            base: Some(&editor.base_hash),
        };
        publish::save_draft(&store, &actor, &id, draft)
            .await
            .expect("draft");
        assert_eq!(
            publish::publish(&store, &actor, &id, "")
                .await
                .expect("a link to another course's lesson passes the checks"),
            1
        );
    });
}
