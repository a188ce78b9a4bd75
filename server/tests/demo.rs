//! Generated data on a real database (SQLite, or PostgreSQL under `NONGDIAN_TEST_POSTGRES`): the
//! demo county's report facts, kept on write as its people learned, equal a full recompute; a
//! small province adds up the same whichever way its report is cut.

use app::backend::{Actor, User};
use app::codes::Role;
use app::model::ReportFilter;
use server::config::Config;
use server::services::reports::report::report;

async fn services(dir: &tempfile::TempDir) -> server::services::Services {
    let url = server::store::scratch::database_url(dir.path())
        .await
        .expect("database");
    let config = Config {
        database_url: url,
        content_dir: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content"),
        addr: "127.0.0.1:0".parse().expect("address"),
        site_root: dir.path().join("site"),
        key_dir: dir.path().join("keys"),
        public_url: "http://localhost".into(),
        trusted_proxies: Vec::new(),
    };
    server::open_services(&config).await.expect("services")
}

fn admin() -> Actor {
    Actor::User(User {
        id: 1,
        display_name: "admin".into(),
        role: Role::Admin,
        region_id: None,
        must_change_password: false,
        session_id: String::new(),
        address: "test".into(),
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

#[test]
fn the_demo_countys_facts_kept_on_write_equal_a_full_recompute() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().expect("dir");
        let services = services(&dir).await;
        let county = server::demo::county::generate(&services, "demo-pass-2026")
            .await
            .expect("demo");
        assert_eq!(county.learners, 64);
        let store = &services.store;
        let ids = store.learner_ids_after(0, 1000).await.expect("learners");
        assert_eq!(ids.len(), 64);
        let mut kept = Vec::new();
        for id in &ids {
            kept.push(store.learner_facts(*id).await.expect("facts").expect("row"));
        }
        server::jobs::refresh_facts::run(store)
            .await
            .expect("rebuild");
        for (id, before) in ids.iter().zip(kept) {
            let after = store.learner_facts(*id).await.expect("facts").expect("row");
            assert_eq!(before, after, "learner {id}");
        }
        let totals = report(
            &services,
            &admin(),
            &ReportFilter::default(),
            server::store::now(),
        )
        .await
        .expect("report")
        .totals;
        assert_eq!(totals.enrolled, 64);
        assert!(totals.certified > 0 && totals.store_opened > 0 && totals.sales_fen > 0);
        let again = server::demo::county::generate(&services, "x").await;
        assert!(again.is_err(), "the demo county is made once");
    });
}

#[test]
fn a_small_province_adds_up_whichever_way_its_report_is_cut() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().expect("dir");
        let services = services(&dir).await;
        let written = server::demo::province::generate(&services, 2_000, "bench-pass-2026")
            .await
            .expect("province");
        assert_eq!(written.learners, 2_000);
        assert!(written.progress_events > 2_000 * 10, "{written:?}");
        let report = report(
            &services,
            &admin(),
            &ReportFilter::default(),
            server::store::now(),
        )
        .await
        .expect("report");
        assert_eq!(report.totals.enrolled, 2_000);
        assert_eq!(report.by_region.len(), 100, "one row per county");
        let sum = |rows: &[app::model::ReportRow], f: fn(&app::model::Figures) -> i64| {
            rows.iter().map(|r| f(&r.figures)).sum::<i64>()
        };
        assert!(
            report.by_class.is_empty(),
            "1,200 classes are left to the counties' reports"
        );
        for rows in [&report.by_region, &report.by_group] {
            assert_eq!(sum(rows, |f| f.enrolled), report.totals.enrolled);
            assert_eq!(sum(rows, |f| f.certified), report.totals.certified);
            assert_eq!(sum(rows, |f| f.sales_fen), report.totals.sales_fen);
        }
        let month_total: i64 = report.by_month.iter().map(|m| m.enrolled).sum();
        assert!(month_total <= report.totals.enrolled);
        assert!(report.totals.certified > 0 && report.totals.first_sale > 0);
    });
}
