//! The parts of a trainer's class page that follow learners: the progress table (sorted by a
//! link, so it works without JavaScript; the same table downloads as CSV or XLSX) and the
//! in-person sessions with the attendance form.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::dates::beijing_day;
use crate::i18n::classes::{tc, C};
use crate::i18n::Locale;
use crate::model::{LearnerItem, SessionItem};

/// The orders a trainer can sort the table in; the default is by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Name,
    /// Fewest lessons done first: who is behind.
    Done,
    /// Longest away first (never active before anyone).
    LastActive,
    /// Fewest sessions attended first.
    Attended,
}

impl SortKey {
    pub fn from_query(text: Option<&str>) -> SortKey {
        match text {
            Some("done") => SortKey::Done,
            Some("last") => SortKey::LastActive,
            Some("attended") => SortKey::Attended,
            _ => SortKey::Name,
        }
    }

    fn query(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Done => "done",
            SortKey::LastActive => "last",
            SortKey::Attended => "attended",
        }
    }
}

/// The learners in `key` order; ties keep the name order they came in.
pub fn sorted(mut learners: Vec<LearnerItem>, key: SortKey) -> Vec<LearnerItem> {
    match key {
        SortKey::Name => {}
        SortKey::Done => learners.sort_by_key(|l| l.lessons_done),
        SortKey::LastActive => learners.sort_by_key(|l| l.last_active_at),
        SortKey::Attended => learners.sort_by_key(|l| l.sessions_attended),
    }
    learners
}

#[component]
pub fn ProgressTable(
    class_id: i64,
    learners: Vec<LearnerItem>,
    lessons_total: i64,
    locale: Locale,
) -> impl IntoView {
    let query = use_query_map();
    let key = SortKey::from_query(query.read_untracked().get("sort").as_deref());
    let heading = move |label: C, by: SortKey| {
        let text = tc(locale, label);
        if by == key {
            view! { <th scope="col" aria-sort="ascending">{text} " ▲"</th> }.into_any()
        } else {
            let href = format!("/classes/{class_id}?sort={}#progress", by.query());
            view! { <th scope="col"><a href=href>{text}</a></th> }.into_any()
        }
    };
    let rows = sorted(learners, key).into_iter().map(|l| {
        let lesson = l.current_lesson.as_ref().map(|(zh, en)| locale.pick(zh, en).to_string());
        view! {
            <tr>
                <td>{l.name}</td><td>{l.login}</td>
                <td>{format!("{} / {lessons_total}", l.lessons_done)}</td>
                <td>{lesson.unwrap_or_default()}</td>
                <td>{l.last_active_at.map(beijing_day).unwrap_or_else(|| "—".into())}</td>
                <td>{l.sessions_attended}</td>
                <td>{if l.certified { tc(locale, C::Yes) } else { "" }}</td>
                <td><form method="post" action=format!("/accounts/{}/reset", l.id)>
                    <button type="submit">{crate::i18n::staff::ts(locale, crate::i18n::staff::S::ResetPassword)}</button>
                </form></td>
            </tr>
        }
    }).collect_view();
    view! {
        <h2 id="progress">{tc(locale, C::ClassProgress)}</h2>
        <p class="meta">{tc(locale, C::ProgressHint)}</p>
        <table class="data">
            <thead><tr>
                {heading(C::Name, SortKey::Name)}
                <th scope="col">{tc(locale, C::Login)}</th>
                {heading(C::LessonsDone, SortKey::Done)}
                <th scope="col">{tc(locale, C::CurrentLesson)}</th>
                {heading(C::LastActive, SortKey::LastActive)}
                {heading(C::SessionsAttended, SortKey::Attended)}
                <th scope="col">{tc(locale, C::Certified)}</th>
                <th scope="col"></th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <p>
            <a class="button" href=format!("/classes/{class_id}/progress.csv")>{tc(locale, C::DownloadCsv)}</a>
            " "
            <a class="button" href=format!("/classes/{class_id}/progress.xlsx")>{tc(locale, C::DownloadXlsx)}</a>
        </p>
    }
}

#[component]
pub fn Sessions(
    class_id: i64,
    sessions: Vec<SessionItem>,
    learners: Vec<(i64, String)>,
    today: String,
    locale: Locale,
) -> impl IntoView {
    view! {
        <h2 id="sessions">{tc(locale, C::Sessions)}</h2>
        {sessions.is_empty().then(|| view! { <p>{tc(locale, C::NoSessions)}</p> })}
        <ul class="links">
            {sessions.into_iter().map(|s| view! {
                <li>{s.held_on} " · " {s.present} " " {tc(locale, C::Present)}</li>
            }).collect_view()}
        </ul>
        <form class="stack" method="post" action=format!("/classes/{class_id}/attendance")>
            <h3>{tc(locale, C::RecordAttendance)}</h3>
            <label>{tc(locale, C::SessionDay)}<input type="date" name="held_on" required value=today.clone() max=today/></label>
            <p class="meta">{tc(locale, C::AttendanceHint)}</p>
            <fieldset class="stack">
                <legend>{tc(locale, C::Present)}</legend>
                {learners.into_iter().map(|(id, name)| view! {
                    <label class="check"><input type="checkbox" name="present" value=id.to_string()/>" " {name}</label>
                }).collect_view()}
            </fieldset>
            <button class="button primary" type="submit">{tc(locale, C::Save)}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn learner(name: &str, done: i64, last: Option<i64>, attended: i64) -> LearnerItem {
        LearnerItem {
            id: done,
            login: name.into(),
            name: name.into(),
            lessons_done: done,
            last_active_at: last,
            certified: false,
            current_lesson: None,
            sessions_attended: attended,
        }
    }

    #[test]
    fn who_is_behind_comes_first() {
        let class = vec![
            learner("甲", 5, Some(300), 2),
            learner("乙", 1, Some(900), 0),
            learner("丙", 3, None, 1),
        ];
        let names = |list: Vec<LearnerItem>| list.into_iter().map(|l| l.name).collect::<Vec<_>>();
        assert_eq!(
            names(sorted(class.clone(), SortKey::Done)),
            ["乙", "丙", "甲"]
        );
        assert_eq!(
            names(sorted(class.clone(), SortKey::LastActive)),
            ["丙", "甲", "乙"]
        );
        assert_eq!(
            names(sorted(class.clone(), SortKey::Attended)),
            ["乙", "丙", "甲"]
        );
        assert_eq!(names(sorted(class, SortKey::Name)), ["甲", "乙", "丙"]);
        assert_eq!(SortKey::from_query(Some("bogus")), SortKey::Name);
    }
}
