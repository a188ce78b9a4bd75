//! Several servers against one database behave as one product: they start together without
//! racing over the content import or the key files, serve the same pages, share sessions and
//! sign-in throttling, and read each other's sealed personal data. One pair of servers serves
//! every test (see `common::shared`).

mod common;
mod learn;
mod world;

use common::TestServer;
use tokio::sync::OnceCell;
use world::PASSWORD;

async fn pair() -> &'static (TestServer, TestServer) {
    static PAIR: OnceCell<(TestServer, TestServer)> = OnceCell::const_new();
    PAIR.get_or_init(common::start_pair).await
}

#[test]
fn two_servers_start_together_and_serve_the_same_content() {
    common::run(async {
        let (a, b) = pair().await;
        for server in [a, b] {
            let (status, html) = server.get("/courses/nongcun-dianshang").await;
            assert_eq!(status, 200);
            assert!(html.contains("创业与带动"));
        }
        let (_, from_a) = a.get("/lessons/wuliu-baozhuang").await;
        let (_, from_b) = b.get("/lessons/wuliu-baozhuang").await;
        let article = |html: &str| {
            let start = html.find("<article").expect("article");
            let end = html.find("</article>").expect("article end");
            html[start..end].to_string()
        };
        assert_eq!(article(&from_a), article(&from_b));
        let (_, graded) = b
            .get("/lessons/wuliu-baozhuang?kind=lesson&target=wuliu-baozhuang&check=1&q0=0&q1=0&q2=0&q3=0")
            .await;
        assert!(graded.contains(r#"class="score""#));
    });
}

#[test]
fn a_session_opened_on_one_server_works_and_ends_on_the_other() {
    common::run(async {
        let (a, b) = pair().await;
        let world = world::build(a, "s").await;
        let cookie = a.session(&world.a.office, PASSWORD).await;
        let on_b = b.send("GET", "/households", Some(&cookie), &[]).await;
        assert_eq!(on_b.status, 200, "server B knows server A's session");
        b.send("POST", "/auth/sign-out", Some(&cookie), &[]).await;
        let on_a = a.send("GET", "/households", Some(&cookie), &[]).await;
        assert_eq!(on_a.status, 401, "signing out on B ends the session on A");
    });
}

#[test]
fn failed_sign_ins_on_both_servers_count_together() {
    common::run(async {
        let (a, b) = pair().await;
        let world = world::build(a, "f").await;
        let login = world.a.learner.as_str();
        for attempt in 0..5 {
            let server = if attempt % 2 == 0 { a } else { b };
            let reply = server
                .send(
                    "POST",
                    "/auth/sign-in",
                    None,
                    &[("login", login), ("password", "wrong")],
                )
                .await;
            assert_eq!(reply.location, "/sign-in");
            assert!(reply.flash().is_some(), "{reply:?}");
        }
        for server in [a, b] {
            let reply = server
                .send(
                    "POST",
                    "/auth/sign-in",
                    None,
                    &[("login", login), ("password", PASSWORD)],
                )
                .await;
            assert_eq!(reply.location, "/sign-in");
            let page = server.follow(&reply, None).await;
            assert!(
                page.contains("试错次数太多"),
                "five failures across both servers lock both"
            );
        }
    });
}

#[test]
fn both_servers_share_one_data_key() {
    common::run(async {
        let (a, b) = pair().await;
        let world = world::build(a, "k").await;
        for server in [a, b] {
            let cookie = server.session(&world.a.office, PASSWORD).await;
            let path = format!("/members/{}/id-number", world.a.member);
            let reply = server.send("GET", &path, Some(&cookie), &[]).await;
            assert!(
                reply.body.contains(&world.a.id_number),
                "each server opens what the other sealed"
            );
        }
    });
}

#[test]
fn completing_a_course_on_two_servers_at_once_issues_one_certificate() {
    common::run(async {
        let (a, b) = pair().await;
        let world = world::build(a, "q").await;
        let cookie = a.session(&world.a.learner, PASSWORD).await;
        let lessons = learn::lessons(a).await;
        let (last, rest) = lessons.split_last().expect("lessons");
        for (i, lesson) in rest.iter().enumerate() {
            learn::complete(a, &cookie, lesson, &format!("q-done-{i:04}")).await;
        }
        learn::pass_every_test(b, &cookie, "q").await;
        let (on_a, on_b) = tokio::join!(
            learn::complete(a, &cookie, last, "q-last-on-a"),
            learn::complete(b, &cookie, last, "q-last-on-b"),
        );
        assert!(on_a.starts_with("/certificates/"), "{on_a}");
        assert_eq!(on_a, on_b, "both servers name the same certificate");
        let issued = a
            .store
            .certificates_of(world.a.learner_id)
            .await
            .expect("certificates");
        let real: Vec<_> = issued
            .iter()
            .filter(|c| c.course_version != "test")
            .collect();
        assert_eq!(real.len(), 1, "exactly one certificate");
    });
}
