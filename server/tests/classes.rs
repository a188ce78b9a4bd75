//! A trainer's class over HTTP: the progress table (sorted by link, downloaded as CSV and XLSX),
//! in-person sessions recorded with who came (one record per day, members only), and the
//! trainer of another class refused, with the refusal audited.

mod common;
mod learn;
mod world;

use common::TestServer;
use world::PASSWORD;

fn today() -> String {
    app::dates::beijing_day(server::store::now())
}

async fn attended(server: &TestServer, class: i64, learner: i64) -> i64 {
    let rows = server.store.class_progress(class).await.expect("progress");
    let row = rows
        .iter()
        .find(|r| r.user_id == learner)
        .expect("a member");
    row.sessions_attended
}

#[test]
fn the_progress_table_shows_who_is_behind_and_downloads() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "cp").await;
        let learner = server.session(&world.a.learner, PASSWORD).await;
        let lessons = learn::lessons(server).await;
        learn::complete(server, &learner, &lessons[0], "cp-done-1").await;
        let trainer = server.session(&world.a.trainer, PASSWORD).await;
        let page_path = format!("/classes/{}?sort=done", world.a.class);
        let page = server.send("GET", &page_path, Some(&trainer), &[]).await;
        assert_eq!(page.status, 200);
        let total = lessons.len();
        assert!(page.body.contains(&format!("1 / {total}")), "{}", page.body);
        let first_title = server
            .store
            .lesson(&lessons[0])
            .await
            .expect("query")
            .expect("lesson")
            .0
            .title;
        assert!(page.body.contains(&first_title), "the lesson they are on");
        assert!(page.body.contains(r#"aria-sort="ascending""#));
        let done_at = page.body.find("0 / ").expect("the victim, nothing done");
        let one_at = page
            .body
            .find(&format!("1 / {total}"))
            .expect("the learner");
        assert!(done_at < one_at, "sorted by lessons done, fewest first");

        let csv_path = format!("/classes/{}/progress.csv", world.a.class);
        let csv = server.send("GET", &csv_path, Some(&trainer), &[]).await;
        assert_eq!(csv.status, 200);
        assert!(
            csv.body.starts_with('\u{feff}'),
            "a byte order mark for Excel"
        );
        assert!(csv.body.contains("学完课数") && csv.body.contains(&format!("1 / {total}")));
        assert!(csv.body.contains(&world.a.learner));
        let xlsx = server
            .client()
            .get(format!(
                "{}/classes/{}/progress.xlsx",
                server.base, world.a.class
            ))
            .header("cookie", &trainer)
            .send()
            .await
            .expect("xlsx");
        assert_eq!(xlsx.status().as_u16(), 200);
        let bytes = xlsx.bytes().await.expect("bytes");
        assert!(bytes.starts_with(b"PK"), "a zip (XLSX) file");
    });
}

#[test]
fn attendance_is_one_record_per_day_of_members_only() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "ca").await;
        let trainer = server.session(&world.a.trainer, PASSWORD).await;
        let path = format!("/classes/{}/attendance", world.a.class);
        let (a, b) = (
            world.a.learner_id.to_string(),
            world.b.learner_id.to_string(),
        );
        let day = today();
        let form = [("held_on", day.as_str()), ("present", &a), ("present", &b)];
        let saved = server.send("POST", &path, Some(&trainer), &form).await;
        assert_eq!(
            saved.location,
            format!("/classes/{}#sessions", world.a.class)
        );
        assert_eq!(attended(server, world.a.class, world.a.learner_id).await, 1);
        let sessions = server
            .store
            .class_sessions(world.a.class)
            .await
            .expect("sessions");
        assert_eq!(sessions.len(), 1);
        assert_eq!(
            sessions[0].present, 1,
            "another class's learner is not counted"
        );

        let again = [("held_on", day.as_str())];
        server.send("POST", &path, Some(&trainer), &again).await;
        let sessions = server
            .store
            .class_sessions(world.a.class)
            .await
            .expect("sessions");
        assert_eq!(
            (sessions.len(), sessions[0].present),
            (1, 0),
            "the same day replaced"
        );
        assert_eq!(attended(server, world.a.class, world.a.learner_id).await, 0);

        let future = app::dates::beijing_day(server::store::now() + 3 * 86_400);
        let refused = [("held_on", future.as_str()), ("present", &a)];
        let reply = server.send("POST", &path, Some(&trainer), &refused).await;
        let shown = server.follow(&reply, Some(&trainer)).await;
        assert!(shown.contains("不能是将来的日子"), "{shown}");
        let sessions = server
            .store
            .class_sessions(world.a.class)
            .await
            .expect("sessions");
        assert_eq!(sessions.len(), 1, "nothing stored for a refused day");
        let garbled = [("held_on", day.as_str()), ("present", "7 OR 1=1")];
        let reply = server.send("POST", &path, Some(&trainer), &garbled).await;
        assert!(server
            .follow(&reply, Some(&trainer))
            .await
            .contains("签到名单无法识别"));
    });
}

#[test]
fn another_trainer_reaches_neither_the_sessions_nor_the_files() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "cx").await;
        let other = server.session(&world.b.trainer, PASSWORD).await;
        let path = format!("/classes/{}/attendance", world.a.class);
        let id = world.a.learner_id.to_string();
        let day = today();
        let form = [("held_on", day.as_str()), ("present", id.as_str())];
        server.send("POST", &path, Some(&other), &form).await;
        let sessions = server
            .store
            .class_sessions(world.a.class)
            .await
            .expect("sessions");
        assert!(
            sessions.is_empty(),
            "nothing recorded by another class's trainer"
        );
        let csv_path = format!("/classes/{}/progress.csv", world.a.class);
        let csv = server.send("GET", &csv_path, Some(&other), &[]).await;
        assert_ne!(csv.status, 200);
        assert!(!csv.body.contains(&world.a.learner));
        let log = server
            .store
            .audit_entries(None, None, 500)
            .await
            .expect("audit");
        let target = format!("classes.export: class {}", world.a.class);
        assert!(log
            .iter()
            .any(|e| e.action == "denied" && e.target == target));
    });
}

#[test]
fn a_trainer_adds_learners_of_their_area_only_and_plans_a_class() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "ce").await;
        let trainer = server.session(&world.a.trainer, PASSWORD).await;
        let form = [
            ("name", "春季电商班"),
            ("region_id", &world.a.township.to_string()),
            ("course_id", learn::COURSE),
            ("starts_on", "2026-03-01"),
            ("ends_on", "2026-03-20"),
        ];
        let made = server.send("POST", "/classes", Some(&trainer), &form).await;
        assert!(made.location.starts_with("/classes/"), "{made:?}");
        let page = server
            .send("GET", &made.location, Some(&trainer), &[])
            .await;
        assert!(
            page.body.contains("2026-03-01 – 2026-03-20"),
            "{}",
            page.body
        );
        let class: i64 = made
            .location
            .trim_start_matches("/classes/")
            .parse()
            .expect("id");

        let enrol = format!("/classes/{class}/members");
        let added = server
            .send(
                "POST",
                &enrol,
                Some(&trainer),
                &[("login", &world.a.learner)],
            )
            .await;
        assert_eq!(added.location, format!("/classes/{class}#progress"));
        let members = server.store.class_progress(class).await.expect("progress");
        assert_eq!(members.len(), 1);
        let refused = [("login", world.b.learner.as_str())];
        let reply = server.send("POST", &enrol, Some(&trainer), &refused).await;
        let shown = server.follow(&reply, Some(&trainer)).await;
        assert!(
            shown.contains("本区域没有"),
            "another county's learner: {shown}"
        );
        let staff = [("login", world.a.office.as_str())];
        let reply = server.send("POST", &enrol, Some(&trainer), &staff).await;
        assert!(server
            .follow(&reply, Some(&trainer))
            .await
            .contains("本区域没有"));
        assert_eq!(
            server.store.class_progress(class).await.expect("p").len(),
            1
        );

        let backwards = [
            ("name", "倒过来的班"),
            ("region_id", &world.a.township.to_string()),
            ("starts_on", "2026-03-20"),
            ("ends_on", "2026-03-01"),
        ];
        let reply = server
            .send("POST", "/classes", Some(&trainer), &backwards)
            .await;
        assert!(server
            .follow(&reply, Some(&trainer))
            .await
            .contains("结业日期不能早于开班日期"));
        let unknown = [
            ("name", "没有课程的班"),
            ("region_id", &world.a.township.to_string()),
            ("course_id", "no-such-course"),
        ];
        let reply = server
            .send("POST", "/classes", Some(&trainer), &unknown)
            .await;
        assert!(server
            .follow(&reply, Some(&trainer))
            .await
            .contains("所选课程不存在"));
        let (trainer_row, _) = server
            .store
            .user_for_sign_in(&world.a.trainer)
            .await
            .expect("query")
            .expect("trainer");
        let classes = server.store.classes_of_trainer(trainer_row.id).await;
        assert_eq!(
            classes.expect("classes").len(),
            2,
            "the refused classes were not made"
        );
    });
}

#[test]
fn a_fellow_trainer_added_to_a_class_runs_it_too() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "ct").await;
        let second = "ct-second-trainer";
        world::account(server, second, "trainer", Some(world.a.county)).await;
        let colleague = server.session(second, PASSWORD).await;
        let page = format!("/classes/{}", world.a.class);
        let before = server.send("GET", &page, Some(&colleague), &[]).await;
        assert_ne!(before.status, 200, "not theirs yet");

        let trainer = server.session(&world.a.trainer, PASSWORD).await;
        let path = format!("/classes/{}/trainers", world.a.class);
        for outsider in [
            world.b.trainer.as_str(),
            world.a.learner.as_str(),
            "nobody-here",
        ] {
            let reply = server
                .send("POST", &path, Some(&trainer), &[("login", outsider)])
                .await;
            let shown = server.follow(&reply, Some(&trainer)).await;
            assert!(
                shown.contains("没有找到负责这个地方的培训老师"),
                "{outsider}: {shown}"
            );
        }
        let added = server
            .send("POST", &path, Some(&trainer), &[("login", second)])
            .await;
        assert_eq!(added.location, page);
        let shown = server.send("GET", &page, Some(&trainer), &[]).await;
        assert!(shown.body.contains(second), "listed among the trainers");

        let theirs = server.send("GET", &page, Some(&colleague), &[]).await;
        assert_eq!(theirs.status, 200);
        let list = server.send("GET", "/classes", Some(&colleague), &[]).await;
        assert!(list.body.contains(&format!("/classes/{}", world.a.class)));
        let day = today();
        let id = world.a.learner_id.to_string();
        let form = [("held_on", day.as_str()), ("present", id.as_str())];
        let attendance = format!("/classes/{}/attendance", world.a.class);
        server
            .send("POST", &attendance, Some(&colleague), &form)
            .await;
        assert_eq!(attended(server, world.a.class, world.a.learner_id).await, 1);
        let (row, _) = server
            .store
            .user_for_sign_in(second)
            .await
            .expect("query")
            .expect("colleague");
        let theirs = server
            .store
            .is_learner_of_trainer(world.a.learner_id, row.id)
            .await;
        assert!(
            theirs.expect("query"),
            "the class's learners are theirs too"
        );
    });
}

#[test]
fn bulk_enrolment_from_the_register_takes_in_members_who_already_have_accounts() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "cb").await;
        let trainer = server.session(&world.a.trainer, PASSWORD).await;
        let township = world.a.township.to_string();
        let form = [("name", "秋季班"), ("region_id", township.as_str())];
        let made = server.send("POST", "/classes", Some(&trainer), &form).await;
        let class: i64 = made
            .location
            .trim_start_matches("/classes/")
            .parse()
            .expect("id");
        let class_text = class.to_string();
        let bulk = [
            ("households", world.a.household_number.as_str()),
            ("class_id", class_text.as_str()),
        ];
        let sheet = server
            .send("POST", "/accounts/bulk", Some(&trainer), &bulk)
            .await;
        assert!(sheet.location.starts_with("/sheets/"), "{sheet:?}");
        let members = server.store.class_progress(class).await.expect("progress");
        let ids: Vec<i64> = members.iter().map(|m| m.user_id).collect();
        assert_eq!(
            members.len(),
            2,
            "the new account and the one that existed: {ids:?}"
        );
        assert!(
            ids.contains(&world.a.learner_id),
            "the household's existing learner joined"
        );
    });
}
