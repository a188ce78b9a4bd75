//! The learner's pages about their own learning: `/me` (courses with progress, continue where
//! they left off, certificates, quiz results), `/certificates/:code` (printable, with the QR
//! code) and the public check `/verify/:code`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{get_certificate, get_my_learning, get_viewer, verify_certificate};
use crate::codes::Role;
use crate::components::loaded::{FormError, Loaded};
use crate::components::locale::use_locale;
use crate::error::AppError;
use crate::i18n::install::{ti, I};
use crate::i18n::reports::{tr, R};
use crate::i18n::{t, Locale, Msg};
use crate::model::{CertificateView, MyLearning, Verification};
use crate::pages::reports::outcomes::{OutcomeForm, OutcomeList};

#[component]
pub fn MyLearningPage() -> impl IntoView {
    let locale = use_locale();
    let learning = Resource::new(move || locale, get_my_learning);
    view! {
        <Title text=t(locale, Msg::MyLearning)/>
        <h1>{t(locale, Msg::MyLearning)}</h1>
        <Loaded resource=learning view=move |learning| view! { <MyLearningView learning locale/> }/>
    }
}

#[component]
fn MyLearningView(learning: MyLearning, locale: Locale) -> impl IntoView {
    let reported = use_query_map().read_untracked().get("reported").is_some();
    view! {
        {learning.continue_at.map(|lesson| view! {
            <p><a class="button primary" href=format!("/lessons/{}", lesson.id)>
                <small>{t(locale, Msg::ContinueLearning)}</small><span>{lesson.title}</span>
            </a></p>
        })}
        <p><a href="/install">{ti(locale, I::Link)}</a></p>
        <ul class="cards">
            {learning.courses.into_iter().map(|c| view! {
                <li class="card">
                    <a class="card-title" href=format!("/courses/{}", c.course_id)>{c.title}</a>
                    <progress max="100" value=c.percent.to_string()></progress>
                    <span class="meta">{c.percent} "% " {t(locale, Msg::Percent)} " · "
                        {c.lessons_completed} "/" {c.lessons_total} " " {t(locale, Msg::LessonsCount)} " · "
                        {c.modules_passed} "/" {c.modules_total} " " {t(locale, Msg::ModuleTest)}</span>
                    <ol class="module-progress">
                        {c.modules.into_iter().map(|m| view! {
                            <li>{m.title} " " <span class="meta">{m.percent} "%" {m.test_passed.then_some(" ✓")}</span></li>
                        }).collect_view()}
                    </ol>
                </li>
            }).collect_view()}
        </ul>
        <section id="outcomes">
            <h2>{tr(locale, R::Outcomes)}</h2>
            <p class="meta">{tr(locale, R::OutcomesHint)}</p>
            {reported.then(|| view! { <p class="done-mark" role="status">{tr(locale, R::ThanksReported)}</p> })}
            <OutcomeList outcomes=learning.outcomes.clone() locale staff=false action="/outcomes".to_string()/>
            <OutcomeForm action="/outcomes".to_string() locale/>
        </section>
        <h2>{t(locale, Msg::Certificates)}</h2>
        {learning.certificates.is_empty().then(|| view! { <p>{t(locale, Msg::NothingYet)}</p> })}
        <ul class="links">
            {learning.certificates.into_iter().map(|c| view! {
                <li><a href=format!("/certificates/{}", c.code)>{c.course_title} " · " {c.issued_day}</a>
                {c.revoked.then(|| view! { " " <strong class="error">{t(locale, Msg::Revoked)}</strong> })}</li>
            }).collect_view()}
        </ul>
        <h2>{t(locale, Msg::QuizResults)}</h2>
        {learning.quizzes.is_empty().then(|| view! { <p>{t(locale, Msg::NothingYet)}</p> })}
        <table class="data"><tbody>
            {learning.quizzes.into_iter().map(|q| view! {
                <tr><td>{q.title}</td><td>{q.best_correct} "/" {q.total}</td>
                <td>{if q.is_module_test { t(locale, if q.passed { Msg::TestPassed } else { Msg::TestFailed }) } else { "" }}</td></tr>
            }).collect_view()}
        </tbody></table>
    }
}

#[component]
pub fn CertificatePage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("code").unwrap_or_default(),
        |code| async move {
            let viewer = get_viewer().await?;
            Ok::<_, AppError>((get_certificate(code).await?, viewer.map(|v| v.role)))
        },
    );
    view! {
        <Title text=t(locale, Msg::Certificate)/>
        <FormError/>
        <Loaded resource=data view=move |(certificate, role)| {
            let may_revoke = matches!(role, Some(Role::Office | Role::Admin));
            view! { <CertificateView certificate locale may_revoke/> }
        }/>
    }
}

#[component]
fn CertificateView(
    certificate: CertificateView,
    locale: Locale,
    may_revoke: bool,
) -> impl IntoView {
    let code = certificate.code.clone();
    view! {
        <article class="certificate">
            <h1>{t(locale, Msg::Certificate)}</h1>
            {certificate.revoked_reason.clone().map(|reason| view! {
                <p class="error" role="alert">{t(locale, Msg::Revoked)} ": " {reason}</p>
            })}
            <p>{t(locale, Msg::CertificateOf)}</p>
            <p class="big"><strong>{certificate.learner_name}</strong></p>
            <p>{t(locale, Msg::Course)} ": " {certificate.course_title}</p>
            <p>{t(locale, Msg::IssuedOn)} ": " {certificate.issued_day}</p>
            <p>{t(locale, Msg::IssuedBy)} ": " {certificate.issuer}</p>
            <p>{t(locale, Msg::CertificateCode)} ": " <code>{certificate.code}</code></p>
            <figure class="qr">
                <div inner_html=certificate.qr_svg></div>
                <figcaption><a rel="external" href=certificate.verify_url>{t(locale, Msg::ScanToVerify)}</a></figcaption>
            </figure>
        </article>
        <h2>{t(locale, Msg::QuizResults)}</h2>
        <table class="data">
            <tbody>
                {certificate.test_scores.iter().map(|s| view! {
                    <tr><th scope="row">{s.title.clone()}</th><td>{s.best_correct} "/" {s.total}</td>
                    <td>{t(locale, if s.passed { Msg::TestPassed } else { Msg::TestFailed })}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        <p class="no-print"><a rel="external" href=format!("/certificates/{code}/badge.json")>{t(locale, Msg::DownloadBadge)}</a></p>
        {may_revoke.then(|| view! {
            <form class="stack no-print" method="post" action=format!("/certificates/{code}/revoke")>
                <label>{t(locale, Msg::Revoked)}<input name="reason" required maxlength="200"/></label>
                <button class="button" type="submit">{t(locale, Msg::Revoked)}</button>
            </form>
        })}
    }
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let query = use_query_map();
    let check = Resource::new(
        move || {
            let q = query.read();
            (
                params.read().get("code").unwrap_or_default(),
                q.get("p"),
                q.get("s"),
            )
        },
        |(code, payload, signature)| verify_certificate(code, payload, signature),
    );
    view! {
        <Title text=t(locale, Msg::Verification)/>
        <h1>{t(locale, Msg::Verification)}</h1>
        <Loaded resource=check view=move |verification| view! { <VerificationView verification locale/> }/>
    }
}

#[component]
fn VerificationView(verification: Verification, locale: Locale) -> impl IntoView {
    let (status, class) = if verification.revoked {
        (t(locale, Msg::Revoked), "error")
    } else {
        (t(locale, Msg::Valid), "score")
    };
    let signature = verification.signature_ok.map(|ok| {
        let (msg, class) = if ok {
            (Msg::SignatureValid, "score")
        } else {
            (Msg::SignatureInvalid, "error")
        };
        view! { <p class=class>{t(locale, msg)}</p> }
    });
    view! {
        <p class=class role="status">{status}</p>
        {signature}
        <dl class="card">
            <div><dt>{t(locale, Msg::Learner)}</dt><dd>{verification.masked_name}</dd></div>
            <div><dt>{t(locale, Msg::Course)}</dt><dd>{verification.course_title}</dd></div>
            <div><dt>{t(locale, Msg::IssuedOn)}</dt><dd>{verification.issued_day}</dd></div>
            <div><dt>{t(locale, Msg::IssuedBy)}</dt><dd>{verification.issuer}</dd></div>
            <div><dt>{t(locale, Msg::CertificateCode)}</dt><dd>{verification.code}</dd></div>
        </dl>
        <p><a href="/offline/verify">{t(locale, Msg::OfflineCheckHow)}</a></p>
    }
}
