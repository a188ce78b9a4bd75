//! A 100,000-row household file imports completely, with visible progress on the way. Alone in
//! its binary: it needs its own server and database.

mod common;
mod world;

use std::time::Instant;

use world::PASSWORD;

const HOUSEHOLDS: usize = 50_000;

/// A valid identity number, unique for each `n` below 366,000.
fn id_number(n: usize) -> String {
    let (day, sequence) = (n / 1000, n % 1000);
    let date = 19_800_101 + (day / 28) * 100 + day % 28;
    world::with_check_character(&format!("450101{date}{sequence:03}"))
}

fn big_file(village: &str) -> Vec<u8> {
    let mut text = String::from("户编号,村,姓名,性别,出生年份,与户主关系,身份证号,手机号,文化程度,劳动技能,人员类别,贫困户类型,主要致贫原因\r\n");
    for i in 0..HOUSEHOLDS {
        let year = &id_number(i)[6..10];
        text.push_str(&format!(
            "L{i:06},{village},户主{i},男,{year},户主,{},,初中,种植,建档立卡户,低保户,因病\r\n\
             L{i:06},{village},配偶{i},女,,配偶,,,小学,,其他,低保户,因病\r\n",
            id_number(i)
        ));
    }
    text.into_bytes()
}

#[test]
fn a_hundred_thousand_rows_import_with_progress() {
    common::run(async {
        let server = common::start().await;
        let world = world::build(&server, "big").await;
        let cookie = server.session(&world.a.office, PASSWORD).await;
        let file = big_file("biga村");
        let started = Instant::now();
        let part = reqwest::multipart::Part::bytes(file).file_name("big.csv");
        let form = reqwest::multipart::Form::new()
            .part("file", part)
            .text("encoding", "auto");
        let response = server
            .client()
            .post(format!("{}/households/import", server.base))
            .header("origin", &server.base)
            .header("cookie", &cookie)
            .multipart(form)
            .send()
            .await
            .expect("upload");
        let location = response.headers()["location"]
            .to_str()
            .expect("location")
            .to_string();
        assert!(location.starts_with("/imports/"), "{location}");
        let (mut in_progress, mut polls) = (Vec::new(), 0);
        let page = loop {
            polls += 1;
            assert!(polls < 3000, "the import did not finish");
            let reply = server.send("GET", &location, Some(&cookie), &[]).await;
            if !reply.body.contains("http-equiv=\"refresh\"") {
                break reply.body;
            }
            if let Some(value) = reply
                .body
                .split("<progress")
                .nth(1)
                .and_then(|p| p.split("value=\"").nth(1))
            {
                in_progress.push(value.split('"').next().unwrap_or_default().to_string());
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        };
        let seconds = started.elapsed().as_secs_f64();
        assert!(page.contains("导入完成"), "{page}");
        assert!(
            page.contains(r#"max="100000" value="100000""#),
            "every row counted: {page}"
        );
        assert!(
            !in_progress.is_empty(),
            "the page showed progress while it worked"
        );
        let list = server
            .store
            .households_within(world.a.county, "L0499", "", 100)
            .await
            .expect("list");
        assert_eq!(list.len(), 100, "the last households are there");
        let members = server
            .store
            .members_within(world.a.county, None)
            .await
            .expect("members");
        assert_eq!(
            members.len(),
            2 * HOUSEHOLDS + 2,
            "the file's members and the world's two"
        );
        println!(
            "imported 100000 rows in {seconds:.1} s; the page showed progress {} times",
            in_progress.len()
        );
    });
}
