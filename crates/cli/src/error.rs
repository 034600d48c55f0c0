//! What ends a command with status 2, one kind per variant. `Display` says it in one line,
//! its cause included (as every error of the workspace does); `source()` gives the cause as a
//! typed value.

use std::fmt;
use std::io;
use std::path::PathBuf;

use confirmspec_validator::kafka::StreamError;
use confirmspec_validator::mock::MockError;
use confirmspec_validator::{BaselineError, BuildError, CheckError, LoadError};

/// An error that ends the command (status 2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Arguments that cannot be used, alone or together, or a name that matches nothing
    /// (with the nearest names).
    #[error("{0}")]
    Usage(String),
    /// A file the command reads or writes.
    #[error("{}: cannot {action}: {source}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// What was being done to it.
        action: FileAction,
        /// Why it failed.
        source: io::Error,
    },
    /// The `--config` file is not a configuration.
    #[error("{}: {source}", path.display())]
    Config {
        /// The file.
        path: PathBuf,
        /// Where and why.
        source: yaml_serde::Error,
    },
    /// An option's value that cannot be used (`--upstream`, `--upstream-ca`, `--publish-to`).
    #[error("{option} {value}: {source}")]
    Option {
        /// The option, as typed (`--upstream`).
        option: &'static str,
        /// Its value.
        value: String,
        /// Why it cannot be used.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// An address that cannot be listened on.
    #[error("cannot listen on {address}: {source}")]
    Listen {
        /// The address (with the option that gave it, when not `--listen`).
        address: String,
        /// Why.
        source: io::Error,
    },
    /// What the process needs to run: a runtime, signal handlers, a thread.
    #[error("cannot {what}: {source}")]
    Process {
        /// What it was setting up.
        what: &'static str,
        /// Why it could not.
        source: io::Error,
    },
    /// A spec that cannot be read.
    #[error(transparent)]
    Spec(#[from] LoadError),
    /// Specs that cannot be checked against (a schema that does not compile, two of a name).
    #[error(transparent)]
    Validator(#[from] BuildError),
    /// A schema or operation `check` was asked for that the specs do not have.
    #[error(transparent)]
    Check(#[from] CheckError),
    /// A baseline file that cannot be read.
    #[error(transparent)]
    Baseline(#[from] BaselineError),
    /// Kafka, or writing what was consumed.
    #[error(transparent)]
    Stream(#[from] StreamError),
    /// The sandbox could not start.
    #[error(transparent)]
    Mock(#[from] MockError),
    /// `validate --max-entries` stopped the run before the end of its input.
    #[error(
        "{input}: stopped at entry {index} (--max-entries {read}): the report covers the {read} exchanges before it, the rest was not read"
    )]
    Stopped {
        /// The capture it stopped in.
        input: String,
        /// The entry it stopped at.
        index: usize,
        /// The exchanges read before it.
        read: u64,
    },
    /// Writing the output (a report, a listing) failed.
    #[error(transparent)]
    Output(#[from] io::Error),
}

impl Error {
    /// Whether the output's reader went away (`| head`): not an error for `main`.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }

    /// An error with `path`, doing `action`.
    pub(crate) fn file(
        path: impl Into<PathBuf>,
        action: FileAction,
    ) -> impl FnOnce(io::Error) -> Self {
        let path = path.into();
        move |source| Error::File {
            path,
            action,
            source,
        }
    }

    /// An error setting up `what` for the process.
    pub(crate) fn process(what: &'static str) -> impl FnOnce(io::Error) -> Self {
        move |source| Error::Process { what, source }
    }
}

/// What was being done to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileAction {
    /// Opening it to read.
    Open,
    /// Reading it.
    Read,
    /// Creating it (or a directory).
    Create,
    /// Writing it.
    Write,
}

impl fmt::Display for FileAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileAction::Open => "open",
            FileAction::Read => "read",
            FileAction::Create => "create",
            FileAction::Write => "write",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn an_error_says_its_cause_and_keeps_it_as_its_source() {
        let error = Error::file("captures/a.har", FileAction::Open)(io::Error::new(
            io::ErrorKind::NotFound,
            "No such file or directory",
        ));
        assert_eq!(
            error.to_string(),
            "captures/a.har: cannot open: No such file or directory"
        );
        let source = error.source().expect("the io error is the source");
        assert_eq!(
            source.downcast_ref::<io::Error>().map(io::Error::kind),
            Some(io::ErrorKind::NotFound)
        );
        assert!(!error.is_broken_pipe());
        assert!(Error::Output(io::ErrorKind::BrokenPipe.into()).is_broken_pipe());
        assert!(
            !Error::process("start the runtime")(io::ErrorKind::BrokenPipe.into()).is_broken_pipe()
        );
    }
}
