//! The client's address, for throttles and logs. Behind a load balancer every connection comes
//! from the balancer, so its `X-Forwarded-For` (or `Forwarded`) header names the client, but only
//! a peer listed with `--trusted-proxy` is believed: from anyone else the header is ignored, so a
//! client cannot choose the address its failures are counted against.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

/// The header the trusted proxies write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ForwardedHeader {
    /// `X-Forwarded-For: client, proxy1, proxy2`.
    XForwardedFor,
    /// `Forwarded: for=client, for="[2001:db8::1]:4711"` (RFC 7239).
    Forwarded,
}

/// Who may say who the client is.
#[derive(Debug, Clone)]
pub struct TrustedProxies {
    networks: Vec<IpNet>,
    header: ForwardedHeader,
}

/// The client's address as [`TrustedProxies`] decided it; an extractor for handlers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl TrustedProxies {
    pub fn new(networks: Vec<IpNet>, header: ForwardedHeader) -> Self {
        TrustedProxies { networks, header }
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.networks.iter().any(|n| n.contains(&ip))
    }

    /// The client behind `peer`: walking the forwarded chain from the nearest hop outwards, the
    /// first address that is not a trusted proxy. A hop that cannot be read stops the walk at
    /// the proxy that wrote it.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = canonical(peer);
        if !self.trusts(client) {
            return client;
        }
        let name = match self.header {
            ForwardedHeader::XForwardedFor => "x-forwarded-for",
            ForwardedHeader::Forwarded => "forwarded",
        };
        let hops: Vec<&str> = headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .collect();
        for hop in hops.iter().rev() {
            let parsed = match self.header {
                ForwardedHeader::XForwardedFor => parse_node(hop.trim()),
                ForwardedHeader::Forwarded => forwarded_for(hop),
            };
            let Some(ip) = parsed else { break };
            client = canonical(ip);
            if !self.trusts(client) {
                break;
            }
        }
        client
    }
}

/// The `for=` node of one `Forwarded` element (`for=192.0.2.1;proto=https`).
fn forwarded_for(element: &str) -> Option<IpAddr> {
    element.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("for")
            .then(|| parse_node(value.trim().trim_matches('"')))
            .flatten()
    })
}

/// A `--trusted-proxy` value: a network (`10.0.0.0/8`, `2001:db8::/32`) or one address.
pub fn parse_network(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("{text:?} is neither an address nor a CIDR network"))
}

/// An address with or without a port: `192.0.2.1`, `192.0.2.1:80`, `2001:db8::1`,
/// `[2001:db8::1]:80`. `unknown` and obfuscated names are `None`.
fn parse_node(text: &str) -> Option<IpAddr> {
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Some(addr.ip());
    }
    text.strip_prefix('[')?.strip_suffix(']')?.parse().ok()
}

/// An IPv4 client on a dual-stack socket (`::ffff:192.0.2.1`) counts as `192.0.2.1`.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// Middleware: decides the client once per request, for the handlers and the request's log span.
pub async fn resolve(
    State(proxies): State<std::sync::Arc<TrustedProxies>>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>() {
        let client = proxies.client(peer.ip(), request.headers());
        request.extensions_mut().insert(ClientAddr(client));
    }
    next.run(request).await
}

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = super::ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        if let Some(client) = parts.extensions.get::<ClientAddr>() {
            return Ok(*client);
        }
        parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(peer)| ClientAddr(canonical(peer.ip())))
            .ok_or_else(|| super::ApiError::Internal("no client address".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn headers(name: &'static str, values: &[&'static str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(name, HeaderValue::from_static(v));
        }
        h
    }

    fn behind(networks: &[&str], header: ForwardedHeader) -> TrustedProxies {
        TrustedProxies::new(
            networks.iter().map(|n| n.parse().unwrap()).collect(),
            header,
        )
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_says() {
        let none = behind(&[], ForwardedHeader::XForwardedFor);
        let h = headers("x-forwarded-for", &["203.0.113.9"]);
        assert_eq!(none.client(ip("198.51.100.1"), &h), ip("198.51.100.1"));
        let other = behind(&["10.0.0.0/8"], ForwardedHeader::XForwardedFor);
        assert_eq!(other.client(ip("198.51.100.1"), &h), ip("198.51.100.1"));
    }

    #[test]
    fn a_trusted_proxy_names_the_client_and_a_spoofed_prefix_is_skipped() {
        let lb = behind(&["10.0.0.0/8"], ForwardedHeader::XForwardedFor);
        let h = headers("x-forwarded-for", &["1.2.3.4, 203.0.113.9"]);
        assert_eq!(lb.client(ip("10.0.0.5"), &h), ip("203.0.113.9"));
        // Two proxies of ours, header split over two lines.
        let h = headers("x-forwarded-for", &["203.0.113.9", "10.1.1.1"]);
        assert_eq!(lb.client(ip("10.0.0.5"), &h), ip("203.0.113.9"));
        // Nothing forwarded: the proxy itself.
        assert_eq!(lb.client(ip("10.0.0.5"), &HeaderMap::new()), ip("10.0.0.5"));
        // Garbage where our proxy's entry should be: the proxy, not a guess.
        let h = headers("x-forwarded-for", &["203.0.113.9, not-an-address"]);
        assert_eq!(lb.client(ip("10.0.0.5"), &h), ip("10.0.0.5"));
    }

    #[test]
    fn only_the_configured_header_is_read() {
        let lb = behind(&["10.0.0.0/8"], ForwardedHeader::Forwarded);
        let h = headers("x-forwarded-for", &["203.0.113.9"]);
        assert_eq!(lb.client(ip("10.0.0.5"), &h), ip("10.0.0.5"));
        let h = headers(
            "forwarded",
            &["for=198.51.100.7;proto=https, for=\"[2001:db8::1]:4711\""],
        );
        assert_eq!(lb.client(ip("10.0.0.5"), &h), ip("2001:db8::1"));
        let h = headers("forwarded", &["For=\"192.0.2.60:8080\";by=10.0.0.5"]);
        assert_eq!(lb.client(ip("10.0.0.5"), &h), ip("192.0.2.60"));
        let h = headers("forwarded", &["for=unknown"]);
        assert_eq!(lb.client(ip("10.0.0.5"), &h), ip("10.0.0.5"));
    }

    #[test]
    fn trusted_proxies_are_networks_or_single_addresses() {
        assert_eq!(parse_network(" 10.0.0.0/8").unwrap().prefix_len(), 8);
        assert_eq!(parse_network("192.0.2.4").unwrap().prefix_len(), 32);
        assert_eq!(parse_network("2001:db8::1").unwrap().prefix_len(), 128);
        assert!(parse_network("10.0.0.0/33").is_err());
        assert!(parse_network("proxy.example").is_err());
    }

    #[test]
    fn mapped_ipv4_peers_match_ipv4_networks() {
        let lb = behind(&["127.0.0.1/32"], ForwardedHeader::XForwardedFor);
        let h = headers("x-forwarded-for", &["203.0.113.9"]);
        assert_eq!(lb.client(ip("::ffff:127.0.0.1"), &h), ip("203.0.113.9"));
    }
}
