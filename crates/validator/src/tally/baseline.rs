//! A baseline: the violations a team already knows of, read from an earlier report, so that a
//! run reports (and fails on) only the ones it does not.
//!
//! A violation is known when its [`fingerprint`](crate::Violation::fingerprint) is in the
//! baseline: the same spec, operation, location, pointer (array indexes aside) and rule. An
//! unmatched exchange is known when the baseline has one unmatched for the same reason (the
//! same method and path). An unreadable one never is: input that cannot be read is always
//! reported.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::run::ExchangeResult;
use crate::validate::{Severity, Verdict};

/// The fingerprints of an earlier report's violations.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    fingerprints: HashSet<String>,
    /// The reasons of the unmatched exchanges (`no operation of any spec matches GET /x`).
    unmatched: HashSet<String>,
}

/// Why a baseline cannot be read: the file and the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {problem}", file.display())]
pub struct BaselineError {
    /// The baseline file.
    pub file: PathBuf,
    /// What is wrong.
    pub problem: String,
}

impl Baseline {
    /// Reads the violations of a report `confirmspec validate --format json` (or `jsonl`)
    /// wrote.
    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let error = |problem: String| BaselineError {
            file: path.to_owned(),
            problem,
        };
        let text = std::fs::read_to_string(path).map_err(|e| error(format!("cannot read: {e}")))?;
        let mut baseline = Baseline::default();
        match serde_json::from_str::<Value>(&text) {
            Ok(report) => baseline.collect(&report),
            // JSON Lines: a report per line.
            Err(_) => {
                for (number, line) in text.lines().enumerate() {
                    if line.trim().is_empty() {
                        continue;
                    }
                    let record: Value = serde_json::from_str(line).map_err(|e| {
                        error(format!(
                            "line {}: not a JSON or JSON Lines report of confirmspec validate ({e})",
                            number + 1
                        ))
                    })?;
                    baseline.collect(&record);
                }
            }
        }
        if baseline.fingerprints.is_empty() && text.contains("\"violations\"") {
            let any_violation = text.contains("\"keyword\"");
            if any_violation {
                return Err(error(
                    "its violations carry no `fingerprint`: it was written by an older \
                     confirmspec; write it again with `confirmspec validate --format json`"
                        .into(),
                ));
            }
        }
        Ok(baseline)
    }

    /// Every `fingerprint` of a violation anywhere in `report`.
    fn collect(&mut self, report: &Value) {
        let mut stack = vec![report];
        while let Some(node) = stack.pop() {
            match node {
                Value::Object(object) => {
                    if object.get("verdict").and_then(Value::as_str) == Some("unmatched")
                        && let Some(Value::String(reason)) = object.get("reason")
                    {
                        self.unmatched.insert(reason.clone());
                    }
                    if let Some(Value::Array(violations)) = object.get("violations") {
                        for violation in violations {
                            if let Some(Value::String(fingerprint)) = violation.get("fingerprint") {
                                self.fingerprints.insert(fingerprint.clone());
                            }
                        }
                    }
                    stack.extend(object.values());
                }
                Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }
    }

    /// How many known violations (and unmatched requests) it holds.
    pub fn len(&self) -> usize {
        self.fingerprints.len() + self.unmatched.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Takes the known violations out of `result` (its verdict follows: a violating exchange
    /// left with no error conforms, a known unmatched one too); returns how many it took.
    pub fn apply(&self, result: &mut ExchangeResult) -> usize {
        if result.verdict == Verdict::Unmatched {
            let known = result
                .reason
                .as_ref()
                .is_some_and(|reason| self.unmatched.contains(reason));
            if known {
                result.verdict = Verdict::Conforming;
            }
            return usize::from(known);
        }
        if self.fingerprints.is_empty() || result.violations.is_empty() {
            return 0;
        }
        let before = result.violations.len();
        result
            .violations
            .retain(|v| !self.fingerprints.contains(&v.fingerprint));
        let hidden = before - result.violations.len();
        if hidden > 0
            && result.verdict == Verdict::Violating
            && !result
                .violations
                .iter()
                .any(|v| v.severity == Severity::Error)
        {
            result.verdict = Verdict::Conforming;
        }
        hidden
    }
}
