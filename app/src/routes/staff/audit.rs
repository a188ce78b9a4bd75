//! `/staff/audit`: the audit log, newest first (admins: all; offices: their region).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::get_audit_log;
use crate::components::loaded::Loaded;
use crate::components::locale::use_locale;
use crate::i18n::staff::{ts, S};

#[component]
pub fn AuditPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(0)
    };
    let entries = Resource::new(page, get_audit_log);
    view! {
        <Title text=ts(locale, S::AuditLog)/>
        <h1>{ts(locale, S::AuditLog)}</h1>
        <Loaded resource=entries view=move |entries| view! {
            <table class="data">
                <thead><tr><th>{ts(locale, S::When)}</th><th>{ts(locale, S::Who)}</th><th>{ts(locale, S::Action)}</th><th>{ts(locale, S::Target)}</th><th>{ts(locale, S::Region)}</th><th>{ts(locale, S::Detail)}</th><th>{ts(locale, S::Address)}</th></tr></thead>
                <tbody>
                    {entries.into_iter().map(|e| view! {
                        <tr><td>{utc_time(e.at)}</td><td>{e.actor.unwrap_or_default()}</td><td>{e.action}</td><td>{e.target}</td><td>{e.region.unwrap_or_default()}</td><td>{e.detail}</td><td>{e.address}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p class="pager"><a href=format!("/staff/audit?page={}", page() + 1)>{ts(locale, S::NextPage)}</a></p>
        }/>
    }
}

/// Seconds since 1970 as `YYYY-MM-DD HH:MM` in Beijing time (UTC+8, no daylight saving).
pub fn utc_time(seconds: i64) -> String {
    let local = seconds + 8 * 3600;
    let (days, rest) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}",
        rest / 3600,
        rest % 3600 / 60
    )
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_beijing_time() {
        assert_eq!(utc_time(0), "1970-01-01 08:00");
        assert_eq!(utc_time(1_764_460_800), "2025-11-30 08:00");
    }
}
