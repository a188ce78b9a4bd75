//! Form posts of writing courses: save a file into the draft (the editor then shows its preview
//! and check), publish, discard, roll back, grant editing. Each answers with a redirect, or goes
//! back to its page with the problem.

use app::backend::Actor;
use app::error::AppError;
use app::i18n::problems::Problem;
use app::model::Enrolment;
use app::urls::query_string;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::response::Response;
use axum::Extension;
use serde::Deserialize;

use crate::http::forms::people::checked_upload;
use crate::http::respond::{file_response, redirect, FormData, FormError, OrBack};
use crate::http::AppState;
use crate::services::authoring::{access, pictures, publish, zip};

#[derive(Debug, Default, Deserialize)]
pub struct DraftForm {
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub source: String,
    /// The hash of the text the editor showed (see `publish::base_hash`).
    pub base: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    pub note: String,
}

fn editor_page(course_id: &str, path: &str) -> String {
    format!(
        "/author/{course_id}/edit?{}",
        query_string(&[("path", path)])
    )
}

pub async fn save_draft(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(course_id): Path<String>,
    FormData(form): FormData<DraftForm>,
) -> Result<Response, FormError> {
    let back = editor_page(&course_id, &form.path);
    let store = &state.services.store;
    let draft = publish::DraftText {
        path: &form.path,
        source: &form.source,
        base: form.base.as_deref(),
    };
    publish::save_draft(store, &actor, &course_id, draft)
        .await
        .or_back(&back)?;
    Ok(redirect(&format!("{back}#preview"), None))
}

pub async fn publish(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(course_id): Path<String>,
    FormData(form): FormData<PublishForm>,
) -> Result<Response, FormError> {
    let page = format!("/author/{course_id}");
    let store = &state.services.store;
    publish::publish(store, &actor, &course_id, &form.note)
        .await
        .or_back(&page)?;
    Ok(redirect(&page, None))
}

pub async fn discard(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(course_id): Path<String>,
) -> Result<Response, FormError> {
    let page = format!("/author/{course_id}");
    let store = &state.services.store;
    publish::discard(store, &actor, &course_id)
        .await
        .or_back(&page)?;
    Ok(redirect(&page, None))
}

pub async fn roll_back(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path((course_id, number)): Path<(String, i64)>,
) -> Result<Response, FormError> {
    let page = format!("/author/{course_id}");
    let store = &state.services.store;
    publish::roll_back(store, &actor, &course_id, number)
        .await
        .or_back(&page)?;
    Ok(redirect(&page, None))
}

pub async fn grant(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(course_id): Path<String>,
    FormData(form): FormData<Enrolment>,
) -> Result<Response, FormError> {
    let page = format!("/author/{course_id}");
    let store = &state.services.store;
    access::grant(store, &actor, &course_id, &form.login)
        .await
        .or_back(&page)?;
    Ok(redirect(&page, None))
}

pub async fn export_zip(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(course_id): Path<String>,
) -> Result<Response, FormError> {
    let page = format!("/author/{course_id}");
    let file = zip::export(&state.services.store, &actor, &course_id)
        .await
        .or_back(&page)?;
    Ok(file_response(file))
}

/// A zip of the course, published as its next version once it passes the checks.
pub async fn import_zip(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(course_id): Path<String>,
    request: Request,
) -> Result<Response, FormError> {
    let page = format!("/author/{course_id}");
    let store = &state.services.store;
    let allowed = access::editor(store, &actor, &course_id, "courses.publish")
        .await
        .map(|_| ())
        .map_err(Into::into);
    let upload = checked_upload(&state, request, allowed, &page).await?;
    zip::import(store, &actor, &course_id, &upload.bytes)
        .await
        .or_back(&page)?;
    Ok(redirect(&page, None))
}

/// The picture form: the lesson it goes into, its description and the photo.
#[derive(Default)]
struct PictureForm {
    path: String,
    alt: String,
    bytes: Vec<u8>,
}

async fn picture_form(state: &AppState, request: Request) -> Result<PictureForm, AppError> {
    let broken = |_| AppError::from(Problem::UploadBroken);
    let mut multipart = Multipart::from_request(request, state)
        .await
        .map_err(|_| Problem::UploadForm)?;
    let mut form = PictureForm::default();
    while let Some(field) = multipart.next_field().await.map_err(broken)? {
        match field.name() {
            Some("path") => form.path = field.text().await.map_err(broken)?,
            Some("alt") => form.alt = field.text().await.map_err(broken)?,
            Some("file") => form.bytes = field.bytes().await.map_err(broken)?.to_vec(),
            _ => {}
        }
    }
    Ok(form)
}

/// A photo put into a lesson's draft (the editor then shows it in the preview).
pub async fn add_picture(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(course_id): Path<String>,
    request: Request,
) -> Result<Response, FormError> {
    let store = &state.services.store;
    let course_page = format!("/author/{course_id}");
    access::editor(store, &actor, &course_id, "courses.edit")
        .await
        .or_back(&course_page)?;
    let form = picture_form(&state, request).await.or_back(&course_page)?;
    let back = editor_page(&course_id, &form.path);
    pictures::add(
        store,
        &actor,
        &course_id,
        &form.path,
        &form.alt,
        &form.bytes,
    )
    .await
    .or_back(&back)?;
    Ok(redirect(&format!("{back}#preview"), None))
}

#[derive(Debug, Default, Deserialize)]
pub struct NewCourseForm {
    #[serde(default)]
    pub id: String,
}

/// Starts a course as a draft of the templates; its page opens.
pub async fn create_course(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    FormData(form): FormData<NewCourseForm>,
) -> Result<Response, FormError> {
    let id = access::create_course(&state.services.store, &actor, &form.id)
        .await
        .or_back("/author")?;
    Ok(redirect(&format!("/author/{id}"), None))
}
