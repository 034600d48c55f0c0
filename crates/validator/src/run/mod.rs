//! A run: every exchange of the captures validated in parallel, the results handed on in
//! input order (a `Tally` counts them); and the same for standalone payloads. Printers
//! (`report`) take these results; they read nothing.

use std::ops::ControlFlow;

use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;

mod result;

pub use result::ExchangeResult;

use crate::capture::{Batch, Capture};
use crate::validate::{Validator, Verdict, Violation};
use confirmspec_spec::Spec;

/// Validates every entry of `captures` and hands each result to `sink`, in input order.
///
/// The captures are read on a thread of their own, a few batches ahead; the entries of each
/// batch are read and validated on every core (rayon's pool), and `sink` runs on the calling
/// thread. Memory holds a few batches, whatever the size of the captures. `sink` may stop
/// the run early with `ControlFlow::Break` (when its output is closed, say).
pub fn validate_captures<'a, I>(
    validator: &Validator,
    captures: I,
    mut sink: impl FnMut(ExchangeResult) -> ControlFlow<()>,
) where
    I: IntoIterator<Item = Capture<'a>>,
    I::IntoIter: Send,
{
    validate_captures_rendered(validator, captures, |_| (), |result, ()| sink(result));
}

/// [`validate_captures`], with `prepare` run on each result on the core that validated it (a
/// baseline applied, a report's bytes made), what it returns handed to `sink` beside the
/// result: the calling thread, which every result passes, then only counts and writes.
pub fn validate_captures_rendered<'a, I, R: Send>(
    validator: &Validator,
    captures: I,
    prepare: impl Fn(&mut ExchangeResult) -> R + Sync,
    mut sink: impl FnMut(ExchangeResult, R) -> ControlFlow<()>,
) where
    I: IntoIterator<Item = Capture<'a>>,
    I::IntoIter: Send,
{
    let captures = captures.into_iter();
    std::thread::scope(|scope| {
        let (batches, received) = std::sync::mpsc::sync_channel::<Batch>(2);
        // Buffers go back to the reader once their batch is validated.
        let (done, returned) = std::sync::mpsc::channel::<Vec<u8>>();
        scope.spawn(move || {
            for mut capture in captures {
                loop {
                    while let Ok(bytes) = returned.try_recv() {
                        capture.recycle(bytes);
                    }
                    let Some(batch) = capture.next() else {
                        break;
                    };
                    if batches.send(batch).is_err() {
                        return;
                    }
                }
            }
        });
        for batch in received {
            let results: Vec<(ExchangeResult, R)> = (0..batch.len())
                .into_par_iter()
                .map(|i| {
                    let (index, read) = batch.read(i);
                    let mut result = ExchangeResult::new(validator, batch.source(), index, read);
                    let prepared = prepare(&mut result);
                    (result, prepared)
                })
                .collect();
            // The reader may be gone (its last capture read): the buffer is dropped then.
            let _ = done.send(batch.into_bytes());
            for (result, rendered) in results {
                if sink(result, rendered).is_break() {
                    // Dropping the receiver stops the reader at its next batch.
                    return;
                }
            }
        }
    });
}

/// Where the spec files that reports name lie: a relative `spec_file` is relative to
/// `relative_to`, the directory the command ran in; a bundled spec's file (`specs/...`) to
/// `bundled_relative_to`, the source directory it was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SpecPaths {
    /// The directory relative spec paths start from (the working directory).
    pub relative_to: String,
    /// The directory the bundled specs' paths start from.
    pub bundled_relative_to: String,
    /// The bundled specs' files, as reports name them.
    #[serde(skip)]
    #[schemars(skip)]
    bundled_files: Vec<String>,
}

impl Default for SpecPaths {
    fn default() -> Self {
        Self::new(".", &[])
    }
}

impl SpecPaths {
    /// Where the files of `specs` are, for a command that runs in `relative_to`.
    pub fn new(relative_to: impl Into<String>, specs: &[Spec]) -> Self {
        let relative_to = relative_to.into();
        let bundled: Vec<&Spec> = specs
            .iter()
            .filter(|s| s.bundled_source().is_some())
            .collect();
        SpecPaths {
            bundled_relative_to: bundled
                .first()
                .and_then(|s| s.bundled_source())
                .map_or_else(|| relative_to.clone(), str::to_owned),
            relative_to,
            bundled_files: bundled
                .iter()
                .map(|s| s.file.display().to_string())
                .collect(),
        }
    }

    /// Where the files of `validator`'s specs are, for this process's working directory.
    pub fn of(validator: &Validator) -> Self {
        let here = std::env::current_dir()
            .map(|dir| dir.display().to_string())
            .unwrap_or_else(|_| ".".into());
        Self::new(here, validator.specs())
    }

    /// The directory `file` (as a report names it) is relative to; `None` when it is absolute.
    pub fn base_of(&self, file: &str) -> Option<&str> {
        if std::path::Path::new(file).is_absolute() {
            None
        } else if self.is_bundled(file) {
            Some(&self.bundled_relative_to)
        } else {
            Some(&self.relative_to)
        }
    }

    /// Whether `file` (as a report names it) is a bundled spec's (`specs/via.yaml`).
    pub fn is_bundled(&self, file: &str) -> bool {
        self.bundled_files.iter().any(|bundled| bundled == file)
    }

    /// The source directory the bundled specs were built from, when this machine has it (an
    /// installed binary's may not).
    pub fn bundled_source(&self) -> Option<&std::path::Path> {
        let dir = std::path::Path::new(&self.bundled_relative_to);
        (!self.bundled_files.is_empty()
            && self
                .bundled_files
                .iter()
                .all(|file| dir.join(file).is_file()))
        .then_some(dir)
    }
}

/// What happened to one standalone payload.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PayloadResult {
    /// The payload's file.
    pub file: String,
    /// The outcome (`unreadable` when the file could not be read).
    pub verdict: Verdict,
    /// Why it is unreadable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What departs from the schema.
    pub violations: Vec<Violation>,
}

/// Counts of a run over payloads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PayloadSummary {
    /// All payloads.
    pub payloads: usize,
    /// Conforming.
    pub conforming: usize,
    /// Violating.
    pub violating: usize,
    /// Unreadable.
    pub unreadable: usize,
}

/// A whole run over payloads.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct PayloadRun {
    /// The counts.
    pub summary: PayloadSummary,
    /// Every payload, in the order given.
    pub payloads: Vec<PayloadResult>,
    /// Where the spec files the violations name are.
    pub spec_paths: SpecPaths,
}

impl PayloadRun {
    /// Adds one payload's result.
    pub fn push(&mut self, result: PayloadResult) {
        self.summary.payloads += 1;
        match result.verdict {
            Verdict::Conforming => self.summary.conforming += 1,
            Verdict::Unreadable => self.summary.unreadable += 1,
            _ => self.summary.violating += 1,
        }
        self.payloads.push(result);
    }
}
