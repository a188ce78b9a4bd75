//! File transfers of household data: the CSV upload that starts an import (a plain multipart
//! form, so it works without JavaScript) and the audited CSV export.

use app::backend::Actor;
use app::error::AppError;
use axum::extract::{FromRequest, Multipart, Query, Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;

use super::auth::redirect;
use super::forms::failure;
use super::AppState;
use crate::error::ServerError;
use crate::people::csv_format::Encoding;
use crate::services::{households, imports, region_import};

const IMPORT_PAGE: &str = "/households/import";

/// The fields of the import form.
#[derive(Default)]
struct Upload {
    file_name: String,
    bytes: Vec<u8>,
    encoding: String,
    dry_run: bool,
}

pub async fn import_households(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    request: Request,
) -> Response {
    // Authorize before even looking at a body of up to 30 MB.
    if let Err(error) = imports::authorize(&state.services.store, &actor).await {
        return failure(IMPORT_PAGE, error);
    }
    let Ok(multipart) = Multipart::from_request(request, &state).await else {
        return failure(IMPORT_PAGE, invalid("请用页面上的表单选择文件上传"));
    };
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(error) => return failure(IMPORT_PAGE, error),
    };
    let Some(encoding) = Encoding::parse(&upload.encoding) else {
        return failure(IMPORT_PAGE, invalid("请选择文件编码：自动、UTF-8 或 GBK"));
    };
    let context = state.services.import_context();
    let started = imports::start(
        &context,
        &actor,
        &upload.file_name,
        upload.bytes,
        encoding,
        upload.dry_run,
    );
    match started.await {
        Ok(id) => redirect(&format!("/imports/{id}"), None),
        Err(error) => failure(IMPORT_PAGE, error),
    }
}

async fn read_upload(mut multipart: Multipart) -> Result<Upload, ServerError> {
    let mut upload = Upload {
        encoding: "auto".into(),
        ..Upload::default()
    };
    let broken = |_| invalid("上传没有完成，请重新选择文件再试");
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

const REGIONS_PAGE: &str = "/staff/regions";

/// Admins upload a CSV of regions; the page then lists them.
pub async fn import_regions(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    request: Request,
) -> Response {
    let store = &state.services.store;
    if let Err(error) = region_import::authorize(store, &actor).await {
        return failure(REGIONS_PAGE, error);
    }
    let Ok(multipart) = Multipart::from_request(request, &state).await else {
        return failure(REGIONS_PAGE, invalid("请用页面上的表单选择文件上传"));
    };
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(error) => return failure(REGIONS_PAGE, error),
    };
    match region_import::import(store, &actor, &upload.bytes).await {
        Ok(added) => redirect(&format!("{REGIONS_PAGE}?added={added}"), None),
        Err(error) => failure(REGIONS_PAGE, error),
    }
}

#[derive(Deserialize)]
pub struct ExportQuery {
    encoding: Option<String>,
}

pub async fn export_households(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Query(query): Query<ExportQuery>,
) -> Response {
    let encoding = query
        .encoding
        .as_deref()
        .and_then(Encoding::parse)
        .unwrap_or(Encoding::Utf8);
    let services = &state.services;
    match households::export(&services.store, &services.keys, &actor, encoding).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, content_type(encoding)),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"households.csv\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => failure("/households", error),
    }
}

fn content_type(encoding: Encoding) -> &'static str {
    match encoding {
        Encoding::Gbk => "text/csv; charset=gbk",
        _ => "text/csv; charset=utf-8",
    }
}

fn invalid(message: &str) -> ServerError {
    AppError::Invalid(message.to_string()).into()
}
