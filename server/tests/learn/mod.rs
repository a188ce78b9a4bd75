//! Completing the real course over HTTP as a learner would: every lesson marked done and every
//! module test passed (answers learned from a first, blank attempt, as a learner learns them
//! from the explanations).
#![allow(dead_code)]

use serde_json::{json, Value};

use crate::common::TestServer;

pub const COURSE: &str = "nongcun-dianshang";

/// Lesson ids of the course, in order.
pub async fn lessons(server: &TestServer) -> Vec<String> {
    let sequence = server
        .store
        .lesson_sequence(Some(COURSE))
        .await
        .expect("lessons");
    sequence.into_iter().map(|l| l.id).collect()
}

/// Marks a lesson done; returns where the server sent the learner.
pub async fn complete(server: &TestServer, cookie: &str, lesson: &str, event: &str) -> String {
    let path = format!("/learning/lessons/{lesson}/complete");
    server
        .send("POST", &path, Some(cookie), &[("event_id", event)])
        .await
        .location
}

/// Submits a module test through its server function; returns the verdict JSON.
pub async fn submit_test(
    server: &TestServer,
    cookie: &str,
    module: &str,
    answers: &[Value],
    event: &str,
) -> Value {
    let body = json!({ "sheet": { "target": { "ModuleTest": module }, "answers": answers, "page_event": event } });
    let response = server
        .client()
        .post(format!("{}/api/submit-quiz", server.base))
        .header("origin", &server.base)
        .header("cookie", cookie)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("check quiz");
    let text = response.text().await.expect("verdict");
    serde_json::from_str(&text).unwrap_or_else(|_| panic!("verdict: {text}"))
}

/// Passes every module test of the course.
pub async fn pass_every_test(server: &TestServer, cookie: &str, tag: &str) {
    let modules = server
        .store
        .course_modules(Some(COURSE))
        .await
        .expect("modules");
    for (i, module) in modules.iter().enumerate() {
        let page = server
            .send(
                "GET",
                &format!("/modules/{}/test", module.id),
                Some(cookie),
                &[],
            )
            .await;
        let count = (0..)
            .take_while(|q| page.body.contains(&format!("name=\"q{q}\"")))
            .count();
        assert!(count > 0, "the module test has questions");
        let blank = submit_test(
            server,
            cookie,
            &module.id,
            &vec![Value::Null; count],
            &format!("{tag}-none-{i}"),
        )
        .await;
        let right: Vec<Value> = blank["questions"]
            .as_array()
            .expect("questions")
            .iter()
            .map(|q| q["correct_choice"].clone())
            .collect();
        let verdict = submit_test(
            server,
            cookie,
            &module.id,
            &right,
            &format!("{tag}-right-{i}"),
        )
        .await;
        assert_eq!(verdict["pass"]["passed"], json!(true), "{verdict}");
    }
}
