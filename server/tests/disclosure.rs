//! What the household tools may disclose and cost: rows of a file that clash with records held in
//! other regions are refused without saying what they clash with, every import attempt is
//! audited (dry runs too), an office runs one import at a time and a limited number an hour, and
//! account sheets never carry members' phone numbers.

mod common;
mod world;

use server::store::now;
use world::uploads::{finished, refused_upload, upload, HEADER};
use world::PASSWORD;

/// A one-member household row in `village`.
fn head_row(number: &str, village: &str, id: &str) -> String {
    format!("{number},{village},王五,男,1990,户主,{id},,初中,,建档立卡户,一般户,缺技术\n")
}

#[test]
fn a_file_names_clashes_only_within_the_offices_own_region() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "sc").await;
        let cookie = server.session(&world.a.office, PASSWORD).await;
        let village = "sca村";
        let fresh = |n: &str| world::id_number(&format!("scfresh{n}"), 3);
        let (a, b) = (&world.a, &world.b);
        let file = [
            HEADER.to_string() + "\n",
            head_row(&b.household_number, village, &fresh("1")),
            head_row("SC-NEW-1", village, &b.id_number),
            head_row(&a.household_number, village, &fresh("2")),
            head_row("SC-NEW-2", village, &a.id_number),
            head_row("SC-NEW-3", village, &fresh("3")),
        ]
        .concat();
        let id = upload(server, &cookie, file.into_bytes(), "auto", true).await;
        let page = finished(server, &cookie, id).await;
        assert_eq!(
            page.matches("这一行不能由您导入").count(),
            2,
            "both rows held in county B get the same refusal: {page}"
        );
        assert!(!page.contains(&b.household_number), "{page}");
        assert!(!page.contains("已经登记在别的户里"), "{page}");
        let own_number = format!("户编号“{}”已经存在", a.household_number);
        assert!(page.contains(&own_number), "{page}");
        assert!(page.contains("已经登记在本辖区别的户里"), "{page}");

        let log = server
            .store
            .audit_entries(Some(a.county), None, 100)
            .await
            .expect("audit");
        let checked = log
            .iter()
            .find(|e| e.action == "checked_households")
            .expect("the dry run is audited");
        assert_eq!(checked.target, "households.csv");
        assert!(
            checked
                .detail
                .contains("5 rows, 4 problems, 2 rows held outside the region"),
            "{}",
            checked.detail
        );
    });
}

#[test]
fn an_office_runs_one_import_at_a_time_and_twenty_an_hour() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "pace").await;
        let cookie = server.session(&world.a.office, PASSWORD).await;
        let office = world.a.office_id;
        let file = world::uploads::households_csv("PACE", "pacea村", 1, "pace").into_bytes();

        let stuck = world::office_import(server, office, true).await;
        let page = refused_upload(server, &cookie, file.clone()).await;
        assert!(page.contains("您上一个文件还在导入"), "{page}");
        server
            .store
            .fail_unfinished_import(stuck, now())
            .await
            .expect("end");

        // The world's own import and the stuck one make two; seventeen more make nineteen.
        for _ in 0..17 {
            world::office_import(server, office, false).await;
        }
        let id = upload(server, &cookie, file.clone(), "auto", true).await;
        let page = finished(server, &cookie, id).await;
        assert!(
            page.contains("检查完毕，没有错误"),
            "the twentieth is checked: {page}"
        );
        let page = refused_upload(server, &cookie, file).await;
        assert!(page.contains("一小时内最多导入或检查20个文件"), "{page}");
    });
}

#[test]
fn account_sheets_never_carry_phone_numbers() {
    common::run(async {
        let server = common::shared().await;
        let world = world::build(server, "ph").await;
        let cookie = server.session(&world.a.office, PASSWORD).await;
        let row = "PH-1,pha村,赵六,男,1990,户主,{id},13700007788,初中,,建档立卡户,一般户,缺技术\n";
        let file = format!(
            "{HEADER}\n{}",
            row.replace("{id}", &world::id_number("phone", 3))
        );
        let id = upload(server, &cookie, file.into_bytes(), "auto", false).await;
        let page = finished(server, &cookie, id).await;
        assert!(page.contains("导入完成"), "{page}");
        let form = [("households", "PH-1")];
        let reply = server
            .send("POST", "/accounts/bulk", Some(&cookie), &form)
            .await;
        assert!(reply.location.starts_with("/sheets/"), "{reply:?}");
        let sheet = server
            .send("GET", &reply.location, Some(&cookie), &[])
            .await;
        assert!(sheet.body.contains("赵六"), "{}", sheet.body);
        assert!(!sheet.body.contains("13700007788"), "{}", sheet.body);
        assert!(sheet.body.contains("<code>nd"), "{}", sheet.body);
    });
}
