//! `/reports`: a region's report for offices (their region and below), trainers (their classes)
//! and admins (everything). The filters live in the URL, so a report can be bookmarked and sent
//! to a colleague of the same scope; every child region links to its own report. `/reports/print`
//! is the same report on A4 with a signature line.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use super::charts;
use crate::api::get_report;
use crate::codes::TargetGroup;
use crate::components::loaded::Loaded;
use crate::components::locale::use_locale;
use crate::dates::beijing_minute;
use crate::i18n::reports::{group_label, tr, R};
use crate::i18n::Locale;
use crate::model::{report_tables, Report, ReportFilter, Table};

/// The filter a report page's URL carries.
pub fn filter_of(query: &ParamsMap) -> ReportFilter {
    let text = |key: &str| query.get(key).filter(|v| !v.trim().is_empty());
    ReportFilter {
        region: text("region").and_then(|v| v.parse().ok()),
        from: text("from"),
        to: text("to"),
        course: text("course"),
        class: text("class").and_then(|v| v.parse().ok()),
        group: text("group"),
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let report = Resource::new(move || filter_of(&query.read()), get_report);
    view! {
        <Title text=tr(locale, R::Report)/>
        <Loaded resource=report view=move |report| view! { <ReportView report locale/> }/>
    }
}

#[component]
fn ReportView(report: Report, locale: Locale) -> impl IntoView {
    let tables = report_tables(&report, locale);
    let query = report.filter.query();
    let region_name = if report.region_id.is_some() {
        report.region_name.clone()
    } else {
        tr(locale, R::AllRegions).to_string()
    };
    let up = report.parent.clone().map(|(id, name)| {
        let href = format!("/reports?{}", report.filter.with_region(Some(id)).query());
        view! { <p><a href=href>{tr(locale, R::UpOneLevel)} ": " {name}</a></p> }
    });
    let mut tables = tables.into_iter();
    let (totals, funnel) = (tables.next(), tables.next());
    let rest: Vec<Table> = tables.collect();
    view! {
        <h1>{tr(locale, R::Report)} " · " {region_name}</h1>
        {up}
        <p class="meta">{tr(locale, R::ReportHint)} " " {tr(locale, R::Produced)} ": " {beijing_minute(report.produced_at)}</p>
        <FilterForm report=report.clone() locale/>
        <p class="actions no-print">
            <a class="button" rel="external" href=format!("/reports/export.csv?{query}")>{tr(locale, R::DownloadCsv)}</a>
            <a class="button" rel="external" href=format!("/reports/export.xlsx?{query}")>{tr(locale, R::DownloadXlsx)}</a>
            <a class="button" href=format!("/reports/print?{query}")>{tr(locale, R::Print)}</a>
        </p>
        {totals.map(|table| view! { <TableView table/> })}
        <h2>{tr(locale, R::Funnel)}</h2>
        <p class="meta">{tr(locale, R::FunnelHint)}</p>
        <figure class="chart" inner_html=charts::funnel(&report.totals, locale)></figure>
        {funnel.map(|table| view! { <TableView table titled=false/> })}
        <RegionTable report=report.clone() locale/>
        {rest.into_iter().filter(|t| t.title != tr(locale, R::ByRegion)).map(|table| {
            let chart = (table.title == tr(locale, R::ByMonth))
                .then(|| view! { <figure class="chart" inner_html=charts::months(&report.by_month, locale)></figure> });
            view! { {chart} <TableView table/> }
        }).collect_view()}
    }
}

/// The child regions: the chart, then each region's figures with a link to its own report.
#[component]
fn RegionTable(report: Report, locale: Locale) -> impl IntoView {
    if report.by_region.is_empty() {
        return None;
    }
    let table = report_tables(&report, locale)
        .into_iter()
        .find(|t| t.title == tr(locale, R::ByRegion))?;
    let links: Vec<Option<String>> = report
        .by_region
        .iter()
        .map(|row| {
            row.region_id
                .map(|id| format!("/reports?{}", report.filter.with_region(Some(id)).query()))
        })
        .collect();
    Some(view! {
        <h2>{table.title.clone()}</h2>
        <figure class="chart" inner_html=charts::regions(&report.by_region, locale)></figure>
        <table class="data">
            <thead><tr>{table.header.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
            <tbody>
                {table.rows.into_iter().zip(links).map(|(cells, link)| {
                    let mut cells = cells.into_iter();
                    let name = cells.next().map(|c| c.text()).unwrap_or_default();
                    let head = match link {
                        Some(href) => view! { <th scope="row"><a href=href>{name}</a></th> }.into_any(),
                        None => view! { <th scope="row">{name}</th> }.into_any(),
                    };
                    view! { <tr>{head}{cells.map(|c| view! { <td>{c.text()}</td> }).collect_view()}</tr> }
                }).collect_view()}
            </tbody>
        </table>
    })
}

/// A titled table of report cells.
#[component]
pub fn TableView(table: Table, #[prop(default = true)] titled: bool) -> impl IntoView {
    view! {
        {titled.then(|| view! { <h2>{table.title.clone()}</h2> })}
        <table class="data">
            <thead><tr>{table.header.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
            <tbody>
                {table.rows.into_iter().map(|cells| {
                    let mut cells = cells.into_iter();
                    let head = cells.next().map(|c| c.text()).unwrap_or_default();
                    view! { <tr><th scope="row">{head}</th>{cells.map(|c| view! { <td>{c.text()}</td> }).collect_view()}</tr> }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The filters, as a plain GET form: the page reloads with them in its URL.
#[component]
fn FilterForm(report: Report, locale: Locale) -> impl IntoView {
    let f = report.filter.clone();
    let selected = |current: &Option<String>, value: &str| current.as_deref() == Some(value);
    view! {
        <form class="stack filters no-print" method="get" action="/reports">
            {f.region.map(|r| view! { <input type="hidden" name="region" value=r.to_string()/> })}
            <label>{tr(locale, R::From)}<input type="month" name="from" value=f.from.clone().unwrap_or_default()/></label>
            <label>{tr(locale, R::To)}<input type="month" name="to" value=f.to.clone().unwrap_or_default()/></label>
            <label>{tr(locale, R::Course)}
                <select name="course">
                    <option value="">{tr(locale, R::AnyOption)}</option>
                    {report.courses.iter().map(|(id, title)| view! {
                        <option value=id.clone() selected=selected(&f.course, id)>{title.clone()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{tr(locale, R::Class)}
                <select name="class">
                    <option value="">{tr(locale, R::AnyOption)}</option>
                    {report.classes.iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=f.class == Some(*id)>{name.clone()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{tr(locale, R::TargetGroup)}
                <select name="group">
                    <option value="">{tr(locale, R::AnyOption)}</option>
                    {TargetGroup::ALL.iter().map(|g| view! {
                        <option value=g.code() selected=selected(&f.group, g.code())>{group_label(locale, *g)}</option>
                    }).collect_view()}
                </select>
            </label>
            <button class="button primary" type="submit">{tr(locale, R::Apply)}</button>
        </form>
    }
}

/// `/reports/print`: the report on A4 for meetings and for submitting upward.
#[component]
pub fn PrintPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let report = Resource::new(move || filter_of(&query.read()), get_report);
    view! {
        <Title text=tr(locale, R::Print)/>
        <Loaded resource=report view=move |report| {
            let period = format!(
                "{} – {}",
                report.filter.from.clone().unwrap_or_default(),
                report.filter.to.clone().unwrap_or_default()
            );
            let name = if report.region_id.is_some() { report.region_name.clone() } else { tr(locale, R::AllRegions).to_string() };
            view! {
                <article class="print-report">
                    <h1>{tr(locale, R::Report)} " · " {name}</h1>
                    <p>{tr(locale, R::Period)} ": " {period} " · " {tr(locale, R::Produced)} ": " {beijing_minute(report.produced_at)}</p>
                    <figure class="chart" inner_html=charts::funnel(&report.totals, locale)></figure>
                    {report_tables(&report, locale).into_iter().map(|table| view! { <TableView table/> }).collect_view()}
                    <p class="signature">{tr(locale, R::SignatureLine)}</p>
                </article>
            }
        }/>
    }
}
