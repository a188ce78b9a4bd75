//! Pictures uploaded into lesson 1 of the shared test server's course, as the editor's form
//! sends them (multipart), for the authoring test.

use crate::common::{self, TestServer};
use crate::world::COURSE;

const LESSON_FILE: &str = "01-shouji-jichu/01-anzhuang-app.md";

/// A multipart picture upload into lesson 1.
async fn upload(
    server: &TestServer,
    cookie: &str,
    alt: &str,
    name: &str,
    bytes: Vec<u8>,
) -> common::Reply {
    let form = reqwest::multipart::Form::new()
        .text("path", LESSON_FILE)
        .text("alt", alt.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    let response = server
        .client()
        .post(format!("{}/author/{COURSE}/pictures", server.base))
        .header("origin", &server.base)
        .header("cookie", cookie)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    common::reply_of_response(response).await
}

/// A photo-sized PNG (2400×1600, with a text chunk naming a place).
fn photo() -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(2400, 1600, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x * y) % 239) as u8])
    });
    let mut png = Vec::new();
    image::DynamicImage::from(pixels)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    png
}

pub async fn add_a_picture(server: &TestServer, trainer: &str) {
    let svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec();
    let spoofed = upload(server, trainer, "图", "photo.png", svg).await;
    assert!(server
        .follow(&spoofed, Some(trainer))
        .await
        .contains("这个文件不是图片"));
    let no_alt = upload(server, trainer, " ", "photo.png", photo()).await;
    assert!(server
        .follow(&no_alt, Some(trainer))
        .await
        .contains("请写一句话说明图片上是什么"));
    let added = upload(server, trainer, "村里的快递点", "photo.png", photo()).await;
    assert_eq!((added.status, added.flash()), (303, None), "{added:?}");
    let editor = server
        .send("GET", &added.location, Some(trainer), &[])
        .await;
    let preview = editor.body.split("id=\"preview\"").nth(1).expect("preview");
    let src = preview
        .split("<img src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the picture is in the preview");
    assert!(
        src.starts_with("/media/h/") && src.ends_with(".jpg"),
        "{src}"
    );
    assert!(preview.contains("alt=\"村里的快递点\""));
    let response = server
        .client()
        .get(format!("{}{src}", server.base))
        .send()
        .await
        .expect("get");
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    let jpeg = response.bytes().await.expect("bytes");
    assert!(jpeg.len() <= 100_000, "{} bytes", jpeg.len());
    let shrunk = image::load_from_memory(&jpeg).expect("a picture");
    assert_eq!((shrunk.width(), shrunk.height()), (1000, 667));
    let drafts = server.store.draft_files(COURSE).await.expect("draft");
    let lesson = drafts
        .iter()
        .find(|d| d.path == LESSON_FILE)
        .expect("lesson in draft");
    let text = String::from_utf8(lesson.bytes.clone().expect("text")).expect("utf-8");
    let (before_quiz, _) = text.split_once("```quiz").expect("quiz");
    assert!(
        before_quiz.contains("![村里的快递点](img/"),
        "before the quiz"
    );
    let discard = format!("/author/{COURSE}/discard");
    server.send("POST", &discard, Some(trainer), &[]).await;
}
