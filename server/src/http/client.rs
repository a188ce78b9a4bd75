//! Who is on the other end: the client's address, taken from `X-Forwarded-For` only when the
//! peer is a proxy the configuration trusts, so that behind nginx one attacker cannot lock every
//! learner out (the throttle would otherwise see one address for everybody) and nobody else can
//! pick the address the throttle and the audit log see.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use axum::Extension;

use super::AppState;

/// The client's address as the throttle and the audit log record it.
#[derive(Clone, Debug)]
pub struct ClientAddress(pub String);

/// Puts the [`ClientAddress`] into every request.
pub async fn client_address(
    State(state): State<AppState>,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = connect.map(|Extension(ConnectInfo(addr))| addr.ip());
    let address = match peer {
        Some(peer) => client_ip(peer, request.headers(), &state.trusted_proxies).to_string(),
        None => "unknown".to_string(),
    };
    request.extensions_mut().insert(ClientAddress(address));
    next.run(request).await
}

/// The right-most address of `X-Forwarded-For` that is not a trusted proxy, when the peer is
/// one; otherwise the peer. (Left-most entries are whatever the client chose to send.)
fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    let mut found = peer;
    for part in forwarded.into_iter().rev() {
        let Ok(ip) = part.parse::<IpAddr>() else {
            // Something unreadable: stop at the last address a trusted proxy vouched for.
            return found;
        };
        found = ip;
        if !trusted.contains(&ip) {
            break;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("test address")
    }

    fn forwarded(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn only_a_trusted_proxy_is_believed() {
        let proxy = [ip("127.0.0.1")];
        let headers = forwarded("1.2.3.4");
        assert_eq!(client_ip(ip("127.0.0.1"), &headers, &proxy), ip("1.2.3.4"));
        // Straight from the internet, the header is the client's own say-so.
        assert_eq!(client_ip(ip("5.6.7.8"), &headers, &proxy), ip("5.6.7.8"));
        assert_eq!(client_ip(ip("127.0.0.1"), &headers, &[]), ip("127.0.0.1"));
    }

    #[test]
    fn a_forged_left_entry_does_not_move_the_address() {
        let proxies = [ip("127.0.0.1"), ip("10.0.0.2")];
        // The client sent "9.9.9.9"; nginx appended the real peer, then an inner proxy.
        let headers = forwarded("9.9.9.9, 1.2.3.4, 10.0.0.2");
        assert_eq!(
            client_ip(ip("127.0.0.1"), &headers, &proxies),
            ip("1.2.3.4")
        );
        let garbage = forwarded("nonsense, 10.0.0.2");
        assert_eq!(
            client_ip(ip("127.0.0.1"), &garbage, &proxies),
            ip("10.0.0.2")
        );
        assert_eq!(
            client_ip(ip("127.0.0.1"), &HeaderMap::new(), &proxies),
            ip("127.0.0.1")
        );
    }
}
