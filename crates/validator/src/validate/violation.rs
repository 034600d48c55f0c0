//! What validation finds: a [`Findings`] per exchange or payload, its [`Verdict`] and its
//! [`Violation`]s.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::location::Location;
use super::rule::{Rule, Severity};

/// The outcome for one exchange or payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Everything checked conforms (warnings allowed).
    Conforming,
    /// At least one error.
    Violating,
    /// No operation of any spec matches the request.
    Unmatched,
    /// The exchange could not be read from its input.
    Unreadable,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Conforming => "conforming",
            Verdict::Violating => "violating",
            Verdict::Unmatched => "unmatched",
            Verdict::Unreadable => "unreadable",
        })
    }
}

/// One way an exchange or payload departs from its spec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Violation {
    /// Where in the exchange: `request.path.<name>`, `request.query.<name>`,
    /// `request.header.<name>` (lower-case), `request.cookie.<name>`, `request.security`,
    /// `request.body`, `response.status`, `response.header.<name>`, `response.body`; for a
    /// standalone payload, `payload`.
    pub location: Location,
    /// The JSON pointer into the body (`""` is the root); absent for other locations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// The JSON Schema keyword or the check that failed (`required`, `type`, `status`,
    /// `contentType`, `security`, `json`, ...).
    pub keyword: Rule,
    /// One line for a person. Secrets are shown as `***`.
    pub message: String,
    /// `error` or `warning`.
    pub severity: Severity,
    /// The spec's name.
    pub spec: String,
    /// The operationId, when the exchange matched an operation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// The JSON pointer, in the spec, of the rule broken.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema_path: Option<String>,
    /// The spec file that holds the rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec_file: Option<String>,
    /// Its line in that file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec_line: Option<usize>,
    /// The same defect's identity from run to run (a hash of spec, operation, location,
    /// pointer with array indexes as `*`, and rule): what a baseline remembers.
    #[serde(default)]
    pub fingerprint: String,
}

/// A violation's fingerprint: FNV-1a (64 bits, hex) of the spec, the operation, the location,
/// the body pointer with every array index written `*` (the third item's defect is the first
/// item's), and the rule. Stable across runs and versions of confirmspec that keep these.
pub(crate) fn fingerprint(
    spec: &str,
    operation: Option<&str>,
    location: &str,
    pointer: Option<&str>,
    rule: &str,
) -> String {
    let pointer = pointer.map(normalised_pointer);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let parts = [
        spec,
        operation.unwrap_or(""),
        location,
        pointer.as_deref().unwrap_or(""),
        rule,
    ];
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// A body pointer with every array index written `*`: `/items/3/price` is `/items/*/price`,
/// the place a defect has in whichever item it recurs.
pub(crate) fn normalised_pointer(pointer: &str) -> String {
    pointer
        .split('/')
        .map(|token| {
            if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
                "*"
            } else {
                token
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A place in a spec: the JSON pointer, and the file and line that hold it where known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SpecPlace {
    /// The spec's name.
    pub spec: String,
    /// The JSON pointer in the spec, as written.
    pub pointer: String,
    /// The spec file that holds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Its line in that file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// What [`Validator::validate`](crate::Validator::validate) found for one exchange.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Findings {
    /// The outcome.
    pub verdict: Verdict,
    /// The spec of the matched operation.
    pub spec: Option<String>,
    /// The operationId of the matched operation.
    pub operation: Option<String>,
    /// The documented response the response's status fell under (`200`, `4XX`, `default`);
    /// `None` without a response, or when the status is not documented.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documented_status: Option<String>,
    /// Why the exchange is unmatched, for a person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// For an unmatched request, where it would be documented: the nearest spec's `paths`, or
    /// the path's item when only its method is not documented.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec_place: Option<SpecPlace>,
    /// What departs from the spec.
    pub violations: Vec<Violation>,
}

/// A body pointer as the reports print it after a location: ` /a/b`, ` (root)` for `""`, and
/// nothing for a location that is not a body.
pub fn pointer_label(pointer: Option<&str>) -> String {
    match pointer {
        Some("") => " (root)".to_owned(),
        Some(pointer) => format!(" {pointer}"),
        None => String::new(),
    }
}
