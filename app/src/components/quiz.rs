//! A quiz (a lesson's, or a module test). It is a plain form posted to the server, which stores
//! a learner's attempt and sends the browser back to the page with the answers in the query; the
//! page then shows the verdict, so it works with JavaScript off. Once hydrated, the router submits
//! it without a page load and only the verdict is fetched.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{review_quiz, submit_quiz};
use crate::components::errors::InlineError;
use crate::components::locale::use_locale;
use crate::error::AppError;
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

/// The verdict on a sheet in the query. A page rendered on the server comes after the posted
/// form already stored the attempt, so it only reviews; in the browser the learner has just
/// submitted the sheet, so it is submitted (stored once, however often it arrives).
async fn verdict(sheet: AnswerSheet) -> Result<QuizResult, AppError> {
    if cfg!(feature = "ssr") {
        review_quiz(sheet).await
    } else {
        submit_quiz(sheet).await
    }
}

#[component]
pub fn Quiz(
    target: QuizTarget,
    /// The page the form submits to (itself).
    action: String,
    questions: Vec<QuizQuestion>,
    /// This page view's id, sent as `check=…` so a resubmitted answer sheet is stored once.
    event_id: String,
) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let count = questions.len();
    let (kind, target_id) = (target.kind(), target.id().to_string());
    let sheet = {
        let target = target.clone();
        move || sheet_in_query(&query.read(), &target)
    };
    let verdict = Resource::new(sheet.clone(), |sheet| async move {
        match sheet {
            Some(sheet) => verdict(sheet).await.map(Some),
            None => Ok(None),
        }
    });
    let questions = StoredValue::new(questions);
    let on_submit = enhance::submit_in_place(action);
    (count > 0).then(|| view! {
        <section class="quiz" id="quiz">
            <h2>{t(locale, Msg::Quiz)}</h2>
            <p class="meta">{t(locale, Msg::QuizIntro)}</p>
            // Without JavaScript the answers are posted; the server stores a learner's attempt and
            // sends the browser back to this page with the answers, scrolled to the verdict.
            <form method="post" action="/quiz" on:submit=on_submit>
                <input type="hidden" name="kind" value=kind.code()/>
                <input type="hidden" name="target" value=target_id/>
                <input type="hidden" name="check" value=event_id/>
                <Transition fallback=|| ()>
                    {move || {
                        let sheet = sheet.clone();
                        Suspend::new(async move {
                            let (result, error) = match verdict.await {
                                Ok(result) => (result, None),
                                Err(error) => (None, Some(error)),
                            };
                            let answers = untrack(&sheet).map(|s| s.answers);
                            view! {
                                {error.map(|error| view! { <InlineError error/> })}
                                <QuizBody questions=questions.get_value() result answers/>
                            }
                        })
                    }}
                </Transition>
                <button type="submit" class="button primary">{t(locale, Msg::CheckAnswers)}</button>
            </form>
        </section>
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

/// Once hydrated, a submitted quiz becomes a client-side navigation to the same page with the
/// answers in the query: only the verdict is fetched, and the page does not jump.
mod enhance {
    use leptos::ev::SubmitEvent;

    #[cfg(feature = "hydrate")]
    pub fn submit_in_place(path: String) -> impl Fn(SubmitEvent) + 'static {
        use leptos::wasm_bindgen::JsCast;
        use leptos_router::hooks::use_navigate;
        use leptos_router::NavigateOptions;

        let navigate = use_navigate();
        move |event: SubmitEvent| {
            let Some(form) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            let query = web_sys::FormData::new_with_form(&form)
                .and_then(|data| web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data))
                .map(|params| String::from(params.to_string()));
            if let Ok(query) = query {
                event.prevent_default();
                let options = NavigateOptions {
                    scroll: false,
                    ..Default::default()
                };
                navigate(&format!("{path}?{query}"), options);
            }
        }
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn submit_in_place(_path: String) -> impl Fn(SubmitEvent) + 'static {
        |_event: SubmitEvent| {}
    }
}
