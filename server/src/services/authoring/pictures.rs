//! A picture uploaded into a lesson: checked and recompressed by `content::pictures`, kept in the
//! course's draft under the lesson's module (`img/<hash>.jpg`), and put into the lesson's text
//! with its description, before the quiz.

use app::backend::Actor;
use app::i18n::authoring::AuthoringProblem;

use super::access::editor;
use super::publish::{editable_path, working};
use crate::content::pictures::{self, PictureError, MAX_INPUT_BYTES};
use crate::error::ServerError;
use crate::store::{now, Store};

const MAX_ALT_CHARS: usize = 120;

fn problem(error: PictureError) -> AuthoringProblem {
    match error {
        PictureError::NotAPicture => AuthoringProblem::NotAPicture,
        PictureError::TooLarge { .. } => AuthoringProblem::PictureTooLarge {
            max_mb: MAX_INPUT_BYTES / (1024 * 1024),
        },
        PictureError::TooManyPixels { width, height } => {
            AuthoringProblem::PictureTooManyPixels { width, height }
        }
        PictureError::Broken => AuthoringProblem::PictureBroken,
    }
}

/// The description as Markdown alt text: one line, without the brackets that would end it.
fn alt_text(alt: &str) -> Result<String, AuthoringProblem> {
    let cleaned: String = alt
        .chars()
        .map(|c| if "[]\r\n".contains(c) { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match cleaned.chars().count() {
        0 => Err(AuthoringProblem::AltRequired),
        n if n > MAX_ALT_CHARS => Ok(cleaned.chars().take(MAX_ALT_CHARS).collect()),
        _ => Ok(cleaned),
    }
}

/// `text` with `line` put before its quiz block (or at its end when it has none).
pub fn insert_before_quiz(text: &str, line: &str) -> String {
    match text.find("\n```quiz") {
        Some(at) => format!("{}\n\n{line}\n{}", text[..at].trim_end(), &text[at..]),
        None => format!("{}\n\n{line}\n", text.trim_end()),
    }
}

/// Adds the picture to the lesson at `lesson_path` in the course's draft; returns its file's path.
pub async fn add(
    store: &Store,
    actor: &Actor,
    course_id: &str,
    lesson_path: &str,
    alt: &str,
    bytes: &[u8],
) -> Result<String, ServerError> {
    let (user, _) = editor(store, actor, course_id, "courses.edit").await?;
    let lesson_path = editable_path(lesson_path)?;
    let Some((module, _)) = lesson_path.split_once('/') else {
        return Err(app::error::AppError::from(AuthoringProblem::PictureNeedsLesson).into());
    };
    let alt = alt_text(alt).map_err(app::error::AppError::from)?;
    let picture = pictures::prepare(bytes).map_err(|e| app::error::AppError::from(problem(e)))?;
    let name = format!("img/{}.jpg", &picture.hash[..16]);
    let work = working(store, course_id).await?;
    let text = work
        .files
        .get(&lesson_path)
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let text = insert_before_quiz(&text, &format!("![{alt}]({name})"));
    let file = format!("{module}/{name}");
    let at = now();
    let files = [
        (file.as_str(), Some(picture.bytes.as_slice())),
        (lesson_path.as_str(), Some(text.as_bytes())),
    ];
    store
        .save_draft_files(course_id, &files, user.id, at)
        .await?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_picture_goes_before_the_quiz_with_a_one_line_description() {
        let lesson = "正文。\n\n## 做一做\n\n做。\n\n```quiz\n? 问\n```\n";
        let out = insert_before_quiz(lesson, "![图](img/a.jpg)");
        assert_eq!(
            out,
            "正文。\n\n## 做一做\n\n做。\n\n![图](img/a.jpg)\n\n```quiz\n? 问\n```\n"
        );
        assert_eq!(
            insert_before_quiz("正文。\n", "![图](img/a.jpg)"),
            "正文。\n\n![图](img/a.jpg)\n"
        );
        assert_eq!(alt_text(" 订单\n[流程] "), Ok("订单 流程".to_string()));
        assert_eq!(alt_text(" \n "), Err(AuthoringProblem::AltRequired));
        assert_eq!(
            alt_text(&"字".repeat(200)).map(|a| a.chars().count()),
            Ok(120)
        );
    }
}
