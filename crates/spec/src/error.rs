//! Why a spec could not be loaded.

use std::fmt;
use std::path::PathBuf;

/// Why a spec could not be loaded: the file, the line where known, the kind of problem and
/// the problem in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file at fault.
    pub file: PathBuf,
    /// What kind of problem it is.
    pub kind: LoadErrorKind,
    /// 1-based line and column, where the problem has one.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub problem: String,
}

/// The kinds of [`LoadError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LoadErrorKind {
    /// The file cannot be read, or is not UTF-8.
    Read,
    /// The spec and its files are larger than the limit.
    TooLarge,
    /// Not valid YAML or JSON, or nested too deep to read.
    Syntax,
    /// Not an OpenAPI document, or of a version confirmspec does not read.
    Version,
    /// A `$ref` that cannot be followed.
    Reference,
    /// A part the translation to the one form cannot read (an unknown schema dialect, a
    /// path item that is not a mapping).
    Structure,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => {
                write!(
                    f,
                    "{}:{line}:{column}: {}",
                    self.file.display(),
                    self.problem
                )
            }
            None => write!(f, "{}: {}", self.file.display(), self.problem),
        }
    }
}

impl std::error::Error for LoadError {}
