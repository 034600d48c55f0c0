//! Retries that cannot repeat a payment.
//!
//! Every call of these APIs is dangerous to repeat: `send-code` sends another SMS, `pay` and
//! `confirm/pay` move money, `verify` and `verifyEac` burn one of a few attempts. So a call is
//! sent again only when it provably did not take effect:
//!
//! - it never reached the vendor: the connection was refused, or could not be made (DNS, TLS;
//!   a pooled connection that closed before any byte of the request was written is resent by
//!   hyper itself, as it was never sent); or
//! - the vendor answered with a status its documentation says means "not processed"
//!   (Invoicebox's 429, Yandex Market's 420: too many requests), after the `Retry-After` it
//!   gives, or a backoff.
//!
//! Never after a timeout, a connection reset once the request was written, or any other
//! answer (a 5xx included): the outcome is unknown, and the error says so
//! ([`Error::maybe_processed`](super::Error::maybe_processed)).

use std::time::Duration;

use reqwest::header::RETRY_AFTER;

/// How a client retries calls that provably did not take effect (see the module's rules).
/// On by default ([`Retry::default`]); [`Retry::off`] sends every call once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    /// Attempts in all, the first included (default 3).
    pub max_attempts: u32,
    /// The ceiling of the first wait (default 100 ms); it doubles with each retry, up to
    /// [`max_delay`](Self::max_delay). The wait is drawn between zero and the ceiling (full
    /// jitter), so clients that failed together do not retry together.
    pub base_delay: Duration,
    /// The largest ceiling of a backoff (default 2 s).
    pub max_delay: Duration,
    /// The most time one call spends waiting between its attempts (default 10 s). A
    /// `Retry-After` that would take it past this ends the retries: the vendor's answer is
    /// returned as it came.
    pub max_total: Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Retry {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(2),
            max_total: Duration::from_secs(10),
        }
    }
}

impl Retry {
    /// No retries: every call is sent once.
    pub const fn off() -> Self {
        Retry {
            max_attempts: 1,
            base_delay: Duration::ZERO,
            max_delay: Duration::ZERO,
            max_total: Duration::ZERO,
        }
    }

    /// The backoff before attempt `next` (2 for the first retry): a random wait up to
    /// `base_delay * 2^(next - 2)`, capped at `max_delay`.
    fn backoff(&self, next: u32) -> Duration {
        let doublings = next.saturating_sub(2).min(30);
        let ceiling = self
            .base_delay
            .saturating_mul(1 << doublings)
            .min(self.max_delay);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }
}

/// What one attempt came to, as far as retrying goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The request never reached the vendor.
    NotSent,
    /// The vendor said the request was not processed; it may say when to come back.
    NotProcessed {
        /// Its `Retry-After`, when it gave one that reads.
        retry_after: Option<Duration>,
    },
    /// Anything else: an answer to keep, or an error whose outcome is unknown.
    Final,
}

impl Outcome {
    /// Sorts one attempt's result; `not_processed` are the statuses the vendor documents as
    /// "not processed".
    pub(crate) fn of(
        result: &reqwest::Result<reqwest::Response>,
        not_processed: &[u16],
    ) -> Outcome {
        match result {
            // A refused or failed connection: nothing was sent. (A timeout while connecting is
            // also `is_connect`, and nothing was sent then either.)
            Err(error) if error.is_connect() => Outcome::NotSent,
            Ok(response) if not_processed.contains(&response.status().as_u16()) => {
                Outcome::NotProcessed {
                    retry_after: retry_after(response.headers()),
                }
            }
            _ => Outcome::Final,
        }
    }
}

/// `Retry-After` as a wait: delay-seconds, or an HTTP date (a date in the past is no wait).
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// The attempts of one call so far, and whether another may follow.
#[derive(Debug, Default)]
pub(crate) struct Attempts {
    /// Attempts made.
    pub(crate) made: u32,
    /// Time spent waiting between them.
    pub(crate) waited: Duration,
}

impl Attempts {
    /// The wait before the next attempt, or `None` when this outcome is final or the policy's
    /// attempts or waiting time are spent.
    pub(crate) fn next_wait(&self, policy: &Retry, outcome: Outcome) -> Option<Duration> {
        if self.made >= policy.max_attempts {
            return None;
        }
        let wait = match outcome {
            Outcome::Final => return None,
            Outcome::NotSent => policy.backoff(self.made + 1),
            Outcome::NotProcessed { retry_after } => {
                retry_after.unwrap_or_else(|| policy.backoff(self.made + 1))
            }
        };
        (self.waited + wait <= policy.max_total).then_some(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_full_jitter_under_a_doubling_ceiling() {
        let policy = Retry {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(350),
            max_total: Duration::from_secs(60),
        };
        for _ in 0..200 {
            assert!(policy.backoff(2) <= Duration::from_millis(100));
            assert!(policy.backoff(3) <= Duration::from_millis(200));
            assert!(policy.backoff(4) <= Duration::from_millis(350), "capped");
            assert!(
                policy.backoff(40) <= Duration::from_millis(350),
                "no overflow"
            );
        }
        let spread: std::collections::BTreeSet<_> = (0..50).map(|_| policy.backoff(3)).collect();
        assert!(spread.len() > 10, "drawn, not fixed: {spread:?}");
    }

    #[test]
    fn attempts_stop_at_the_count_the_time_or_a_final_outcome() {
        let policy = Retry {
            max_attempts: 3,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(10),
            max_total: Duration::from_secs(5),
        };
        let later = |s| Outcome::NotProcessed {
            retry_after: Some(Duration::from_secs(s)),
        };
        let mut attempts = Attempts {
            made: 1,
            waited: Duration::ZERO,
        };
        assert_eq!(
            attempts.next_wait(&policy, later(2)),
            Some(Duration::from_secs(2))
        );
        assert_eq!(attempts.next_wait(&policy, Outcome::Final), None);
        attempts.waited = Duration::from_secs(4);
        assert_eq!(
            attempts.next_wait(&policy, later(2)),
            None,
            "past max_total"
        );
        attempts.waited = Duration::ZERO;
        attempts.made = 3;
        assert_eq!(
            attempts.next_wait(&policy, Outcome::NotSent),
            None,
            "attempts spent"
        );
        let after_the_first = Attempts {
            made: 1,
            waited: Duration::ZERO,
        };
        assert_eq!(
            after_the_first.next_wait(&Retry::off(), Outcome::NotSent),
            None,
            "off sends once"
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(RETRY_AFTER, "3".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(3)));
        headers.insert(
            RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&headers), Some(Duration::ZERO), "in the past");
        headers.insert(RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&headers), None);
    }
}
