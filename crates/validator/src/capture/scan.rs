//! Finding the entries of a HAR capture in a stream of bytes without parsing them: a HAR file
//! is one JSON document, and only `log.entries` matters. The scanner follows strings and
//! nesting, resumes when more bytes arrive, and hands back each entry's byte range; serde then
//! reads each entry on its own (in parallel, in `Batch::read`).
//!
//! A damaged entry (a byte that cannot be JSON there, a bracket that does not match) is
//! reported, and the scanner looks for the next entry: an object after a comma that reads as
//! a HAR entry. Objects nested in the damaged entry (headers, cookies) are not entries, and
//! text inside a string cannot pass for one (its quotes are escaped), so reading resumes at the
//! next whole entry.

use super::strings;

/// How skimming one JSON object ended.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Skimmed {
    /// It ends before this position.
    Done(usize),
    /// The bytes run out before it ends.
    More,
    /// The byte at this position cannot be JSON there.
    Damaged(usize),
}

/// A resumable skim over one JSON object: strings and nesting only.
#[derive(Debug)]
pub(super) struct Skim {
    /// Where the object starts (its `{`).
    pub(super) start: usize,
    pos: usize,
    stack: Vec<u8>,
    in_string: bool,
    escape: bool,
}

/// Bytes that may stand outside strings in JSON: structure, whitespace, numbers and the
/// letters of `true`, `false` and `null`.
fn may_stand_outside_strings(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\n' | b'\r' | b'\t' | b',' | b':' | b'0'
            ..=b'9'
                | b'-'
                | b'+'
                | b'.'
                | b'E'
                | b't'
                | b'r'
                | b'u'
                | b'e'
                | b'f'
                | b'a'
                | b'l'
                | b's'
                | b'n'
    )
}

impl Skim {
    pub(super) fn new(start: usize) -> Self {
        Skim {
            start,
            pos: start,
            stack: Vec::new(),
            in_string: false,
            escape: false,
        }
    }

    pub(super) fn shift(&mut self, by: usize) {
        self.start -= by;
        self.pos -= by;
    }

    /// Goes on through `bytes` from where it stopped.
    pub(super) fn run(&mut self, bytes: &[u8]) -> Skimmed {
        let mut i = self.pos;
        if self.escape && i < bytes.len() {
            self.escape = false;
            i += 1;
        }
        while i < bytes.len() {
            if self.in_string {
                match strings::next_stop(&bytes[i..]) {
                    None => i = bytes.len(),
                    Some(k) if bytes[i + k] == b'\\' => {
                        if i + k + 1 < bytes.len() {
                            i += k + 2;
                        } else {
                            self.escape = true;
                            i = bytes.len();
                        }
                    }
                    Some(k) => {
                        self.in_string = false;
                        i += k + 1;
                    }
                }
                continue;
            }
            let b = bytes[i];
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.stack.push(b),
                b'}' | b']' => {
                    let open = if b == b'}' { b'{' } else { b'[' };
                    if self.stack.pop() != Some(open) {
                        return Skimmed::Damaged(i);
                    }
                    if self.stack.is_empty() {
                        self.pos = i + 1;
                        return Skimmed::Done(i + 1);
                    }
                }
                _ if may_stand_outside_strings(b) => {}
                _ => return Skimmed::Damaged(i),
            }
            i += 1;
        }
        self.pos = i;
        Skimmed::More
    }
}

/// What the scanner found.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Found {
    /// An entry's JSON text, `start..end`.
    Entry { start: usize, end: usize },
    /// An entry that cannot be read: the damage is at `at`.
    Damaged { at: usize, problem: String },
    /// Nothing more can be read from the capture.
    Fatal { at: Option<usize>, problem: String },
}

/// What one step of the scanner gives.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Step {
    Found(Found),
    /// The bytes so far are used up.
    More,
    /// The document has ended, or cannot be read further.
    Done,
}

/// Looking for the next entry after a damaged one.
#[derive(Debug)]
struct Resync {
    /// Where to look from.
    from: usize,
    /// An object after a comma, being skimmed to see whether it is an entry.
    candidate: Option<Skim>,
}

/// The scanner over a whole HAR document.
#[derive(Debug, Default)]
pub(super) struct HarScan {
    pos: usize,
    /// The containers open outside entries.
    stack: Vec<u8>,
    in_string: bool,
    escape: bool,
    /// The key being read in the top object or in `log`.
    key: Option<Vec<u8>>,
    expect_key: bool,
    /// The last key read in the top object was `log`; in `log`, `entries`.
    key_is_log: bool,
    key_is_entries: bool,
    log_open: bool,
    entries_open: bool,
    /// `log.entries` was found.
    pub(super) seen_entries: bool,
    started: bool,
    ended: bool,
    done: bool,
    entry: Option<Skim>,
    resync: Option<Resync>,
}

impl HarScan {
    /// The first byte the scanner still needs: everything before it may be dropped.
    pub(super) fn keep_from(&self) -> usize {
        if let Some(entry) = &self.entry {
            return entry.start;
        }
        if let Some(resync) = &self.resync {
            return resync
                .candidate
                .as_ref()
                .map_or(resync.from, |c| c.start.min(resync.from));
        }
        self.pos
    }

    /// Positions move back by `by`: the bytes before were dropped.
    pub(super) fn shift(&mut self, by: usize) {
        // While resynchronising, `pos` is stale (the search has run past it, and the bytes it
        // points at may be gone); it is set again when the next entry is found.
        self.pos = self.pos.saturating_sub(by);
        if let Some(entry) = &mut self.entry {
            entry.shift(by);
        }
        if let Some(resync) = &mut self.resync {
            resync.from -= by;
            if let Some(candidate) = &mut resync.candidate {
                candidate.shift(by);
            }
        }
    }

    fn in_entries(&self) -> bool {
        self.entries_open && self.stack.len() == 3
    }

    /// Scans on through `bytes` (the same buffer as before, perhaps grown) to the next find.
    /// `is_entry` says whether an object found while resynchronising reads as a HAR entry.
    pub(super) fn step(&mut self, bytes: &[u8], is_entry: impl Fn(&[u8]) -> bool) -> Step {
        if self.done {
            return Step::Done;
        }
        if let Some(resync) = &mut self.resync {
            match resync_step(resync, bytes, &is_entry) {
                Some((start, end)) => {
                    self.resync = None;
                    self.pos = end;
                    return Step::Found(Found::Entry { start, end });
                }
                None => return Step::More,
            }
        }
        if let Some(entry) = &mut self.entry {
            match entry.run(bytes) {
                Skimmed::Done(end) => {
                    let start = entry.start;
                    self.entry = None;
                    self.pos = end;
                    return Step::Found(Found::Entry { start, end });
                }
                Skimmed::More => return Step::More,
                Skimmed::Damaged(at) => {
                    let from = entry.start + 1;
                    self.entry = None;
                    self.pos = at;
                    self.resync = Some(Resync {
                        from,
                        candidate: None,
                    });
                    return Step::Found(Found::Damaged {
                        at,
                        problem: damaged(bytes[at]),
                    });
                }
            }
        }
        while self.pos < bytes.len() {
            let i = self.pos;
            if self.in_string {
                if self.escape {
                    self.escape = false;
                    self.pos += 1;
                    continue;
                }
                match strings::next_stop(&bytes[i..]) {
                    None => {
                        if let Some(key) = &mut self.key {
                            key.extend_from_slice(&bytes[i..]);
                        }
                        self.pos = bytes.len();
                    }
                    Some(k) => {
                        if let Some(key) = &mut self.key {
                            key.extend_from_slice(&bytes[i..i + k]);
                        }
                        if bytes[i + k] == b'\\' {
                            self.escape = true;
                        } else {
                            self.in_string = false;
                            if let Some(key) = self.key.take() {
                                match self.stack.len() {
                                    1 => self.key_is_log = key == b"log",
                                    _ => self.key_is_entries = key == b"entries",
                                }
                            }
                        }
                        self.pos = i + k + 1;
                    }
                }
                continue;
            }
            let b = bytes[i];
            if self.ended {
                if !b.is_ascii_whitespace() {
                    self.done = true;
                    return Step::Found(Found::Fatal {
                        at: Some(i),
                        problem: "bytes after the end of the HAR document".into(),
                    });
                }
                self.pos += 1;
                continue;
            }
            if !self.started {
                if b.is_ascii_whitespace() {
                    self.pos += 1;
                    continue;
                }
                // A UTF-8 byte-order mark is allowed before the document.
                if bytes[i..].starts_with(b"\xEF\xBB\xBF") {
                    self.pos += 3;
                    continue;
                }
                self.started = true;
                if b != b'{' {
                    self.done = true;
                    return Step::Found(Found::Fatal {
                        at: Some(i),
                        problem: "not a HAR capture: it is not a JSON object".into(),
                    });
                }
            }
            if self.in_entries() {
                match b {
                    b'{' => {
                        self.entry = Some(Skim::new(i));
                        return self.step(bytes, is_entry);
                    }
                    b']' => {
                        self.stack.pop();
                        self.entries_open = false;
                    }
                    b',' | b' ' | b'\n' | b'\r' | b'\t' => {}
                    _ => {
                        self.resync = Some(Resync {
                            from: i,
                            candidate: None,
                        });
                        self.pos = i + 1;
                        return Step::Found(Found::Damaged {
                            at: i,
                            problem: "an entry that is not an object".into(),
                        });
                    }
                }
                self.pos += 1;
                continue;
            }
            match b {
                b'"' => {
                    self.in_string = true;
                    if self.expect_key && self.stack.len() <= 2 && self.stack.last() == Some(&b'{')
                    {
                        self.key = Some(Vec::new());
                        self.expect_key = false;
                    }
                }
                b'{' | b'[' => {
                    match (self.stack.len(), b) {
                        (1, b'{') if self.key_is_log => self.log_open = true,
                        (2, b'[') if self.log_open && self.key_is_entries => {
                            self.entries_open = true;
                            self.seen_entries = true;
                        }
                        _ => {}
                    }
                    self.stack.push(b);
                    self.expect_key = b == b'{';
                }
                b'}' | b']' => {
                    let open = if b == b'}' { b'{' } else { b'[' };
                    if self.stack.pop() != Some(open) {
                        return self.damaged_outside_entries(i, b);
                    }
                    match self.stack.len() {
                        0 => self.ended = true,
                        1 => {
                            self.log_open = false;
                            self.key_is_log = false;
                        }
                        2 => self.key_is_entries = false,
                        _ => {}
                    }
                }
                b',' => self.expect_key = self.stack.last() == Some(&b'{'),
                _ if may_stand_outside_strings(b) => {}
                _ => return self.damaged_outside_entries(i, b),
            }
            self.pos += 1;
        }
        Step::More
    }

    /// Damage where no entry is: the document's structure is lost, and reading ends.
    fn damaged_outside_entries(&mut self, at: usize, b: u8) -> Step {
        self.done = true;
        Step::Found(Found::Fatal {
            at: Some(at),
            problem: format!(
                "the HAR document is damaged outside its entries: {}",
                damaged(b)
            ),
        })
    }

    /// At the end of the input: what, if anything, is missing (where, and what).
    pub(super) fn finish(&mut self, len: usize) -> Option<(Option<usize>, String)> {
        if self.done {
            return None;
        }
        self.done = true;
        if self.entry.is_some() {
            return Some((Some(len), "the capture is cut short in this entry".into()));
        }
        if self.resync.is_some() {
            // The damaged entry was reported; no whole entry followed it.
            return None;
        }
        if !self.seen_entries {
            return Some((
                None,
                if self.started {
                    "not a HAR capture: no `log.entries` list".into()
                } else {
                    "the capture is empty".into()
                },
            ));
        }
        if !self.ended {
            return Some((
                Some(len),
                "the capture is cut short after its last whole entry".into(),
            ));
        }
        None
    }
}

fn damaged(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("damaged JSON: `{}` cannot stand there", b as char)
    } else {
        format!("damaged JSON: byte 0x{b:02X} cannot stand there")
    }
}

/// Looks for the next entry after a damaged one: an object that follows a comma, skims whole,
/// and reads as an entry. Returns its range, or `None` when the bytes run out first.
fn resync_step(
    resync: &mut Resync,
    bytes: &[u8],
    is_entry: &impl Fn(&[u8]) -> bool,
) -> Option<(usize, usize)> {
    loop {
        if let Some(candidate) = &mut resync.candidate {
            match candidate.run(bytes) {
                Skimmed::More => return None,
                Skimmed::Damaged(_) => {}
                Skimmed::Done(end) => {
                    if is_entry(&bytes[candidate.start..end]) {
                        return Some((candidate.start, end));
                    }
                }
            }
            resync.from = candidate.start + 1;
            resync.candidate = None;
        }
        let Some(comma) = memchr::memchr(b',', &bytes[resync.from..]) else {
            resync.from = bytes.len();
            return None;
        };
        let after = resync.from + comma + 1;
        match bytes[after..].iter().position(|b| !b.is_ascii_whitespace()) {
            // Look again from the comma when more bytes arrive.
            None => {
                resync.from = after - 1;
                return None;
            }
            Some(k) if bytes[after + k] == b'{' => {
                resync.from = after + k;
                resync.candidate = Some(Skim::new(after + k));
            }
            Some(k) => resync.from = after + k,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An object with a `request` stands for a HAR entry here.
    fn is_entry(raw: &[u8]) -> bool {
        serde_json::from_slice::<serde_json::Value>(raw).is_ok_and(|v| v.get("request").is_some())
    }

    fn scan_all(bytes: &[u8]) -> Vec<Found> {
        let mut scan = HarScan::default();
        let mut found = Vec::new();
        while let Step::Found(f) = scan.step(bytes, is_entry) {
            found.push(f);
        }
        found.extend(
            scan.finish(bytes.len())
                .map(|(at, problem)| Found::Fatal { at, problem }),
        );
        found
    }

    fn texts<'a>(bytes: &'a [u8], found: &[Found]) -> Vec<&'a str> {
        found
            .iter()
            .map(|f| match f {
                Found::Entry { start, end } => std::str::from_utf8(&bytes[*start..*end]).unwrap(),
                Found::Damaged { .. } => "damaged",
                Found::Fatal { .. } => "fatal",
            })
            .collect()
    }

    #[test]
    fn entries_are_found_whatever_comes_around_them() {
        let har = br#"{"log": {"version": "1.2", "pages": [{"id": "p", "x": {"entries": [1]}}],
            "entries": [{"request": {"url": "/a\"}"}}, {"request": {"url": "/b"}}],
            "comment": "]}"}, "entries": []}"#;
        let found = scan_all(har);
        assert_eq!(
            texts(har, &found),
            [
                r#"{"request": {"url": "/a\"}"}}"#,
                r#"{"request": {"url": "/b"}}"#
            ]
        );
    }

    #[test]
    fn a_damaged_entry_is_reported_and_the_next_one_read() {
        // The closing quote of the first entry's URL is lost.
        let har = br#"{"log": {"entries": [{"request": {"url": "/a}, "headers": [{"name": "x"}, {"name": "y"}]}}, {"request": {"url": "/b"}}, {"request": {"url": "/c"}}]}}"#;
        let found = scan_all(har);
        assert_eq!(
            texts(har, &found),
            [
                "damaged",
                r#"{"request": {"url": "/b"}}"#,
                r#"{"request": {"url": "/c"}}"#
            ]
        );
    }

    #[test]
    fn resumes_across_any_split_of_the_input() {
        let har = br#"{"log": {"entries": [{"request": {"url": "/a\\"}}, {"request": {"url": "/x}, {"name": "y"}]}}, {"request": {"url": "/c"}}]}}"#;
        let whole = texts(har, &scan_all(har));
        assert_eq!(whole.len(), 3, "{whole:?}");
        for split in 1..har.len() {
            let mut scan = HarScan::default();
            let mut found = Vec::new();
            for end in [split, har.len()] {
                while let Step::Found(f) = scan.step(&har[..end], is_entry) {
                    found.push(f);
                }
            }
            found.extend(
                scan.finish(har.len())
                    .map(|(at, problem)| Found::Fatal { at, problem }),
            );
            assert_eq!(texts(har, &found), whole, "split at {split}");
        }
    }

    #[test]
    fn a_cut_capture_and_a_document_without_entries_are_fatal() {
        let cut = br#"{"log": {"entries": [{"request": {"url": "/a"}}, {"request": "#;
        let found = scan_all(cut);
        assert_eq!(
            texts(cut, &found),
            [r#"{"request": {"url": "/a"}}"#, "fatal"]
        );
        assert!(matches!(&found[1], Found::Fatal { at: Some(at), .. } if *at == cut.len()));

        for text in [
            &br#"{"log": {}}"#[..],
            b"[1, 2]",
            b"",
            b"{\"log\": {\"entries\": [] ! }}",
        ] {
            let found = scan_all(text);
            assert!(
                matches!(found.last(), Some(Found::Fatal { .. })),
                "{}: {found:?}",
                String::from_utf8_lossy(text)
            );
        }
    }
}
