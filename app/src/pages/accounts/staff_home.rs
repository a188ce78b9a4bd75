//! `/staff`: the links a staff member's role may use. Every page asks a server function, which
//! authorizes; the links here only save a trip.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::get_viewer;
use crate::codes::Role;
use crate::components::loaded::Loaded;
use crate::components::locale::use_locale;
use crate::error::AppError;
use crate::i18n::staff::{role_label, ts, S};

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
            let links: &[(&str, S)] = match viewer.role {
                Role::Office => &[("/reports", S::Reports), ("/staff/learners", S::LearnerList), ("/staff/follow-ups", S::FollowUps), ("/households", S::Households), ("/households/import", S::ImportHouseholds), ("/staff/audit", S::AuditLog)],
                Role::Trainer => &[("/classes", S::MyClasses), ("/reports", S::Reports), ("/staff/learners", S::LearnerList), ("/staff/follow-ups", S::FollowUps), ("/author", S::WriteCourses)],
                Role::Admin => &[("/reports", S::Reports), ("/author", S::WriteCourses), ("/staff/regions", S::Regions), ("/staff/users", S::StaffAccounts), ("/staff/audit", S::AuditLog)],
                Role::Learner => &[],
            };
            view! {
                <p class="meta">{viewer.display_name} " · " {role_label(locale, viewer.role)}</p>
                <ul class="links">
                    {links.iter().map(|(href, label)| view! { <li><a class="button" href=*href>{ts(locale, *label)}</a></li> }).collect_view()}
                </ul>
            }
        }/>
    }
}
