//! Pages for staff: offices (households, imports, exports, audit log), trainers (classes) and
//! admins (regions, staff accounts, audit log). Every page asks a server function, which
//! authorizes; the links here only save a trip.

pub mod audit;
pub mod classes;
pub mod household;
pub mod households;
pub mod imports;
pub mod regions;
pub mod sheets;
pub mod users;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::{path, MatchNestedRoutes, SsrMode};

use crate::api::get_viewer;
use crate::components::loaded::Loaded;
use crate::components::locale::use_locale;
use crate::error::AppError;
use crate::i18n::staff::{role_label, ts, S};

/// Every server-only page (staff pages, and the learner's home and certificate pages), grouped so
/// that the browser build can leave them out.
#[component(transparent)]
pub fn StaffRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/staff") view=StaffHomePage ssr=SsrMode::Async/>
            <Route path=path!("/staff/regions") view=regions::RegionsPage ssr=SsrMode::Async/>
            <Route path=path!("/staff/users") view=users::StaffUsersPage ssr=SsrMode::Async/>
            <Route path=path!("/staff/audit") view=audit::AuditPage ssr=SsrMode::Async/>
            <Route path=path!("/households") view=households::HouseholdsPage ssr=SsrMode::Async/>
            <Route path=path!("/households/import") view=imports::ImportPage ssr=SsrMode::Async/>
            <Route path=path!("/households/:id") view=household::HouseholdPage ssr=SsrMode::Async/>
            <Route path=path!("/members/:id/id-number") view=household::RevealIdPage ssr=SsrMode::Async/>
            <Route path=path!("/imports/:id") view=imports::ImportStatusPage ssr=SsrMode::Async/>
            <Route path=path!("/classes") view=classes::ClassesPage ssr=SsrMode::Async/>
            <Route path=path!("/classes/:id") view=classes::ClassPage ssr=SsrMode::Async/>
            <Route path=path!("/sheets/:id") view=sheets::SheetPage ssr=SsrMode::Async/>
            <Route path=path!("/me") view=crate::routes::learning::MyLearningPage ssr=SsrMode::Async/>
            <Route path=path!("/certificates/:code") view=crate::routes::learning::CertificatePage ssr=SsrMode::Async/>
            <Route path=path!("/verify/:code") view=crate::routes::learning::VerifyPage ssr=SsrMode::Async/>
        </ParentRoute>
    }
    .into_inner()
}

/// `/staff`: the links a staff member's role may use.
#[component]
pub fn StaffHomePage() -> impl IntoView {
    let locale = use_locale();
    let viewer = Resource::new(
        || (),
        |_| async { get_viewer().await?.ok_or(AppError::SignInRequired) },
    );
    view! {
        <Title text=ts(locale, S::StaffHome)/>
        <h1>{ts(locale, S::StaffHome)}</h1>
        <Loaded resource=viewer view=move |viewer| {
            let links: &[(&str, S)] = match viewer.role.as_str() {
                "office" => &[("/households", S::Households), ("/households/import", S::ImportHouseholds), ("/staff/audit", S::AuditLog)],
                "trainer" => &[("/classes", S::MyClasses)],
                "admin" => &[("/staff/regions", S::Regions), ("/staff/users", S::StaffAccounts), ("/staff/audit", S::AuditLog)],
                _ => &[],
            };
            view! {
                <p class="meta">{viewer.display_name} " · " {role_label(locale, &viewer.role)}</p>
                <ul class="links">
                    {links.iter().map(|(href, label)| view! { <li><a class="button" href=*href>{ts(locale, *label)}</a></li> }).collect_view()}
                </ul>
            }
        }/>
    }
}
