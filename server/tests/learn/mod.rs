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

/// The right answer of every quiz question of the course, by its prompt: what a learner who
/// studied the lessons knows.
pub fn answer_key() -> std::collections::HashMap<String, String> {
    let tree = server::content::load(&crate::common::content_dir()).expect("content");
    tree.lessons()
        .flat_map(|l| &l.quiz)
        .map(|q| (q.prompt.clone(), q.choices[q.correct].clone()))
        .collect()
}

/// Text as the page escaped it, read back.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The draw id and the questions (prompt, choices as shown) of a module test page.
pub fn test_page(html: &str) -> (String, Vec<(String, Vec<String>)>) {
    let between = |text: &str, open: &str, close: &str| -> Vec<String> {
        text.split(open)
            .skip(1)
            .filter_map(|part| part.split(close).next().map(unescape))
            .collect()
    };
    let draw = between(html, r#"name="check" value=""#, "\"")
        .into_iter()
        .next()
        .expect("the test page carries its draw");
    let questions = html
        .split("<fieldset>")
        .skip(1)
        .map(|part| {
            let prompt = between(part, "<legend>", "</legend>").remove(0);
            let choices = between(part, "<span>", "</span>");
            (prompt, choices)
        })
        .collect();
    (draw, questions)
}

/// Passes every module test of the course, answering from what the lessons teach.
pub async fn pass_every_test(server: &TestServer, cookie: &str, _tag: &str) {
    let key = answer_key();
    let modules = server
        .store
        .course_modules(Some(COURSE))
        .await
        .expect("modules");
    for module in &modules {
        let page = server
            .send(
                "GET",
                &format!("/modules/{}/test", module.id),
                Some(cookie),
                &[],
            )
            .await;
        let (draw, questions) = test_page(&page.body);
        assert!(!questions.is_empty(), "the module test has questions");
        let answers: Vec<Value> = questions
            .iter()
            .map(|(prompt, choices)| {
                let right = key
                    .get(prompt)
                    .unwrap_or_else(|| panic!("no key for {prompt}"));
                let index = choices
                    .iter()
                    .position(|c| c == right)
                    .expect("right choice shown");
                json!(index)
            })
            .collect();
        let verdict = submit_test(server, cookie, &module.id, &answers, &draw).await;
        assert_eq!(verdict["pass"]["passed"], json!(true), "{verdict}");
    }
}
