//! One-time password sheets and resets over HTTP: a sheet opens again only briefly after it is
//! first shown and is purged on time without anyone discarding it; admins cannot reset another
//! admin's password on the web (the command line can).

mod common;
mod world;

use common::TestServer;
use server::services::accounts::sheets::{sheet_window, SHEET_REREAD_SECS};
use server::services::accounts::users::reset_from_console;
use server::store::now;
use world::PASSWORD;

/// An office of a new world makes learner accounts in bulk: the world, the office's session and
/// the reply that leads to the sheet.
async fn bulk_sheet(server: &TestServer, tag: &str) -> (world::World, String, common::Reply) {
    let world = world::build(server, tag).await;
    let cookie = server.session(&world.a.office, PASSWORD).await;
    let form = [("households", world.a.household_number.as_str())];
    let made = server
        .send("POST", "/accounts/bulk", Some(&cookie), &form)
        .await;
    (world, cookie, made)
}

#[test]
fn a_sheet_reopens_only_briefly_after_it_is_first_shown_and_is_purged_on_time() {
    common::run(async {
        let server = common::shared().await;
        let (world, cookie, made) = bulk_sheet(server, "sw").await;
        let id = made.location.trim_start_matches("/sheets/").to_string();
        assert!(made.location.starts_with("/sheets/"), "{made:?}");
        for _ in 0..2 {
            let page = server.send("GET", &made.location, Some(&cookie), &[]).await;
            assert_eq!(page.status, 200, "open again to print it");
        }
        let creator = world.a.office_id;
        let later = sheet_window(now() + SHEET_REREAD_SECS + 60);
        let store = &server.store;
        let reopened = store.open_sheet(&id, creator, later).await.expect("query");
        assert_eq!(reopened, None, "past its minutes after the first showing");
        assert!(store.purge_sheets(sheet_window(now())).await.is_ok());
        let soon = store.open_sheet(&id, creator, sheet_window(now())).await;
        assert!(
            soon.expect("query").is_some(),
            "the purge keeps a sheet in its window"
        );
        assert!(store.purge_sheets(later).await.expect("purge") >= 1);
        let gone = store.open_sheet(&id, creator, sheet_window(now())).await;
        assert_eq!(gone.expect("query"), None, "purged without a discard");
        let page = server.send("GET", &made.location, Some(&cookie), &[]).await;
        assert_eq!(page.status, 404);
    });
}

#[test]
fn an_unopened_sheet_is_purged_after_its_hour() {
    common::run(async {
        let server = common::shared().await;
        let (world, _, made) = bulk_sheet(server, "su").await;
        let id = made.location.trim_start_matches("/sheets/").to_string();
        let store = &server.store;
        let hour_later = sheet_window(now() + 3_601);
        assert!(store.purge_sheets(hour_later).await.expect("purge") >= 1);
        let gone = store
            .open_sheet(&id, world.a.office_id, sheet_window(now()))
            .await;
        assert_eq!(gone.expect("query"), None);
    });
}

#[test]
fn admins_reset_offices_on_the_web_but_another_admin_only_on_the_command_line() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "sa").await;
        let other_admin = world::account(server, "sa-second-admin", "admin", None).await;
        let admin = server.session(&world.admin, PASSWORD).await;
        let office = format!("/accounts/{}/reset", world.a.office_id);
        let reset = server.send("POST", &office, Some(&admin), &[]).await;
        assert!(reset.location.starts_with("/sheets/"), "{reset:?}");
        let path = format!("/accounts/{other_admin}/reset");
        let refused = server.send("POST", &path, Some(&admin), &[]).await;
        assert!(!refused.location.starts_with("/sheets/"), "{refused:?}");
        let log = server
            .store
            .audit_entries(None, None, 500)
            .await
            .expect("audit");
        let target = format!("accounts.reset: user {other_admin}");
        assert!(
            log.iter()
                .any(|e| e.action == "denied" && e.target == target),
            "the refusal is audited"
        );
        server.session("sa-second-admin", PASSWORD).await;

        let passwords = server::services::accounts::passwords::Passwords::new(1);
        let store = &server.store;
        let set = reset_from_console(store, &passwords, " SA-second-admin ", "console-2026").await;
        assert_eq!(set.ok(), Some(other_admin));
        let signed_in = server.session("sa-second-admin", "console-2026").await;
        let home = server.send("GET", "/", Some(&signed_in), &[]).await;
        assert_eq!(
            home.location, "/account/password",
            "they choose their own next"
        );
        let short = reset_from_console(store, &passwords, "sa-second-admin", "short").await;
        assert!(short.is_err());
        let nobody = reset_from_console(store, &passwords, "no-such-login", "long-enough-1").await;
        assert!(nobody.is_err());
    });
}
