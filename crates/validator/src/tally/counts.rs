//! What a run's verdicts add up to: how many exchanges ended how ([`Summary`]), and which
//! operations and documented responses the traffic exercised ([`Coverage`]).

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::run::ExchangeResult;
use crate::validate::{Validator, Verdict};

/// How many exchanges ended how.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Summary {
    /// All exchanges read, readable or not.
    pub exchanges: usize,
    /// Conforming.
    pub conforming: usize,
    /// Violating.
    pub violating: usize,
    /// Matching no operation.
    pub unmatched: usize,
    /// Unreadable.
    pub unreadable: usize,
}

impl Summary {
    /// Counts one outcome.
    pub fn count(&mut self, verdict: Verdict) {
        self.exchanges += 1;
        match verdict {
            Verdict::Conforming => self.conforming += 1,
            Verdict::Violating => self.violating += 1,
            Verdict::Unmatched => self.unmatched += 1,
            Verdict::Unreadable => self.unreadable += 1,
        }
    }

    /// Whether every exchange read conforms (none violating, unmatched or unreadable).
    pub fn all_conform(&self) -> bool {
        self.conforming == self.exchanges
    }
}

/// Which operations, and which of their documented responses, a run's exchanges exercised.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct Coverage {
    /// Every operation of every spec, spec by spec, exercised or not.
    pub operations: Vec<OperationCoverage>,
    /// Spec name -> operationId -> position in `operations`.
    #[serde(skip)]
    #[schemars(skip)]
    index: HashMap<String, HashMap<String, usize>>,
}

/// How often one operation, and each of its documented responses, was seen.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OperationCoverage {
    /// The spec's name.
    pub spec: String,
    /// The operationId.
    pub operation: String,
    /// The method, upper-case.
    pub method: String,
    /// The path template.
    pub path: String,
    /// Exchanges that matched the operation.
    pub exchanges: usize,
    /// Each documented response (`200`, `4XX`, `default`) and the exchanges whose status fell
    /// under it.
    pub statuses: Vec<StatusCoverage>,
    /// Statuses that no documented response covers, and the exchanges that had them.
    pub undocumented: Vec<StatusCoverage>,
}

/// How often one documented response was seen.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatusCoverage {
    /// The documented status key.
    pub status: String,
    /// Exchanges whose response fell under it.
    pub exchanges: usize,
}

impl Coverage {
    /// Every operation of `validator`'s specs, none exercised yet.
    pub fn new(validator: &Validator) -> Self {
        let operations = validator
            .operations()
            .map(|op| OperationCoverage {
                spec: op.spec.to_owned(),
                operation: op.id.to_owned(),
                method: op.method.to_owned(),
                path: op.path.to_owned(),
                exchanges: 0,
                statuses: op
                    .statuses
                    .iter()
                    .map(|status| StatusCoverage {
                        status: status.clone(),
                        exchanges: 0,
                    })
                    .collect(),
                undocumented: Vec::new(),
            })
            .collect::<Vec<_>>();
        let mut index: HashMap<String, HashMap<String, usize>> = HashMap::new();
        for (at, o) in operations.iter().enumerate() {
            index
                .entry(o.spec.clone())
                .or_default()
                .insert(o.operation.clone(), at);
        }
        Coverage { operations, index }
    }

    /// Counts the operation and documented response one exchange exercised.
    pub fn count(&mut self, result: &ExchangeResult) {
        let (Some(spec), Some(operation)) = (&result.spec, &result.operation) else {
            return;
        };
        let Some(&at) = self
            .index
            .get(spec.as_str())
            .and_then(|ops| ops.get(operation.as_str()))
        else {
            return;
        };
        let covered = &mut self.operations[at];
        covered.exchanges += 1;
        if let Some(documented) = &result.documented_status
            && let Some(status) = covered
                .statuses
                .iter_mut()
                .find(|s| s.status == *documented)
        {
            status.exchanges += 1;
        } else if let (None, Some(status)) = (&result.documented_status, result.status) {
            match covered
                .undocumented
                .iter_mut()
                .find(|s| s.status.parse::<u16>() == Ok(status))
            {
                Some(seen) => seen.exchanges += 1,
                None => covered.undocumented.push(StatusCoverage {
                    status: status.to_string(),
                    exchanges: 1,
                }),
            }
        }
    }

    /// The operations no exchange matched.
    pub fn unexercised(&self) -> impl Iterator<Item = &OperationCoverage> {
        self.operations.iter().filter(|o| o.exchanges == 0)
    }
}
