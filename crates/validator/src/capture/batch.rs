//! Reading a capture from any `io::Read` in batches of whole entries, so that memory holds a
//! few batches whatever the capture's size, and each batch's entries can be read and
//! validated in parallel.

use std::io::{self, Read};
use std::ops::Range;
use std::sync::Arc;

use super::record::{LineEntry, RecordFormat, line_entries, read_record};
use super::scan::{Found, HarScan, Step};
use super::{CaptureFormat, ReadError, detect, har, jsonl};
use crate::exchange::Exchange;

/// About how many bytes of entries a batch holds (a batch holds at least one entry, however
/// large). Each batch costs a hand-over to rayon's workers, which spin a while when they run
/// out of work: on the 50,000-exchange HAR of `benches/capture.sh`, 1 MiB took 195 ms against
/// 213 ms for 256 KiB and 256 ms for 64 KiB (hyperfine means; 2 and 4 MiB were slower again),
/// for a peak RSS of 30 MB instead of 22.
const BATCH_BYTES: usize = 1 << 20;
/// How many bytes one read asks for.
const READ_BYTES: usize = 64 << 10;
/// How far to read for the first line when guessing the format of a capture whose name does
/// not tell it (stdin); past that, the first key decides.
const SNIFF_BYTES: usize = 1 << 20;

/// A capture being read, a [`Batch`] of entries at a time (it is an iterator of batches).
///
/// Gzip-compressed input is recognised by its first bytes and decompressed as it is read.
/// Nothing is lost: an entry that cannot be read, an input that cannot be read any further,
/// and a gzip stream that breaks off each become an entry of the batch that holds a
/// [`ReadError`].
pub struct Capture<'a> {
    source: Arc<str>,
    input: Option<Box<dyn Read + Send + 'a>>,
    gzip: bool,
    format: Option<CaptureFormat>,
    /// The format of each record of JSON Lines; detected record by record when `None`.
    record_format: Option<RecordFormat>,
    buf: Vec<u8>,
    /// The offset in the (decompressed) capture of `buf[0]`.
    base: usize,
    /// The next entry's index.
    index: usize,
    har: HarScan,
    /// Why the input could not be read to its end.
    failed: Option<String>,
    finished: bool,
    /// Buffers of batches done with, to read into again.
    spare: Vec<Vec<u8>>,
}

/// Entries of a capture, read from it but not yet parsed.
pub struct Batch {
    source: Arc<str>,
    format: CaptureFormat,
    record_format: Option<RecordFormat>,
    bytes: Vec<u8>,
    entries: Vec<Pending>,
}

enum Pending {
    Raw {
        index: usize,
        offset: usize,
        range: Range<usize>,
    },
    /// An entry that cannot be read; its index is the error's (none when the error belongs
    /// to no entry).
    Failed(ReadError),
}

impl<'a> Capture<'a> {
    /// Starts reading a capture named `source` (a path, or `-`) from `input`.
    pub fn open(source: &str, input: impl Read + Send + 'a) -> Self {
        let mut capture = Capture {
            source: source.into(),
            input: None,
            gzip: false,
            format: None,
            record_format: None,
            buf: Vec::new(),
            base: 0,
            index: 0,
            har: HarScan::default(),
            failed: None,
            finished: false,
            spare: Vec::new(),
        };
        let mut input: Box<dyn Read + Send + 'a> = Box::new(input);
        // The gzip magic bytes, read apart and put back in front of the rest.
        let mut magic = Vec::with_capacity(2);
        match (&mut input).take(2).read_to_end(&mut magic) {
            Ok(_) => {
                capture.gzip = magic == [0x1f, 0x8b];
                let input = io::Cursor::new(magic).chain(input);
                capture.input = Some(if capture.gzip {
                    Box::new(flate2::read::MultiGzDecoder::new(io::BufReader::new(input)))
                } else {
                    Box::new(input)
                });
            }
            Err(e) => capture.failed = Some(format!("cannot read: {e}")),
        }
        capture
    }

    /// Reads every line of JSON Lines as a record of `format`, instead of detecting each
    /// line's format (HAR captures are not affected).
    pub fn with_record_format(mut self, format: RecordFormat) -> Self {
        self.record_format = Some(format);
        self
    }

    /// A capture that could not be opened: it gives one unreadable entry that says why.
    pub fn unreadable(source: &str, error: &io::Error) -> Self {
        let mut capture = Capture::open(source, io::empty());
        capture.input = None;
        capture.failed = Some(format!("cannot read: {error}"));
        capture.format = Some(CaptureFormat::JsonLines);
        capture
    }

    /// Takes back the bytes of a batch done with (see [`Batch::into_bytes`]) to read the next
    /// batches into. Optional; it saves the allocator from a large allocation per batch, which
    /// glibc's malloc answers by letting its heap grow for a while.
    pub fn recycle(&mut self, bytes: Vec<u8>) {
        if self.spare.len() < 4 {
            self.spare.push(bytes);
        }
    }

    /// The capture's name.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The capture's format, once its first bytes are read.
    pub fn format(&mut self) -> CaptureFormat {
        if let Some(format) = self.format {
            return format;
        }
        while self.input.is_some() && self.buf.len() < SNIFF_BYTES && !has_first_line(&self.buf) {
            self.fill();
        }
        let format = detect(&self.source, &self.buf);
        self.format = Some(format);
        format
    }

    /// Reads up to `READ_BYTES` more into the buffer; at the end of the input, or on an error,
    /// drops the input.
    fn fill(&mut self) {
        let Some(input) = &mut self.input else {
            return;
        };
        let old = self.buf.len();
        self.buf.resize(old + READ_BYTES, 0);
        loop {
            match input.read(&mut self.buf[old..]) {
                Ok(n) => {
                    self.buf.truncate(old + n);
                    if n == 0 {
                        self.input = None;
                    }
                    return;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.buf.truncate(old);
                    self.input = None;
                    let at = self.base + old;
                    self.failed = Some(if self.gzip {
                        format!("the gzip stream breaks off after {at} bytes of capture: {e}")
                    } else {
                        format!("cannot read past byte {at}: {e}")
                    });
                    return;
                }
            }
        }
    }

    fn error(&self, index: Option<usize>, offset: Option<usize>, problem: String) -> ReadError {
        ReadError {
            input: self.source.to_string(),
            index,
            offset,
            problem,
        }
    }

    /// Hands `buf[..cut]` over as a batch with `entries`, and keeps the rest.
    fn cut(&mut self, cut: usize, entries: Vec<Pending>, format: CaptureFormat) -> Batch {
        let mut rest = self.spare.pop().unwrap_or_default();
        rest.clear();
        rest.extend_from_slice(&self.buf[cut..]);
        let mut bytes = std::mem::replace(&mut self.buf, rest);
        bytes.truncate(cut);
        self.base += cut;
        Batch {
            source: self.source.clone(),
            format,
            record_format: self.record_format,
            bytes,
            entries,
        }
    }

    fn next_jsonl(&mut self) -> (usize, Vec<Pending>) {
        loop {
            if self.input.is_none() || self.buf.len() >= BATCH_BYTES {
                let cut = if self.input.is_none() {
                    self.buf.len()
                } else {
                    match memchr::memrchr(b'\n', &self.buf) {
                        Some(i) => i + 1,
                        // A line longer than a batch: read on to its end.
                        None => {
                            self.fill();
                            continue;
                        }
                    }
                };
                let mut entries = Vec::new();
                for (offset, line) in jsonl::lines(&self.buf[..cut]) {
                    for entry in line_entries(&self.source, &mut self.index, offset, line) {
                        entries.push(match entry {
                            LineEntry::Raw {
                                index,
                                offset,
                                range,
                            } => Pending::Raw {
                                index,
                                offset: self.base + offset,
                                range,
                            },
                            LineEntry::Failed(mut error) => {
                                error.offset = error.offset.map(|at| self.base + at);
                                Pending::Failed(error)
                            }
                        });
                    }
                }
                return (cut, entries);
            }
            self.fill();
        }
    }

    fn next_har(&mut self) -> (usize, Vec<Pending>) {
        let mut entries = Vec::new();
        loop {
            match self.har.step(&self.buf, har::is_entry) {
                Step::Found(found) => {
                    let pending = self.pending(found);
                    entries.push(pending);
                    if self.har.keep_from() >= BATCH_BYTES {
                        break;
                    }
                }
                Step::Done => {
                    // Nothing more will be read.
                    self.input = None;
                    break;
                }
                Step::More if self.input.is_none() => {
                    if let Some((at, problem)) = self.har.finish(self.buf.len()) {
                        let pending = self.pending(Found::Fatal { at, problem });
                        entries.push(pending);
                    }
                    break;
                }
                Step::More => {
                    if !entries.is_empty() && self.buf.len() >= BATCH_BYTES {
                        break;
                    }
                    if entries.is_empty() {
                        // Drop what the scanner is done with (the document's head, or a
                        // damaged stretch) so that it does not pile up.
                        let done = self.har.keep_from();
                        self.buf.drain(..done);
                        self.har.shift(done);
                        self.base += done;
                    }
                    self.fill();
                }
            }
        }
        (self.har.keep_from().min(self.buf.len()), entries)
    }

    /// What the HAR scanner found, as the next entry of the batch.
    fn pending(&mut self, found: Found) -> Pending {
        let index = self.index;
        self.index += 1;
        match found {
            Found::Entry { start, end } => Pending::Raw {
                index,
                offset: self.base + start,
                range: start..end,
            },
            Found::Damaged { at, problem } => {
                Pending::Failed(self.error(Some(index), Some(self.base + at), problem))
            }
            // Before `log.entries` is found, the problem belongs to no entry.
            Found::Fatal { at, problem } => Pending::Failed(self.error(
                self.har.seen_entries.then_some(index),
                at.map(|at| self.base + at),
                problem,
            )),
        }
    }
}

impl Iterator for Capture<'_> {
    type Item = Batch;

    /// The next batch of entries, or `None` once every entry was handed over.
    fn next(&mut self) -> Option<Batch> {
        if self.finished {
            return None;
        }
        let format = self.format();
        let (cut, mut entries) = match format {
            CaptureFormat::JsonLines => self.next_jsonl(),
            CaptureFormat::Har => self.next_har(),
        };
        if self.input.is_none() && (entries.is_empty() || format == CaptureFormat::JsonLines) {
            // The input is used up: what it could not give is one more entry.
            if let Some(problem) = self.failed.take() {
                entries.push(Pending::Failed(self.error(Some(self.index), None, problem)));
                self.index += 1;
            }
            if entries.is_empty() {
                self.finished = true;
                return None;
            }
        }
        let batch = self.cut(cut, entries, format);
        if format == CaptureFormat::Har {
            self.har.shift(cut);
        }
        Some(batch)
    }
}

/// Whether `bytes` hold a whole line with something on it.
fn has_first_line(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .is_some_and(|start| memchr::memchr(b'\n', &bytes[start..]).is_some())
}

impl Batch {
    /// The capture the entries come from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// How many entries the batch holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the batch holds no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The batch's buffer, for [`Capture::recycle`].
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// How many bytes of the capture the batch holds.
    pub fn byte_len(&self) -> usize {
        self.bytes.len()
    }

    /// Reads entry `i` of the batch: its index in the capture, and the exchange or why it
    /// cannot be read.
    pub fn read(&self, i: usize) -> (usize, Result<Exchange, ReadError>) {
        match &self.entries[i] {
            Pending::Raw {
                index,
                offset,
                range,
            } => {
                let raw = &self.bytes[range.clone()];
                let read = match self.format {
                    CaptureFormat::Har => har::entry(&self.source, *index, *offset, raw),
                    CaptureFormat::JsonLines => {
                        read_record(&self.source, *index, *offset, raw, self.record_format)
                            .map(|(exchange, _)| exchange)
                    }
                };
                (*index, read)
            }
            Pending::Failed(error) => (error.index.unwrap_or(0), Err(error.clone())),
        }
    }
}
