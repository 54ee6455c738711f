//! Sign-in throttling: how many failed sign-ins an account or a client address may have before
//! it must wait, and for how long (docs/OPERATIONS.md, "Sign-in throttling").
//!
//! Failures are counted in a window that starts with the first of them. The failure that
//! reaches the allowance blocks the key, and each further one for twice as long as the one
//! before, up to a cap; while
//! blocked, a sign-in is refused without its password being checked, so a flood costs no
//! password hashing. A successful sign-in clears the account's count (not the address's).

/// How long failures are remembered after the first of them.
pub const WINDOW_MS: i64 = 15 * 60_000;
/// The longest block.
pub const MAX_BLOCK_MS: i64 = 15 * 60_000;
/// The first block; each further failure doubles it.
pub const FIRST_BLOCK_MS: i64 = 30_000;

/// What a counter is kept for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// One account (by email), whoever tries it: guessing one person's password.
    Account,
    /// One client address, whichever accounts it tries: one machine trying many accounts.
    Address,
}

impl Key {
    /// The failure in the window that brings the first block. An address is allowed more: an
    /// office's people share one address behind its router.
    pub fn allowance(self) -> i64 {
        match self {
            Key::Account => 5,
            Key::Address => 20,
        }
    }

    pub fn prefix(self) -> &'static str {
        match self {
            Key::Account => "account:",
            Key::Address => "address:",
        }
    }
}

/// A counter as stored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counter {
    pub failures: i64,
    pub first_at: i64,
    pub blocked_until: i64,
}

/// Milliseconds until a sign-in may be tried again, if the counter blocks it now.
pub fn wait(counter: &Counter, now: i64) -> Option<i64> {
    (counter.blocked_until > now).then(|| counter.blocked_until - now)
}

/// Whether failures counted since `first_at` still count at `now` (the store counts anew only
/// once the window has passed since the first failure and since the last block ended, so blocks
/// keep doubling up to the cap).
pub fn in_window(first_at: i64, now: i64) -> bool {
    now - first_at < WINDOW_MS
}

/// The block that `failures` failures in the window earn, from now.
pub fn block_after(key: Key, failures: i64) -> Option<i64> {
    let over = failures - key.allowance();
    (over >= 0).then(|| FIRST_BLOCK_MS.saturating_mul(1 << over.min(20)).min(MAX_BLOCK_MS))
}

/// The key of a client address: an IPv4 address as it is, an IPv6 address by its /64 network
/// (a machine usually has a whole one, and could take a new address for every attempt).
pub fn address_key(ip: std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V4(v4) => v4.to_string(),
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// Whole seconds for `Retry-After`, rounded up.
pub fn retry_after_secs(wait_ms: i64) -> i64 {
    (wait_ms.max(0) + 999) / 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_blocked_after_its_allowance_and_each_failure_doubles_the_wait() {
        let blocks: Vec<Option<i64>> = (1..=11).map(|n| block_after(Key::Account, n)).collect();
        let s = |secs: i64| Some(secs * 1000);
        assert_eq!(blocks, vec![None, None, None, None, s(30), s(60), s(120), s(240), s(480), s(900), s(900)]);
        assert_eq!(block_after(Key::Account, 1_000), s(900), "capped, never overflowing");
    }

    #[test]
    fn an_address_has_a_larger_allowance_than_an_account() {
        assert_eq!(block_after(Key::Address, 19), None);
        assert_eq!(block_after(Key::Address, 20), Some(FIRST_BLOCK_MS));
    }

    #[test]
    fn a_block_lasts_until_its_time_and_is_told_in_whole_seconds() {
        let c = Counter { failures: 5, first_at: 0, blocked_until: 30_000 };
        assert_eq!(wait(&c, 29_001), Some(999));
        assert_eq!(retry_after_secs(999), 1);
        assert_eq!(retry_after_secs(30_000), 30);
        assert_eq!(wait(&c, 30_000), None);
    }

    #[test]
    fn an_ipv6_client_counts_by_its_network() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap_or(std::net::IpAddr::from([0, 0, 0, 0]));
        assert_eq!(address_key(ip("203.0.113.9")), "203.0.113.9");
        assert_eq!(address_key(ip("2001:db8:1:2::1")), address_key(ip("2001:db8:1:2:ffff::9")));
        assert_ne!(address_key(ip("2001:db8:1:2::1")), address_key(ip("2001:db8:1:3::1")));
        assert_eq!(address_key(ip("::ffff:203.0.113.9")), "203.0.113.9");
    }

    #[test]
    fn failures_are_forgotten_when_the_window_has_passed() {
        assert!(in_window(0, WINDOW_MS - 1));
        assert!(!in_window(0, WINDOW_MS));
    }
}
