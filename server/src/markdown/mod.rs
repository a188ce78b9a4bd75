//! Markdown to safe HTML: pulldown-cmark renders, ammonia sanitizes. Runs on the server at content
//! import only; pages serve the stored result. Also pulls out the parts that are not prose
//! (quiz blocks) and records links and pictures so the loader can check they point somewhere.

mod sanitize;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::content::Problem;

/// What rendering one Markdown text produced.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// Text of each ```quiz block with the file line its first line is on.
    pub quiz_blocks: Vec<(String, usize)>,
    /// Level-2 heading texts, in order.
    pub sections: Vec<String>,
    /// `lesson:` link targets with their lines.
    pub lesson_links: Vec<(String, usize)>,
    /// Relative picture paths with their alt text and lines.
    pub images: Vec<Image>,
    /// Characters of prose (quiz blocks not counted) that are CJK ideographs.
    pub cjk_chars: usize,
    pub problems: Vec<Problem>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Image {
    pub path: String,
    pub alt: String,
    pub line: usize,
}

/// Where the rendered text lives, to resolve relative paths.
pub struct Context<'a> {
    /// The body's first line in its file, for line numbers in problems.
    pub first_line: usize,
    /// URL prefix for relative pictures, such as `/media/course/01-module/`.
    pub media_base: &'a str,
}

/// Renders `markdown` to sanitized HTML.
pub fn render(markdown: &str, cx: &Context<'_>) -> Rendered {
    let mut out = Rendered::default();
    let line_of = |offset: usize| cx.first_line + markdown[..offset].matches('\n').count();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut quiz: Option<(String, usize)> = None;
    let mut heading: Option<(HeadingLevel, Vec<Event<'_>>, String)> = None;
    let mut image: Option<Image> = None;
    let mut slugs = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        let line = line_of(range.start);
        if let Some((text, _)) = quiz.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => out.quiz_blocks.extend(quiz.take()),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref info)))
                if info.trim() == "quiz" =>
            {
                if !is_closed_fence(&markdown[range]) {
                    out.problems.push(Problem::at(
                        line,
                        "the ```quiz block is never closed; add a line ``` after the last question",
                    ));
                }
                quiz = Some((String::new(), line + 1));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, Vec::new(), String::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, inner, text)) = heading.take() {
                    push_heading(&mut events, &mut out, &mut slugs, level, inner, text, line);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                let problem = Problem::at(line, "HTML is not allowed in lessons; write Markdown instead (it is removed from the page)");
                if out.problems.last() != Some(&problem) {
                    out.problems.push(problem);
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite_link(&dest_url, line, &mut out);
                push(
                    &mut events,
                    &mut heading,
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }),
                );
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (url, relative) = rewrite_image(&dest_url, cx.media_base);
                if relative {
                    image = Some(Image {
                        path: dest_url.to_string(),
                        alt: String::new(),
                        line,
                    });
                }
                push(
                    &mut events,
                    &mut heading,
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url: url.into(),
                        title,
                        id,
                    }),
                );
            }
            Event::End(TagEnd::Image) => {
                out.images.extend(image.take());
                push(&mut events, &mut heading, event);
            }
            Event::Text(ref text) => {
                out.cjk_chars += text.chars().filter(|c| is_cjk(*c)).count();
                if let Some(image) = image.as_mut() {
                    image.alt.push_str(text);
                }
                if let Some((_, _, heading_text)) = heading.as_mut() {
                    heading_text.push_str(text);
                }
                push(&mut events, &mut heading, event);
            }
            other => push(&mut events, &mut heading, other),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    out.html = sanitize::clean(&html);
    out
}

fn push<'a>(
    events: &mut Vec<Event<'a>>,
    heading: &mut Option<(HeadingLevel, Vec<Event<'a>>, String)>,
    event: Event<'a>,
) {
    match heading.as_mut() {
        Some((_, inner, _)) => inner.push(event),
        None => events.push(event),
    }
}

fn push_heading<'a>(
    events: &mut Vec<Event<'a>>,
    out: &mut Rendered,
    slugs: &mut Vec<String>,
    level: HeadingLevel,
    inner: Vec<Event<'a>>,
    text: String,
    line: usize,
) {
    if level == HeadingLevel::H1 {
        out.problems.push(Problem::at(
            line,
            "use `##` or `###` for headings; the lesson title is the only `#` heading",
        ));
    }
    if level == HeadingLevel::H2 {
        out.sections.push(text.trim().to_string());
    }
    let slug = unique_slug(&text, slugs);
    events.push(Event::Start(Tag::Heading {
        level,
        id: Some(CowStr::from(slug)),
        classes: vec![],
        attrs: vec![],
    }));
    events.extend(inner);
    events.push(Event::End(TagEnd::Heading(level)));
}

/// An anchor id from heading text: letters and digits kept (Chinese included), the rest `-`.
fn unique_slug(text: &str, taken: &mut Vec<String>) -> String {
    let mut slug = String::from("h-");
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let base = slug.trim_end_matches('-').to_string();
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

fn rewrite_link<'a>(dest: &CowStr<'a>, line: usize, out: &mut Rendered) -> CowStr<'a> {
    match dest.strip_prefix("lesson:") {
        Some(id) => {
            out.lesson_links.push((id.to_string(), line));
            format!("/lessons/{id}").into()
        }
        None => dest.clone(),
    }
}

/// Relative picture paths point into the module's folder, served under `media_base`.
fn rewrite_image(dest: &str, media_base: &str) -> (String, bool) {
    let absolute = dest.contains(':') || dest.starts_with('/') || dest.starts_with("//");
    if absolute {
        (dest.to_string(), false)
    } else {
        (format!("{media_base}{dest}"), true)
    }
}

/// pulldown-cmark silently ends an unclosed fence at the end of the text; trainers should know.
fn is_closed_fence(block: &str) -> bool {
    let block = block.trim_end();
    block.lines().count() > 1 && (block.ends_with("```") || block.ends_with("~~~"))
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
mod tests;
