//! The authorization table: every server function, page and plain route × every role, with data
//! of the actor's own region (in scope) and of another county (out of scope). The first test
//! fails when an endpoint exists without an entry here.

mod common;
mod world;

use std::collections::BTreeSet;

use common::{Reply, TestServer};
use world::{World, COURSE, PASSWORD};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    Learner,
    Trainer,
    Office,
    Admin,
}

const EVERYONE: &[Who] = &[
    Who::Anonymous,
    Who::Learner,
    Who::Trainer,
    Who::Office,
    Who::Admin,
];
const SIGNED_IN: &[Who] = &[Who::Learner, Who::Trainer, Who::Office, Who::Admin];

const STAFF: &[Who] = &[Who::Trainer, Who::Office, Who::Admin];
/// Those who work with learners by name: their trainer and their office.
const TEACHERS: &[Who] = &[Who::Trainer, Who::Office];
/// A learner's certificate: its holder, their trainer and their region's office.
const LEARNER_AND_STAFF: &[Who] = &[Who::Learner, Who::Trainer, Who::Office];

/// Who may write courses: a trainer granted the course (trainer A) and admins.
const EDITORS: &[Who] = &[Who::Trainer, Who::Admin];

type Form = Vec<(&'static str, String)>;

fn course() -> (&'static str, String) {
    ("course_id", COURSE.into())
}

fn lesson_file() -> (&'static str, String) {
    ("path", "01-shouji-jichu/01-anzhuang-app.md".into())
}

/// One endpoint: how it is registered, the request for in-scope data (and for out-of-scope data
/// where it has any) and who may use it.
struct Entry {
    method: &'static str,
    route: &'static str,
    path: String,
    form: Form,
    out_of_scope: Option<(String, Form)>,
    allowed: &'static [Who],
}

/// A server function or a route whose path has no parameters.
fn today() -> String {
    app::dates::beijing_day(server::store::now())
}

fn plain(method: &'static str, route: &'static str, allowed: &'static [Who]) -> Entry {
    at(method, route, route, allowed)
}

fn at(
    method: &'static str,
    route: &'static str,
    path: impl Into<String>,
    allowed: &'static [Who],
) -> Entry {
    Entry {
        method,
        route,
        path: path.into(),
        form: Vec::new(),
        out_of_scope: None,
        allowed,
    }
}

impl Entry {
    fn with(mut self, pairs: &[(&'static str, String)]) -> Self {
        self.form = pairs.to_vec();
        self
    }

    fn outside(mut self, path: impl Into<String>, pairs: &[(&'static str, String)]) -> Self {
        self.out_of_scope = Some((path.into(), pairs.to_vec()));
        self
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// Served.
    Allowed,
    /// Authorized, then the input was judged wrong (the form comes back with a message).
    Rejected,
    SignIn,
    Refused,
    /// Anything else, such as a server error.
    Broken(u16),
}

fn outcome(reply: &Reply) -> Outcome {
    let body = &reply.body;
    if reply.status == 401
        || reply.location.starts_with("/sign-in?next")
        || body.contains("\"SignInRequired\"")
    {
        Outcome::SignIn
    } else if [403, 404].contains(&reply.status)
        || body.contains("\"Forbidden\"")
        || body.contains("\"NotFound\"")
    {
        Outcome::Refused
    } else if reply.flash().is_some()
        || body.starts_with("{\"Invalid\"")
        || body.starts_with("{\"Transport\"")
        || body.starts_with("{\"error\":\"invalid\"")
    {
        Outcome::Rejected
    } else if reply.status < 400 {
        Outcome::Allowed
    } else {
        Outcome::Broken(reply.status)
    }
}

fn table(w: &World) -> Vec<Entry> {
    let (a, b) = (&w.a, &w.b);
    let id = |n: i64| n.to_string();
    let zh = || ("locale", "ZhCn".to_string());
    vec![
        // Server functions (their errors come back as JSON).
        plain("POST", "/api/catalogue", EVERYONE).with(&[zh()]),
        plain("POST", "/api/course", EVERYONE)
            .with(&[zh(), ("course_id", "nongcun-dianshang".into())]),
        plain("POST", "/api/lesson", EVERYONE)
            .with(&[zh(), ("lesson_id", "shouji-anzhuang-app".into())]),
        plain("POST", "/api/module-test", &[Who::Learner])
            .with(&[zh(), ("module_id", "shouji-jichu".into())]),
        plain("POST", "/api/submit-quiz", EVERYONE),
        plain("POST", "/api/review-quiz", EVERYONE),
        plain("POST", "/api/viewer", EVERYONE),
        plain("POST", "/api/regions", STAFF),
        plain("POST", "/api/staff", &[Who::Admin]),
        plain("POST", "/api/households", &[Who::Office]).with(&[("search", String::new())]),
        plain("POST", "/api/household", &[Who::Office])
            .with(&[("id", id(a.household))])
            .outside("/api/household", &[("id", id(b.household))]),
        plain("POST", "/api/reveal-id-number", &[Who::Office])
            .with(&[("member_id", id(a.member))])
            .outside("/api/reveal-id-number", &[("member_id", id(b.member))]),
        plain("POST", "/api/import-status", &[Who::Office])
            .with(&[("id", id(a.import))])
            .outside("/api/import-status", &[("id", id(b.import))]),
        plain("POST", "/api/classes", &[Who::Trainer]),
        plain("POST", "/api/class", &[Who::Trainer])
            .with(&[("id", id(a.class))])
            .outside("/api/class", &[("id", id(b.class))]),
        plain("POST", "/api/password-sheet", &[Who::Office])
            .with(&[("id", a.sheet.clone())])
            .outside("/api/password-sheet", &[("id", b.sheet.clone())]),
        plain("POST", "/api/audit-log", &[Who::Office, Who::Admin]),
        plain("POST", "/api/my-learning", &[Who::Learner]).with(&[zh()]),
        plain("POST", "/api/certificate", LEARNER_AND_STAFF)
            .with(&[("code", a.certificate.clone())])
            .outside("/api/certificate", &[("code", b.certificate.clone())]),
        plain("POST", "/api/verify", EVERYONE).with(&[("code", a.certificate.clone())]),
        plain("POST", "/api/report", STAFF)
            .outside("/api/report", &[("filter[region]", id(b.county))]),
        plain("POST", "/api/learners", TEACHERS),
        plain("POST", "/api/learner", TEACHERS)
            .with(&[("id", id(a.learner_id))])
            .outside("/api/learner", &[("id", id(b.learner_id))]),
        plain("POST", "/api/follow-ups", TEACHERS),
        plain("POST", "/api/author-courses", EDITORS),
        plain("POST", "/api/author-course", EDITORS)
            .with(&[course()])
            .outside("/api/author-course", &[("course_id", b.course.clone())]),
        plain("POST", "/api/author-editor", EDITORS)
            .with(&[course(), lesson_file()])
            .outside(
                "/api/author-editor",
                &[
                    ("course_id", b.course.clone()),
                    ("path", "course.md".into()),
                ],
            ),
        // Pages.
        plain("GET", "/", EVERYONE),
        at(
            "GET",
            "/courses/{id}",
            "/courses/nongcun-dianshang",
            EVERYONE,
        ),
        at(
            "GET",
            "/lessons/{id}",
            "/lessons/shouji-anzhuang-app",
            EVERYONE,
        ),
        at(
            "GET",
            "/modules/{id}/test",
            "/modules/shouji-jichu/test",
            &[Who::Learner],
        ),
        plain("GET", "/sign-in", EVERYONE),
        plain("GET", "/register", EVERYONE),
        plain("GET", "/account/password", EVERYONE),
        plain("GET", "/households/import", EVERYONE),
        plain("GET", "/staff", SIGNED_IN),
        plain("GET", "/staff/regions", STAFF),
        plain("GET", "/staff/users", &[Who::Admin]),
        plain("GET", "/staff/audit", &[Who::Office, Who::Admin]),
        plain("GET", "/households", &[Who::Office]),
        at(
            "GET",
            "/households/{id}",
            format!("/households/{}", a.household),
            &[Who::Office],
        )
        .outside(format!("/households/{}", b.household), &[]),
        at(
            "GET",
            "/members/{id}/id-number",
            format!("/members/{}/id-number", a.member),
            &[Who::Office],
        )
        .outside(format!("/members/{}/id-number", b.member), &[]),
        at(
            "GET",
            "/imports/{id}",
            format!("/imports/{}", a.import),
            &[Who::Office],
        )
        .outside(format!("/imports/{}", b.import), &[]),
        plain("GET", "/classes", &[Who::Trainer]),
        plain("GET", "/reports", STAFF).outside(format!("/reports?region={}", b.county), &[]),
        plain("GET", "/reports/print", STAFF)
            .outside(format!("/reports/print?region={}", b.county), &[]),
        plain("GET", "/staff/learners", TEACHERS),
        at(
            "GET",
            "/staff/learners/{id}",
            format!("/staff/learners/{}", a.learner_id),
            TEACHERS,
        )
        .outside(format!("/staff/learners/{}", b.learner_id), &[]),
        plain("GET", "/staff/follow-ups", TEACHERS),
        plain("GET", "/me", &[Who::Learner]),
        plain("GET", "/offline", EVERYONE),
        plain("GET", "/offline/verify", EVERYONE),
        plain("GET", "/install", EVERYONE),
        at(
            "GET",
            "/certificates/{code}",
            format!("/certificates/{}", a.certificate),
            LEARNER_AND_STAFF,
        )
        .outside(format!("/certificates/{}", b.certificate), &[]),
        at(
            "GET",
            "/verify/{code}",
            format!("/verify/{}", a.certificate),
            EVERYONE,
        ),
        at(
            "GET",
            "/classes/{id}",
            format!("/classes/{}", a.class),
            &[Who::Trainer],
        )
        .outside(format!("/classes/{}", b.class), &[]),
        at(
            "GET",
            "/sheets/{id}",
            format!("/sheets/{}", a.sheet),
            &[Who::Office],
        )
        .outside(format!("/sheets/{}", b.sheet), &[]),
        // Plain routes.
        at("GET", "/lang/{tag}", "/lang/en?next=/", EVERYONE),
        at(
            "GET",
            "/media/{*path}",
            server::content::loader::hashed_media_url(
                include_bytes!(
                    "../../content/nongcun-dianshang/06-zhifu-zijin/img/dingdan-liucheng.svg"
                ),
                "dingdan-liucheng.svg",
            ),
            EVERYONE,
        ),
        plain("GET", "/healthz", EVERYONE),
        plain("POST", "/quiz", EVERYONE).with(&[
            ("kind", "lesson".into()),
            ("target", "shouji-anzhuang-app".into()),
            ("check", "authz-quiz-1".into()),
            ("q0", "0".into()),
        ]),
        plain("POST", "/auth/register", EVERYONE).with(&[("code", "NOPE".into())]),
        plain("POST", "/auth/password", SIGNED_IN).with(&[
            ("current", "wrong".into()),
            ("new", "x".into()),
            ("confirm", "x".into()),
        ]),
        plain("POST", "/staff/regions", &[Who::Admin])
            .with(&[("level", "village".into()), ("name", String::new())]),
        plain("POST", "/staff/regions/import", &[Who::Admin]),
        plain("POST", "/staff/users", &[Who::Admin]).with(&[("role", "nobody".into())]),
        at(
            "POST",
            "/accounts/{id}/reset",
            format!("/accounts/{}/reset", a.victim_id),
            &[Who::Trainer, Who::Office],
        )
        .outside(format!("/accounts/{}/reset", b.victim_id), &[]),
        plain("POST", "/accounts/bulk", &[Who::Trainer, Who::Office])
            .with(&[
                ("households", a.household_number.clone()),
                ("class_id", id(a.class)),
            ])
            .outside(
                "/accounts/bulk",
                &[
                    ("households", b.household_number.clone()),
                    ("class_id", id(b.class)),
                ],
            ),
        at(
            "POST",
            "/sheets/{id}/discard",
            "/sheets/none/discard",
            SIGNED_IN,
        ),
        plain("GET", "/author", EDITORS),
        // A course id that is not one: authorized, then refused as input.
        plain("POST", "/author", EDITORS).with(&[("id", "Not An Id!".into())]),
        at(
            "GET",
            "/author/{id}/export.zip",
            format!("/author/{COURSE}/export.zip"),
            EDITORS,
        )
        .outside(format!("/author/{}/export.zip", b.course), &[]),
        // Without a file: authorized, then refused as input.
        at(
            "POST",
            "/author/{id}/import",
            format!("/author/{COURSE}/import"),
            EDITORS,
        )
        .outside(format!("/author/{}/import", b.course), &[]),
        at(
            "POST",
            "/author/{id}/pictures",
            format!("/author/{COURSE}/pictures"),
            EDITORS,
        )
        .outside(format!("/author/{}/pictures", b.course), &[]),
        at("GET", "/author/{id}", format!("/author/{COURSE}"), EDITORS)
            .outside(format!("/author/{}", b.course), &[]),
        at(
            "GET",
            "/author/{id}/edit",
            format!("/author/{COURSE}/edit?path=01-shouji-jichu/01-anzhuang-app.md"),
            EDITORS,
        )
        .outside(
            format!(
                "/author/{}/edit?path=01-shouji-jichu/01-anzhuang-app.md",
                b.course
            ),
            &[],
        ),
        // Authorized, then refused as input, so the shared course is never changed here.
        at(
            "POST",
            "/author/{id}/draft",
            format!("/author/{COURSE}/draft"),
            EDITORS,
        )
        .with(&[("path", "../x.md".into()), ("source", "x".into())])
        .outside(
            format!("/author/{}/draft", b.course),
            &[("path", "course.md".into()), ("source", "x".into())],
        ),
        at(
            "POST",
            "/author/{id}/publish",
            format!("/author/{COURSE}/publish"),
            EDITORS,
        )
        .outside(format!("/author/{}/publish", b.course), &[]),
        at(
            "POST",
            "/author/{id}/discard",
            format!("/author/{COURSE}/discard"),
            EDITORS,
        )
        .outside(format!("/author/{}/discard", b.course), &[]),
        at(
            "POST",
            "/author/{id}/versions/{number}/rollback",
            format!("/author/{COURSE}/versions/999/rollback"),
            EDITORS,
        )
        .outside(format!("/author/{}/versions/999/rollback", b.course), &[]),
        // Trainer A was granted editing, not ownership: only owners and admins grant it on.
        at(
            "POST",
            "/author/{id}/editors",
            format!("/author/{COURSE}/editors"),
            &[Who::Admin],
        )
        .with(&[("login", "nobody".into())]),
        plain("POST", "/classes", &[Who::Trainer])
            .with(&[("name", "新班".into()), ("region_id", id(a.township))])
            .outside(
                "/classes",
                &[("name", "别班".into()), ("region_id", id(b.township))],
            ),
        at(
            "POST",
            "/classes/{id}/members",
            format!("/classes/{}/members", a.class),
            &[Who::Trainer],
        )
        .with(&[("login", a.learner.clone())])
        .outside(
            format!("/classes/{}/members", b.class),
            &[("login", b.learner.clone())],
        ),
        at(
            "POST",
            "/classes/{id}/trainers",
            format!("/classes/{}/trainers", a.class),
            &[Who::Trainer],
        )
        .with(&[("login", a.learner.clone())])
        .outside(
            format!("/classes/{}/trainers", b.class),
            &[("login", b.trainer.clone())],
        ),
        at(
            "POST",
            "/classes/{id}/attendance",
            format!("/classes/{}/attendance", a.class),
            &[Who::Trainer],
        )
        .with(&[("held_on", today()), ("present", id(a.learner_id))])
        .outside(
            format!("/classes/{}/attendance", b.class),
            &[("held_on", today()), ("present", id(b.learner_id))],
        ),
        at(
            "GET",
            "/classes/{id}/progress.csv",
            format!("/classes/{}/progress.csv", a.class),
            &[Who::Trainer],
        )
        .outside(format!("/classes/{}/progress.csv", b.class), &[]),
        at(
            "GET",
            "/classes/{id}/progress.xlsx",
            format!("/classes/{}/progress.xlsx", a.class),
            &[Who::Trainer],
        )
        .outside(format!("/classes/{}/progress.xlsx", b.class), &[]),
        plain("POST", "/households/import", &[Who::Office]),
        plain("GET", "/households/export.csv", &[Who::Office]),
        at(
            "POST",
            "/learning/lessons/{id}/complete",
            "/learning/lessons/shouji-anzhuang-app/complete",
            &[Who::Learner],
        )
        .with(&[("event_id", "authz-table-1".into())]),
        at(
            "GET",
            "/certificates/{code}/badge.json",
            format!("/certificates/{}/badge.json", a.certificate),
            &[Who::Learner],
        )
        .outside(format!("/certificates/{}/badge.json", b.certificate), &[]),
        plain(
            "GET",
            "/.well-known/nongdian-certificate-key.json",
            EVERYONE,
        ),
        plain("POST", "/outcomes", &[Who::Learner])
            .with(&[("kind", "first_sale".into()), ("date", "2026-01-05".into())]),
        at(
            "POST",
            "/learners/{id}/outcomes",
            format!("/learners/{}/outcomes", a.learner_id),
            TEACHERS,
        )
        .with(&[("kind", "employment".into()), ("place", "local".into())])
        .outside(
            format!("/learners/{}/outcomes", b.learner_id),
            &[("kind", "employment".into())],
        ),
        at(
            "POST",
            "/outcomes/{id}/confirm",
            format!("/outcomes/{}/confirm", a.outcome),
            TEACHERS,
        )
        .outside(format!("/outcomes/{}/confirm", b.outcome), &[]),
        at(
            "POST",
            "/follow-ups/{id}",
            format!("/follow-ups/{}", a.follow_up),
            TEACHERS,
        )
        .with(&[("result", "reached".into())])
        .outside(
            format!("/follow-ups/{}", b.follow_up),
            &[("result", "reached".into())],
        ),
        plain("GET", "/reports/export.csv", STAFF)
            .outside(format!("/reports/export.csv?region={}", b.county), &[]),
        plain("GET", "/reports/export.xlsx", STAFF)
            .outside(format!("/reports/export.xlsx?region={}", b.county), &[]),
        // The JSON surface for machine clients: a learner's app only.
        plain("GET", "/sync/v1/status", &[Who::Learner]),
        // A form body is not a batch: a learner is answered "invalid", nobody else reads that far.
        plain("POST", "/sync/v1/progress", &[Who::Learner]),
        // Revoking goes after every reader of the certificate.
        at(
            "POST",
            "/certificates/{code}/revoke",
            format!("/certificates/{}/revoke", a.certificate),
            &[Who::Office, Who::Admin],
        )
        .with(&[("reason", "测试".into())])
        .outside(
            format!("/certificates/{}/revoke", b.certificate),
            &[("reason", "测试".into())],
        ),
        // Last: they end each session they are sent with (a sign-in replaces it).
        plain("POST", "/auth/sign-in", EVERYONE)
            .with(&[("login", w.admin.clone()), ("password", PASSWORD.into())]),
        plain("POST", "/auth/sign-out", EVERYONE),
    ]
}

/// Every endpoint the server answers: server functions, Leptos pages and plain routes.
fn endpoints() -> BTreeSet<(String, String)> {
    let mut all = BTreeSet::new();
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        all.insert((method.to_string(), path.to_string()));
    }
    for listing in leptos_axum::generate_route_list(app::App) {
        all.insert(("GET".to_string(), listing.path().to_string()));
    }
    for (method, path) in server::http::plain_route_list() {
        all.insert((method.to_string(), path.to_string()));
    }
    all
}

#[test]
fn every_endpoint_has_an_entry_in_the_table() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "e").await;
        let listed: BTreeSet<(String, String)> = table(&world)
            .iter()
            .map(|e| (e.method.to_string(), e.route.to_string()))
            .collect();
        let served = endpoints();
        let missing: Vec<_> = served.difference(&listed).collect();
        assert!(
            missing.is_empty(),
            "endpoints without an authorization entry: {missing:?}"
        );
        let stale: Vec<_> = listed.difference(&served).collect();
        assert!(
            stale.is_empty(),
            "entries for endpoints that do not exist: {stale:?}"
        );
    });
}

async fn sessions(server: &TestServer, w: &World) -> Vec<(Who, Option<String>)> {
    vec![
        (Who::Anonymous, None),
        (
            Who::Learner,
            Some(server.session(&w.a.learner, PASSWORD).await),
        ),
        (
            Who::Trainer,
            Some(server.session(&w.a.trainer, PASSWORD).await),
        ),
        (
            Who::Office,
            Some(server.session(&w.a.office, PASSWORD).await),
        ),
        (Who::Admin, Some(server.session(&w.admin, PASSWORD).await)),
    ]
}

fn pairs(form: &Form) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[test]
fn every_endpoint_refuses_every_role_it_does_not_serve_and_data_out_of_scope() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "t").await;
        let sessions = sessions(server, &world).await;
        let mut failures = Vec::new();
        for entry in table(&world) {
            for (who, cookie) in &sessions {
                let reply = server
                    .send(
                        entry.method,
                        &entry.path,
                        cookie.as_deref(),
                        &pairs(&entry.form),
                    )
                    .await;
                let got = outcome(&reply);
                let fine = match (entry.allowed.contains(who), who) {
                    (true, _) => matches!(got, Outcome::Allowed | Outcome::Rejected),
                    (false, Who::Anonymous) => got == Outcome::SignIn,
                    (false, _) => got == Outcome::Refused,
                };
                if !fine {
                    failures.push(format!(
                        "{} {} as {who:?}: {got:?} ({})",
                        entry.method, entry.path, reply.status
                    ));
                }
                // Admins have no region, so nothing is out of their scope.
                let scoped = entry.allowed.contains(who) && *who != Who::Admin;
                if let (true, Some((path, form))) = (scoped, &entry.out_of_scope) {
                    let reply = server
                        .send(entry.method, path, cookie.as_deref(), &pairs(form))
                        .await;
                    let got = outcome(&reply);
                    if !matches!(got, Outcome::Refused | Outcome::Rejected) {
                        failures.push(format!(
                            "{} {path} (out of scope) as {who:?}: {got:?}",
                            entry.method
                        ));
                    }
                }
            }
        }
        assert!(
            failures.is_empty(),
            "authorization table:\n{}",
            failures.join("\n")
        );
    });
}

#[test]
fn refusals_of_signed_in_people_are_audited() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "d").await;
        let learner = server.session(&world.a.learner, PASSWORD).await;
        let reply = server
            .send(
                "GET",
                &format!("/households/{}", world.a.household),
                Some(&learner),
                &[],
            )
            .await;
        assert_eq!(reply.status, 403);
        let entries = server
            .store
            .audit_entries(None, None, 50)
            .await
            .expect("audit");
        assert!(
            entries.iter().any(|e| e.action == "denied"
                && e.target.starts_with("households.view")
                && e.actor_name.as_deref() == Some(world.a.learner.as_str())),
            "{entries:?}"
        );
    });
}
