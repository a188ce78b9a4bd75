//! Outcome forms and lists, for the learner's home and the staff learner page: one short form per
//! kind (big choices, numbers only where needed), plain posts that work without JavaScript, and
//! each record with who reported it, whether it is confirmed and whether it was corrected.

use leptos::prelude::*;

use crate::codes::{OutcomeKind, StorePlatform};
use crate::i18n::reports::{outcome_label, platform_label, tr, yuan, R};
use crate::i18n::staff::role_label;
use crate::i18n::Locale;
use crate::model::OutcomeView;

/// The forms: one `<details>` per kind, posted to `action`.
#[component]
pub fn OutcomeForm(action: String, locale: Locale) -> impl IntoView {
    view! {
        <div class="outcome-forms">
            {OutcomeKind::ALL.iter().map(|kind| view! {
                <details class="card">
                    <summary class="big">{outcome_label(locale, *kind)}</summary>
                    <KindForm action=action.clone() kind=*kind replaces=None locale/>
                </details>
            }).collect_view()}
        </div>
    }
}

/// The form of one kind; with `replaces`, it corrects that record.
#[component]
fn KindForm(
    action: String,
    kind: OutcomeKind,
    replaces: Option<i64>,
    locale: Locale,
) -> impl IntoView {
    let fields = match kind {
        OutcomeKind::StoreOpened => view! {
            <fieldset class="choices">
                <legend>{tr(locale, R::Platform)}</legend>
                {StorePlatform::ALL.iter().map(|p| view! {
                    <label class="choice"><input type="radio" name="platform" value=p.code() required/>
                        <span>{platform_label(locale, *p)}</span></label>
                }).collect_view()}
            </fieldset>
            <label>{tr(locale, R::StoreName)}<input name="store_name" maxlength="100"/></label>
            <label>{tr(locale, R::Date)}<input type="date" name="date"/></label>
        }.into_any(),
        OutcomeKind::FirstSale => view! {
            <label>{tr(locale, R::Date)}<input type="date" name="date"/></label>
        }.into_any(),
        OutcomeKind::MonthlySales => view! {
            <label>{tr(locale, R::Month)}<input type="month" name="month" required/></label>
            <label>{tr(locale, R::AmountYuan)}<input name="amount" inputmode="decimal" required/></label>
            <label>{tr(locale, R::Orders)}<input name="orders" inputmode="numeric"/></label>
        }.into_any(),
        OutcomeKind::Employment => view! {
            <fieldset class="choices">
                <label class="choice"><input type="radio" name="place" value="local"/><span>{tr(locale, R::Local)}</span></label>
                <label class="choice"><input type="radio" name="place" value="away"/><span>{tr(locale, R::Away)}</span></label>
            </fieldset>
            <label>{tr(locale, R::JobKind)}<input name="job_kind" maxlength="100"/></label>
            <label>{tr(locale, R::Employer)}<input name="employer" maxlength="100"/></label>
            <label>{tr(locale, R::Date)}<input type="date" name="date"/></label>
        }.into_any(),
        OutcomeKind::IncomeChange => view! {
            <label>{tr(locale, R::AmountYuan)}<input name="amount" inputmode="decimal" required/></label>
        }.into_any(),
    };
    view! {
        <form class="stack" method="post" action=action>
            <input type="hidden" name="kind" value=kind.code()/>
            {replaces.map(|id| view! { <input type="hidden" name="replaces" value=id.to_string()/> })}
            {fields}
            <label>{tr(locale, R::Note)}<input name="note" maxlength="100"/></label>
            <button class="button primary" type="submit">{tr(locale, R::Save)}</button>
        </form>
    }
}

/// The records, newest first; staff can confirm a learner's own report, and a correction is
/// posted to `action` as a new record.
#[component]
pub fn OutcomeList(
    outcomes: Vec<OutcomeView>,
    locale: Locale,
    staff: bool,
    action: String,
) -> impl IntoView {
    view! {
        <ul class="outcomes">
            {outcomes.into_iter().map(|o| {
                let state = match (o.replaced, o.confirmed_at) {
                    (true, _) => tr(locale, R::Replaced),
                    (false, Some(_)) => tr(locale, R::Confirmed),
                    (false, None) => tr(locale, R::NotConfirmed),
                };
                let confirm = (staff && !o.replaced && o.confirmed_at.is_none()).then(|| view! {
                    <form method="post" action=format!("/outcomes/{}/confirm", o.id)>
                        <button class="button" type="submit">{tr(locale, R::Confirm)}</button>
                    </form>
                });
                let correct = (!o.replaced).then(|| view! {
                    <details><summary>{tr(locale, R::Correct)}</summary>
                        <KindForm action=action.clone() kind=o.kind replaces=Some(o.id) locale/>
                    </details>
                });
                view! {
                    <li class="card">
                        <strong>{outcome_label(locale, o.kind)}</strong> " · " {summary(&o, locale)}
                        <span class="meta">" · " {state} " · " {tr(locale, R::ReportedBy)} " "
                            {o.reporter_name.clone()} " (" {role_label(locale, o.reporter_role)} ")"</span>
                        {confirm}
                        {correct}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The record's details in one line.
fn summary(o: &OutcomeView, locale: Locale) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(p) = o.platform {
        parts.push(platform_label(locale, p).to_string());
    }
    parts.extend(o.store_name.clone());
    parts.extend(o.happened_on.clone());
    parts.extend(o.month.clone());
    if let Some(fen) = o.amount_fen {
        parts.push(format!(
            "{} {}",
            yuan(fen),
            if locale == Locale::ZhCn {
                "元"
            } else {
                "yuan"
            }
        ));
    }
    if let Some(orders) = o.orders {
        parts.push(format!("{orders} {}", tr(locale, R::Orders)));
    }
    parts.extend(o.job_kind.clone());
    parts.extend(o.employer.clone());
    if let Some(away) = o.away {
        parts.push(tr(locale, if away { R::Away } else { R::Local }).to_string());
    }
    parts.extend(o.note.clone());
    parts.join(" · ")
}
