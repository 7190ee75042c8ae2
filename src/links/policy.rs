//! What may be fetched: http and https only, never credentials, and no address inside a
//! private network unless the user allows it — checked on the resolved IP of every hop.
//!
//! CI runs citelint on other people's edits; a link must not be a way to make the runner
//! probe its own network (`http://169.254.169.254/`, `http://localhost:8080/admin`).

use std::collections::HashMap;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

/// The key a URL is checked and cached under: no fragment, no credentials.
pub fn check_key(url: &Url) -> Url {
    let mut u = url.clone();
    u.set_fragment(None);
    // Only fails for URLs that cannot have credentials, which then have none.
    let _ = u.set_username("");
    let _ = u.set_password(None);
    u
}

/// Whether the scheme is one the checker fetches.
pub fn is_fetchable(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https")
}

/// Why an address is refused, or `None` when it is public.
pub fn private_kind(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => private_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return private_v4(v4);
            }
            let seg = v6.segments();
            if v6.is_loopback() {
                Some("loopback")
            } else if v6.is_unspecified() {
                Some("unspecified")
            } else if seg[0] & 0xfe00 == 0xfc00 {
                Some("private (unique local)")
            } else if seg[0] & 0xffc0 == 0xfe80 {
                Some("link-local")
            } else if seg[0] & 0xff00 == 0xff00 {
                Some("multicast")
            } else if seg[..6] == [0, 0, 0, 0, 0, 0] || seg[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
                // IPv4-compatible and NAT64 addresses carry an IPv4 address in their tail.
                private_v4(Ipv4Addr::new(
                    (seg[6] >> 8) as u8,
                    seg[6] as u8,
                    (seg[7] >> 8) as u8,
                    seg[7] as u8,
                ))
            } else {
                None
            }
        }
    }
}

fn private_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, ..] = ip.octets();
    if ip.is_loopback() {
        Some("loopback")
    } else if ip.is_private() {
        Some("private")
    } else if ip.is_link_local() {
        Some("link-local")
    } else if a == 0 {
        Some("unspecified")
    } else if a == 100 && (64..128).contains(&b) {
        Some("private (shared address space)")
    } else if ip.is_multicast() || ip.is_broadcast() || a >= 240 {
        Some("reserved")
    } else {
        None
    }
}

/// A URL whose host is an IP literal in a refused range: the resolver never sees those.
pub fn refused_literal(url: &Url) -> Option<Refusal> {
    let ip = match url.host()? {
        Host::Ipv4(v4) => IpAddr::V4(v4),
        Host::Ipv6(v6) => IpAddr::V6(v6),
        Host::Domain(_) => return None,
    };
    private_kind(ip).map(|kind| Refusal { host: ip.to_string(), ip, kind })
}

/// A host refused by the address policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub host: String,
    pub ip: IpAddr,
    pub kind: &'static str,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host == self.ip.to_string() {
            write!(f, "{} is a {} address", self.ip, self.kind)
        } else {
            write!(f, "{} resolves to {}, a {} address", self.host, self.ip, self.kind)
        }
    }
}

/// Why a name did not resolve to a usable address.
#[derive(Debug)]
pub enum ResolveError {
    /// The name does not exist (NXDOMAIN): certain.
    NoSuchHost(String),
    /// The address policy refuses it.
    Refused(Refusal),
    /// Anything else (no DNS server, a temporary failure): worth a retry.
    Transient(String),
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::NoSuchHost(h) => write!(f, "no such host: {h}"),
            ResolveError::Refused(r) => r.fmt(f),
            ResolveError::Transient(m) => write!(f, "name lookup failed: {m}"),
        }
    }
}

impl std::error::Error for ResolveError {}

/// reqwest's resolver: the system's (or a test's override), with the policy applied to
/// every address, so that each redirect hop is checked where it really connects.
pub struct PolicyResolver {
    pub allow_private: bool,
    /// Whether DNS answers at all, asked once, the first time a name is said not to
    /// exist (see [`DNS_CANARY`]).
    pub dns_works: Arc<tokio::sync::OnceCell<bool>>,
    /// Names exempt from the policy, lower case.
    pub allow_hosts: Vec<String>,
    pub overrides: Arc<HashMap<String, Vec<SocketAddr>>>,
}

impl Resolve for PolicyResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        let allow_private =
            self.allow_private || self.allow_hosts.iter().any(|h| h.eq_ignore_ascii_case(name.as_str()));
        let overrides = Arc::clone(&self.overrides);
        let dns_works = Arc::clone(&self.dns_works);
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = match overrides.get(&host.to_ascii_lowercase()) {
                Some(a) => a.clone(),
                None => match tokio::net::lookup_host((host.as_str(), 0)).await {
                    Ok(a) => a.collect(),
                    Err(e) => {
                        let mut error = classify_lookup_error(&host, &e);
                        if matches!(error, ResolveError::NoSuchHost(_))
                            && !*dns_works.get_or_init(canary).await
                        {
                            error = ResolveError::Transient(format!(
                                "name lookup failed, and DNS resolves no name (not even {DNS_CANARY}) on this machine"
                            ));
                        }
                        return Err(Box::new(error) as _);
                    }
                },
            };
            if addrs.is_empty() {
                return Err(Box::new(ResolveError::NoSuchHost(host)) as _);
            }
            // One private address refuses the name: a name that mixes public and private
            // addresses is how DNS rebinding gets in.
            if !allow_private
                && let Some((ip, kind)) = addrs.iter().find_map(|a| private_kind(a.ip()).map(|k| (a.ip(), k)))
            {
                return Err(Box::new(ResolveError::Refused(Refusal { host, ip, kind })) as _);
            }
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

/// A name that always exists (IANA reserves it): if it does not resolve either, a
/// "no such host" says nothing about the link, only that this machine has no working
/// DNS (a sandboxed CI runner), and the link is unverified, not dead.
pub const DNS_CANARY: &str = "example.com";

async fn canary() -> bool {
    tokio::net::lookup_host((DNS_CANARY, 80)).await.is_ok_and(|mut a| a.next().is_some())
}

/// getaddrinfo reports "no such name" in words only; these are glibc's and macOS's.
fn classify_lookup_error(host: &str, e: &std::io::Error) -> ResolveError {
    let msg = e.to_string();
    let certain =
        ["Name or service not known", "No address associated with hostname", "nodename nor servname"];
    if certain.iter().any(|m| msg.contains(m)) {
        ResolveError::NoSuchHost(host.to_owned())
    } else {
        ResolveError::Transient(msg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<&'static str> {
        private_kind(s.parse().unwrap())
    }

    #[test]
    fn private_loopback_link_local_and_unspecified_addresses_are_refused() {
        for ip in [
            "127.0.0.1",
            "127.0.0.50",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
        ] {
            assert!(kind(ip).is_some(), "{ip}");
        }
    }

    #[test]
    fn public_addresses_pass() {
        for ip in
            ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:2800:220:1:248:1893:25c8:1946", "::ffff:8.8.8.8"]
        {
            assert_eq!(kind(ip), None, "{ip}");
        }
    }

    #[test]
    fn ip_literals_in_any_spelling_are_caught() {
        for u in [
            "http://127.1/",
            "http://2130706433/",
            "http://0x7f.0.0.1/",
            "http://[::1]:8080/",
            "http://localhost./",
        ] {
            let url = Url::parse(u).unwrap();
            assert_eq!(refused_literal(&url).is_some(), !u.contains("localhost"), "{u}");
        }
    }

    #[test]
    fn check_key_drops_fragment_and_credentials() {
        let u = Url::parse("https://user:secret@example.org/a?b=1#part").unwrap();
        assert_eq!(check_key(&u).as_str(), "https://example.org/a?b=1");
    }

    #[test]
    fn lookup_errors_are_told_apart_by_their_words() {
        let nx = std::io::Error::other("failed to lookup address information: Name or service not known");
        assert!(matches!(classify_lookup_error("x.invalid", &nx), ResolveError::NoSuchHost(_)));
        let again = std::io::Error::other(
            "failed to lookup address information: Temporary failure in name resolution",
        );
        assert!(matches!(classify_lookup_error("x.org", &again), ResolveError::Transient(_)));
    }
}
