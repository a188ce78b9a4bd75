//! `/staff/users`: staff accounts for admins, with password resets and the form to add one.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{get_regions, get_staff};
use crate::codes::Role;
use crate::components::loaded::{FormError, Loaded};
use crate::components::locale::use_locale;
use crate::error::AppError;
use crate::i18n::staff::{role_label, ts, S};
use crate::i18n::Locale;
use crate::model::{RegionItem, StaffItem};

#[component]
pub fn StaffUsersPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(
        || (),
        |_| async { Ok::<_, AppError>((get_staff().await?, get_regions().await?)) },
    );
    view! {
        <Title text=ts(locale, S::StaffAccounts)/>
        <h1>{ts(locale, S::StaffAccounts)}</h1>
        <FormError/>
        <Loaded resource=data view=move |(staff, regions)| view! {
            <StaffTable staff locale/>
            <StaffForm regions locale/>
        }/>
    }
}

#[component]
fn StaffTable(staff: Vec<StaffItem>, locale: Locale) -> impl IntoView {
    view! {
        <table class="data">
            <thead><tr><th>{ts(locale, S::Name)}</th><th>{ts(locale, S::Login)}</th><th>{ts(locale, S::Role)}</th><th>{ts(locale, S::Region)}</th><th></th></tr></thead>
            <tbody>
                {staff.into_iter().map(|u| view! {
                    <tr>
                        <td>{u.name}</td><td>{u.login}</td><td>{role_label(locale, u.role)}</td><td>{u.region.unwrap_or_default()}</td>
                        <td><form method="post" action=format!("/accounts/{}/reset", u.id)><button type="submit">{ts(locale, S::ResetPassword)}</button></form></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn StaffForm(regions: Vec<RegionItem>, locale: Locale) -> impl IntoView {
    view! {
        <form class="stack" method="post" action="/staff/users">
            <h2>{ts(locale, S::Create)}</h2>
            <label>{ts(locale, S::Name)}<input name="name" required maxlength="30"/></label>
            <label>{ts(locale, S::Login)}<input name="login" required autocomplete="off"/></label>
            <label>{ts(locale, S::Role)}
                <select name="role">
                    {[Role::Office, Role::Trainer, Role::Admin].map(|r| view! { <option value=r.code()>{role_label(locale, r)}</option> }).collect_view()}
                </select>
            </label>
            <label>{ts(locale, S::Region)}
                <select name="region_id">
                    <option value="">"—"</option>
                    {regions.into_iter().map(|r| view! { <option value=r.id.to_string()>{r.name}</option> }).collect_view()}
                </select>
            </label>
            <label>{ts(locale, S::InitialPassword)}<input name="password" type="password" required minlength="8" autocomplete="new-password"/></label>
            <button class="button primary" type="submit">{ts(locale, S::Create)}</button>
        </form>
    }
}
