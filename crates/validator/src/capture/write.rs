//! Exchanges out: a capture written as HAR 1.2 or JSON Lines, from the same model the readers
//! produce, so that what is written reads back as the same exchanges. The proxy's recording
//! and `confirmspec generate` both write through [`CaptureWriter`].

use std::io::{self, Write};

use super::{CaptureFormat, har, jsonl};
use crate::exchange::Exchange;

/// A capture being written, an exchange at a time. HAR is one JSON document: its head is
/// written by [`CaptureWriter::new`] and its end by [`CaptureWriter::finish`], without which
/// it does not read back.
pub struct CaptureWriter<W: Write> {
    out: W,
    format: CaptureFormat,
    entries: u64,
    /// A HAR entry serialized whole before it is written: serde_json writes a piece at a time.
    buffer: Vec<u8>,
}

impl<W: Write> CaptureWriter<W> {
    /// A capture in `format` to `out`; a HAR capture names `creator` (`confirmspec proxy`) as
    /// the program that wrote it.
    pub fn new(mut out: W, format: CaptureFormat, creator: &str) -> io::Result<Self> {
        if format == CaptureFormat::Har {
            let head = serde_json::json!({"name": creator, "version": env!("CARGO_PKG_VERSION")});
            writeln!(
                out,
                "{{\"log\": {{\"version\": \"1.2\", \"creator\": {head}, \"entries\": ["
            )?;
        }
        Ok(CaptureWriter {
            out,
            format,
            entries: 0,
            buffer: Vec::with_capacity(4096),
        })
    }

    /// Writes one exchange, started at `started` (RFC 3339; HAR only), with `comment` (HAR
    /// only: what went wrong on the way). Returns the bytes written.
    pub fn write(
        &mut self,
        exchange: &Exchange,
        started: &str,
        comment: Option<&str>,
    ) -> io::Result<usize> {
        self.buffer.clear();
        match self.format {
            CaptureFormat::JsonLines => jsonl::write_record(&mut self.buffer, exchange)?,
            CaptureFormat::Har => {
                if self.entries > 0 {
                    self.buffer.extend_from_slice(b",\n");
                }
                har::write_entry(&mut self.buffer, exchange, started, comment)?;
            }
        }
        self.entries += 1;
        self.out.write_all(&self.buffer)?;
        Ok(self.buffer.len())
    }

    /// Flushes what is written so far (the HAR document stays open).
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Ends the capture (closes a HAR document), flushes, and hands the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        if self.format == CaptureFormat::Har {
            self.out.write_all(b"\n]}}\n")?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::read;
    use crate::exchange::{Request, Response, Unrecorded};

    fn exchanges() -> Vec<Exchange> {
        let request = |body: Option<&[u8]>| Request {
            method: "POST".into(),
            url: "https://api.example/v3/orders?x=1".into(),
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.map(<[u8]>::to_vec),
            unrecorded: None,
        };
        vec![
            Exchange {
                request: request(Some(br#"{"code": "1234", "n": [1, 2]}"#)),
                response: Some(Response {
                    status: 200,
                    headers: vec![("Content-Type".into(), "application/json".into())],
                    body: Some("{\"ok\":true,\"text\":\"\u{43f}\"}".as_bytes().to_vec()),
                    unrecorded: None,
                }),
            },
            Exchange {
                request: request(Some(b"not json\n")),
                response: Some(Response {
                    status: 502,
                    headers: vec![("Content-Type".into(), "application/octet-stream".into())],
                    body: Some(vec![0, 159, 146, 150]),
                    unrecorded: None,
                }),
            },
            Exchange {
                request: request(None),
                response: None,
            },
        ]
    }

    #[test]
    fn what_is_written_reads_back_as_the_same_exchanges_in_both_formats() {
        for format in [CaptureFormat::JsonLines, CaptureFormat::Har] {
            let mut writer = CaptureWriter::new(Vec::new(), format, "test").unwrap();
            for exchange in exchanges() {
                writer
                    .write(&exchange, "2026-11-26T10:00:00.000Z", Some("a note"))
                    .unwrap();
            }
            let bytes = writer.finish().unwrap();
            let name = match format {
                CaptureFormat::JsonLines => "out.jsonl",
                CaptureFormat::Har => "out.har",
            };
            let mut read_back = Vec::new();
            read(name, &bytes, |_, exchange| {
                read_back.push(exchange.unwrap())
            });
            assert_eq!(read_back, exchanges(), "{format:?}");
        }
    }

    #[test]
    fn a_body_kept_short_keeps_its_whole_size_in_har() {
        let mut exchange = exchanges().remove(0);
        let response = exchange.response.as_mut().unwrap();
        response.body = Some(b"{\"ok\"".to_vec());
        let cut = Some(Unrecorded::Truncated {
            recorded: 5,
            size: 900,
        });
        response.unrecorded = cut;
        let mut writer = CaptureWriter::new(Vec::new(), CaptureFormat::Har, "test").unwrap();
        writer
            .write(&exchange, "2026-11-26T10:00:00.000Z", None)
            .unwrap();
        let bytes = writer.finish().unwrap();
        let mut read_back = Vec::new();
        read("out.har", &bytes, |_, exchange| {
            read_back.push(exchange.unwrap())
        });
        assert_eq!(read_back[0].response.as_ref().unwrap().unrecorded, cut);
    }
}
