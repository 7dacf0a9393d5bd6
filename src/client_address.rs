//! Which address a request comes from: its peer, or, when the peer is a trusted reverse proxy,
//! the address the proxies name in `X-Forwarded-For`.
//!
//! Only `X-Forwarded-For` is read. Proxies that append to it usually pass a client's own
//! `Forwarded` header along untouched, so believing that one too would let clients choose their
//! address. (actix's `realip_remote_addr` believes either header from anyone: not used.)

use std::borrow::Cow;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use actix_web::http::header::X_FORWARDED_FOR;
use actix_web::HttpRequest;
use ipnet::IpNet;

/// The reverse proxies whose `X-Forwarded-For` is believed: addresses and CIDR ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// A comma-separated list such as `127.0.0.1, 10.0.0.0/8, fd00::/8`; empty trusts no one.
    /// The error names the first entry that is neither an address nor a range.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        list.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .or_else(|_| {
                        entry
                            .parse::<IpAddr>()
                            .map(|ip| IpNet::from(ip.to_canonical()))
                    })
                    .map_err(|_| format!("{entry:?} is not an IP address or CIDR range"))
            })
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// An IPv4 address seen as IPv6 (`::ffff:10.0.0.1`, on a dual-stack socket) is matched as IPv4.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }
}

/// The client's address. A peer that is not a trusted proxy is the client, whatever its headers
/// say. Behind trusted proxies, `X-Forwarded-For` (all its values, in order) is walked from the
/// right, the hop nearest us, past trusted addresses to the first untrusted one; a chain of
/// trusted addresses only gives its leftmost. An entry that is not an address ends the walk at
/// the hop to its right: nobody trusted vouches for what is left of it.
pub fn client_address(peer: IpAddr, trusted: &TrustedProxies, forwarded_for: &[&str]) -> IpAddr {
    let mut client = peer.to_canonical();
    if !trusted.contains(client) {
        return client;
    }
    let hops = forwarded_for
        .iter()
        .rev()
        .flat_map(|value| value.rsplit(','))
        .map(str::trim)
        .filter(|hop| !hop.is_empty());
    for hop in hops {
        let Some(ip) = hop_address(hop) else {
            break;
        };
        client = ip;
        if !trusted.contains(ip) {
            break;
        }
    }
    client
}

/// One `X-Forwarded-For` entry: an address, with or without a port (`192.0.2.1:443`,
/// `[2001:db8::1]:443`, `[2001:db8::1]`); anything else (`unknown`, a host name) is `None`.
fn hop_address(hop: &str) -> Option<IpAddr> {
    let ip = hop
        .parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| {
            let inner = hop.strip_prefix('[')?.strip_suffix(']')?;
            inner.parse::<Ipv6Addr>().ok().map(IpAddr::V6)
        })?;
    Some(ip.to_canonical())
}

/// The client address of a request, as events record it and sign-in throttling counts it.
pub fn client_ip(req: &HttpRequest, trusted: &TrustedProxies) -> Option<String> {
    let peer = req.peer_addr()?.ip();
    // A value that is not text keeps its place as an entry that ends the walk.
    let values: Vec<Cow<str>> = req
        .headers()
        .get_all(X_FORWARDED_FOR)
        .map(|v| String::from_utf8_lossy(v.as_bytes()))
        .collect();
    let values: Vec<&str> = values.iter().map(|v| v.as_ref()).collect();
    Some(client_address(peer, trusted, &values).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn trusting(list: &str) -> TrustedProxies {
        TrustedProxies::parse(list).unwrap()
    }

    /// The client address behind peer `peer` forwarding `chain`, as text.
    fn client(proxies: &TrustedProxies, peer: &str, chain: &[&str]) -> String {
        client_address(ip(peer), proxies, chain).to_string()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let proxies = trusting("10.0.0.1");
        let peer = ip("203.0.113.9");
        assert_eq!(client_address(peer, &proxies, &["198.51.100.1"]), peer);
        assert_eq!(client_address(peer, &proxies, &[]), peer);
        // Trusting no one is the default: headers never count.
        let none = trusting("");
        assert!(none.is_empty());
        assert_eq!(client(&none, "10.0.0.1", &["198.51.100.1"]), "10.0.0.1");
    }

    #[test]
    fn behind_trusted_proxies_the_first_untrusted_hop_from_the_right_is_the_client() {
        let proxies = trusting("10.0.0.1, 10.0.0.2");
        // The client put a made-up address first; the proxies appended what they saw.
        let chain = ["198.51.100.66, 203.0.113.7, 10.0.0.2"];
        assert_eq!(client(&proxies, "10.0.0.1", &chain), "203.0.113.7");
        // Several header lines are one list, in order.
        let lines = ["198.51.100.66", "203.0.113.7", "10.0.0.2"];
        assert_eq!(client(&proxies, "10.0.0.1", &lines), "203.0.113.7");
        // A trusted peer that forwards nothing is itself the client.
        assert_eq!(client(&proxies, "10.0.0.1", &[]), "10.0.0.1");
    }

    #[test]
    fn ranges_are_trusted_whole() {
        let proxies = trusting("10.0.0.0/8, 192.168.1.0/24");
        let chain = ["203.0.113.7, 10.20.30.40, 192.168.1.77"];
        assert_eq!(client(&proxies, "10.255.0.1", &chain), "203.0.113.7");
        // Just outside the /24: not a proxy, so it is the client.
        let chain = ["203.0.113.7, 192.168.2.1"];
        assert_eq!(client(&proxies, "10.0.0.1", &chain), "192.168.2.1");
    }

    #[test]
    fn ipv6_addresses_ranges_and_ports() {
        let proxies = trusting("fd00::/8, ::1");
        let chain = ["2001:db8::7, fd00::2"];
        assert_eq!(client(&proxies, "::1", &chain), "2001:db8::7");
        assert_eq!(
            client(&proxies, "fd12::1", &["[2001:db8::7]:4711"]),
            "2001:db8::7"
        );
        assert_eq!(
            client(&proxies, "fd12::1", &["[2001:db8::7]"]),
            "2001:db8::7"
        );
        assert_eq!(
            client(&proxies, "fd12::1", &["203.0.113.7:4711"]),
            "203.0.113.7"
        );
        // An IPv4 peer on a dual-stack socket is matched, and given, as IPv4.
        let v4 = trusting("127.0.0.1");
        assert_eq!(
            client(&v4, "::ffff:127.0.0.1", &["::ffff:203.0.113.7"]),
            "203.0.113.7"
        );
        assert_eq!(client(&v4, "::ffff:192.0.2.1", &[]), "192.0.2.1");
    }

    #[test]
    fn a_malformed_entry_ends_the_walk_at_the_hop_to_its_right() {
        let proxies = trusting("10.0.0.0/8");
        // The nearest proxy could not name its peer: what lies beyond is unvouched for.
        let chain = ["198.51.100.66, unknown, 10.0.0.2"];
        assert_eq!(client(&proxies, "10.0.0.1", &chain), "10.0.0.2");
        assert_eq!(
            client(&proxies, "10.0.0.1", &["not an address"]),
            "10.0.0.1"
        );
        assert_eq!(
            client(&proxies, "10.0.0.1", &["fe80::1%eth0, 300.1.2.3"]),
            "10.0.0.1"
        );
        // Left of the client it does not matter; empty entries are no entries.
        let chain = ["garbage, 203.0.113.7, , 10.0.0.2,"];
        assert_eq!(client(&proxies, "10.0.0.1", &chain), "203.0.113.7");
    }

    #[test]
    fn a_chain_of_trusted_hops_gives_the_leftmost() {
        let proxies = trusting("10.0.0.0/8");
        let chain = ["10.0.0.9, 10.0.0.8, 10.0.0.7"];
        assert_eq!(client(&proxies, "10.0.0.1", &chain), "10.0.0.9");
    }

    #[test]
    fn the_setting_parses_addresses_and_ranges_and_names_a_bad_entry() {
        let proxies = trusting(" 127.0.0.1 ,10.0.0.0/8,, fd00::/8, ::1 ");
        for yes in ["127.0.0.1", "10.1.2.3", "fd00::5", "::1", "::ffff:10.9.9.9"] {
            assert!(proxies.contains(ip(yes)), "{yes}");
        }
        for no in ["127.0.0.2", "11.0.0.1", "fe00::1", "::2"] {
            assert!(!proxies.contains(ip(no)), "{no}");
        }
        let err = TrustedProxies::parse("10.0.0.1, 10.0.0.0/33").unwrap_err();
        assert!(err.contains("\"10.0.0.0/33\""), "{err}");
        let err = TrustedProxies::parse("proxy.internal").unwrap_err();
        assert!(err.contains("\"proxy.internal\""), "{err}");
    }
}
