//! Client-side rate limits: a client keeps to the vendor's documented limit, so a burst of
//! calls waits for its turn instead of collecting "too many requests" answers.
//!
//! The limit is kept as a sliding log of the times calls were (or are due to be) sent: a call
//! goes when fewer than `requests` went in the last `per`, or waits until one of them leaves
//! the window. No window of `per` ever holds more than `requests` calls (a token bucket would
//! let nearly twice as many through one window). The log holds at most `requests` times and
//! the calls waiting.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A rate limit: at most `requests` calls in any `per`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Calls allowed in any window (at least 1).
    pub requests: u32,
    /// The window's length.
    pub per: Duration,
}

/// One client's limit, shared by its clones.
#[derive(Debug, Clone)]
pub(crate) struct Limiter {
    limit: RateLimit,
    /// When the calls of the last window went, or are due to go; in order.
    sent: Arc<Mutex<VecDeque<Instant>>>,
}

impl Limiter {
    pub(crate) fn new(limit: RateLimit) -> Self {
        Limiter {
            limit: RateLimit {
                requests: limit.requests.max(1),
                per: limit.per,
            },
            sent: Arc::default(),
        }
    }

    /// Reserves the next turn and returns how long to wait for it, or, when that is longer
    /// than `at_most`, reserves nothing and returns the wait it would have been.
    pub(crate) fn reserve(&self, now: Instant, at_most: Duration) -> Result<Duration, Duration> {
        let mut sent = self
            .sent
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        while sent.front().is_some_and(|&at| at + self.limit.per <= now) {
            sent.pop_front();
        }
        let n = self.limit.requests as usize;
        let turn = match sent.len().checked_sub(n) {
            // Fewer than `requests` in the window: now.
            None => now,
            // Otherwise when the call `requests` places back leaves the window.
            Some(back) => (sent[back] + self.limit.per).max(now),
        };
        let wait = turn - now;
        if wait > at_most {
            return Err(wait);
        }
        sent.push_back(turn);
        Ok(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_window_holds_more_than_the_limit_and_turns_are_as_early_as_it_allows() {
        let limiter = Limiter::new(RateLimit {
            requests: 3,
            per: Duration::from_secs(10),
        });
        let start = Instant::now();
        let forever = Duration::MAX;
        let waits: Vec<Duration> = (0..7)
            .map(|_| limiter.reserve(start, forever).unwrap())
            .collect();
        let s = Duration::from_secs;
        assert_eq!(waits, [s(0), s(0), s(0), s(10), s(10), s(10), s(20)]);
        // Later, the window has moved on: the next turn is at once.
        assert_eq!(limiter.reserve(start + s(40), forever), Ok(s(0)));
    }

    #[test]
    fn a_turn_past_the_bound_is_refused_and_not_taken() {
        let limiter = Limiter::new(RateLimit {
            requests: 1,
            per: Duration::from_secs(30),
        });
        let start = Instant::now();
        assert_eq!(
            limiter.reserve(start, Duration::from_secs(1)),
            Ok(Duration::ZERO)
        );
        assert_eq!(
            limiter.reserve(start, Duration::from_secs(1)),
            Err(Duration::from_secs(30))
        );
        // The refused call took no turn: the next one waits no longer.
        assert_eq!(
            limiter.reserve(start, Duration::from_secs(60)),
            Ok(Duration::from_secs(30))
        );
    }
}
