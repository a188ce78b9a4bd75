//! Learning over HTTP: progress counted once per event id under retries and concurrency, the
//! completion rule, the certificate issued once, and its verification (valid, tampered, revoked).

mod common;
mod learn;
mod world;

use learn::{complete, lessons, pass_every_test};
use world::PASSWORD;

#[test]
fn reading_a_lesson_again_writes_nothing() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "o").await;
        let cookie = server.session(&world.a.learner, PASSWORD).await;
        let lesson = lessons(server).await.remove(1);
        let user = world.a.learner_id;
        for _ in 0..3 {
            let page = server
                .send("GET", &format!("/lessons/{lesson}"), Some(&cookie), &[])
                .await;
            assert_eq!(page.status, 200);
        }
        assert_eq!(server.rows_of("progress_events", user).await, 0);
        assert_eq!(
            server.rows_of("lesson_progress", user).await,
            1,
            "the first opening is recorded once"
        );
        let state = server
            .store
            .lesson_state(user, &lesson)
            .await
            .expect("state")
            .expect("opened");
        assert_eq!(state.completed_at, None);
        complete(server, &cookie, &lesson, "done-event-0001").await;
        let state = server
            .store
            .lesson_state(user, &lesson)
            .await
            .expect("state");
        assert!(state.is_some_and(|s| s.completed_at.is_some()));
        assert_eq!(server.rows_of("lesson_progress", user).await, 1);
    });
}

#[test]
fn a_retried_or_concurrent_progress_event_counts_once() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "p").await;
        let cookie = server.session(&world.a.learner, PASSWORD).await;
        let lesson = lessons(server).await.remove(0);
        let mut sends = tokio::task::JoinSet::new();
        for _ in 0..6 {
            let (cookie, lesson) = (cookie.clone(), lesson.clone());
            sends.spawn(async move { complete(server, &cookie, &lesson, "same-event-0001").await });
        }
        let replies = sends.join_all().await;
        assert!(replies.iter().all(|r| r.ends_with("#done")), "{replies:?}");
        let rows = sqlx::query("SELECT COUNT(*) AS n FROM progress_events WHERE user_id = $1 AND event_id = 'same-event-0001'")
            .bind(world.a.learner_id)
            .fetch_one(server.store.pool())
            .await
            .expect("count");
        assert_eq!(sqlx::Row::try_get::<i64, _>(&rows, "n").expect("n"), 1);
        let page = server
            .send("GET", &format!("/lessons/{lesson}"), Some(&cookie), &[])
            .await;
        assert!(page.body.contains("这一课已学完"));
        let done = server
            .store
            .completed_lessons(world.a.learner_id)
            .await
            .expect("progress");
        assert_eq!(done.len(), 1);
        let home = server.send("GET", "/me", Some(&cookie), &[]).await;
        assert_eq!(home.status, 200);
        assert!(home.body.contains("继续学习"), "home offers to continue");
    });
}

#[test]
fn the_certificate_comes_with_the_last_step_once_and_verifies() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "c").await;
        let cookie = server.session(&world.a.learner, PASSWORD).await;
        let all = lessons(server).await;
        for (i, lesson) in all.iter().enumerate() {
            let target = complete(server, &cookie, lesson, &format!("c-done-{i:04}")).await;
            assert!(
                target.ends_with("#done"),
                "no certificate before the module tests: {target}"
            );
        }
        pass_every_test(server, &cookie, "c").await;
        let certificates = server
            .store
            .certificates_of(world.a.learner_id)
            .await
            .expect("certs");
        let issued: Vec<_> = certificates
            .iter()
            .filter(|c| c.course_version != "test")
            .collect();
        assert_eq!(
            issued.len(),
            1,
            "passing the last test issued the certificate"
        );
        let again = complete(server, &cookie, &all[0], "c-done-again").await;
        assert_eq!(
            again,
            format!("/certificates/{}", issued[0].code),
            "later steps find the same one"
        );
        assert_eq!(
            server
                .store
                .certificates_of(world.a.learner_id)
                .await
                .expect("certs")
                .len(),
            2
        );

        let page = server.send("GET", &again, Some(&cookie), &[]).await;
        assert!(page.body.contains("<svg") && page.body.contains(&world.a.learner));
        let verify = page
            .body
            .split("/verify/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("verify link");
        let verify = format!("/verify/{}", verify.replace("&amp;", "&"));
        let checked = server.send("GET", &verify, None, &[]).await;
        assert!(
            checked.body.contains("ca县"),
            "issued by the learner's county"
        );
        assert!(
            checked.body.contains("有效") && checked.body.contains("签名正确"),
            "{}",
            checked.body
        );
        let tampered = verify.replacen("?p=", "?p=e30", 1);
        let checked = server.send("GET", &tampered, None, &[]).await;
        assert!(
            checked.body.contains("签名不对"),
            "a changed payload fails the signature"
        );

        let office = server.session(&world.a.office, PASSWORD).await;
        let revoke = format!("/certificates/{}/revoke", issued[0].code);
        server
            .send("POST", &revoke, Some(&office), &[("reason", "冒名顶替")])
            .await;
        let checked = server.send("GET", &verify, None, &[]).await;
        assert!(checked.body.contains("已撤销"));
        // The reason may name a person: the public page says revoked, not why.
        assert!(!checked.body.contains("冒名顶替"));
        let log = server
            .store
            .audit_entries(None, None, 200)
            .await
            .expect("audit");
        assert!(log
            .iter()
            .any(|e| e.action == "certificate_revoked" && e.detail == "冒名顶替"));

        let badge = server
            .send(
                "GET",
                &format!("/certificates/{}/badge.json", issued[0].code),
                Some(&cookie),
                &[],
            )
            .await;
        let badge: serde_json::Value = serde_json::from_str(&badge.body).expect("badge json");
        assert_eq!(badge["type"][1], "OpenBadgeCredential");
        let key = server
            .send(
                "GET",
                "/.well-known/nongdian-certificate-key.json",
                None,
                &[],
            )
            .await;
        let key: serde_json::Value = serde_json::from_str(&key.body).expect("key json");
        assert_eq!(key["alg"], "Ed25519");
        let payload: serde_json::Value =
            serde_json::from_str(&issued[0].payload).expect("payload json");
        assert_eq!(payload["kid"], key["kid"], "the payload names its key");
        assert!(key["revocation"]
            .as_str()
            .is_some_and(|t| t.contains("online")));
    });
}

#[test]
fn a_posted_answer_sheet_is_stored_once_and_shown_after_the_redirect() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "z").await;
        let cookie = server.session(&world.a.learner, PASSWORD).await;
        let form = [
            ("kind", "lesson"),
            ("target", "shouji-anzhuang-app"),
            ("check", "posted-sheet-01"),
            ("q0", "0"),
        ];
        let first = server.send("POST", "/quiz", Some(&cookie), &form).await;
        let again = server.send("POST", "/quiz", Some(&cookie), &form).await;
        assert_eq!(first.location, again.location);
        assert!(first
            .location
            .starts_with("/lessons/shouji-anzhuang-app?kind=lesson&target=shouji-anzhuang-app&check=posted-sheet-01&q0=0"));
        let page = server
            .send("GET", &first.location, Some(&cookie), &[])
            .await;
        assert!(
            page.body.contains(r#"class="score""#),
            "the page shows the verdict"
        );
        let attempts = server
            .store
            .attempt_summaries(world.a.learner_id)
            .await
            .expect("attempts");
        assert_eq!(attempts.len(), 1);
        assert_eq!(
            attempts[0].attempts, 1,
            "posting twice and rendering the page store one attempt"
        );
    });
}

#[test]
fn a_module_test_is_drawn_per_learner_graded_once_and_keeps_its_keys_until_then() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "h").await;
        let cookie = server.session(&world.a.learner, PASSWORD).await;
        let page = |cookie: String| async move {
            server
                .send("GET", "/modules/wuliu/test", Some(&cookie), &[])
                .await
        };
        let first = page(cookie.clone()).await;
        assert_eq!(first.status, 200);
        let (draw, questions) = learn::test_page(&first.body);
        assert_eq!(questions.len(), 10, "test_questions: 10");
        let (other, other_questions) = learn::test_page(&page(cookie.clone()).await.body);
        assert_ne!(draw, other, "every test page is a new draw");
        assert_ne!(
            questions, other_questions,
            "drawn from the pool, choices shuffled"
        );

        // Reviewing a draw not handed in grades nothing: no right answers leak.
        let review = format!("/modules/wuliu/test?kind=module&target=wuliu&check={draw}&q0=0");
        let peek = server.send("GET", &review, Some(&cookie), &[]).await;
        assert!(peek.body.contains("这份测试还没有交"), "{}", peek.body);
        assert!(!peek.body.contains("正确答案"));

        // Handed in blank: stored once, failed, and only now the right answers show.
        let blank: Vec<serde_json::Value> = vec![serde_json::Value::Null; 10];
        let verdict = learn::submit_test(server, &cookie, "wuliu", &blank, &draw).await;
        assert_eq!(verdict["pass"]["passed"], serde_json::json!(false));
        assert!(verdict["questions"][0]["correct_choice"].is_number());
        let key = learn::answer_key();
        let right: Vec<serde_json::Value> = questions
            .iter()
            .map(|(prompt, choices)| {
                serde_json::json!(choices
                    .iter()
                    .position(|c| c == &key[prompt])
                    .expect("shown"))
            })
            .collect();
        let again = learn::submit_test(server, &cookie, "wuliu", &right, &draw).await;
        assert_eq!(
            again["pass"]["passed"],
            serde_json::json!(false),
            "a draw is handed in once: the stored (blank) attempt stands"
        );
        let attempts = server
            .store
            .attempt_summaries(world.a.learner_id)
            .await
            .expect("attempts");
        assert_eq!(attempts.iter().map(|a| a.attempts).sum::<i64>(), 1);

        // After a failed attempt the next test waits.
        let waiting = page(cookie.clone()).await;
        assert_eq!(waiting.status, 400);
        assert!(waiting.body.contains("分钟后再来做"), "{}", waiting.body);
        let office = server.session(&world.a.office, PASSWORD).await;
        let staff = server
            .send("GET", "/modules/wuliu/test", Some(&office), &[])
            .await;
        assert_eq!(staff.status, 403, "staff cannot have tests graded");
    });
}
