//! The pages, one folder per area (the same areas as the server's services and forms): `learning`,
//! `accounts`, `people` and `reports`. Every page renders on the server; only the islands of the
//! lesson and module-test pages (quiz, large text, read-aloud) are hydrated in the browser.

pub mod accounts;
#[cfg(feature = "ssr")]
pub mod authoring;
pub mod learning;
pub mod people;
#[cfg(feature = "ssr")]
pub mod reports;

/// Whether the page at `path` has islands (the lesson and the module test: quiz checking in
/// place, large text, read-aloud); no other page loads the wasm.
pub fn has_islands(path: &str) -> bool {
    path.starts_with("/lessons/") || (path.starts_with("/modules/") && path.ends_with("/test"))
}

/// Whether the page at `path` describes itself (a course or a lesson, by its summary); the others
/// get the app's tagline as their description.
pub fn has_own_description(path: &str) -> bool {
    path.starts_with("/courses/") || path.starts_with("/lessons/")
}

/// Every server-only page (staff pages, and the learner's home and certificate pages), grouped so
/// that the browser build can leave them out.
#[cfg(feature = "ssr")]
#[leptos::component(transparent)]
pub fn ServerOnlyRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use leptos::prelude::*;
    use leptos_router::components::{Outlet, ParentRoute, Route};
    use leptos_router::{path, SsrMode};
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/staff") view=accounts::staff_home::StaffHomePage ssr=SsrMode::Async/>
            <Route path=path!("/staff/regions") view=people::regions::RegionsPage ssr=SsrMode::Async/>
            <Route path=path!("/staff/users") view=accounts::users::StaffUsersPage ssr=SsrMode::Async/>
            <Route path=path!("/staff/audit") view=accounts::audit::AuditPage ssr=SsrMode::Async/>
            <Route path=path!("/staff/learners") view=reports::learners::LearnersPage ssr=SsrMode::Async/>
            <Route path=path!("/staff/learners/:id") view=reports::learners::LearnerPage ssr=SsrMode::Async/>
            <Route path=path!("/staff/follow-ups") view=reports::follow_ups::FollowUpsPage ssr=SsrMode::Async/>
            <Route path=path!("/reports") view=reports::report::ReportPage ssr=SsrMode::Async/>
            <Route path=path!("/reports/print") view=reports::report::PrintPage ssr=SsrMode::Async/>
            <Route path=path!("/households") view=people::households::HouseholdsPage ssr=SsrMode::Async/>
            <Route path=path!("/households/import") view=people::imports::ImportPage ssr=SsrMode::Async/>
            <Route path=path!("/households/:id") view=people::household::HouseholdPage ssr=SsrMode::Async/>
            <Route path=path!("/members/:id/id-number") view=people::household::RevealIdPage ssr=SsrMode::Async/>
            <Route path=path!("/imports/:id") view=people::imports::ImportStatusPage ssr=SsrMode::Async/>
            <Route path=path!("/author") view=authoring::AuthorCoursesPage ssr=SsrMode::Async/>
            <Route path=path!("/author/:id") view=authoring::AuthorCoursePage ssr=SsrMode::Async/>
            <Route path=path!("/author/:id/edit") view=authoring::EditorPage ssr=SsrMode::Async/>
            <Route path=path!("/classes") view=people::classes::ClassesPage ssr=SsrMode::Async/>
            <Route path=path!("/classes/:id") view=people::classes::ClassPage ssr=SsrMode::Async/>
            <Route path=path!("/sheets/:id") view=accounts::sheets::SheetPage ssr=SsrMode::Async/>
            <Route path=path!("/me") view=learning::certificates::MyLearningPage ssr=SsrMode::Async/>
            <Route path=path!("/certificates/:code") view=learning::certificates::CertificatePage ssr=SsrMode::Async/>
            <Route path=path!("/verify/:code") view=learning::certificates::VerifyPage ssr=SsrMode::Async/>
            <Route path=path!("/offline") view=learning::offline::OfflinePage ssr=SsrMode::Async/>
            <Route path=path!("/install") view=learning::install::InstallPage ssr=SsrMode::Async/>
            <Route path=path!("/offline/verify") view=learning::offline_check::OfflineCheckPage ssr=SsrMode::Async/>
        </ParentRoute>
    }
    .into_inner()
}

/// The browser build's stand-in for the server-only routes: it never matches.
#[cfg(not(feature = "ssr"))]
#[leptos::component(transparent)]
pub fn ServerOnlyRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use leptos::prelude::*;
    use leptos_router::components::Route;
    use leptos_router::path;
    view! { <Route path=path!("/server-rendered-pages") view=|| ()/> }.into_inner()
}
