//! `/staff/follow-ups`: the calls due (3, 6 and 12 months after a certificate) for a trainer's
//! learners or an office's region, each marked reached or not reachable with the day to try again.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::get_follow_ups;
use crate::components::loaded::{FormError, Loaded};
use crate::components::locale::use_locale;
use crate::i18n::reports::{tr, R};

#[component]
pub fn FollowUpsPage() -> impl IntoView {
    let locale = use_locale();
    let calls = Resource::new(|| (), |_| get_follow_ups());
    view! {
        <Title text=tr(locale, R::FollowUps)/>
        <h1>{tr(locale, R::FollowUps)}</h1>
        <p class="meta">{tr(locale, R::FollowUpsHint)}</p>
        <FormError/>
        <Loaded resource=calls view=move |calls| view! {
            {calls.is_empty().then(|| view! { <p>{tr(locale, R::NothingDue)}</p> })}
            <ul class="cards">
                {calls.into_iter().map(|call| view! {
                    <li class="card">
                        <a class="card-title" href=format!("/staff/learners/{}", call.learner_id)>{call.learner_name}</a>
                        <span class="meta">{call.phone_masked.unwrap_or_default()} " · "
                            {tr(locale, R::MonthsAfter)} " " {call.months} " · " {tr(locale, R::DueOn)} " " {call.due_on}
                            {call.next_on.map(|d| view! { " · " {tr(locale, R::NextTry)} " " {d} })}</span>
                        <form class="stack" method="post" action=format!("/follow-ups/{}", call.id)>
                            <fieldset class="choices">
                                <label class="choice"><input type="radio" name="result" value="reached" required/><span>{tr(locale, R::Reached)}</span></label>
                                <label class="choice"><input type="radio" name="result" value="unreachable"/><span>{tr(locale, R::Unreachable)}</span></label>
                            </fieldset>
                            <label>{tr(locale, R::NextTry)}<input type="date" name="next"/></label>
                            <label>{tr(locale, R::Note)}<input name="note" maxlength="200"/></label>
                            <button class="button primary" type="submit">{tr(locale, R::Save)}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        }/>
    }
}
