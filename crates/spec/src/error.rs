//! Why a spec could not be loaded.

use std::path::PathBuf;

/// Why a spec could not be loaded: the file, the line where known, the kind of problem and
/// the problem in words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {problem}", file.display(), at(*position))]
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

/// `:line:column`, or nothing where the problem has no place in the file.
fn at(position: Option<(usize, usize)>) -> String {
    position.map_or_else(String::new, |(line, column)| format!(":{line}:{column}"))
}
