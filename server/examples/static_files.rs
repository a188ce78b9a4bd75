//! Benchmark helper: serves a folder as static files on the same stack (tokio, axum, tower-http)
//! as the server, so `scripts/bench.sh` can compare a rendered lesson with the same HTML as a file.
//! Files with a `.gz` beside them are sent pre-compressed, as the server's own pages are gzipped.
//! Usage: static_files DIR ADDR

use axum::serve::ListenerExt as _;
use axum::Router;
use tower_http::services::ServeDir;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(addr)) = (args.next(), args.next()) else {
        eprintln!("usage: static_files DIR ADDR");
        std::process::exit(2);
    };
    // As the server does: no 40 ms wait between a file's head and body (Nagle's algorithm).
    let listener = tokio::net::TcpListener::bind(&addr)
        .await?
        .tap_io(|stream| {
            let _ = stream.set_nodelay(true);
        });
    axum::serve(
        listener,
        Router::new().fallback_service(ServeDir::new(dir).precompressed_gzip()),
    )
    .await
}
