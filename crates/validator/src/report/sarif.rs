//! SARIF 2.1.0, for code-scanning pages: one result per violation, located at the spec file
//! and line of the rule it breaks, the exchange named in the message and in the result's
//! properties. Results are written as they arrive; the tool's rules, the unreadable entries
//! (as notifications of the invocation) and the summary follow them.

use std::collections::BTreeSet;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::Printer;
use super::uri::artifact_uri;
use crate::run::{ExchangeResult, PayloadRun, SpecPaths};
use crate::tally::Tally;
use crate::validate::{Rule, Verdict, Violation, pointer_label};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// What a rule is, for the rules of the SARIF run.
fn describe(rule: Rule) -> String {
    match rule.describe() {
        Some(text) => text.to_owned(),
        None => format!("The JSON Schema keyword `{rule}` fails."),
    }
}

/// A spec file's artifact location: an absolute path as a `file://` URI; a relative one stays
/// relative, with its base named (`uriBaseId`): `%SRCROOT%`, the directory the run started in
/// (which code-scanning pages take as the repository root), or `CONFIRMSPEC` for the bundled
/// specs, the source confirmspec was built from. `originalUriBaseIds` says where both are.
fn artifact_location(file: &str, paths: &SpecPaths) -> Value {
    match paths.base_of(file) {
        None => json!({"uri": artifact_uri(file)}),
        Some(base) if base == paths.bundled_relative_to && base != paths.relative_to => {
            json!({"uri": artifact_uri(file), "uriBaseId": "CONFIRMSPEC"})
        }
        Some(_) => json!({"uri": artifact_uri(file), "uriBaseId": "%SRCROOT%"}),
    }
}

/// The bases of relative artifact URIs, as directories (`file:///.../`).
fn original_uri_base_ids(paths: &SpecPaths) -> Value {
    let directory = |dir: &str| {
        let uri = artifact_uri(dir);
        let uri = uri.strip_prefix("file://").unwrap_or(&uri).to_owned();
        format!("file://{}/", uri.trim_end_matches('/'))
    };
    json!({
        "%SRCROOT%": {
            "uri": directory(&paths.relative_to),
            "description": {"text": "The directory confirmspec ran in: the spec paths given to it start here."}
        },
        "CONFIRMSPEC": {
            "uri": directory(&paths.bundled_relative_to),
            "description": {"text": "The source confirmspec was built from: its bundled specs are in specs/."}
        }
    })
}

/// A physical location in a spec file, at `line` (its first line when the line is unknown:
/// a code-scanning page needs one).
fn physical_location(paths: &SpecPaths, file: Option<&str>, line: Option<usize>) -> Value {
    json!({
        "artifactLocation": artifact_location(file.unwrap_or(""), paths),
        "region": {"startLine": line.unwrap_or(1).max(1)},
    })
}

/// The location of the rule a violation breaks.
fn locations(violation: &Violation, paths: &SpecPaths) -> Value {
    let mut location = json!({});
    if let Some(file) = &violation.spec_file {
        location["physicalLocation"] = physical_location(paths, Some(file), violation.spec_line);
    }
    if let Some(operation) = &violation.operation {
        location["logicalLocations"] = json!([{
            "name": operation,
            "fullyQualifiedName": format!("{}/{operation}", violation.spec),
            "kind": "function",
        }]);
    }
    if location.as_object().is_some_and(|o| o.is_empty()) {
        json!([])
    } else {
        json!([location])
    }
}

/// One SARIF result for a violation; `subject` names what was checked (an exchange, a file).
fn result(violation: &Violation, subject: &str, properties: Value, paths: &SpecPaths) -> Value {
    let pointer = pointer_label(violation.pointer.as_deref());
    json!({
        "ruleId": violation.keyword,
        // SARIF's levels include `error` and `warning`, spelt as ours are.
        "level": violation.severity.as_str(),
        "message": {
            "text": format!("{}{pointer}: {} ({subject})", violation.location, violation.message),
        },
        "locations": locations(violation, paths),
        "partialFingerprints": {
            // v2: array indexes in the pointer normalised, as in the JSON report.
            "confirmspec/v2": violation.fingerprint,
        },
        "properties": properties,
    })
}

fn exchange_subject(result: &ExchangeResult) -> String {
    let status = result
        .status
        .map(|s| format!(" -> {s}"))
        .unwrap_or_default();
    format!(
        "{} #{}: {} {}{status}",
        result.source,
        result.index,
        result.method.as_deref().unwrap_or("?"),
        result.url.as_deref().unwrap_or("?"),
    )
}

/// `--format sarif` for `validate`.
pub struct SarifReport<W: Write> {
    out: W,
    paths: SpecPaths,
    rules: BTreeSet<&'static str>,
    notifications: Vec<Value>,
    results: usize,
    started: bool,
}

impl<W: Write> SarifReport<W> {
    /// A report to be written to `out`, naming spec files by `paths`.
    pub fn new(out: W, paths: SpecPaths) -> Self {
        SarifReport {
            out,
            paths,
            rules: BTreeSet::new(),
            notifications: Vec::new(),
            results: 0,
            started: false,
        }
    }

    /// Writes the document's head up to the run's `results` list, once.
    fn head(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            write!(
                self.out,
                "{{\n  \"$schema\": \"{SCHEMA}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{{\n  \"results\": ["
            )?;
        }
        Ok(())
    }

    fn write_result(&mut self, value: &Value) -> io::Result<()> {
        self.head()?;
        let separator: &[u8] = if self.results == 0 {
            b"\n    "
        } else {
            b",\n    "
        };
        self.out.write_all(separator)?;
        self.results += 1;
        serde_json::to_writer(&mut self.out, value)?;
        Ok(())
    }
}

impl<W: Write> Printer for SarifReport<W> {
    fn exchange(&mut self, result: ExchangeResult, _: Option<Vec<u8>>) -> io::Result<()> {
        let subject = exchange_subject(&result);
        let properties = json!({
            "source": result.source,
            "index": result.index,
            "method": result.method,
            "url": result.url,
            "status": result.status,
        });
        match result.verdict {
            Verdict::Unreadable => {
                self.notifications.push(json!({
                    "level": "error",
                    "message": {"text": result.reason.as_deref().unwrap_or("unreadable entry")},
                    "properties": {"source": result.source, "index": result.index, "offset": result.offset},
                }));
            }
            Verdict::Unmatched => {
                self.rules.insert(Rule::Unmatched.as_str());
                let reason = result.reason.as_deref().unwrap_or("no operation matches");
                let mut value = json!({
                    "ruleId": "unmatched",
                    "level": "error",
                    "message": {"text": format!("{reason} ({subject})")},
                    "properties": properties,
                });
                // Where the request would be documented: code-scanning pages refuse a whole
                // file for one result without a place.
                if let Some(place) = &result.spec_place {
                    value["locations"] = json!([{
                        "physicalLocation": physical_location(&self.paths, place.file.as_deref(), place.line),
                        "logicalLocations": [{
                            "name": place.pointer,
                            "fullyQualifiedName": format!("{}{}", place.spec, place.pointer),
                            "kind": "member",
                        }],
                    }]);
                }
                self.write_result(&value)?;
            }
            Verdict::Conforming | Verdict::Violating => {
                for violation in &result.violations {
                    self.rules.insert(violation.keyword.as_str());
                    let mut properties = properties.clone();
                    properties["location"] = json!(violation.location);
                    properties["pointer"] = json!(violation.pointer);
                    properties["schemaPath"] = json!(violation.schema_path);
                    let value = self::result(violation, &subject, properties, &self.paths);
                    self.write_result(&value)?;
                }
            }
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, tally: &Tally) -> io::Result<()> {
        self.head()?;
        let members = run_members(
            &self.paths,
            &self.rules,
            std::mem::take(&mut self.notifications),
            json!({"summary": tally.summary, "coverage": tally.coverage}),
        );
        self.out.write_all(b"\n  ]")?;
        for (key, value) in members {
            write!(self.out, ",\n  \"{key}\": ")?;
            serde_json::to_writer(&mut self.out, &value)?;
        }
        self.out.write_all(b"\n  }]\n}\n")?;
        self.out.flush()
    }
}

/// The run's members besides its results: the tool and its rules, the invocation with its
/// notifications (the entries that could not be read), and the properties.
fn run_members(
    paths: &SpecPaths,
    rules: &BTreeSet<&'static str>,
    notifications: Vec<Value>,
    properties: Value,
) -> [(&'static str, Value); 4] {
    let rules: Vec<Value> = rules
        .iter()
        .filter_map(|id| id.parse::<Rule>().ok())
        .map(|rule| json!({"id": rule.as_str(), "shortDescription": {"text": describe(rule)}}))
        .collect();
    [
        ("originalUriBaseIds", original_uri_base_ids(paths)),
        (
            "tool",
            json!({
                "driver": {
                    "name": "confirmspec",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            }),
        ),
        (
            "invocations",
            json!([{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }]),
        ),
        ("properties", properties),
    ]
}

/// Writes a run over payloads (`check`) as SARIF 2.1.0.
pub fn write_payloads_sarif(out: &mut impl Write, run: &PayloadRun) -> io::Result<()> {
    let mut rules = BTreeSet::new();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for payload in &run.payloads {
        if payload.verdict == Verdict::Unreadable && payload.violations.is_empty() {
            notifications.push(json!({
                "level": "error",
                "message": {"text": format!("{}: {}", payload.file, payload.reason.as_deref().unwrap_or("unreadable"))},
            }));
        }
        for violation in &payload.violations {
            rules.insert(violation.keyword.as_str());
            let properties = json!({
                "file": payload.file,
                "pointer": violation.pointer,
                "schemaPath": violation.schema_path,
            });
            results.push(result(
                violation,
                &payload.file,
                properties,
                &run.spec_paths,
            ));
        }
    }
    let mut run_object = serde_json::Map::new();
    run_object.insert("results".into(), Value::Array(results));
    let properties = json!({"summary": run.summary});
    for (key, value) in run_members(&run.spec_paths, &rules, notifications, properties) {
        run_object.insert(key.into(), value);
    }
    let document = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [run_object],
    });
    super::write_json(out, &document)
}
