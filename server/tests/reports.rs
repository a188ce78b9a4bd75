//! Reports over HTTP on a fixture whose figures this test works out on its own: the page, the
//! CSV and the XLSX agree with them; a learner's self-reported first sale counts only once it is
//! confirmed; filters and scope hold.

mod common;
mod learn;
mod world;

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use common::TestServer;
use learn::{complete, lessons, pass_every_test};
use world::{World, PASSWORD};

/// The fixture of county A, built as people would: learners register, learn, report.
struct Fixture {
    world: World,
    /// The learner who finishes the course and opens a store.
    finisher: i64,
    office: String,
    trainer: String,
}

async fn fixture(server: &TestServer, tag: &str) -> Fixture {
    let world = world::build(server, tag).await;
    // Learner a (a registered poor household's member) does two lessons.
    let learner = server.session(&world.a.learner, PASSWORD).await;
    for (i, lesson) in lessons(server).await.iter().take(2).enumerate() {
        complete(server, &learner, lesson, &format!("{tag}-a-{i:04}")).await;
    }
    // A returnee registers with class A's code, finishes the course, opens a store and sells.
    let code = format!("{}A", tag.to_uppercase());
    let seed = tag
        .bytes()
        .fold(7_u32, |n, b| (n * 131 + u32::from(b)) % 10_000);
    let phone = format!("1390000{seed:04}");
    let form = [
        ("code", code.as_str()),
        ("name", "返乡青年"),
        ("phone", phone.as_str()),
        ("password", "fanxiang-2026"),
    ];
    let registered = server.send("POST", "/auth/register", None, &form).await;
    assert_eq!(registered.location, "/", "{registered:?}");
    let finisher = server.session(&phone, "fanxiang-2026").await;
    for (i, lesson) in lessons(server).await.iter().enumerate() {
        complete(server, &finisher, lesson, &format!("{tag}-f-{i:04}")).await;
    }
    pass_every_test(server, &finisher, &format!("{tag}-f")).await;
    let reports = [
        vec![
            ("kind", "store_opened"),
            ("platform", "taobao"),
            ("store_name", "山货店"),
        ],
        vec![("kind", "first_sale"), ("date", "2026-01-10")],
        vec![
            ("kind", "monthly_sales"),
            ("month", "2026-01"),
            ("amount", "1,280.50"),
            ("orders", "31"),
        ],
    ];
    for form in &reports {
        let reply = server
            .send("POST", "/outcomes", Some(&finisher), form)
            .await;
        assert!(reply.location.starts_with("/me"), "{reply:?}");
    }
    let finisher_id = server
        .store
        .user_for_sign_in(&phone)
        .await
        .expect("user")
        .expect("registered")
        .0
        .id;
    let trainer = server.session(&world.a.trainer, PASSWORD).await;
    for outcome in server
        .store
        .outcomes_of(finisher_id)
        .await
        .expect("outcomes")
    {
        let path = format!("/outcomes/{}/confirm", outcome.id);
        let reply = server.send("POST", &path, Some(&trainer), &[]).await;
        assert_eq!(reply.status, 303, "{reply:?}");
    }
    let office = server.session(&world.a.office, PASSWORD).await;
    Fixture {
        world,
        finisher: finisher_id,
        office,
        trainer,
    }
}

/// What county A's figures must be, worked out from the fixture: three learners (a, the victim
/// and the finisher), one household (a's, registered poor), one village (a and the victim live in
/// it; the finisher registered at the township), two active, one completed, two certified (the
/// world gave a a certificate), one store and one first sale (a's own report is not confirmed),
/// 1,280.50 yuan of sales.
fn expected() -> HashMap<&'static str, &'static str> {
    HashMap::from([
        ("覆盖村数", "1"),
        ("覆盖户数", "1"),
        ("其中建档立卡户", "1"),
        ("报名学员", "3"),
        ("近30天学习", "2"),
        ("学完课程", "1"),
        ("取得证书", "2"),
        ("开了网店", "1"),
        ("卖出第一单", "1"),
        ("找到工作", "0"),
        ("报告销售额（元）", "1280.50"),
    ])
}

/// The totals table of a report page: label → value.
fn page_totals(html: &str) -> HashMap<String, String> {
    let start = html.find("<table").expect("totals table");
    let end = html[start..].find("</table>").expect("end") + start;
    let mut totals = HashMap::new();
    for row in html[start..end].split("<tr>").skip(2) {
        let cell = |tag: &str| {
            let open = format!("<{tag}");
            let at = row.find(&open)?;
            let from = row[at..].find('>')? + at + 1;
            let to = row[from..].find(&format!("</{tag}>"))? + from;
            Some(row[from..to].to_string())
        };
        if let (Some(label), Some(value)) = (cell("th"), cell("td")) {
            totals.insert(label, value);
        }
    }
    totals
}

fn assert_figures(found: &HashMap<String, String>, source: &str) {
    for (label, value) in expected() {
        assert_eq!(
            found.get(label).map(String::as_str),
            Some(value),
            "{source}: {label} in {found:?}"
        );
    }
}

async fn download(server: &TestServer, cookie: &str, path: &str) -> Vec<u8> {
    let response = server
        .client()
        .get(format!("{}{path}", server.base))
        .header("cookie", cookie)
        .send()
        .await
        .expect("download");
    assert_eq!(response.status().as_u16(), 200, "{path}");
    response.bytes().await.expect("bytes").to_vec()
}

#[test]
fn the_page_the_csv_and_the_xlsx_show_the_fixture_figures() {
    common::run(async {
        let server = common::shared().await;
        let f = fixture(server, "rp").await;
        let page = server.send("GET", "/reports", Some(&f.office), &[]).await;
        assert_eq!(page.status, 200);
        assert_figures(&page_totals(&page.body), "page");
        assert!(page.body.contains("<svg"), "charts are drawn on the server");
        assert!(
            page.body.contains("rpa镇</a>"),
            "the township is a row to drill into"
        );

        let csv = download(server, &f.office, "/reports/export.csv").await;
        assert!(
            csv.starts_with(b"\xEF\xBB\xBF"),
            "a byte order mark for Excel"
        );
        let text = String::from_utf8(csv[3..].to_vec()).expect("utf-8");
        let mut from_csv = HashMap::new();
        for line in text.lines() {
            if let Some((label, value)) = line.split_once(',') {
                from_csv
                    .entry(label.to_string())
                    .or_insert(value.to_string());
            }
        }
        assert_figures(&from_csv, "csv");

        let xlsx = download(server, &f.office, "/reports/export.xlsx").await;
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(xlsx)).expect("workbook");
        let sheet = book.worksheet_range_at(0).expect("a sheet").expect("range");
        let mut from_xlsx = HashMap::new();
        for row in sheet.rows() {
            if let [Data::String(label), value, ..] = row {
                let value = match value {
                    Data::Float(n) if n.fract() != 0.0 || label.contains('元') => {
                        format!("{n:.2}")
                    }
                    Data::Float(n) => format!("{n}"),
                    Data::Int(n) => n.to_string(),
                    other => other.to_string(),
                };
                from_xlsx.entry(label.clone()).or_insert(value);
            }
        }
        assert_figures(&from_xlsx, "xlsx");

        // What the learning and accounts paths kept on write is what a recompute finds.
        let store = &server.store;
        let learners = [f.world.a.learner_id, f.world.a.victim_id, f.finisher];
        let kept: Vec<_> = {
            let mut rows = Vec::new();
            for id in learners {
                rows.push(store.learner_facts(id).await.expect("facts"));
            }
            rows
        };
        for (id, before) in learners.into_iter().zip(kept) {
            store.refresh_learner_facts(id).await.expect("recompute");
            let after = store.learner_facts(id).await.expect("facts");
            assert_eq!(before, after, "learner {id}");
        }
    });
}

#[test]
fn a_self_reported_sale_counts_once_confirmed_and_filters_narrow_the_report() {
    common::run(async {
        let server = common::shared().await;
        let f = fixture(server, "rq").await;
        let figure = |html: &str, label: &str| page_totals(html).get(label).cloned();
        let before = server.send("GET", "/reports", Some(&f.office), &[]).await;
        assert_eq!(figure(&before.body, "卖出第一单").as_deref(), Some("1"));
        // The trainer confirms learner a's own report of a first sale.
        let path = format!("/outcomes/{}/confirm", f.world.a.outcome);
        let reply = server.send("POST", &path, Some(&f.trainer), &[]).await;
        assert_eq!(reply.status, 303, "{reply:?}");
        let after = server.send("GET", "/reports", Some(&f.office), &[]).await;
        assert_eq!(figure(&after.body, "卖出第一单").as_deref(), Some("2"));
        let again = server.send("POST", &path, Some(&f.trainer), &[]).await;
        assert!(server
            .follow(&again, Some(&f.trainer))
            .await
            .contains("已经确认过了"));

        let poor = server
            .send("GET", "/reports?group=poor_household", Some(&f.office), &[])
            .await;
        assert_eq!(figure(&poor.body, "报名学员").as_deref(), Some("1"));
        let village = format!("/reports?region={}", f.world.a.village);
        let in_village = server.send("GET", &village, Some(&f.office), &[]).await;
        assert_eq!(
            figure(&in_village.body, "报名学员").as_deref(),
            Some("2"),
            "the finisher lives at the township, not in the village"
        );
        let later = server
            .send(
                "GET",
                "/reports?from=2099-01&to=2099-12",
                Some(&f.office),
                &[],
            )
            .await;
        assert_eq!(figure(&later.body, "报名学员").as_deref(), Some("0"));
        let bad = server
            .send("GET", "/reports?from=2026-13", Some(&f.office), &[])
            .await;
        assert_eq!(bad.status, 400);
        assert!(bad.body.contains("不是年月"));

        // Other regions' reports are refused, whatever the URL says.
        let other = format!("/reports?region={}", f.world.b.county);
        let refused = server.send("GET", &other, Some(&f.office), &[]).await;
        assert_eq!(refused.status, 403);
        let trainer_b = server.session(&f.world.b.trainer, PASSWORD).await;
        let theirs = server.send("GET", "/reports", Some(&trainer_b), &[]).await;
        assert_eq!(
            figure(&theirs.body, "报名学员").as_deref(),
            Some("2"),
            "their own class"
        );
    });
}

#[test]
fn the_learner_list_finds_learners_by_name_and_status_with_phones_masked() {
    common::run(async {
        let server = common::shared().await;
        let f = fixture(server, "rl").await;
        let list = server
            .send(
                "GET",
                "/staff/learners?status=certified",
                Some(&f.office),
                &[],
            )
            .await;
        assert!(list.body.contains("返乡青年"), "{}", list.body);
        let victim = format!("{}2", f.world.a.learner);
        assert!(!list.body.contains(&victim), "only the certified");
        assert!(list.body.contains("139****"), "phones are masked");
        let search = server
            .send(
                "GET",
                "/staff/learners?q=%E8%BF%94%E4%B9%A1",
                Some(&f.office),
                &[],
            )
            .await;
        assert!(search.body.contains("返乡青年"));
        let detail = format!("/staff/learners/{}", f.finisher);
        let page = server.send("GET", &detail, Some(&f.trainer), &[]).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("山货店") && page.body.contains("1280.50"));
        let calls = server.store.follow_ups_of(f.finisher).await.expect("calls");
        let months: Vec<i64> = calls.iter().map(|c| c.months).collect();
        assert_eq!(months, [3, 6, 12], "calls are due 3, 6 and 12 months on");
    });
}

/// The text of a page's tables but the last (by month, whose span depends on the period), tags
/// removed: what a reader sees in them.
fn tables_but_months(html: &str) -> Vec<String> {
    let mut tables: Vec<String> = html
        .split("<table")
        .skip(1)
        .filter_map(|rest| rest.split_once("</table>").map(|(table, _)| table))
        .map(|table| {
            let mut text = String::new();
            let mut in_tag = true;
            for c in table.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text
        })
        .collect();
    tables.pop();
    tables
}

/// A report from roll-ups (no period) has the tables of the same report with a period from 2000,
/// which selects the same learners and is added up from their facts. Other tests write
/// meanwhile: compare once the facts stood still around the roll-up report. Returns its totals.
async fn rolled_up_equals_facts(server: &TestServer, cookie: &str) -> HashMap<String, String> {
    let get = |path: &'static str| server.send("GET", path, Some(cookie), &[]);
    for _ in 0..50 {
        let live = tables_but_months(&get("/reports?from=2000-01").await.body);
        let rolled = tables_but_months(&get("/reports").await.body);
        let again = tables_but_months(&get("/reports?from=2000-01").await.body);
        if live == again {
            assert!(live.len() >= 4, "totals, funnel, regions, groups: {live:?}");
            assert_eq!(rolled, live, "roll-ups and facts disagree");
            return page_totals(&get("/reports").await.body);
        }
    }
    panic!("the facts never stood still");
}

#[test]
fn county_and_province_reports_from_roll_ups_equal_the_ones_added_up_from_facts() {
    common::run(async {
        let server = common::shared().await;
        let f = fixture(server, "ru").await;
        let admin = server.session(&f.world.admin, PASSWORD).await;
        let before = rolled_up_equals_facts(server, &admin).await;
        let county = rolled_up_equals_facts(server, &f.office).await;
        assert_figures(&county, "the county's roll-ups");
        let rolled_up: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM report_rollup")
            .fetch_one(server.store.pool())
            .await
            .expect("count");
        assert!(rolled_up > 0, "the reports were added up from roll-ups");
        // A change is in the next rolled-up report: the trainer confirms a's first sale.
        let path = format!("/outcomes/{}/confirm", f.world.a.outcome);
        let reply = server.send("POST", &path, Some(&f.trainer), &[]).await;
        assert_eq!(reply.status, 303, "{reply:?}");
        let after = rolled_up_equals_facts(server, &admin).await;
        let sales = |totals: &HashMap<String, String>| -> i64 {
            let first_sales = totals.get("卖出第一单").and_then(|n| n.parse().ok());
            first_sales.expect("first sales")
        };
        assert!(sales(&after) > sales(&before), "{before:?} → {after:?}");
        let county_after = rolled_up_equals_facts(server, &f.office).await;
        assert_eq!(sales(&county_after), sales(&county) + 1);
    });
}
