//! A quiz (a lesson's, or a module test). It is a plain form posted to the server, which stores
//! a learner's attempt and sends the browser back to the page with the answers in the query; the
//! page then shows the verdict, so it works with JavaScript off. The quiz sits in a small island:
//! once hydrated, a submitted sheet is posted in the background and the quiz is replaced by the
//! one the server sends back, verdict included, with no page load and no quiz code in the wasm.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::review_quiz;
use crate::components::errors::InlineError;
use crate::components::loaded::FormError;
use crate::components::locale::use_locale;
use crate::components::quiz_check::CheckInPlace;
use crate::i18n::problems::Problem;
use crate::i18n::{t, Msg};
use crate::model::{AnswerSheet, QuestionResult, QuizQuestion, QuizResult, QuizTarget};

/// The answer sheet for `target` carried in the page's query, if the learner sent one.
fn sheet_in_query(
    query: &leptos_router::params::ParamsMap,
    target: &QuizTarget,
) -> Option<AnswerSheet> {
    let pairs = query.latest_values().map(|(k, v)| (k.as_ref(), v));
    AnswerSheet::from_pairs(pairs).filter(|sheet| &sheet.target == target)
}

/// The quiz of a page, rendered on the server. A sheet in the query comes after the posted form
/// already stored the attempt, so it is only reviewed here.
#[component]
pub fn Quiz(
    target: QuizTarget,
    questions: Vec<QuizQuestion>,
    /// This page view's id, sent as `check=…` so a resubmitted answer sheet is stored once.
    event_id: String,
) -> impl IntoView {
    let locale = use_locale();
    let sheet = sheet_in_query(&use_query_map().read_untracked(), &target);
    let answers = sheet.as_ref().map(|s| s.answers.clone());
    let verdict = Resource::new(
        move || sheet.clone(),
        |sheet| async move {
            match sheet {
                Some(sheet) => review_quiz(sheet).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let (kind, target_id) = (target.kind(), target.id().to_string());
    let questions = StoredValue::new(questions);
    let answers = StoredValue::new(answers);
    (!questions.with_value(Vec::is_empty)).then(|| view! {
        <CheckInPlace>
            <section class="quiz" id="quiz">
                <h2>{t(locale, Msg::Quiz)}</h2>
                <p class="meta">{t(locale, Msg::QuizIntro)}</p>
                // Without JavaScript the answers are posted; the server stores a learner's attempt
                // and sends the browser back to this page with the answers, scrolled to the verdict.
                <form method="post" action="/quiz">
                    <FormError/>
                    <input type="hidden" name="kind" value=kind.code()/>
                    <input type="hidden" name="target" value=target_id/>
                    <input type="hidden" name="check" value=event_id/>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            let (result, error) = match verdict.await {
                                Ok(result) => (result, None),
                                Err(error) => (None, Some(error)),
                            };
                            view! {
                                {error.map(|error| view! { <InlineError error/> })}
                                <QuizBody questions=questions.get_value() result answers=answers.get_value()/>
                            }
                        })}
                    </Suspense>
                    // Shown by the island when the answers could not reach the server.
                    <p class="error" role="alert" data-quiz-saved hidden>{Problem::SavedOffline.text(locale)}</p>
                    <p class="error" role="alert" data-quiz-unsent hidden>{Problem::QuizNotSent.text(locale)}</p>
                    <button type="submit" class="button primary">{t(locale, Msg::CheckAnswers)}</button>
                </form>
            </section>
        </CheckInPlace>
    })
}

#[component]
fn QuizBody(
    questions: Vec<QuizQuestion>,
    result: Option<QuizResult>,
    answers: Option<Vec<Option<usize>>>,
) -> impl IntoView {
    let locale = use_locale();
    let score = result.as_ref().map(|r| {
        let pass = r.pass.map(|pass| {
            let (class, msg) = if pass.passed { ("pass passed", Msg::TestPassed) } else { ("pass failed", Msg::TestFailed) };
            view! { <strong class=class>{t(locale, msg)}</strong> }
        });
        view! {
            <p class="score" role="status">
                {t(locale, Msg::YourScore)} " " {r.correct_count} " / " {r.question_count} " " {pass}
            </p>
        }
    });
    let items = questions.into_iter().enumerate().map(|(index, question)| {
        let chosen = answers
            .as_ref()
            .and_then(|a| a.get(index).copied().flatten());
        let verdict = result
            .as_ref()
            .and_then(|r| r.questions.get(index).cloned());
        view! { <QuestionView index question chosen verdict/> }
    });
    view! { {score} <ol class="questions">{items.collect_view()}</ol> }
}

#[component]
fn QuestionView(
    index: usize,
    question: QuizQuestion,
    chosen: Option<usize>,
    verdict: Option<QuestionResult>,
) -> impl IntoView {
    let locale = use_locale();
    let name = format!("q{index}");
    let state_class = match &verdict {
        Some(v) if v.is_correct => "question right",
        Some(_) => "question wrong",
        None => "question",
    };
    let feedback = verdict.map(|v| {
        let right_text = question.choices.get(v.correct_choice).cloned().unwrap_or_default();
        let heading = match (v.is_correct, v.chosen) {
            (true, _) => t(locale, Msg::Correct),
            (false, None) => t(locale, Msg::Unanswered),
            (false, Some(_)) => t(locale, Msg::Wrong),
        };
        view! {
            <div class="feedback">
                <strong>{heading}</strong>
                {(!v.is_correct).then(|| view! { <p>{t(locale, Msg::RightAnswerIs)} {right_text}</p> })}
                <p>{v.explanation}</p>
            </div>
        }
    });
    let choices = question.choices.into_iter().enumerate().map(|(choice_index, text)| {
        view! {
            <label class="choice">
                <input type="radio" name=name.clone() value=choice_index.to_string() checked=chosen == Some(choice_index)/>
                <span>{text}</span>
            </label>
        }
    });
    view! {
        <li class=state_class>
            <fieldset>
                <legend>{question.prompt}</legend>
                {choices.collect_view()}
            </fieldset>
            {feedback}
        </li>
    }
}
