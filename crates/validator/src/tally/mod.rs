//! One owner of what a run's results add up to ([`Tally`]): the counts ([`Summary`]), which
//! operations and documented responses the traffic exercised ([`Coverage`]), the violations
//! grouped by what they are ([`Groups`]), each operation's exchanges and violating ones, and
//! what a [`Baseline`] hid. Every printer reads the run's totals from it, and so do the proxy's
//! outbox and a stream member: one way of counting for all.

mod baseline;
mod counts;
mod groups;

use std::collections::BTreeMap;

pub use baseline::{Baseline, BaselineError};
pub use counts::{Coverage, OperationCoverage, StatusCoverage, Summary};
pub use groups::{Example, Group, Groups, GroupsReport, Seen, UnmatchedGroup};

use crate::run::ExchangeResult;
use crate::validate::{Validator, Verdict};

/// The exchanges of one operation, and how many of them violate its spec.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OperationCounts {
    /// Exchanges that matched the operation.
    pub exchanges: usize,
    /// Of those, the violating ones.
    pub violating: usize,
}

/// What a run's results add up to, counted as they arrive.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// How many exchanges ended how.
    pub summary: Summary,
    /// Which operations and documented responses the exchanges exercised.
    pub coverage: Coverage,
    /// The violations by fingerprint, the unmatched requests by reason.
    pub groups: Groups,
    /// Spec -> operationId -> its counts.
    operations: BTreeMap<String, BTreeMap<String, OperationCounts>>,
    /// Violations (and unmatched requests) a baseline hid.
    pub hidden: usize,
    /// Exchanges in which a baseline hid any.
    pub hidden_in: usize,
}

impl Tally {
    /// A tally of a run against `validator`'s specs: every operation listed, none exercised.
    pub fn new(validator: &Validator) -> Self {
        Tally {
            coverage: Coverage::new(validator),
            ..Tally::default()
        }
    }

    /// Counts one result, from which a baseline hid `hidden` violations (see
    /// [`Baseline::apply`], which runs where the result is made).
    pub fn add(&mut self, result: &ExchangeResult, hidden: usize) {
        self.summary.count(result.verdict);
        self.coverage.count(result);
        self.groups.push(result);
        self.hidden += hidden;
        self.hidden_in += usize::from(hidden > 0);
        if let (Some(spec), Some(operation)) = (&result.spec, &result.operation) {
            // Looked up by `&str`: no copy of the names for every exchange.
            if !self.operations.contains_key(spec.as_str()) {
                self.operations.insert(spec.clone(), BTreeMap::new());
            }
            let of_spec = self
                .operations
                .get_mut(spec.as_str())
                .expect("inserted above");
            if !of_spec.contains_key(operation.as_str()) {
                of_spec.insert(operation.clone(), OperationCounts::default());
            }
            let counts = of_spec.get_mut(operation.as_str()).expect("inserted above");
            counts.exchanges += 1;
            counts.violating += usize::from(result.verdict == Verdict::Violating);
        }
    }

    /// Every operation an exchange matched, spec by spec, with its counts.
    pub fn operations(&self) -> impl Iterator<Item = (&str, &str, OperationCounts)> {
        self.operations.iter().flat_map(|(spec, operations)| {
            operations
                .iter()
                .map(move |(operation, counts)| (spec.as_str(), operation.as_str(), *counts))
        })
    }
}
