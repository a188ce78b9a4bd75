//! Writing courses in the browser, over HTTP on the real course: a trainer's draft is previewed
//! with the learners' pipeline and checked by line, published as a version learners then get
//! (lesson ids, and so progress, unchanged), refused while broken, and rolled back; other
//! trainers are refused; pictures are checked, shrunk and shown. (Versions without HTTP:
//! `course_versions.rs`.)

mod common;
mod learn;
mod upload;
mod world;

use common::TestServer;
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
        let question = broken.lines().nth(quiz_line - 1).expect("line");
        assert!(
            editor
                .body
                .contains(&format!("<pre class=\"excerpt\">{question}</pre>")),
            "the line is shown beside its problem"
        );
        // The checker speaks the trainer's language: Chinese unless English was chosen.
        let prompt = question.trim_start_matches("? ");
        let chinese = format!("题目“{prompt}”标了 0 个对的答案");
        assert!(editor.body.contains(&chinese), "{chinese}");
        let in_english = format!("{trainer}; lang=en");
        let english = server
            .send("GET", &saved.location, Some(&in_english), &[])
            .await;
        let english_message = format!("question “{prompt}” marks 0 choices right");
        assert!(english.body.contains(&english_message), "{english_message}");
        assert!(!english.body.contains(&chinese));
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
        upload::add_a_picture(server, &trainer).await;
        two_save_the_same_file(server, &w, &trainer).await;
    });
}

/// Two people edit the same lesson: the later save does not overwrite the earlier one; it is
/// kept beside it and the editor says so.
async fn two_save_the_same_file(server: &TestServer, w: &world::World, trainer: &str) {
    let admin = server.session(&w.admin, PASSWORD).await;
    let page = format!("/author/{COURSE}/edit?path={LESSON_FILE}");
    let opened = server.send("GET", &page, Some(trainer), &[]).await;
    let base = opened
        .body
        .split("name=\"base\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the editor sends its base")
        .to_string();
    let theirs = original().replacen("开网店", "管理员改的：开网店", 1);
    let save = |cookie: String, text: String| {
        let base = base.clone();
        async move {
            let form = [("path", LESSON_FILE), ("source", &text), ("base", &base)];
            let path = format!("/author/{COURSE}/draft");
            server.send("POST", &path, Some(&cookie), &form).await
        }
    };
    let saved = save(admin, theirs.clone()).await;
    assert_eq!((saved.status, saved.flash()), (303, None), "{saved:?}");
    let mine = original().replacen("开网店", "老师改的：开网店", 1);
    let late = save(trainer.to_string(), mine.clone()).await;
    assert!(server.follow(&late, Some(trainer)).await.contains("另存为"));
    let drafts = server.store.draft_files(COURSE).await.expect("drafts");
    let text_of = |p: &str| {
        drafts
            .iter()
            .find(|d| d.path == p)
            .and_then(|d| d.bytes.clone())
    };
    assert_eq!(
        text_of(LESSON_FILE),
        Some(theirs.into_bytes()),
        "the earlier save stays"
    );
    let beside = drafts
        .iter()
        .find(|d| d.path.contains("_conflict-"))
        .expect("kept beside");
    assert_eq!(
        beside.bytes.as_deref(),
        Some(mine.as_bytes()),
        "the later one is not lost"
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

fn edited_source() -> String {
    original().replacen("开网店，收钱", &format!("{MARKER}：开网店，收钱"), 1)
}
