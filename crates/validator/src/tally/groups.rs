//! Violations grouped by what they are, not by where they were seen: one [`Group`] per
//! fingerprint (spec, operation, location, pointer with array indexes as `*`, rule), with how
//! many exchanges had it, the first and the last, and one example; unmatched requests grouped
//! by their reason. What a person reads first when 100,000 exchanges share one defect.
//!
//! Memory grows with the number of distinct defects, not with the traffic.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::run::ExchangeResult;
use crate::validate::{
    Location, Rule, Severity, Verdict, Violation, normalised_pointer, pointer_label,
};

/// An exchange of a run, by its input and position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Seen {
    /// The input it came from (a file path, or `-`).
    pub source: String,
    /// Its position in that input, from 0.
    pub index: usize,
}

impl Seen {
    fn of(result: &ExchangeResult) -> Self {
        Seen {
            source: result.source.clone(),
            index: result.index,
        }
    }

    /// Moves to `result`, copying its source only when it changed.
    fn update(&mut self, result: &ExchangeResult) {
        if self.source != result.source {
            self.source.clone_from(&result.source);
        }
        self.index = result.index;
    }
}

impl std::fmt::Display for Seen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{}", self.source, self.index)
    }
}

/// One exchange of a group, shown as it was: its request line and status (credentials in the
/// URL masked) and the violation it had, whose message masks secrets as everywhere.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Example {
    /// Which exchange.
    #[serde(flatten)]
    pub seen: Seen,
    /// The request's method.
    pub method: Option<String>,
    /// The request's URL, credentials in the query shown as `***`.
    pub url: Option<String>,
    /// The response status, when one was recorded.
    pub status: Option<u16>,
    /// The violation, as that exchange had it (its pointer with real array indexes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub violation: Option<Violation>,
    /// Why the exchange is unmatched (for an unmatched group).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Example {
    fn of(result: &ExchangeResult, violation: Option<&Violation>) -> Self {
        Example {
            seen: Seen::of(result),
            method: result.method.clone(),
            url: result.url.clone(),
            status: result.status,
            violation: violation.cloned(),
            reason: if violation.is_none() {
                result.reason.clone()
            } else {
                None
            },
        }
    }
}

/// The violations of a run that share one fingerprint.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Group {
    /// The fingerprint every violation of the group has.
    pub fingerprint: String,
    /// The spec's name.
    pub spec: String,
    /// The operationId.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// Where in the exchange.
    pub location: Location,
    /// The body pointer with every array index written `*`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// The rule broken.
    pub rule: Rule,
    /// `error` or `warning`.
    pub severity: Severity,
    /// Exchanges with at least one violation of the group.
    pub exchanges: usize,
    /// Violations of the group (more than `exchanges` when it recurs in an array's items).
    pub violations: usize,
    /// The first exchange that had it.
    pub first: Seen,
    /// The last exchange that had it.
    pub last: Seen,
    /// The first exchange that had it, in full.
    pub example: Example,
    /// The run's count of exchanges when the group last counted one (counts each once).
    #[serde(skip)]
    #[schemars(skip)]
    counted_at: usize,
}

impl Group {
    /// Where, as reports print it: the location and the pointer (`response.body /items/*/id`,
    /// `response.body (root)`, `request.security`).
    pub fn place(&self) -> String {
        format!(
            "{}{}",
            self.location,
            pointer_label(self.pointer.as_deref())
        )
    }

    /// How many and which, as reports print it: "in 1 exchange", or "in 37 exchanges (52
    /// violations), first a.har#3, last a.har#1190".
    pub fn count_text(&self) -> String {
        count_text(self.exchanges, self.violations, &self.first, &self.last)
    }
}

impl UnmatchedGroup {
    /// How many and which: "in 1 exchange", or "in 3 exchanges, first a.har#3, last a.har#9".
    pub fn count_text(&self) -> String {
        count_text(self.exchanges, self.exchanges, &self.first, &self.last)
    }
}

fn count_text(exchanges: usize, violations: usize, first: &Seen, last: &Seen) -> String {
    let mut text = format!(
        "in {exchanges} exchange{}",
        if exchanges == 1 { "" } else { "s" }
    );
    if violations > exchanges {
        text.push_str(&format!(" ({violations} violations)"));
    }
    if exchanges > 1 {
        text.push_str(&format!(", first {first}, last {last}"));
    }
    text
}

/// Unmatched requests that share one reason.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct UnmatchedGroup {
    /// Why no operation matched.
    pub reason: String,
    /// How many exchanges.
    pub exchanges: usize,
    /// The first.
    pub first: Seen,
    /// The last.
    pub last: Seen,
    /// The first, in full.
    pub example: Example,
}

/// A run's violations and unmatched requests, grouped as they arrive.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    groups: Vec<Group>,
    by_fingerprint: HashMap<String, usize>,
    unmatched: Vec<UnmatchedGroup>,
    by_reason: HashMap<String, usize>,
    /// Exchanges pushed so far.
    pushed: usize,
}

impl Groups {
    /// Counts one exchange's violations (or its reason, when unmatched).
    pub fn push(&mut self, result: &ExchangeResult) {
        self.pushed += 1;
        if result.verdict == Verdict::Unmatched {
            self.push_unmatched(result);
        }
        for violation in &result.violations {
            match self.by_fingerprint.get(violation.fingerprint.as_str()) {
                Some(&at) => {
                    let group = &mut self.groups[at];
                    group.violations += 1;
                    if group.counted_at != self.pushed {
                        group.counted_at = self.pushed;
                        group.exchanges += 1;
                        group.last.update(result);
                    }
                }
                None => {
                    self.by_fingerprint
                        .insert(violation.fingerprint.clone(), self.groups.len());
                    self.groups.push(Group {
                        fingerprint: violation.fingerprint.clone(),
                        spec: violation.spec.clone(),
                        operation: violation.operation.clone(),
                        location: violation.location.clone(),
                        pointer: violation.pointer.as_deref().map(normalised_pointer),
                        rule: violation.keyword,
                        severity: violation.severity,
                        exchanges: 1,
                        violations: 1,
                        first: Seen::of(result),
                        last: Seen::of(result),
                        example: Example::of(result, Some(violation)),
                        counted_at: self.pushed,
                    });
                }
            }
        }
    }

    fn push_unmatched(&mut self, result: &ExchangeResult) {
        let reason = result.reason.as_deref().unwrap_or("no operation matches");
        match self.by_reason.get(reason) {
            Some(&at) => {
                let group = &mut self.unmatched[at];
                group.exchanges += 1;
                group.last.update(result);
            }
            None => {
                self.by_reason
                    .insert(reason.to_owned(), self.unmatched.len());
                self.unmatched.push(UnmatchedGroup {
                    reason: reason.to_owned(),
                    exchanges: 1,
                    first: Seen::of(result),
                    last: Seen::of(result),
                    example: Example::of(result, None),
                });
            }
        }
    }

    /// The groups of violations: by spec and operation, then most exchanges first, then in
    /// the order they were first seen.
    pub fn groups(&self) -> Vec<&Group> {
        let mut groups: Vec<&Group> = self.groups.iter().collect();
        // Stable: groups with equal keys keep the order they were first seen in.
        groups.sort_by(|a, b| {
            (&a.spec, &a.operation)
                .cmp(&(&b.spec, &b.operation))
                .then(b.exchanges.cmp(&a.exchanges))
        });
        groups
    }

    /// The groups of unmatched requests, most exchanges first.
    pub fn unmatched(&self) -> Vec<&UnmatchedGroup> {
        let mut groups: Vec<&UnmatchedGroup> = self.unmatched.iter().collect();
        groups.sort_by_key(|g| std::cmp::Reverse(g.exchanges));
        groups
    }

    /// Whether nothing was grouped.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.unmatched.is_empty()
    }
}

/// The groups as the JSON report writes them.
#[derive(Debug, Serialize, JsonSchema)]
pub struct GroupsReport<'a> {
    /// Violations sharing a fingerprint, by spec and operation, most exchanges first.
    pub violations: Vec<&'a Group>,
    /// Unmatched requests sharing a reason, most exchanges first.
    pub unmatched: Vec<&'a UnmatchedGroup>,
}

impl Serialize for Groups {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        GroupsReport {
            violations: self.groups(),
            unmatched: self.unmatched(),
        }
        .serialize(serializer)
    }
}

impl JsonSchema for Groups {
    fn schema_name() -> String {
        "Groups".to_owned()
    }

    fn json_schema(generator: &mut schemars::r#gen::SchemaGenerator) -> schemars::schema::Schema {
        GroupsReport::json_schema(generator)
    }
}
