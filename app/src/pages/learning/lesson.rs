//! `/lessons/:id`: the lesson text, its quiz and the way to the previous and next lesson.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::get_lesson;
use crate::components::errors::ErrorNotice;
use crate::components::locale::use_locale;
use crate::components::quiz::Quiz;
use crate::components::read_aloud::ReadAloud;
use crate::components::text_size::TextSizeToggle;
use crate::i18n::{t, Locale, Msg};
use crate::model::{LessonLink, LessonPage as Lesson, QuizTarget};

#[component]
pub fn LessonPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let lesson = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        move |id| get_lesson(locale, id),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t(locale, Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match lesson.await {
                    Ok(lesson) => view! { <LessonView lesson locale/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LessonView(lesson: Lesson, locale: Locale) -> impl IntoView {
    let course_href = format!("/courses/{}", lesson.course_id);
    view! {
        <Title text=lesson.title.clone()/>
        <Meta name="description" content=lesson.summary.clone()/>
        <article class="lesson">
            <p class="crumbs">
                <a href=course_href.clone()>{lesson.course_title}</a>
                " › " {t(locale, Msg::Module)} " " {lesson.module_position} " " {lesson.module_title}
            </p>
            <h1>{lesson.title}</h1>
            <p class="meta">
                {lesson.minutes} " " {t(locale, Msg::Minutes)}
                <TextSizeToggle/>
                <ReadAloud/>
            </p>
            <div class="prose" id="lesson-text" inner_html=lesson.body_html></div>
            {lesson.checked_on.map(|day| view! { <p class="meta">{t(locale, Msg::FactsChecked)} " " {day}</p> })}
        </article>
        <Quiz
            target=QuizTarget::Lesson(lesson.id.clone())
            questions=lesson.quiz
            event_id=lesson.event_id.clone()
        />
        <form class="done" id="done" method="post" action=format!("/learning/lessons/{}/complete", lesson.id)>
            <input type="hidden" name="event_id" value=lesson.event_id/>
            {if lesson.completed {
                view! { <p class="done-mark" role="status">"✓ " {t(locale, Msg::LessonDone)}</p> }.into_any()
            } else {
                view! { <button type="submit" class="button primary">{t(locale, Msg::MarkDone)}</button> }.into_any()
            }}
        </form>
        {lesson.module_test_id.map(|module_id| view! {
            <p class="module-test-link">
                <a class="button primary" href=format!("/modules/{module_id}/test")>{t(locale, Msg::TakeModuleTest)}</a>
            </p>
        })}
        <nav class="pager">
            {pager_link(lesson.previous, t(locale, Msg::Previous), "prev")}
            <a href=course_href>{t(locale, Msg::BackToCourse)}</a>
            {pager_link(lesson.next, t(locale, Msg::Next), "next")}
        </nav>
    }
}

fn pager_link(target: Option<LessonLink>, label: &'static str, rel: &'static str) -> impl IntoView {
    target.map(|lesson| {
        view! {
            <a class=format!("button {rel}") rel=rel href=format!("/lessons/{}", lesson.id)>
                <small>{label}</small>
                <span>{lesson.title}</span>
            </a>
        }
    })
}
