//! Household files as an office sends them: the import form's upload and its progress page.

use crate::common::TestServer;

pub const HEADER: &str = "户编号,村,姓名,性别,出生年份,与户主关系,身份证号,手机号,文化程度,劳动技能,人员类别,贫困户类型,主要致贫原因";

/// A file of households in `village`, numbered from `prefix`, two members each.
pub fn households_csv(prefix: &str, village: &str, count: usize, tag: &str) -> String {
    let mut text = format!("{HEADER}\n");
    for i in 0..count {
        let id = super::id_number(&format!("{tag}{prefix}{i}"), 3);
        text.push_str(&format!(
            "{prefix}-{i},{village},张{i},男,1990,户主,{id},1391234{i:04},初中,养猪,建档立卡户,一般户,缺技术\n\
             {prefix}-{i},{village},李{i},女,,配偶,,,小学,,返乡人员,一般户,缺技术\n"
        ));
    }
    text
}

/// Sends a file through the office's import form; returns the answer as it comes.
pub async fn post_upload(
    server: &TestServer,
    cookie: &str,
    bytes: Vec<u8>,
    encoding: &str,
    dry_run: bool,
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes).file_name("households.csv");
    let mut form = reqwest::multipart::Form::new()
        .part("file", part)
        .text("encoding", encoding.to_string());
    if dry_run {
        form = form.text("dry_run", "1");
    }
    server
        .client()
        .post(format!("{}/households/import", server.base))
        .header("origin", &server.base)
        .header("cookie", cookie)
        .multipart(form)
        .send()
        .await
        .expect("upload")
}

/// Uploads a file that the form accepts; returns the import's id.
pub async fn upload(
    server: &TestServer,
    cookie: &str,
    bytes: Vec<u8>,
    encoding: &str,
    dry_run: bool,
) -> i64 {
    let response = post_upload(server, cookie, bytes, encoding, dry_run).await;
    let location = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    location
        .strip_prefix("/imports/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("upload went to {location}"))
}

/// Uploads a file the form refuses; returns the form page with the message it shows.
pub async fn refused_upload(server: &TestServer, cookie: &str, bytes: Vec<u8>) -> String {
    let response = post_upload(server, cookie, bytes, "auto", true).await;
    let location = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert!(!location.starts_with("/imports/"), "accepted: {location}");
    let cookies = [cookie.to_string()]
        .into_iter()
        .chain(crate::common::set_cookies(response.headers()))
        .collect::<Vec<_>>()
        .join("; ");
    let (_, page) = server.get_with(&location, &[("cookie", &cookies)]).await;
    page
}

/// Polls the import until it ends; returns its status page.
pub async fn finished(server: &TestServer, cookie: &str, id: i64) -> String {
    for _ in 0..600 {
        let reply = server
            .send("GET", &format!("/imports/{id}"), Some(cookie), &[])
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        if !reply.body.contains("http-equiv=\"refresh\"") {
            return reply.body;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("import {id} did not finish");
}
