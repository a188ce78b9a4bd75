//! Households over HTTP: CSV import (dry run, all-or-nothing, good and bad files, UTF-8 and
//! GBK), masked identity numbers and the audited full view, export in the import format,
//! bulk learner accounts with a forced password change, and registration with a join code.

mod common;
mod world;

use common::TestServer;
use world::uploads::{finished, households_csv, upload, HEADER};
use world::{World, PASSWORD};

async fn office(server: &TestServer, tag: &str) -> (World, String) {
    let world = world::build(server, tag).await;
    let cookie = server.session(&world.a.office, PASSWORD).await;
    (world, cookie)
}

#[test]
fn a_dry_run_saves_nothing_and_an_import_saves_every_household() {
    common::run(async {
        let server = common::shared().await;
        let (world, cookie) = office(server, "i").await;
        let village = format!("i{}", "a村");
        let file = households_csv("I", &village, 3, "i");
        let id = upload(server, &cookie, file.clone().into_bytes(), "auto", true).await;
        let page = finished(server, &cookie, id).await;
        assert!(page.contains("检查完毕，没有错误"), "{page}");
        let list = server
            .send("GET", "/households?q=I-", Some(&cookie), &[])
            .await;
        assert!(!list.body.contains("I-0"), "a dry run saves nothing");
        let id = upload(server, &cookie, file.into_bytes(), "utf-8", false).await;
        let page = finished(server, &cookie, id).await;
        assert!(page.contains("导入完成"), "{page}");
        let list = server
            .send("GET", "/households?q=I-", Some(&cookie), &[])
            .await;
        for number in ["I-0", "I-1", "I-2"] {
            assert!(list.body.contains(number), "{number} listed");
        }
        let other = server.session(&world.b.office, PASSWORD).await;
        let theirs = server
            .send("GET", "/households?q=I-", Some(&other), &[])
            .await;
        assert!(
            !theirs.body.contains("I-0"),
            "another county's office does not see them"
        );
    });
}

#[test]
fn a_bad_file_lists_every_bad_row_and_saves_nothing() {
    common::run(async {
        let server = common::shared().await;
        let (world, cookie) = office(server, "x").await;
        let village = "xa村";
        let good = households_csv("X", village, 2, "x");
        let mut lines: Vec<String> = good.lines().map(str::to_string).collect();
        lines[1] = lines[1].replacen(&world::id_number("xX0", 3), "450101199003071230", 1);
        lines.push(format!(
            "X-0,{village},王五,男,1980,子女,,,,,其他,一般户,缺技术"
        ));
        lines.push(format!(
            "{},{village},赵六,男,1980,户主,,,,,其他,,",
            world.a.household_number
        ));
        let id = upload(
            server,
            &cookie,
            (lines.join("\n") + "\n").into_bytes(),
            "auto",
            false,
        )
        .await;
        let page = finished(server, &cookie, id).await;
        assert!(page.contains("一行也没有导入"), "{page}");
        assert!(
            page.contains("校验位"),
            "the bad ID number's line is reported: {page}"
        );
        assert!(
            page.contains("<td>6</td>"),
            "the repeated household number is reported on its line"
        );
        assert!(
            page.contains("已经存在"),
            "a number already in the database is reported"
        );
        let english = format!("{cookie}; lang=en");
        let page = finished(server, &english, id).await;
        assert!(
            page.contains("check character is wrong") && page.contains("already exists"),
            "the reasons are in the office's language: {page}"
        );
        assert!(
            !page.contains("450101199003071230"),
            "an identity number is never repeated back"
        );
        let list = server
            .send("GET", "/households?q=X-", Some(&cookie), &[])
            .await;
        assert!(!list.body.contains("X-1"), "no row of a bad file is saved");

        let id = upload(
            server,
            &cookie,
            "户编号,姓名\nA,B\n".as_bytes().to_vec(),
            "auto",
            true,
        )
        .await;
        let page = finished(server, &cookie, id).await;
        assert!(
            page.contains("村") && page.contains("缺少"),
            "missing columns are named: {page}"
        );

        let text = households_csv("G", village, 1, "x");
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        let id = upload(server, &cookie, gbk.to_vec(), "utf-8", true).await;
        let page = finished(server, &cookie, id).await;
        assert!(
            page.contains("GBK"),
            "GBK bytes read as UTF-8 are refused with a hint: {page}"
        );
        let id = upload(server, &cookie, gbk.to_vec(), "gbk", false).await;
        let page = finished(server, &cookie, id).await;
        assert!(
            page.contains("导入完成"),
            "the same file as GBK imports: {page}"
        );
    });
}

#[test]
fn identity_numbers_are_masked_and_every_full_view_is_audited() {
    common::run(async {
        let server = common::shared().await;
        let (world, cookie) = office(server, "m").await;
        let page = server
            .send(
                "GET",
                &format!("/households/{}", world.a.household),
                Some(&cookie),
                &[],
            )
            .await;
        let full = &world.a.id_number;
        let masked = format!("{}**********{}**", &full[..4], &full[14..16]);
        assert!(page.body.contains(&masked), "masked number shown");
        assert!(
            !page.body.contains(full.as_str()),
            "full number not on the household page"
        );
        let reveal = server
            .send(
                "GET",
                &format!("/members/{}/id-number", world.a.member),
                Some(&cookie),
                &[],
            )
            .await;
        assert!(reveal.body.contains(full.as_str()));
        let log = server
            .store
            .audit_entries(Some(world.a.county), None, 100)
            .await
            .expect("audit");
        assert!(log
            .iter()
            .any(|e| e.action == "revealed_id_number" && e.target.contains("户主甲")));
        // Another site's link or a picture in this site's pages cannot make the reveal happen
        // (and be audited) in the office's name.
        let reveals = log
            .iter()
            .filter(|e| e.action == "revealed_id_number")
            .count();
        let path = format!("/members/{}/id-number", world.a.member);
        for (site, dest) in [("cross-site", "document"), ("same-origin", "image")] {
            let (status, body) = server
                .get_with(
                    &path,
                    &[
                        ("cookie", cookie.as_str()),
                        ("sec-fetch-site", site),
                        ("sec-fetch-dest", dest),
                    ],
                )
                .await;
            assert_eq!(status, 403, "{site} {dest}");
            assert!(!body.contains(full.as_str()));
        }
        let (status, _) = server
            .get_with(
                "/households/export.csv",
                &[
                    ("cookie", cookie.as_str()),
                    ("sec-fetch-site", "cross-site"),
                ],
            )
            .await;
        assert_eq!(status, 403, "the household export from another site");
        let log = server
            .store
            .audit_entries(Some(world.a.county), None, 100)
            .await
            .expect("audit");
        let after = log
            .iter()
            .filter(|e| e.action == "revealed_id_number")
            .count();
        assert_eq!(after, reveals, "refused reveals leave no reveal in the log");
        let stored = server
            .store
            .members_within(world.a.county, Some(world.a.household))
            .await
            .expect("members");
        let sealed = stored
            .iter()
            .find_map(|m| m.id_cipher.clone())
            .expect("sealed");
        assert!(
            !sealed.contains(&full[..10]),
            "the database holds no readable number"
        );
    });
}

#[test]
fn export_writes_the_import_format_and_is_audited() {
    common::run(async {
        let server = common::shared().await;
        let (world, cookie) = office(server, "o").await;
        let reply = server
            .send("GET", "/households/export.csv", Some(&cookie), &[])
            .await;
        assert_eq!(reply.status, 200);
        let text = reply.body.trim_start_matches('\u{feff}');
        assert!(text.starts_with(HEADER), "{text}");
        assert!(text.contains(&world.a.household_number) && text.contains(&world.a.id_number));
        assert!(
            !text.contains(&world.b.household_number),
            "only the office's region"
        );
        let log = server
            .store
            .audit_entries(Some(world.a.county), None, 100)
            .await
            .expect("audit");
        assert!(log.iter().any(|e| e.action == "exported_households"));
        let id = upload(server, &cookie, reply.body.into_bytes(), "auto", true).await;
        let page = finished(server, &cookie, id).await;
        assert!(
            page.contains("已经存在"),
            "re-importing an export is refused as duplicates: {page}"
        );
    });
}

#[test]
fn bulk_accounts_get_one_time_passwords_that_must_be_changed() {
    common::run(async {
        let server = common::shared().await;
        let (world, cookie) = office(server, "k").await;
        let form = [("households", world.a.household_number.as_str())];
        let reply = server
            .send("POST", "/accounts/bulk", Some(&cookie), &form)
            .await;
        assert!(reply.location.starts_with("/sheets/"), "{reply:?}");
        let sheet = server
            .send("GET", &reply.location, Some(&cookie), &[])
            .await;
        assert!(sheet.body.contains("配偶乙") && sheet.body.contains("已有账号"));
        let login = format!("nd{:06}", world.a.member + 1);
        let password = sheet
            .body
            .split("<code>")
            .nth(2)
            .and_then(|s| s.split("</code>").next())
            .expect("password");
        let other = server.session(&world.b.office, PASSWORD).await;
        assert_eq!(
            server
                .send("GET", &reply.location, Some(&other), &[])
                .await
                .status,
            404,
            "only its maker sees a sheet"
        );

        let learner = server.session(&login, password).await;
        let home = server.send("GET", "/", Some(&learner), &[]).await;
        assert_eq!(
            home.location, "/account/password",
            "a one-time password must be changed first"
        );
        let change = [
            ("current", password),
            ("new", "xin-mima-2026"),
            ("confirm", "xin-mima-2026"),
        ];
        let changed = server
            .send("POST", "/auth/password", Some(&learner), &change)
            .await;
        assert_eq!(changed.location, "/?password=changed");
        assert_eq!(
            server.send("GET", "/", Some(&learner), &[]).await.status,
            200
        );
        server.session(&login, "xin-mima-2026").await;
    });
}

#[test]
fn learners_register_with_a_join_code_and_appear_in_the_class() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "r").await;
        let form = [
            ("code", " ra "),
            ("name", "新学员"),
            ("phone", "139 0000 7777"),
            ("password", "ziji-mima-1"),
        ];
        let reply = server.send("POST", "/auth/register", None, &form).await;
        assert_eq!(reply.location, "/", "{reply:?}");
        let again = server.send("POST", "/auth/register", None, &form).await;
        assert!(
            again.location.starts_with("/register"),
            "a phone registers once"
        );
        let page = server.follow(&again, None).await;
        assert!(page.contains("这个登录名已经注册过了"), "{page}");
        let bad = [
            ("code", "ZZZZZZ"),
            ("name", "x"),
            ("phone", "13900007778"),
            ("password", "ziji-mima-1"),
        ];
        let wrong = server.send("POST", "/auth/register", None, &bad).await;
        assert!(server.follow(&wrong, None).await.contains("邀请码不对"));
        let trainer = server.session(&world.a.trainer, PASSWORD).await;
        let class = server
            .send(
                "GET",
                &format!("/classes/{}", world.a.class),
                Some(&trainer),
                &[],
            )
            .await;
        assert!(class.body.contains("新学员") && class.body.contains("139****7777"));
        assert!(
            !class.body.contains("13900007777"),
            "trainers see phones masked"
        );
    });
}

/// Posts a file to a multipart form route; returns where it redirected.
/// Uploads a file; returns where the browser is sent and the page it finds there.
async fn post_file(
    server: &TestServer,
    cookie: &str,
    path: &str,
    bytes: Vec<u8>,
) -> (String, String) {
    let part = reqwest::multipart::Part::bytes(bytes).file_name("regions.csv");
    let response = server
        .client()
        .post(format!("{}{path}", server.base))
        .header("origin", &server.base)
        .header("cookie", cookie)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .expect("upload");
    let location = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let cookies = [cookie.to_string()]
        .into_iter()
        .chain(common::set_cookies(response.headers()))
        .collect::<Vec<_>>()
        .join("; ");
    let (_, page) = server.get_with(&location, &[("cookie", &cookies)]).await;
    (location, page)
}

#[test]
fn admins_import_regions_from_csv_whole_or_not_at_all() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "g").await;
        let admin = server.session(&world.admin, PASSWORD).await;
        let good = "行政区划代码,名称,级别,上级代码\n459901,导入县,县,\n459901101,导入镇,乡镇,459901\n459901101201,导入村,村,459901101\n";
        let bad = good.replace(
            "459901101201,导入村,村,459901101",
            "459901101202,错村,村,459901",
        );
        let (location, shown) =
            post_file(server, &admin, "/staff/regions/import", bad.into_bytes()).await;
        assert_eq!(location, "/staff/regions");
        assert!(shown.contains("第4行：村的上级必须是已有的乡镇"), "{shown}");
        let page = server
            .send("GET", "/staff/regions", Some(&admin), &[])
            .await;
        assert!(!page.body.contains("导入县"), "a bad file adds nothing");
        let (gbk, _, _) = encoding_rs::GBK.encode(good);
        let (location, _) = post_file(server, &admin, "/staff/regions/import", gbk.to_vec()).await;
        assert_eq!(location, "/staff/regions?added=3");
        let (again, _) = post_file(
            server,
            &admin,
            "/staff/regions/import",
            good.as_bytes().to_vec(),
        )
        .await;
        assert_eq!(
            again, "/staff/regions?added=0",
            "importing again adds nothing"
        );
        let page = server
            .send("GET", "/staff/regions", Some(&admin), &[])
            .await;
        assert!(page.body.contains("导入县") && page.body.contains("导入村"));
    });
}
