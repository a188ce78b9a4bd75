//! Writing courses in the browser, over HTTP on the real course: a trainer's draft is previewed
//! with the learners' pipeline and checked by line, published as a version learners then get
//! (lesson ids, and so progress, unchanged), refused while broken, and rolled back; other
//! trainers are refused. And `content/` re-imported over browser edits without undoing them.

mod common;
mod learn;
mod world;

use app::backend::{Actor, User};
use app::codes::Role;
use common::TestServer;
use server::services::authoring::files::import_content_dir;
use server::services::authoring::zip;
use server::store::Store;
use world::{COURSE, PASSWORD};

const LESSON_FILE: &str = "01-shouji-jichu/01-anzhuang-app.md";
const LESSON_ID: &str = "shouji-anzhuang-app";
const MARKER: &str = "新版开头";
/// The file refused trainers try to write (no other test writes it).
const SCOPE_FILE: &str = "01-shouji-jichu/99-scope.md";

fn original() -> String {
    let path = common::content_dir()
        .join("nongcun-dianshang")
        .join(LESSON_FILE);
    std::fs::read_to_string(path).expect("lesson file")
}

async fn count(server: &TestServer, sql: &str, bind: &str) -> i64 {
    let row = sqlx::query(sql)
        .bind(bind)
        .fetch_one(server.store.pool())
        .await
        .expect("count");
    sqlx::Row::try_get(&row, 0).expect("n")
}

async fn lesson_page(server: &TestServer) -> String {
    let (status, body) = server.get(&format!("/lessons/{LESSON_ID}")).await;
    assert_eq!(status, 200);
    body
}

async fn draft(server: &TestServer, cookie: &str, file: &str, source: &str) -> common::Reply {
    let path = format!("/author/{COURSE}/draft");
    let form = [("path", file), ("source", source)];
    server.send("POST", &path, Some(cookie), &form).await
}

#[test]
fn a_trainer_drafts_previews_publishes_and_rolls_back_a_lesson() {
    common::run(async {
        let server = common::shared().await;
        let w = world::build(server, "au").await;
        let trainer = server.session(&w.a.trainer, PASSWORD).await;
        let learner = server.session(&w.a.learner, PASSWORD).await;
        learn::complete(server, &learner, LESSON_ID, "au-before-edit").await;
        let progress_sql = "SELECT COUNT(*) FROM lesson_progress WHERE lesson_id = $1";
        let done_before = count(server, progress_sql, LESSON_ID).await;
        assert!(done_before >= 1);

        let edited = edited_source();
        assert_ne!(edited, original(), "the marker went in");
        let saved = draft(server, &trainer, LESSON_FILE, &edited).await;
        assert_eq!(saved.status, 303, "{saved:?}");
        assert!(saved
            .location
            .starts_with(&format!("/author/{COURSE}/edit?path=")));
        let editor = server
            .send("GET", &saved.location, Some(&trainer), &[])
            .await;
        assert_eq!(editor.status, 200);
        let preview = editor.body.split("id=\"preview\"").nth(1).expect("preview");
        assert!(preview.contains(MARKER), "the preview shows the draft");
        assert!(
            !lesson_page(server).await.contains(MARKER),
            "learners see the published version"
        );
        let course_page = format!("/author/{COURSE}");
        let page = server.send("GET", &course_page, Some(&trainer), &[]).await;
        assert!(
            page.body.contains("已修改，未发布"),
            "the draft's file is marked"
        );

        let publish = format!("/author/{COURSE}/publish");
        let reply = server
            .send("POST", &publish, Some(&trainer), &[("note", "改开头")])
            .await;
        assert_eq!((reply.status, reply.flash()), (303, None), "{reply:?}");
        assert!(
            lesson_page(server).await.contains(MARKER),
            "published for learners"
        );
        assert_eq!(
            count(server, progress_sql, LESSON_ID).await,
            done_before,
            "progress kept"
        );
        let versions = server
            .store
            .course_versions(COURSE)
            .await
            .expect("versions");
        let published = versions.first().expect("a version");
        assert_eq!(
            (published.number, published.origin.as_str()),
            (2, "browser")
        );
        assert_eq!(published.note, "改开头");
        let audited = "SELECT COUNT(*) FROM audit_log WHERE action = $1";
        assert_eq!(count(server, audited, "published_course").await, 1);

        // A broken quiz: the editor names the line; publishing is refused and nothing changes.
        let broken = edited.replacen("- [x] 不点链接", "- [ ] 不点链接", 1);
        draft(server, &trainer, LESSON_FILE, &broken).await;
        let editor = server
            .send("GET", &saved.location, Some(&trainer), &[])
            .await;
        let quiz_line = broken
            .lines()
            .position(|l| l.starts_with("? 刘婶"))
            .expect("quiz")
            + 1;
        assert!(
            editor.body.contains(&format!("data-line=\"{quiz_line}\"")),
            "the problem names the question's line {quiz_line}"
        );
        let refused = server.send("POST", &publish, Some(&trainer), &[]).await;
        let shown = server.follow(&refused, Some(&trainer)).await;
        assert!(shown.contains("处问题，改好后才能发布"), "{shown}");
        let after = server
            .store
            .course_versions(COURSE)
            .await
            .expect("versions");
        assert_eq!(after.len(), 2, "no version from a broken draft");
        let rollback = format!("/author/{COURSE}/versions/1/rollback");
        let blocked = server.send("POST", &rollback, Some(&trainer), &[]).await;
        assert!(server
            .follow(&blocked, Some(&trainer))
            .await
            .contains("先发布或放弃草稿"));

        let discard = format!("/author/{COURSE}/discard");
        assert_eq!(
            server
                .send("POST", &discard, Some(&trainer), &[])
                .await
                .status,
            303
        );
        let back = server.send("POST", &rollback, Some(&trainer), &[]).await;
        assert_eq!((back.status, back.flash()), (303, None), "{back:?}");
        assert!(!lesson_page(server).await.contains(MARKER), "rolled back");
        let versions = server
            .store
            .course_versions(COURSE)
            .await
            .expect("versions");
        assert_eq!(
            (versions[0].number, versions[0].origin.as_str()),
            (3, "rollback")
        );
        assert_eq!(count(server, audited, "rolled_back_course").await, 1);
        assert_eq!(count(server, progress_sql, LESSON_ID).await, done_before);
        add_a_picture(server, &trainer).await;
    });
}

/// A multipart picture upload into lesson 1.
async fn upload(
    server: &TestServer,
    cookie: &str,
    alt: &str,
    name: &str,
    bytes: Vec<u8>,
) -> common::Reply {
    let form = reqwest::multipart::Form::new()
        .text("path", LESSON_FILE)
        .text("alt", alt.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    let response = server
        .client()
        .post(format!("{}/author/{COURSE}/pictures", server.base))
        .header("origin", &server.base)
        .header("cookie", cookie)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    common::reply_of_response(response).await
}

/// A photo-sized PNG (2400×1600, with a text chunk naming a place).
fn photo() -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(2400, 1600, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x * y) % 239) as u8])
    });
    let mut png = Vec::new();
    image::DynamicImage::from(pixels)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    png
}

async fn add_a_picture(server: &TestServer, trainer: &str) {
    let svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec();
    let spoofed = upload(server, trainer, "图", "photo.png", svg).await;
    assert!(server
        .follow(&spoofed, Some(trainer))
        .await
        .contains("这个文件不是图片"));
    let no_alt = upload(server, trainer, " ", "photo.png", photo()).await;
    assert!(server
        .follow(&no_alt, Some(trainer))
        .await
        .contains("请写一句话说明图片上是什么"));
    let added = upload(server, trainer, "村里的快递点", "photo.png", photo()).await;
    assert_eq!((added.status, added.flash()), (303, None), "{added:?}");
    let editor = server
        .send("GET", &added.location, Some(trainer), &[])
        .await;
    let preview = editor.body.split("id=\"preview\"").nth(1).expect("preview");
    let src = preview
        .split("<img src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the picture is in the preview");
    assert!(
        src.starts_with("/media/h/") && src.ends_with(".jpg"),
        "{src}"
    );
    assert!(preview.contains("alt=\"村里的快递点\""));
    let response = server
        .client()
        .get(format!("{}{src}", server.base))
        .send()
        .await
        .expect("get");
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    let jpeg = response.bytes().await.expect("bytes");
    assert!(jpeg.len() <= 100_000, "{} bytes", jpeg.len());
    let shrunk = image::load_from_memory(&jpeg).expect("a picture");
    assert_eq!((shrunk.width(), shrunk.height()), (1000, 667));
    let drafts = server.store.draft_files(COURSE).await.expect("draft");
    let lesson = drafts
        .iter()
        .find(|d| d.path == LESSON_FILE)
        .expect("lesson in draft");
    let text = String::from_utf8(lesson.bytes.clone().expect("text")).expect("utf-8");
    let (before_quiz, _) = text.split_once("```quiz").expect("quiz");
    assert!(
        before_quiz.contains("![村里的快递点](img/"),
        "before the quiz"
    );
    let discard = format!("/author/{COURSE}/discard");
    server.send("POST", &discard, Some(trainer), &[]).await;
}

#[test]
fn only_granted_trainers_and_admins_may_edit_and_owners_grant() {
    common::run(async {
        let server = common::shared().await;
        let w = world::build(server, "ag").await;
        let other = server.session(&w.b.trainer, PASSWORD).await;
        let office = server.session(&w.a.office, PASSWORD).await;
        let course_page = format!("/author/{COURSE}");
        for cookie in [&other, &office] {
            let page = server.send("GET", &course_page, Some(cookie), &[]).await;
            assert_eq!(page.status, 403, "{}", page.body);
            let reply = draft(server, cookie, SCOPE_FILE, "---\nid: x\n---\n").await;
            assert!(reply.status == 403 || reply.status == 303 && reply.flash().is_none());
        }
        let drafts = "SELECT COUNT(*) FROM course_drafts WHERE path = $1";
        assert_eq!(
            count(server, drafts, SCOPE_FILE).await,
            0,
            "nothing written"
        );
        let denied = "SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND target LIKE $1";
        assert!(
            count(server, denied, "courses.%").await >= 2,
            "refusals audited"
        );

        // Trainer A was granted editing, not ownership: they may not grant it on.
        let granted = server.session(&w.a.trainer, PASSWORD).await;
        let grant = format!("/author/{COURSE}/editors");
        let login = [("login", w.b.trainer.as_str())];
        let reply = server.send("POST", &grant, Some(&granted), &login).await;
        assert_eq!(reply.status, 403);
        let admin = server.session(&w.admin, PASSWORD).await;
        let reply = server.send("POST", &grant, Some(&admin), &login).await;
        assert_eq!((reply.status, reply.flash()), (303, None), "{reply:?}");
        let page = server.send("GET", &course_page, Some(&other), &[]).await;
        assert_eq!(page.status, 200, "trainer B may edit once granted");
        let learner = [("login", w.a.learner.as_str())];
        let reply = server.send("POST", &grant, Some(&admin), &learner).await;
        assert!(server
            .follow(&reply, Some(&admin))
            .await
            .contains("只能授权给培训老师"));
    });
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
