//! Form posts and files of a trainer's class: a learner or a colleague added by login, the attendance of an in-person session (a list of
//! ticked boxes, so it works without JavaScript) and the progress table as CSV or XLSX.

use app::backend::{Actor, ExportFormat};
use app::error::AppError;
use app::i18n::problems::Problem;
use app::model::{Attendance, Enrolment};
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;

use crate::http::respond::{file_response, redirect, request_locale, FormData, FormError, OrBack};
use crate::http::AppState;
use crate::services::people::{attendance, classes};

/// `held_on=2026-12-04&present=7&present=9`: a form's repeated boxes, read from its pairs
/// (serde's form reader cannot collect repeated names).
fn attendance_form(pairs: Vec<(String, String)>) -> Result<Attendance, AppError> {
    let mut form = Attendance::default();
    for (name, value) in pairs {
        match name.as_str() {
            "held_on" => form.held_on = value,
            "present" => form.present.push(
                value
                    .trim()
                    .parse()
                    .map_err(|_| AppError::from(Problem::AttendanceList))?,
            ),
            _ => {}
        }
    }
    Ok(form)
}

pub async fn record_attendance(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(class_id): Path<i64>,
    FormData(pairs): FormData<Vec<(String, String)>>,
) -> Result<Response, FormError> {
    let page = format!("/classes/{class_id}");
    let form = attendance_form(pairs).or_back(&page)?;
    let store = &state.services.store;
    attendance::record(store, &actor, class_id, &form)
        .await
        .or_back(&page)?;
    Ok(redirect(&format!("{page}#sessions"), None))
}

pub async fn enrol(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(class_id): Path<i64>,
    FormData(form): FormData<Enrolment>,
) -> Result<Response, FormError> {
    let page = format!("/classes/{class_id}");
    let store = &state.services.store;
    classes::enrol(store, &actor, class_id, &form.login)
        .await
        .or_back(&page)?;
    Ok(redirect(&format!("{page}#progress"), None))
}

pub async fn add_trainer(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Path(class_id): Path<i64>,
    FormData(form): FormData<Enrolment>,
) -> Result<Response, FormError> {
    let page = format!("/classes/{class_id}");
    let store = &state.services.store;
    classes::add_trainer(store, &actor, class_id, &form.login)
        .await
        .or_back(&page)?;
    Ok(redirect(&page, None))
}

pub async fn progress_csv(
    state: State<AppState>,
    actor: Extension<Actor>,
    headers: HeaderMap,
    class_id: Path<i64>,
) -> Result<Response, FormError> {
    progress_file(state, actor, headers, class_id, ExportFormat::Csv).await
}

pub async fn progress_xlsx(
    state: State<AppState>,
    actor: Extension<Actor>,
    headers: HeaderMap,
    class_id: Path<i64>,
) -> Result<Response, FormError> {
    progress_file(state, actor, headers, class_id, ExportFormat::Xlsx).await
}

async fn progress_file(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Path(class_id): Path<i64>,
    format: ExportFormat,
) -> Result<Response, FormError> {
    let locale = request_locale(&headers);
    let store = &state.services.store;
    let file = attendance::export_progress(store, &actor, class_id, format, locale)
        .await
        .or_back(&format!("/classes/{class_id}"))?;
    Ok(file_response(file))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn repeated_boxes_become_the_list_of_who_came() {
        let form = attendance_form(pairs(&[
            ("held_on", "2026-12-04"),
            ("present", "7"),
            ("present", " 9 "),
        ]));
        assert_eq!(
            form.ok(),
            Some(Attendance {
                held_on: "2026-12-04".into(),
                present: vec![7, 9],
            })
        );
        let broken = attendance_form(pairs(&[("present", "7; DROP")]));
        assert!(broken.is_err());
    }
}
