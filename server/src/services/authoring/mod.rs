//! Writing courses in the browser: the database holds every course as versions of files in the
//! `content/` format; trainers edit a draft, check and preview it with the pipeline learners
//! get, publish it as the next version or roll back to an earlier one. `content/` comes in as
//! versions too (`files`), without undoing what was written in the browser.

pub mod access;
pub mod files;
pub mod pages;
pub mod pictures;
pub mod publish;
pub mod zip;

use app::backend::{Actor, AuthoringApi};
use app::error::AppError;
use app::i18n::Locale;
use app::model::{AuthorCourse, AuthorCourseItem, LessonEditor};
use async_trait::async_trait;
use tracing::instrument;

use super::Services;

#[async_trait]
impl AuthoringApi for Services {
    #[instrument(skip_all, fields(user = actor.user_id()))]
    async fn author_courses(&self, actor: &Actor) -> Result<Vec<AuthorCourseItem>, AppError> {
        Ok(pages::courses(&self.store, actor).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id(), course_id))]
    async fn author_course(
        &self,
        actor: &Actor,
        locale: Locale,
        course_id: &str,
    ) -> Result<AuthorCourse, AppError> {
        Ok(pages::course(&self.store, actor, locale, course_id).await?)
    }

    #[instrument(skip_all, fields(user = actor.user_id(), course_id, path))]
    async fn editor(
        &self,
        actor: &Actor,
        locale: Locale,
        course_id: &str,
        path: &str,
        source: Option<&str>,
    ) -> Result<LessonEditor, AppError> {
        Ok(pages::editor_page(&self.store, actor, locale, course_id, path, source).await?)
    }
}
