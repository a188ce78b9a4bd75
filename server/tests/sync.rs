//! The sync surface over HTTP, as a learner's phone uses it when its connection returns: each
//! offline completion and quiz answer stored once whatever the retries, duplicates, order or
//! concurrency; quizzes graded on arrival; events keep their own time, corrected for a phone
//! whose clock is wrong; malformed or oversized batches refused whole.

mod common;
mod learn;
mod world;

use serde_json::{json, Value};
use world::PASSWORD;

/// Sends a batch; returns the status and the JSON answer.
async fn sync(server: &common::TestServer, cookie: &str, batch: &Value) -> (u16, Value) {
    let reply = server
        .post_json("/sync/v1/progress", Some(cookie), &batch.to_string())
        .await;
    let body = serde_json::from_str(&reply.body)
        .unwrap_or_else(|_| panic!("{}: {}", reply.status, reply.body));
    (reply.status, body)
}

fn outcomes(receipt: &Value) -> Vec<(String, String)> {
    receipt["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            let field = |name: &str| r[name].as_str().unwrap_or_default().to_string();
            (field("id"), field("outcome"))
        })
        .collect()
}

/// The right answer of each question of a lesson's quiz.
fn right_answers(lesson: &str) -> Vec<usize> {
    let tree = server::content::load(&common::content_dir()).expect("content");
    let lesson = tree.lessons().find(|l| l.id == lesson).expect("lesson");
    lesson.quiz.iter().map(|q| q.correct).collect()
}

fn now() -> i64 {
    server::store::now()
}

#[test]
fn offline_events_are_stored_once_whatever_the_retries_and_order() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "y").await;
        let cookie = server.session(&world.a.learner, PASSWORD).await;
        let user = world.a.learner_id;
        let lessons = learn::lessons(server).await;
        let (first, second) = (&lessons[0], &lessons[1]);
        let key = right_answers(first);
        // The phone's clock is an hour slow; the events happened 10 and 5 minutes ago.
        let phone_now = now() - 3600;
        let events = vec![
            json!({"kind": "completed", "id": "sync-done-0001", "lesson": first, "at": phone_now - 600}),
            json!({"kind": "quiz_answered", "id": "sync-quiz-0001", "lesson": first, "at": phone_now - 590, "answers": key}),
            json!({"kind": "completed", "id": "sync-done-0002", "lesson": second, "at": phone_now - 300}),
            json!({"kind": "completed", "id": "sync-done-0001", "lesson": first, "at": phone_now - 600}),
            json!({"kind": "completed", "id": "sync-done-0003", "lesson": "no-such-lesson", "at": phone_now}),
            json!({"kind": "completed", "id": "bad id!", "lesson": first, "at": phone_now}),
        ];
        let batch = json!({"sent_at": phone_now, "events": events});
        let (status, receipt) = sync(server, &cookie, &batch).await;
        assert_eq!(status, 200, "{receipt}");
        let got: Vec<String> = outcomes(&receipt).into_iter().map(|(_, o)| o).collect();
        assert_eq!(
            got,
            [
                "stored",
                "stored",
                "stored",
                "already_stored",
                "unknown_lesson",
                "bad_event_id"
            ]
        );
        let score = &receipt["results"][1]["score"];
        assert_eq!(score, &json!([key.len(), key.len()]), "graded on arrival");

        // The same batch again, reversed, and five copies at once: nothing new.
        let mut reversed = batch.clone();
        reversed["events"].as_array_mut().expect("events").reverse();
        let (_, again) = sync(server, &cookie, &reversed).await;
        assert!(
            outcomes(&again).iter().all(|(_, o)| o != "stored"),
            "{again}"
        );
        let send = || sync(server, &cookie, &batch);
        let copies = tokio::join!(send(), send(), send(), send(), send());
        for (status, _) in [copies.0, copies.1, copies.2, copies.3, copies.4] {
            assert_eq!(status, 200);
        }
        assert_eq!(server.rows_of("progress_events", user).await, 2);
        assert_eq!(server.rows_of("quiz_attempts", user).await, 1);

        // The completion keeps the time it happened by the server's clock (10 minutes ago).
        let state = server.store.lesson_state(user, first).await.expect("state");
        let completed = state.and_then(|s| s.completed_at).expect("completed");
        assert!((completed - (now() - 600)).abs() <= 30, "{completed}");
        // An earlier completion of the same lesson arriving later moves it back.
        let earlier = json!({"sent_at": now(), "events": [
            {"kind": "completed", "id": "sync-done-0004", "lesson": first, "at": now() - 7200}]});
        let (_, receipt) = sync(server, &cookie, &earlier).await;
        assert_eq!(outcomes(&receipt)[0].1, "stored");
        let state = server.store.lesson_state(user, first).await.expect("state");
        let moved = state.and_then(|s| s.completed_at).expect("completed");
        assert!((moved - (now() - 7200)).abs() <= 30, "{moved}");
    });
}

#[test]
fn broken_or_oversized_batches_are_refused_whole() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "z").await;
        let cookie = server.session(&world.a.learner, PASSWORD).await;
        let user = world.a.learner_id;
        let lesson = learn::lessons(server).await.remove(0);
        let reply = server
            .post_json("/sync/v1/progress", Some(&cookie), "{\"events\": [")
            .await;
        assert_eq!(reply.status, 400, "{}", reply.body);
        assert!(reply.body.contains("\"invalid\""), "{}", reply.body);
        let event = |i: usize| json!({"kind": "completed", "id": format!("sync-many-{i:04}"), "lesson": lesson, "at": now()});
        let many: Vec<Value> = (0..=app::model::MAX_SYNC_EVENTS).map(event).collect();
        let (status, body) =
            sync(server, &cookie, &json!({"sent_at": now(), "events": many})).await;
        assert_eq!(status, 400, "{body}");
        assert!(
            body["message"].as_str().unwrap_or_default().contains("200"),
            "{body}"
        );
        assert_eq!(
            server.rows_of("progress_events", user).await,
            0,
            "nothing stored"
        );
        // Staff have no progress to sync; a signed-out phone is asked to sign in.
        let trainer = server.session(&world.a.trainer, PASSWORD).await;
        let one = json!({"sent_at": now(), "events": [event(0)]});
        assert_eq!(sync(server, &trainer, &one).await.0, 403);
        let anonymous = server
            .post_json("/sync/v1/progress", None, &one.to_string())
            .await;
        assert_eq!(anonymous.status, 401);
    });
}
