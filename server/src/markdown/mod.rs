//! Markdown to safe HTML: pulldown-cmark renders, ammonia sanitizes. Runs on the server at content
//! import only; pages serve the stored result. Also pulls out the parts that are not prose
//! (quiz blocks) and records links and pictures so the loader can check they point somewhere.

mod sanitize;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use app::i18n::checker::{Body, Quiz};

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
    /// The URL of a relative picture path (such as `img/order.svg`), from where it is kept.
    pub media: &'a dyn Fn(&str) -> String,
}

/// Renders `markdown` to sanitized HTML.
pub fn render(markdown: &str, cx: &Context<'_>) -> Rendered {
    let mut renderer = Renderer {
        markdown,
        cx,
        out: Rendered::default(),
        events: Vec::new(),
        quiz: None,
        heading: None,
        image: None,
        slugs: Vec::new(),
        newlines: markdown.match_indices('\n').map(|(at, _)| at).collect(),
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        renderer.event(event, range);
    }
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, renderer.events.into_iter());
    let mut out = renderer.out;
    out.html = sanitize::clean(&html);
    out
}

/// A heading being collected: its level, inner events and plain text.
type OpenHeading<'a> = (HeadingLevel, Vec<Event<'a>>, String);

/// The state of one rendering pass: events to emit, and the element being collected, if any.
struct Renderer<'a, 'c> {
    markdown: &'a str,
    cx: &'c Context<'c>,
    out: Rendered,
    events: Vec<Event<'a>>,
    quiz: Option<(String, usize)>,
    heading: Option<OpenHeading<'a>>,
    image: Option<Image>,
    slugs: Vec<String>,
    /// Byte offsets of the text's line breaks: an event's line by binary search, since counting
    /// from the start at every event made a long lesson quadratic (50 KB: 250 ms).
    newlines: Vec<usize>,
}

impl<'a> Renderer<'a, '_> {
    fn event(&mut self, event: Event<'a>, range: std::ops::Range<usize>) {
        let line = self.cx.first_line + self.newlines.partition_point(|&at| at < range.start);
        if let Some((text, _)) = self.quiz.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => self.out.quiz_blocks.extend(self.quiz.take()),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref info)))
                if info.trim() == "quiz" =>
            {
                self.open_quiz(&self.markdown[range], line)
            }
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((level, Vec::new(), String::new()))
            }
            Event::End(TagEnd::Heading(_)) => self.close_heading(line),
            Event::Html(_) | Event::InlineHtml(_) => self.reject_html(line),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.rewrite_link(&dest_url, line);
                self.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.open_image(&dest_url, line);
                self.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                self.out.images.extend(self.image.take());
                self.push(event);
            }
            Event::Text(ref text) => {
                self.text(text);
                self.push(event);
            }
            other => self.push(other),
        }
    }

    /// Events go into the open heading, if any, so its anchor can be made from its text.
    fn push(&mut self, event: Event<'a>) {
        match self.heading.as_mut() {
            Some((_, inner, _)) => inner.push(event),
            None => self.events.push(event),
        }
    }

    fn open_quiz(&mut self, block: &str, line: usize) {
        if !is_closed_fence(block) {
            self.out.problems.push(Problem::at(line, Quiz::NotClosed));
        }
        self.quiz = Some((String::new(), line + 1));
    }

    fn text(&mut self, text: &str) {
        self.out.cjk_chars += text.chars().filter(|c| is_cjk(*c)).count();
        if let Some(image) = self.image.as_mut() {
            image.alt.push_str(text);
        }
        if let Some((_, _, heading_text)) = self.heading.as_mut() {
            heading_text.push_str(text);
        }
    }

    fn reject_html(&mut self, line: usize) {
        let problem = Problem::at(line, Body::Html);
        if self.out.problems.last() != Some(&problem) {
            self.out.problems.push(problem);
        }
    }

    fn close_heading(&mut self, line: usize) {
        let Some((level, inner, text)) = self.heading.take() else {
            return;
        };
        if level == HeadingLevel::H1 {
            self.out
                .problems
                .push(Problem::at(line, Body::TitleHeading));
        }
        if level == HeadingLevel::H2 {
            self.out.sections.push(text.trim().to_string());
        }
        let id = Some(CowStr::from(unique_slug(&text, &mut self.slugs)));
        let (classes, attrs) = (vec![], vec![]);
        self.events.push(Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }));
        self.events.extend(inner);
        self.events.push(Event::End(TagEnd::Heading(level)));
    }

    /// `lesson:id` links become page links; the target is checked once all lessons are known.
    fn rewrite_link(&mut self, dest: &CowStr<'a>, line: usize) -> CowStr<'a> {
        match dest.strip_prefix("lesson:") {
            Some(id) => {
                self.out.lesson_links.push((id.to_string(), line));
                format!("/lessons/{id}").into()
            }
            None => dest.clone(),
        }
    }

    /// Relative picture paths point into the module's folder; the context says at which URL.
    fn open_image(&mut self, dest: &str, line: usize) -> CowStr<'a> {
        let absolute = dest.contains(':') || dest.starts_with('/');
        if absolute {
            return dest.to_string().into();
        }
        let alt = String::new();
        self.image = Some(Image {
            path: dest.to_string(),
            alt,
            line,
        });
        (self.cx.media)(dest).into()
    }
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
