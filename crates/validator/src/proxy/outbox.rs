//! The report thread: each exchange the listeners finish is handed over as an [`Event`],
//! validated off the response path, and written as a JSON Lines report line (and, with a
//! recording, a redacted HAR entry). Bodies waiting for it are held to `max_backlog`.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use serde::Serialize;

use super::Inner;
use crate::capture::{CaptureFormat, CaptureWriter, ReadError};
use crate::exchange::{Exchange, Unrecorded};
use crate::run::ExchangeResult;
use crate::tally::{Summary, Tally};
use crate::validate::{Findings, Validator};

/// One exchange done, for the report thread.
pub(super) struct Event {
    pub(super) id: u64,
    pub(super) time: SystemTime,
    /// The exchange, or why the request could not be read.
    pub(super) exchange: Result<Exchange, ReadError>,
    /// What went wrong on the way, when something did (an upstream fault, a client gone).
    pub(super) fault: Option<String>,
    /// The request was refused by `enforce`: the report it was refused for, made before its
    /// body could be shed, which the report thread then need not make again.
    pub(super) refused: Option<Findings>,
}

/// The bytes of bodies sent to the report thread and not yet validated: each exchange's
/// [`body_bytes`], counted when it is sent and let go once it is validated.
pub(super) struct Backlog {
    pub(super) bytes: AtomicUsize,
    pub(super) limit: usize,
}

impl Backlog {
    /// Counts `size` more bytes, unless that would go over the limit.
    pub(super) fn reserve(&self, size: usize) -> bool {
        let before = self.bytes.fetch_add(size, Ordering::Relaxed);
        if before.saturating_add(size) > self.limit {
            self.bytes.fetch_sub(size, Ordering::Relaxed);
            return false;
        }
        true
    }

    pub(super) fn release(&self, size: usize) {
        self.bytes.fetch_sub(size, Ordering::Relaxed);
    }
}

/// The bytes of an exchange's bodies, as kept: what it holds of the [`Backlog`].
pub(super) fn body_bytes(exchange: &Exchange) -> usize {
    let response = exchange.response.as_ref().and_then(|r| r.body.as_ref());
    exchange.request.body.as_ref().map_or(0, Vec::len) + response.map_or(0, Vec::len)
}

/// Lets a body go unkept, and says why (nothing, when there is no body).
pub(super) fn shed(body: &mut Option<Vec<u8>>, unrecorded: &mut Option<Unrecorded>) {
    if let Some(body) = body.take() {
        *unrecorded = Some(Unrecorded::Shed {
            size: body.len() as u64,
        });
    }
}

/// Hands one exchange to the report thread.
pub(super) struct Reporter {
    pub(super) inner: Arc<Inner>,
    pub(super) id: u64,
    pub(super) time: SystemTime,
}

impl Reporter {
    pub(super) fn send(
        &self,
        mut exchange: Exchange,
        fault: Option<String>,
        refused: Option<Findings>,
    ) {
        let size = body_bytes(&exchange);
        if size > 0 && !self.inner.backlog.reserve(size) {
            let request = &mut exchange.request;
            shed(&mut request.body, &mut request.unrecorded);
            if let Some(response) = &mut exchange.response {
                shed(&mut response.body, &mut response.unrecorded);
            }
        }
        self.event(Ok(exchange), fault, refused);
    }

    /// Reports a request answered without being read whole (`408`, `413`, `400`, `431`).
    pub(super) fn unreadable(&self, problem: String) {
        let error = ReadError {
            input: "proxy".into(),
            index: Some(self.id as usize),
            offset: None,
            problem,
        };
        self.event(Err(error), None, None);
    }

    pub(super) fn event(
        &self,
        exchange: Result<Exchange, ReadError>,
        fault: Option<String>,
        refused: Option<Findings>,
    ) {
        // The report thread outlives every connection; a send fails only once it stopped.
        let _ = self.inner.events.send(Event {
            id: self.id,
            time: self.time,
            exchange,
            fault,
            refused,
        });
    }
}

/// Each exchange the proxy finishes, redacted as recordings are, handed to a callback on the
/// report thread (`confirmspec proxy --publish-to` puts it on a Kafka topic).
pub type Tap = Box<dyn FnMut(&Exchange) + Send>;

/// A report line: when, which exchange, and its result as `validate --format jsonl` gives it.
#[derive(Serialize)]
pub(super) struct Line<'a> {
    pub(super) time: &'a str,
    pub(super) id: u64,
    #[serde(flatten)]
    pub(super) result: &'a ExchangeResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) fault: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(super) refused: bool,
}

/// RFC 3339 times to the millisecond (`2026-11-23T10:11:12.345Z`), for a report line each: the
/// date and the time of day are written once a second, the milliseconds for each line.
#[derive(Default)]
pub(super) struct Stamps {
    /// The second since the epoch `text` holds.
    pub(super) second: Option<u64>,
    pub(super) text: String,
}

impl Stamps {
    pub(super) fn format(&mut self, time: SystemTime) -> &str {
        let since = time.duration_since(std::time::UNIX_EPOCH).ok();
        match since {
            Some(since) if self.second == Some(since.as_secs()) => {
                let millis = since.subsec_millis();
                // The three digits before the final `Z`.
                self.text.truncate(self.text.len() - 4);
                for digit in [millis / 100, millis / 10 % 10, millis % 10] {
                    self.text.push(char::from(b'0' + digit as u8));
                }
                self.text.push('Z');
            }
            _ => {
                self.text = humantime::format_rfc3339_millis(time).to_string();
                self.second = since.map(|s| s.as_secs());
            }
        }
        &self.text
    }
}

/// The report thread: validates each exchange and writes its line (and its HAR entry).
pub(super) fn write_report(
    validator: &Validator,
    events: mpsc::Receiver<Event>,
    backlog: &Backlog,
    mut out: impl Write,
    record: Option<Box<dyn Write + Send>>,
    mut tap: Option<Tap>,
) -> io::Result<Summary> {
    let mut tally = Tally::new(validator);
    let mut failed = None;
    let mut unflushed = false;
    let mut idle = 0u32;
    let mut text = Vec::with_capacity(1024);
    let mut stamps = Stamps::default();
    let mut record = match record {
        Some(out) => match CaptureWriter::new(out, CaptureFormat::Har, "confirmspec proxy") {
            Ok(writer) => Some(writer),
            Err(e) => {
                failed = Some(e);
                None
            }
        },
        None => None,
    };
    loop {
        // Lines are flushed as soon as no other exchange waits: at once when traffic is
        // light, a buffer at a time under load.
        let event = match events.try_recv() {
            Ok(event) => event,
            Err(mpsc::TryRecvError::Empty) => {
                if unflushed && failed.is_none() {
                    failed = out.flush().err();
                    if let Some(record) = &mut record
                        && failed.is_none()
                    {
                        failed = record.flush().err();
                    }
                    unflushed = false;
                }
                // Polled while traffic flows: a receiver asleep in `recv` makes every send a
                // wake-up call (a futex), which under load costs the proxy more than this.
                // After a tenth of a second without traffic, it waits.
                idle += 1;
                if idle < 100 {
                    std::thread::sleep(Duration::from_millis(1));
                    continue;
                }
                match events.recv() {
                    Ok(event) => event,
                    Err(_) => break,
                }
            }
            Err(mpsc::TryRecvError::Disconnected) => break,
        };
        idle = 0;
        let Event {
            id,
            time,
            exchange,
            fault,
            refused,
        } = event;
        let time = stamps.format(time);
        if let Ok(exchange) = &exchange
            && (tap.is_some() || record.is_some() && failed.is_none())
        {
            let redacted = recorded(validator, exchange);
            if let Some(record) = &mut record
                && failed.is_none()
            {
                failed = record.write(&redacted, time, fault.as_deref()).err();
            }
            if let Some(tap) = &mut tap {
                tap(&redacted);
            }
        }
        let held = exchange.as_ref().map_or(0, body_bytes);
        let is_refused = refused.is_some();
        let result = match (exchange, refused) {
            (Ok(exchange), Some(report)) => {
                ExchangeResult::checked(validator, "proxy", id as usize, &exchange, report)
            }
            (read, _) => ExchangeResult::new(validator, "proxy", id as usize, read),
        };
        backlog.release(held);
        tally.add(&result, 0);
        let line = Line {
            time,
            id,
            result: &result,
            fault: fault.as_deref(),
            refused: is_refused,
        };
        if failed.is_none() {
            // Serialized whole, then written at once: serde_json writes a piece at a time,
            // which through the file's buffer costs more than the line itself.
            text.clear();
            let written = serde_json::to_writer(&mut text, &line)
                .map_err(io::Error::from)
                .and_then(|()| {
                    text.push(b'\n');
                    out.write_all(&text)
                });
            failed = written.err();
            unflushed = true;
        }
    }
    if failed.is_none() {
        failed = out.flush().err();
    }
    if let Some(record) = record
        && failed.is_none()
    {
        failed = record.finish().err();
    }
    match failed {
        Some(e) => Err(e),
        None => Ok(tally.summary),
    }
}

/// An exchange as it is recorded: redacted ([`Validator::redacted`]), its URL made absolute
/// with the request's `Host` (the proxy sees origin-form targets).
fn recorded(validator: &Validator, exchange: &Exchange) -> Exchange {
    let mut exchange = validator.redacted(exchange);
    let request = &mut exchange.request;
    let host = request
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("host"))
        .map_or("localhost", |(_, v)| v.as_str());
    request.url = format!("http://{host}{}", request.url);
    exchange
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_times_written_a_second_at_a_time_read_as_each_one_alone() {
        let mut stamps = Stamps::default();
        let start = std::time::UNIX_EPOCH + Duration::from_millis(1_795_000_000_998);
        // Within a second, across one, back to an earlier one, and every millisecond digit.
        for offset in [0, 1, 2, 9, 10, 99, 100, 1001, 1999, 2000, 1500, 0] {
            let time = start + Duration::from_millis(offset);
            assert_eq!(
                stamps.format(time),
                humantime::format_rfc3339_millis(time).to_string(),
                "{offset} ms after the start"
            );
        }
    }
}
