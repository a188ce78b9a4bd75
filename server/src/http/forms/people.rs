//! Form posts and files of the people area: regions (one by one or a CSV upload), classes, and
//! the household CSV upload (multipart, so it works without JavaScript) and audited export.

use app::backend::{Actor, PeopleApi};
use app::error::AppError;
use app::i18n::problems::Problem;
use app::model::{NewClass, NewRegion, Upload};
use axum::extract::{FromRequest, Multipart, Query, Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;

use crate::http::respond::{redirect, FormData, FormError, OrBack};
use crate::http::AppState;

const IMPORT_PAGE: &str = "/households/import";
const REGIONS_PAGE: &str = "/staff/regions";

pub async fn create_region(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    FormData(form): FormData<NewRegion>,
) -> Result<Response, FormError> {
    let services = &state.services;
    services
        .create_region(&actor, &form)
        .await
        .or_back(REGIONS_PAGE)?;
    Ok(redirect(REGIONS_PAGE, None))
}

pub async fn create_class(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    FormData(form): FormData<NewClass>,
) -> Result<Response, FormError> {
    let id = state
        .services
        .create_class(&actor, &form)
        .await
        .or_back("/classes")?;
    Ok(redirect(&format!("/classes/{id}"), None))
}

/// Admins upload a CSV of regions; the page then lists them.
pub async fn import_regions(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    request: Request,
) -> Result<Response, FormError> {
    let allowed = state.services.may_import_regions(&actor).await;
    let upload = checked_upload(&state, request, allowed, REGIONS_PAGE).await?;
    let added = state
        .services
        .import_regions(&actor, &upload.bytes)
        .await
        .or_back(REGIONS_PAGE)?;
    Ok(redirect(&format!("{REGIONS_PAGE}?added={added}"), None))
}

pub async fn import_households(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    request: Request,
) -> Result<Response, FormError> {
    let allowed = state.services.may_import_households(&actor).await;
    let upload = checked_upload(&state, request, allowed, IMPORT_PAGE).await?;
    let id = state
        .services
        .start_import(&actor, upload)
        .await
        .or_back(IMPORT_PAGE)?;
    Ok(redirect(&format!("/imports/{id}"), None))
}

/// Reads an upload once the actor is `allowed` to make it: a body of up to 30 MB is not even
/// looked at before that.
pub(crate) async fn checked_upload(
    state: &AppState,
    request: Request,
    allowed: Result<(), AppError>,
    back: &str,
) -> Result<Upload, FormError> {
    allowed.or_back(back)?;
    read_upload(state, request).await.or_back(back)
}

/// The fields of an upload form: the file, and the import's choices where the form has them.
async fn read_upload(state: &AppState, request: Request) -> Result<Upload, AppError> {
    let multipart = Multipart::from_request(request, state)
        .await
        .map_err(|_| Problem::UploadForm)?;
    read_fields(multipart).await
}

async fn read_fields(mut multipart: Multipart) -> Result<Upload, AppError> {
    let mut upload = Upload {
        encoding: "auto".into(),
        ..Upload::default()
    };
    let broken = |_| AppError::from(Problem::UploadBroken);
    while let Some(field) = multipart.next_field().await.map_err(broken)? {
        match field.name() {
            Some("file") => {
                upload.file_name = field.file_name().unwrap_or("households.csv").to_string();
                upload.bytes = field.bytes().await.map_err(broken)?.to_vec();
            }
            Some("encoding") => upload.encoding = field.text().await.map_err(broken)?,
            Some("dry_run") => upload.dry_run = !field.text().await.map_err(broken)?.is_empty(),
            _ => {}
        }
    }
    Ok(upload)
}

#[derive(Deserialize)]
pub struct ExportQuery {
    encoding: Option<String>,
}

pub async fn export_households(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Query(query): Query<ExportQuery>,
) -> Result<Response, FormError> {
    let encoding = query.encoding.unwrap_or_else(|| "utf-8".into());
    let bytes = state
        .services
        .export_households(&actor, &encoding)
        .await
        .or_back("/households")?;
    let content_type = if encoding.eq_ignore_ascii_case("gbk") {
        "text/csv; charset=gbk"
    } else {
        "text/csv; charset=utf-8"
    };
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"households.csv\"",
        ),
        (header::CACHE_CONTROL, "no-store"),
    ];
    Ok((headers, bytes).into_response())
}
