//! Snapshot tests of what learners' pages receive.

use super::*;

fn html(markdown: &str) -> Rendered {
    render(
        markdown,
        &Context {
            first_line: 1,
            media: &|path| format!("/media/c/01-m/{path}"),
        },
    )
}

#[test]
fn renders_headings_with_anchors_lists_and_tables() {
    let out = html("## 做一做\n\n1. 打开 **淘宝**\n2. 点“我的”\n\n### 做一做\n\n| 快递 | 价格 |\n|---|---|\n| 邮政 | 看网点 |\n");
    insta::assert_snapshot!(out.html);
    assert_eq!(out.sections, vec!["做一做"]);
}

#[test]
fn strips_scripts_handlers_and_javascript_links() {
    let out = html(
        "<script>alert(1)</script>\n\n[点我](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n<a href=\"https://x.cn\" onclick=\"steal()\">x</a>\n",
    );
    insta::assert_snapshot!(out.html);
    assert!(!out.html.contains("script"));
    assert!(!out.html.contains("onerror"));
    assert!(!out.html.contains("onclick"));
    assert!(!out.html.contains("javascript:"));
    assert_eq!(out.problems.len(), 3, "{:?}", out.problems);
}

#[test]
fn rewrites_lesson_links_and_relative_pictures() {
    let out = html("看 [上一课](lesson:shouji-app)。\n\n![订单的一生：下单、付款、发货](img/order.svg)\n\n[外链](https://www.gov.cn/)\n");
    insta::assert_snapshot!(out.html);
    assert_eq!(out.lesson_links, vec![("shouji-app".to_string(), 1)]);
    assert_eq!(
        out.images,
        vec![Image {
            path: "img/order.svg".into(),
            alt: "订单的一生：下单、付款、发货".into(),
            line: 3
        }]
    );
}

#[test]
fn takes_quiz_blocks_out_of_the_prose() {
    let out =
        html("正文。\n\n```quiz\n? 问？\n- [x] 是\n- [ ] 否\n= 因为。\n```\n\n```\ncode\n```\n");
    assert_eq!(
        out.quiz_blocks,
        vec![("? 问？\n- [x] 是\n- [ ] 否\n= 因为。\n".to_string(), 4)]
    );
    assert!(!out.html.contains("问？"));
    assert!(out.html.contains("<pre><code>code"));
    assert_eq!(out.cjk_chars, 2);
}

#[test]
fn duplicate_headings_get_distinct_anchors() {
    let out = html("## 步骤\n\n## 步骤\n\n## Step 1: Open!\n");
    assert!(out.html.contains(r#"id="h-步骤""#));
    assert!(out.html.contains(r#"id="h-步骤-2""#));
    assert!(out.html.contains(r#"id="h-step-1-open""#));
}

#[test]
fn reports_top_level_heading_and_unclosed_quiz() {
    let out = html("# 标题\n\n```quiz\n? 问\n");
    let messages: Vec<String> = out
        .problems
        .iter()
        .map(|p| format!("{}: {}", p.line, p.message.text(app::i18n::Locale::En)))
        .collect();
    assert_eq!(
        messages,
        vec![
            "1: use `##` or `###` for headings; the lesson title is the only `#` heading",
            "3: the ```quiz block is never closed; add a line ``` after the last question",
        ]
    );
}
