//! Reads the content folder into a `ContentTree`, checking everything a trainer can get wrong
//! and reporting all of it at once, each problem with its file and line.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use app::i18n::checker::{Body, Field, Item, Layout, Message};
use app::model::Level;
use sha2::{Digest, Sha256};

use super::folder::Folder;
use super::frontmatter::{self, FrontMatter};
use super::limits;
use super::{
    checks, Completion, ContentError, ContentTree, Course, Lesson, Module, Problem, Texts,
};
use crate::markdown::{self, Context};

/// Prose beyond this many Chinese characters is too long for one lesson.
const MAX_LESSON_CJK_CHARS: usize = 1600;
const PRACTICE_HEADING: &str = "做一做";

/// Reads and checks every course under `root` on disk.
pub fn load(root: &Path) -> Result<ContentTree, Vec<ContentError>> {
    match Folder::read(root) {
        Ok(folder) => load_folder(&folder),
        Err(e) => Err(vec![ContentError {
            path: root.to_path_buf(),
            line: 1,
            message: Layout::FolderUnreadable {
                error: e.to_string(),
            }
            .into(),
        }]),
    }
}

/// Checks every course of a folder held in memory (each course a subfolder with `course.md`).
pub fn load_folder(folder: &Folder) -> Result<ContentTree, Vec<ContentError>> {
    load_folder_beside(folder, &HashSet::new())
}

/// The same, for courses that live beside others: `lesson:` links may also name
/// `other_lessons`, the lessons of courses not in this folder.
pub fn load_folder_beside(
    folder: &Folder,
    other_lessons: &HashSet<String>,
) -> Result<ContentTree, Vec<ContentError>> {
    let (tree, errors) = load_folder_lenient(folder, other_lessons);
    if errors.is_empty() {
        Ok(tree)
    } else {
        Err(errors)
    }
}

/// Everything that loads, with every problem found: what an editor previews while problems
/// are left (a lesson with problems is still rendered).
pub fn load_folder_lenient(
    folder: &Folder,
    other_lessons: &HashSet<String>,
) -> (ContentTree, Vec<ContentError>) {
    let root = folder.root.as_path();
    let mut loader = Loader {
        folder,
        other_lessons,
        root: root.to_path_buf(),
        errors: Vec::new(),
        links: Vec::new(),
    };
    let mut tree = ContentTree::default();
    for dir in loader.sorted_entries(root) {
        if folder.is_dir(&dir) && folder.is_file(&dir.join("course.md")) {
            tree.courses.extend(loader.course(&dir));
        }
    }
    if tree.courses.is_empty() && loader.errors.is_empty() {
        loader.error(root, 1, Layout::NoCourse);
    }
    loader.check_across(&tree);
    (tree, loader.errors)
}

struct Loader<'f> {
    folder: &'f Folder,
    other_lessons: &'f HashSet<String>,
    root: PathBuf,
    errors: Vec<ContentError>,
    /// `lesson:` links (file, line, target), checked once every lesson is known.
    links: Vec<(PathBuf, usize, String)>,
}

/// A file read and split into front matter and body.
struct Source {
    path: PathBuf,
    text: String,
    front: FrontMatter,
    problems: Vec<Problem>,
}

impl Source {
    fn body(&self) -> &str {
        &self.text[self.front.body_offset..]
    }

    fn texts(&mut self) -> Texts {
        let p = &mut self.problems;
        Texts {
            title: self.front.text("title", 40, p),
            title_en: self.front.text("title_en", 120, p),
            summary: self.front.text("summary", 120, p),
            summary_en: self.front.text("summary_en", 300, p),
        }
    }

    fn level(&mut self) -> Level {
        let value = self.front.text("level", 20, &mut self.problems);
        Level::from_code(&value).unwrap_or_else(|| {
            if !value.is_empty() {
                let unknown = Field::UnknownLevel { value };
                self.problems.push(Problem::at(1, unknown));
            }
            Level::Beginner
        })
    }

    /// The course's completion rule; `all` when not given.
    fn completion(&mut self) -> Completion {
        let Some((value, line)) = self.front.optional("completion") else {
            return Completion::All;
        };
        Completion::from_code(&value).unwrap_or_else(|| {
            let unknown = Field::UnknownCompletion { value };
            self.problems.push(Problem::at(line, unknown));
            Completion::All
        })
    }

    fn render(&mut self, media: &dyn Fn(&str) -> String) -> markdown::Rendered {
        let cx = Context {
            first_line: self.front.body_line,
            media,
        };
        let mut rendered = markdown::render(self.body(), &cx);
        self.problems.append(&mut rendered.problems);
        rendered
    }

    fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.text.as_bytes()))
    }
}

impl Loader<'_> {
    fn error(&mut self, path: &Path, line: usize, message: impl Into<Message>) {
        self.errors.push(ContentError {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        });
    }

    fn read(&mut self, path: &Path) -> Option<Source> {
        let text = match self.folder.get(path).map(std::str::from_utf8) {
            Some(Ok(text)) => text.replace("\r\n", "\n"),
            Some(Err(e)) => {
                let error = e.to_string();
                self.error(path, 1, Layout::NotUtf8 { error });
                return None;
            }
            None => {
                self.error(path, 1, Layout::FileMissing);
                return None;
            }
        };
        let refused = limits::check(&text);
        if !refused.is_empty() {
            self.flush(path, refused);
            return None;
        }
        let mut problems = Vec::new();
        let front = frontmatter::parse(&text, &mut problems);
        match front {
            Some(front) => Some(Source {
                path: path.to_path_buf(),
                text,
                front,
                problems,
            }),
            None => {
                self.flush(path, problems);
                None
            }
        }
    }

    fn flush(&mut self, path: &Path, problems: Vec<Problem>) {
        for problem in problems {
            self.error(path, problem.line, problem.message);
        }
    }

    fn finish(&mut self, mut source: Source) {
        source.front.reject_unknown(&mut source.problems);
        self.flush(&source.path, source.problems);
    }

    fn course(&mut self, dir: &Path) -> Option<Course> {
        let mut source = self.read(&dir.join("course.md"))?;
        let id = source.front.id(&mut source.problems);
        let texts = source.texts();
        let position = source.front.number("order", 1..=999, &mut source.problems);
        let level = source.level();
        let completion = source.completion();
        let rendered = source.render(&|path| media_url(self.folder, dir, path));
        let mut hasher = Sha256::new();
        hasher.update(source.text.as_bytes());
        let mut modules = Vec::new();
        for module_dir in self.sorted_entries(dir) {
            if self.folder.is_file(&module_dir.join("module.md")) {
                modules.extend(self.module(&module_dir, &mut hasher));
            }
        }
        checks::order(
            modules.iter().map(|m| (m.position, m.id.as_str())),
            Item::Module,
            &mut source.problems,
        );
        modules.sort_by_key(|m| m.position);
        if modules.is_empty() {
            source.problems.push(Problem::at(1, Layout::NoModule));
        }
        self.finish(source);
        let folder = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Some(Course {
            id,
            folder,
            texts,
            position,
            level,
            completion,
            intro_html: rendered.html,
            version_hash: hex::encode(hasher.finalize()),
            modules,
        })
    }

    fn module(&mut self, dir: &Path, course_hash: &mut Sha256) -> Option<Module> {
        let mut source = self.read(&dir.join("module.md"))?;
        course_hash.update(source.text.as_bytes());
        let id = source.front.id(&mut source.problems);
        let texts = source.texts();
        let position = source.front.number("order", 1..=999, &mut source.problems);
        let pass_mark = source
            .front
            .number("pass_mark", 50..=100, &mut source.problems);
        let test_questions = source
            .front
            .number("test_questions", 1..=50, &mut source.problems);
        let rendered = source.render(&|path| media_url(self.folder, dir, path));
        let mut lessons = Vec::new();
        for file in self.sorted_entries(dir) {
            let is_lesson = file.extension().is_some_and(|e| e == "md")
                && file.file_name().is_some_and(|n| n != "module.md");
            if is_lesson && self.folder.is_file(&file) {
                lessons.extend(self.lesson(&file, course_hash));
            }
        }
        checks::order(
            lessons.iter().map(|l| (l.position, l.id.as_str())),
            Item::Lesson,
            &mut source.problems,
        );
        lessons.sort_by_key(|l| l.position);
        let question_total: usize = lessons.iter().map(|l| l.quiz.len()).sum();
        if lessons.is_empty() {
            source.problems.push(Problem::at(1, Layout::NoLesson));
        } else if test_questions as usize > question_total {
            let (asked, total) = (test_questions, question_total);
            let too_many = Layout::TestQuestions { asked, total };
            source.problems.push(Problem::at(1, too_many));
        }
        let content_hash = source.hash();
        self.finish(source);
        Some(Module {
            id,
            texts,
            position,
            pass_mark,
            test_questions,
            intro_html: rendered.html,
            content_hash,
            lessons,
        })
    }

    fn lesson(&mut self, path: &Path, course_hash: &mut Sha256) -> Option<Lesson> {
        let mut source = self.read(path)?;
        course_hash.update(source.text.as_bytes());
        let id = source.front.id(&mut source.problems);
        let texts = source.texts();
        let position = source.front.number("order", 1..=999, &mut source.problems);
        let level = source.level();
        let minutes = source.front.number("minutes", 1..=60, &mut source.problems);
        let checked = source.front.date("checked", &mut source.problems);
        let dir = path.parent().unwrap_or(path);
        let rendered = source.render(&|image| media_url(self.folder, dir, image));
        let quiz = checks::lesson_quiz(&rendered, &mut source.problems);
        let has_practice = rendered.sections.iter().any(|s| s == PRACTICE_HEADING);
        if !has_practice {
            let heading = PRACTICE_HEADING.to_string();
            source
                .problems
                .push(Problem::at(1, Body::NoPractice { heading }));
        }
        if rendered.cjk_chars > MAX_LESSON_CJK_CHARS {
            let (chars, max) = (rendered.cjk_chars, MAX_LESSON_CJK_CHARS);
            source
                .problems
                .push(Problem::at(1, Body::TooManyChars { chars, max }));
        }
        checks::images(self.folder, path, &rendered.images, &mut source.problems);
        let content_hash = source.hash();
        let source_path = path.strip_prefix(&self.root).unwrap_or(path).to_path_buf();
        self.links.extend(
            rendered
                .lesson_links
                .iter()
                .map(|(target, line)| (path.to_path_buf(), *line, target.clone())),
        );
        self.finish(source);
        Some(Lesson {
            id,
            texts,
            position,
            level,
            minutes,
            checked,
            body_html: rendered.html,
            quiz,
            has_practice,
            content_hash,
            source: source_path,
        })
    }

    /// Entries of `dir` sorted by name, without draft (`_`) ones and a README.
    fn sorted_entries(&self, dir: &Path) -> Vec<PathBuf> {
        let mut entries = self.folder.entries(dir);
        entries.retain(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            !name.starts_with('_') && name != "README.md"
        });
        entries
    }

    fn check_across(&mut self, tree: &ContentTree) {
        let lesson_ids: HashSet<&str> = tree.lessons().map(|l| l.id.as_str()).collect();
        for (path, line, target) in std::mem::take(&mut self.links) {
            if !lesson_ids.contains(target.as_str()) && !self.other_lessons.contains(&target) {
                self.error(&path, line, Body::UnknownLessonLink { target });
            }
        }
        for (source, message) in checks::duplicate_ids(tree) {
            let path = self.root.join(source);
            self.error(&path, 1, message);
        }
    }
}

/// A picture's URL: named by the hash of its bytes, so it can be cached for good and a changed
/// picture gets a new URL. A missing picture is reported by the checks, not here.
fn media_url(folder: &Folder, dir: &Path, relative: &str) -> String {
    match folder.get(&dir.join(relative)) {
        Some(bytes) => hashed_media_url(bytes, relative),
        None => format!("/media/missing/{relative}"),
    }
}

/// `/media/h/<sha256>.<ext>`: what `http::media` serves from the database's file store.
pub fn hashed_media_url(bytes: &[u8], name: &str) -> String {
    let extension = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("bin")
        .to_ascii_lowercase();
    format!(
        "/media/h/{}.{extension}",
        hex::encode(Sha256::digest(bytes))
    )
}
