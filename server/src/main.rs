//! The `server` command: serves Nongdian, or checks the course content (`check-content`).

use std::path::PathBuf;
use std::process::ExitCode;

use app::i18n::Locale;
use server::config::Config;
use server::error::ServerError;

const USAGE: &str = "usage: server [serve]
       server check-content [CONTENT_DIR]   (in the terminal's language: LANG=en_US.UTF-8 for English, Chinese otherwise)
       server copy-db --from DATABASE_URL --to DATABASE_URL
       server compare-db DATABASE_URL DATABASE_URL
       server create-user LOGIN NAME ROLE [REGION_CODE]   (password from NONGDIAN_PASSWORD or the first line of stdin)
       server reset-password LOGIN   (the same; the person must change it at next sign-in)
       server rotate-signing-key   (a new certificate key; earlier certificates still verify; restart the servers)
       server generate-demo [county | province [--learners N]]   (password from NONGDIAN_PASSWORD, else a new one is printed)";

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None | Some("serve") => serve().await,
        Some("check-content") => check_content(args.get(1).map(PathBuf::from)),
        Some("copy-db") => copy_db(&args[1..]).await,
        Some("compare-db") => compare_db(&args[1..]).await,
        Some("create-user") => create_user(&args[1..]).await,
        Some("reset-password") => reset_password(&args[1..]).await,
        Some("rotate-signing-key") => rotate_signing_key(),
        Some("generate-demo") => generate_demo(&args[1..]).await,
        Some(other) => {
            eprintln!("unknown command `{other}`\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(ServerError::Content(errors)) => {
            let locale = terminal_locale();
            for error in &errors {
                eprintln!("{}", error.text(locale));
            }
            eprintln!("{} problem(s) in the course content", errors.len());
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn serve() -> Result<(), ServerError> {
    use axum::serve::ListenerExt as _;
    let config = Config::from_env()?;
    let prepared = server::prepare(&config).await?;
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    println!(
        "Nongdian 农店学堂 is running: open http://{}/",
        listener.local_addr()?
    );
    // A response written as head and body in two pieces must not wait for the client's delayed
    // acknowledgement (Nagle's algorithm): 40 ms per file response otherwise.
    let listener = listener.tap_io(|stream| {
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(?error, "TCP_NODELAY not set");
        }
    });
    let service = prepared
        .router
        .into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

/// The language the terminal is set to (`LC_ALL`, `LC_MESSAGES`, `LANG`); Chinese unless English.
fn terminal_locale() -> Locale {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .and_then(|value| Locale::from_tag(&value))
        .unwrap_or_default()
}

fn check_content(dir: Option<PathBuf>) -> Result<(), ServerError> {
    let dir = dir.unwrap_or_else(|| PathBuf::from("content"));
    let tree = server::content::load(&dir).map_err(ServerError::Content)?;
    let lessons = tree.lessons().count();
    println!(
        "content ok: {} course(s), {lessons} lesson(s), {}",
        tree.courses.len(),
        server::content::stats::QuizStats::of(&tree)
    );
    Ok(())
}

/// Copies a database into an empty one on any engine and verifies every table.
async fn copy_db(args: &[String]) -> Result<(), ServerError> {
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
            .ok_or_else(|| {
                ServerError::Config(format!("copy-db needs {name} DATABASE_URL\n{USAGE}"))
            })
    };
    let (from, to) = (flag("--from")?, flag("--to")?);
    let source = server::store::Store::open(&from).await?;
    let destination = server::store::Store::open(&to).await?;
    let report = server::store::copy::copy_database(&source, &destination).await?;
    print_tables(&report);
    println!("copied and verified {} tables", report.len());
    Ok(())
}

/// Compares two databases table by table (a backup and its restore, say).
async fn compare_db(args: &[String]) -> Result<(), ServerError> {
    let [a, b] = args else {
        return Err(ServerError::Config(format!(
            "compare-db needs two DATABASE_URLs\n{USAGE}"
        )));
    };
    let (a, b) = (
        server::store::Store::open(a).await?,
        server::store::Store::open(b).await?,
    );
    let report = server::store::copy::verify(&a, &b).await?;
    print_tables(&report);
    println!("{} tables are identical", report.len());
    Ok(())
}

/// Creates an account from the command line: how the first administrator comes to exist.
async fn create_user(args: &[String]) -> Result<(), ServerError> {
    let (login, name, role, region_code) = match args {
        [login, name, role] => (login, name, role, None),
        [login, name, role, code] => (login, name, role, Some(code)),
        _ => {
            return Err(ServerError::Config(format!(
                "create-user needs LOGIN NAME ROLE [REGION_CODE]\n{USAGE}"
            )))
        }
    };
    let password = console_password()?;
    let (store, passwords) = open_accounts().await?;
    let region_id = match region_code {
        Some(code) => Some(
            store
                .region_by_code(code)
                .await?
                .ok_or_else(|| ServerError::Config(format!("no region has the code {code}")))?
                .id,
        ),
        None => None,
    };
    let new = app::model::NewAccount {
        login: login.clone(),
        name: name.clone(),
        role: role.clone(),
        password,
        region_id,
    };
    let id = server::services::accounts::users::create_account(&store, &passwords, &new)
        .await
        .map_err(|error| match error {
            ServerError::App(app::error::AppError::Invalid(problem)) => {
                ServerError::Config(problem.text(app::i18n::Locale::En))
            }
            other => other,
        })?;
    println!("created user {id} ({login}, {role})");
    Ok(())
}

/// The database and a password hasher, for the account commands.
async fn open_accounts() -> Result<
    (
        server::store::Store,
        server::services::accounts::passwords::Passwords,
    ),
    ServerError,
> {
    let config = Config::from_env()?;
    let store = server::store::Store::open(&config.database_url).await?;
    Ok((
        store,
        server::services::accounts::passwords::Passwords::new(1),
    ))
}

/// The password for a command: `NONGDIAN_PASSWORD`, else the first line of stdin.
fn console_password() -> Result<String, ServerError> {
    if let Ok(password) = std::env::var("NONGDIAN_PASSWORD") {
        return Ok(password);
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

async fn reset_password(args: &[String]) -> Result<(), ServerError> {
    let [login] = args else {
        return Err(ServerError::Config(format!(
            "reset-password needs LOGIN\n{USAGE}"
        )));
    };
    let password = console_password()?;
    let (store, passwords) = open_accounts().await?;
    let result =
        server::services::accounts::users::reset_from_console(&store, &passwords, login, &password)
            .await;
    let id = result.map_err(|error| match error {
        ServerError::App(app::error::AppError::NotFound) => {
            ServerError::Config(format!("no account has the login {login}"))
        }
        ServerError::App(app::error::AppError::Invalid(problem)) => {
            ServerError::Config(problem.text(app::i18n::Locale::En))
        }
        other => other,
    })?;
    println!("password of user {id} ({login}) set; they must change it at next sign-in");
    Ok(())
}

fn rotate_signing_key() -> Result<(), ServerError> {
    let config = Config::from_env()?;
    let today = app::dates::beijing_day(server::store::now());
    let kid = server::keys::CertificateKeys::rotate(&config.key_dir, &today)?;
    println!(
        "new certificate key {kid} in {}; restart every server to sign with it",
        config.key_dir.display()
    );
    Ok(())
}

/// Fills the database with generated people: a small county to look around in, or a province
/// for the report benchmark.
async fn generate_demo(args: &[String]) -> Result<(), ServerError> {
    let password = std::env::var("NONGDIAN_PASSWORD")
        .unwrap_or_else(|_| server::services::accounts::sheets::one_time_password());
    let config = Config::from_env()?;
    let services = server::open_services(&config).await?;
    match args.first().map(String::as_str) {
        None | Some("county") => {
            let county = server::demo::county::generate(&services, &password).await?;
            println!("demo county generated: {} learners", county.learners);
            for (login, role) in county.logins {
                println!("  sign in as {login} ({role}) with password {password}");
            }
        }
        Some("province") => {
            let learners = match args.iter().position(|a| a == "--learners") {
                Some(i) => args
                    .get(i + 1)
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| {
                        ServerError::Config(format!("--learners needs a number\n{USAGE}"))
                    })?,
                None => 1_000_000,
            };
            let written = server::demo::province::generate(&services, learners, &password).await?;
            println!("{written:?}");
            println!("  sign in as bench-admin or office-460001 … office-460100 with password {password}");
        }
        Some(other) => {
            return Err(ServerError::Config(format!(
                "generate-demo makes `county` or `province`, not `{other}`\n{USAGE}"
            )))
        }
    }
    Ok(())
}

fn print_tables(report: &[server::store::copy::TableCopy]) {
    for table in report {
        println!(
            "{:<24} {:>8} rows  sha256 {}  ok",
            table.table, table.rows, table.checksum
        );
    }
}

async fn shutdown_signal() {
    let _ = tokio::signal::ctrl_c().await;
}
