//! `/households/import`: the upload form (multipart, works without JavaScript), and
//! `/imports/:id`: an import's progress, refreshed every two seconds until it ends (a meta
//! refresh, so it needs no JavaScript either), then every bad row with its line and reason.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::api::get_import_status;
use crate::codes::ImportState;
use crate::components::loaded::{use_id_param, FormError, Loaded};
use crate::components::locale::use_locale;
use crate::i18n::staff::{ts, S};
use crate::i18n::Locale;
use crate::model::ImportStatus;

#[component]
pub fn ImportPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=ts(locale, S::ImportHouseholds)/>
        <h1>{ts(locale, S::ImportHouseholds)}</h1>
        <p>{ts(locale, S::ImportHint)}</p>
        <FormError/>
        <form class="stack" method="post" action="/households/import" enctype="multipart/form-data">
            <label>{ts(locale, S::File)}<input type="file" name="file" accept=".csv,text/csv" required/></label>
            <label>{ts(locale, S::Encoding)}
                <select name="encoding">
                    <option value="auto">{ts(locale, S::EncodingAuto)}</option>
                    <option value="utf-8">"UTF-8"</option>
                    <option value="gbk">"GBK"</option>
                </select>
            </label>
            <label class="check"><input type="checkbox" name="dry_run" value="1" checked/>{ts(locale, S::DryRun)}</label>
            <button class="button primary" type="submit">{ts(locale, S::StartImport)}</button>
        </form>
    }
}

#[component]
pub fn ImportStatusPage() -> impl IntoView {
    let locale = use_locale();
    let status = Resource::new(use_id_param(), get_import_status);
    view! {
        <Title text=ts(locale, S::ImportProgress)/>
        <h1>{ts(locale, S::ImportProgress)}</h1>
        <Loaded resource=status view=move |status| view! { <StatusView status locale/> }/>
    }
}

#[component]
fn StatusView(status: ImportStatus, locale: Locale) -> impl IntoView {
    let finished = status.is_finished();
    let headline = ts(
        locale,
        match status.status {
            ImportState::Queued => S::ImportQueued,
            ImportState::Checking => S::ImportChecking,
            ImportState::Saving => S::ImportSaving,
            ImportState::Checked => S::ImportChecked,
            ImportState::Rejected => S::ImportRejected,
            ImportState::Done => S::ImportDone,
            ImportState::Failed => S::ImportFailed,
        },
    );
    let (done, total) = (status.rows_done, status.rows_total.max(1));
    let more = status.error_count > status.errors.len();
    view! {
        {(!finished).then(|| view! { <Meta http_equiv="refresh" content="2"/> })}
        <p class="meta">{status.file_name}</p>
        <p role="status" class=if status.status == ImportState::Rejected { "error" } else { "" }>{headline}</p>
        <progress max=total.to_string() value=done.to_string()></progress>
        <p class="meta">{done} " / " {status.rows_total} " " {ts(locale, S::RowsChecked)}</p>
        {(status.error_count > 0).then(|| view! {
            <h2>{ts(locale, S::BadRows)} " (" {status.error_count} ")"</h2>
            <table class="data">
                <thead><tr><th>{ts(locale, S::Line)}</th><th>{ts(locale, S::Reason)}</th></tr></thead>
                <tbody>
                    {status.errors.into_iter().map(|(line, reason)| view! { <tr><td>{line}</td><td>{reason.text(locale)}</td></tr> }).collect_view()}
                </tbody>
            </table>
        })}
        {more.then(|| view! { <p>{ts(locale, S::MoreErrors)}</p> })}
        {finished.then(|| view! { <p><a class="button" href="/households/import">{ts(locale, S::ImportHouseholds)}</a></p> })}
    }
}
