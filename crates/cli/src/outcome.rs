//! What a command found, which `main` turns into the exit status.

use confirmspec_validator::Summary;

/// What a command found: `main` turns it into the exit status (0, 1, 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything read conforms, or the command had nothing to judge.
    Conforming,
    /// Something violates its spec or matches no operation.
    Findings,
    /// An input could not be read, or the arguments could not be used.
    Unreadable,
}

impl Outcome {
    /// A run over captures: unreadable entries first, then findings.
    pub(crate) fn of(summary: &Summary) -> Self {
        if summary.unreadable > 0 {
            Outcome::Unreadable
        } else if summary.all_conform() {
            Outcome::Conforming
        } else {
            Outcome::Findings
        }
    }
}
