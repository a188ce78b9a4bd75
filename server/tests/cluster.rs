//! Several servers against one database behave as one product: they start together without
//! racing over the content import, and both serve the same pages.

mod common;

#[test]
fn two_servers_start_together_and_serve_the_same_content() {
    common::run(async {
        let (a, b) = common::start_pair().await;
        for server in [&a, &b] {
            let (status, html) = server.get("/courses/nongcun-dianshang").await;
            assert_eq!(status, 200);
            assert!(html.contains("创业与带动"));
        }
        let (_, from_a) = a.get("/lessons/wuliu-baozhuang").await;
        let (_, from_b) = b.get("/lessons/wuliu-baozhuang").await;
        let article = |html: &str| {
            let start = html.find("<article").expect("article");
            let end = html.find("</article>").expect("article end");
            html[start..end].to_string()
        };
        assert_eq!(article(&from_a), article(&from_b));
        let (_, graded) = b
            .get("/lessons/wuliu-baozhuang?check=1&q0=0&q1=0&q2=0&q3=0")
            .await;
        assert!(graded.contains(r#"class="score""#));
    });
}
