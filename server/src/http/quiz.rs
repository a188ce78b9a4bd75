//! The quiz form's post (JavaScript off): the server grades the answers and stores a learner's
//! attempt, then sends the browser back to the quiz page with the answers in the query, where
//! the page shows the verdict (post, redirect, get: reloading never posts again).

use app::backend::Actor;
use app::error::AppError;
use app::model::QuizTarget;
use axum::extract::State;
use axum::response::Response;
use axum::{Extension, Form};

use super::auth::redirect;
use super::forms::{failure, serde_urlencoded_pair};
use super::AppState;
use crate::services::quiz::{self, QuizSubmission};

pub async fn submit(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let (target, page) = match (field("kind").as_deref(), field("target")) {
        (Some("lesson"), Some(id)) => (QuizTarget::Lesson(id.clone()), format!("/lessons/{id}")),
        (Some("module"), Some(id)) => (
            QuizTarget::ModuleTest(id.clone()),
            format!("/modules/{id}/test"),
        ),
        _ => {
            return failure(
                "/",
                AppError::Invalid("这份答卷不完整，请回到课程重新作答".into()).into(),
            )
        }
    };
    let event = field("check").unwrap_or_default();
    let services = &state.services;
    let count = match quiz::question_count(&services.store, &target).await {
        Ok(count) => count,
        Err(error) => return failure(&page, error),
    };
    let answers: Vec<Option<usize>> = (0..count)
        .map(|i| field(&format!("q{i}")).and_then(|v| v.parse().ok()))
        .collect();
    let submission = QuizSubmission {
        target: &target,
        answers: &answers,
        event_id: Some(&event),
    };
    if let Err(error) =
        quiz::check_quiz(&services.store, &services.certificates, &actor, submission).await
    {
        return failure(&page, error);
    }
    let mut query = vec![serde_urlencoded_pair("check", &event)];
    for (i, answer) in answers.iter().enumerate() {
        if let Some(choice) = answer {
            query.push(serde_urlencoded_pair(&format!("q{i}"), &choice.to_string()));
        }
    }
    redirect(&format!("{page}?{}#quiz", query.join("&")), None)
}
