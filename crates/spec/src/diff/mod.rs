//! `confirmspec diff`: what changed between two versions of a spec, judged from the two sides
//! a generated Rust client has: the wire (what the old client can still send and decode) and
//! the API (what code written against the old client still compiles).
//!
//! Operations are matched by method and path template (parameter names aside), then by
//! operationId for the ones whose path moved (`matching.rs`). Requests are judged from the
//! caller's side, responses from the decoder's (`schema.rs`). Descriptions, summaries,
//! examples and `x-` extensions are not compared.

mod bodies;
mod change_rule;
mod facets;
mod matching;
mod operations;
mod report;
mod same;
mod schema;
mod security;
mod servers;

use std::path::PathBuf;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::Spec;
use crate::convert::{escape as token, local_pointer, resolve_pointer};
use crate::model;

pub use change_rule::{Breaks, ChangeRule, Class, UnknownChangeRule};
pub use report::{DiffFormat, write_diff};

/// What changed between two specs: counts by class, then each change.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct Diff {
    /// How many changes of each class.
    pub summary: DiffSummary,
    /// The changes, in the order of the new spec's paths (removed operations last).
    pub changes: Vec<Change>,
}

/// How many changes of each class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DiffSummary {
    /// Changes that break traffic or code.
    pub breaking: usize,
    /// Changes that may break, depending on use.
    pub warning: usize,
    /// Changes that break nothing.
    pub info: usize,
}

/// One change between the specs.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Change {
    /// How serious it is.
    pub class: Class,
    /// Which rule judged it (a stable id).
    pub rule: ChangeRule,
    /// What it breaks (empty for info).
    pub breaks: Vec<Breaks>,
    /// The operation (its operationId, else `METHOD /path`), or null for the whole spec
    /// (servers).
    pub operation: Option<String>,
    /// Where in the exchange, as validation reports say it: `request.body`, `response.status`,
    /// `request.path.<name>`, `request.security`, ...
    pub location: String,
    /// For a body or parameter value: the JSON pointer inside it (`/result/status`; `*` for
    /// any array item), or null.
    pub field: Option<String>,
    /// Where in the old spec, or null when it is new.
    pub old: Option<Place>,
    /// Where in the new spec, or null when it is gone.
    pub new: Option<Place>,
    /// One line a person understands.
    pub message: String,
    /// What a generated Rust client does differently.
    pub client: String,
}

/// A place in a spec: the JSON pointer, in the file that holds it, and its line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Place {
    /// The JSON pointer inside `file`.
    pub pointer: String,
    /// The file.
    pub file: PathBuf,
    /// The 1-based line, where known.
    pub line: Option<usize>,
}

impl Diff {
    /// The highest class of any change, if there is one.
    pub fn worst(&self) -> Option<Class> {
        self.changes.iter().map(|change| change.class).min()
    }
}

/// Compares two specs.
pub fn diff(old: &Spec, new: &Spec) -> Diff {
    // The parts of a document the model cannot read are left out of the comparison (a
    // validator refuses such a document; a comparison goes on with the rest).
    let mut differ = Differ {
        old: Side::with(old, old.operations()),
        new: Side::with(new, new.operations()),
        changes: Vec::new(),
        operation: None,
        same: same::Same::default(),
    };
    operations::compare(&mut differ);
    let changes = merge(differ.changes);
    let mut summary = DiffSummary::default();
    for change in &changes {
        match change.class {
            Class::Breaking => summary.breaking += 1,
            Class::Warning => summary.warning += 1,
            Class::Info => summary.info += 1,
        }
    }
    Diff { summary, changes }
}

/// One change per operation and place in the new spec (the old one for what is gone): a
/// schema that several responses of an operation share (an error body for six statuses), or
/// that a body reaches along several ways, changes once, at the shortest `field`; the change
/// says how many more it covers.
fn merge(changes: Vec<Change>) -> Vec<Change> {
    let key = |c: &Change| {
        (
            c.operation.clone(),
            c.rule,
            c.location.clone(),
            c.new.as_ref().or(c.old.as_ref()).map(|p| p.pointer.clone()),
        )
    };
    let mut out: Vec<Change> = Vec::with_capacity(changes.len());
    let mut index = std::collections::HashMap::new();
    let mut repeats: Vec<usize> = Vec::new();
    for change in changes {
        match index.entry(key(&change)) {
            std::collections::hash_map::Entry::Occupied(at) => {
                let kept = &mut out[*at.get()];
                // The shortest way into the body names the place best.
                let length = |c: &Change| c.field.as_ref().map_or(0, |f| f.matches('/').count());
                if length(&change) < length(kept) {
                    *kept = Change {
                        client: kept.client.clone(),
                        ..change
                    };
                }
                repeats[*at.get()] += 1;
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(out.len());
                out.push(change);
                repeats.push(0);
            }
        }
    }
    for (change, more) in out.iter_mut().zip(repeats) {
        if more > 0 {
            change.client = format!(
                "{} (and the same in {more} other place{} of this operation that use{} the schema)",
                change.client,
                if more == 1 { "" } else { "s" },
                if more == 1 { "s" } else { "" }
            );
        }
    }
    out
}

/// One of the two specs.
#[derive(Clone, Copy)]
struct Side<'s> {
    spec: &'s Spec,
    /// The spec's operations, as the model reads them.
    operations: &'s [model::Operation],
}

impl<'s> Side<'s> {
    /// A side without operations, for comparing schemas alone.
    #[cfg(test)]
    fn of(spec: &'s Spec) -> Self {
        Self {
            spec,
            operations: &[],
        }
    }

    fn with(spec: &'s Spec, operations: &'s [model::Operation]) -> Self {
        Self { spec, operations }
    }

    fn document(&self) -> &'s Value {
        &self.spec.document
    }

    fn at(&self, pointer: &str) -> Option<&'s Value> {
        self.spec.document.pointer(pointer)
    }

    /// Follows `$ref`s from the node at `pointer`: the pointer and node reached; `None` when
    /// there is nothing there, or a reference points to nothing.
    fn follow(&self, pointer: &str) -> Option<(String, &'s Value)> {
        let reached = resolve_pointer(self.document(), pointer);
        let node = self.at(&reached)?;
        let dangling = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(local_pointer)
            .is_some();
        (!dangling).then_some((reached, node))
    }

    fn place(&self, pointer: &str) -> Place {
        let (file, local) = self.spec.origin_of(pointer);
        Place {
            pointer: local,
            file: file.clone(),
            line: self.spec.source_of(pointer).map(|(_, line)| line),
        }
    }
}

/// Collects the changes while the comparison walks both specs.
struct Differ<'s> {
    old: Side<'s>,
    new: Side<'s>,
    changes: Vec<Change>,
    /// The operation being compared.
    operation: Option<String>,
    /// Which pairs of schemas are the same.
    same: same::Same,
}

/// What a change says, before it gets its places.
struct Finding<'a> {
    rule: ChangeRule,
    location: &'a str,
    field: Option<&'a str>,
    old: Option<&'a str>,
    new: Option<&'a str>,
    message: String,
    client: String,
}

impl Differ<'_> {
    /// Whether the schemas at these pointers say the same thing.
    fn same(&mut self, old: &str, new: &str) -> bool {
        let (o, n) = (self.old, self.new);
        self.same.check(o, n, old, new)
    }

    /// Records a change with its rule's usual class.
    fn push(&mut self, finding: Finding<'_>) {
        let rule = finding.rule;
        self.push_as(rule.class(), rule.breaks(), finding);
    }

    /// Records a change whose class depends on more than its rule.
    fn push_as(&mut self, class: Class, breaks: &[Breaks], finding: Finding<'_>) {
        let change = Change {
            class,
            rule: finding.rule,
            breaks: breaks.to_vec(),
            operation: self.operation.clone(),
            location: finding.location.to_owned(),
            field: finding.field.map(str::to_owned),
            old: finding.old.map(|pointer| self.old.place(pointer)),
            new: finding.new.map(|pointer| self.new.place(pointer)),
            message: finding.message,
            client: finding.client,
        };
        self.changes.push(change);
    }
}

/// A name as progenitor makes it a Rust field or method: `attemptsLeft` -> `attempts_left`.
fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut previous_lower = false;
    for c in name.chars() {
        if c.is_uppercase() {
            if previous_lower {
                out.push('_');
            }
            out.extend(c.to_lowercase());
            previous_lower = false;
        } else if c.is_alphanumeric() {
            out.push(c);
            previous_lower = c.is_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            previous_lower = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::snake;

    #[test]
    fn names_become_what_progenitor_calls_them() {
        assert_eq!(snake("attemptsLeft"), "attempts_left");
        assert_eq!(snake("verifyOrderEac"), "verify_order_eac");
        assert_eq!(snake("campaignId"), "campaign_id");
        assert_eq!(snake("Api-Key"), "api_key");
    }
}
