//! `/modules/:id/test`: a module's test, drawn from the quizzes of its lessons.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::get_module_test;
use crate::components::errors::ErrorNotice;
use crate::components::locale::use_locale;
use crate::components::quiz::Quiz;
use crate::i18n::{t, Locale, Msg};
use crate::model::{ModuleTestPage as Test, QuizTarget};

#[component]
pub fn ModuleTestPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let query = use_query_map();
    // After a posted answer sheet the page shows the same draw (its id is `check`); a hydrated
    // submit changes only the query, so the draw on the page stays.
    let test = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        move |id| get_module_test(locale, id, query.read_untracked().get("check")),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t(locale, Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match test.await {
                    Ok(test) => view! { <TestView test locale/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TestView(test: Test, locale: Locale) -> impl IntoView {
    let title = format!("{} · {}", t(locale, Msg::ModuleTest), test.module_title);
    let course_href = format!("/courses/{}#m-{}", test.course_id, test.module_id);
    view! {
        <Title text=title.clone()/>
        <p class="crumbs">
            <a href=course_href.clone()>{test.course_title}</a>
            " › " {t(locale, Msg::Module)} " " {test.module_position}
        </p>
        <h1>{title}</h1>
        <p>{t(locale, Msg::ModuleTestIntro)}</p>
        <p class="meta">{t(locale, Msg::PassMark)} " " {test.pass_mark} "%"</p>
        <Quiz
            target=QuizTarget::ModuleTest(test.module_id.clone())
            questions=test.questions
            event_id=test.event_id
        />
        <nav class="pager"><a href=course_href>{t(locale, Msg::BackToCourse)}</a></nav>
    }
}
