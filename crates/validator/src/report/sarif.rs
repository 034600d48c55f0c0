//! SARIF 2.1.0, for code-scanning pages: one result per violation, located at the spec file
//! and line of the rule it breaks, the exchange named in the message and in the result's
//! properties. Results are written as they arrive; the tool's rules, the unreadable entries
//! (as notifications of the invocation) and the summary follow them.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Value, json};
use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, LogicalLocation, Message, MultiformatMessageString,
    Notification, PhysicalLocation, PropertyBag, Region, ReportingDescriptor, Result as Finding,
    ResultLevel, Run, Sarif, Tool, ToolComponent,
};

use super::Printer;
use super::uri::artifact_uri;
use crate::run::{ExchangeResult, PayloadRun, SpecPaths};
use crate::tally::Tally;
use crate::validate::{Rule, Severity, SpecPlace, Verdict, Violation, pointer_label};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// What a rule is, for the rules of the SARIF run.
fn describe(rule: Rule) -> String {
    match rule.describe() {
        Some(text) => text.to_owned(),
        None => format!("The JSON Schema keyword `{rule}` fails."),
    }
}

fn message(text: impl Into<String>) -> Message {
    Message::builder().text(text.into()).build()
}

/// A property bag of the named values (those that are `None` left out).
fn properties<const N: usize>(values: [(&str, Value); N]) -> PropertyBag {
    PropertyBag::builder()
        .additional_properties(
            values
                .into_iter()
                .filter(|(_, value)| !value.is_null())
                .map(|(key, value)| (key.to_owned(), value))
                .collect::<BTreeMap<_, _>>(),
        )
        .build()
}

/// A spec file's artifact location: an absolute path as a `file://` URI; a relative one stays
/// relative, with its base named (`uriBaseId`): `%SRCROOT%`, the directory the run started in
/// (which code-scanning pages take as the repository root), or `CONFIRMSPEC` for the bundled
/// specs, the source confirmspec was built from. `originalUriBaseIds` says where both are.
fn artifact_location(file: &str, paths: &SpecPaths) -> ArtifactLocation {
    let uri = artifact_uri(file);
    match paths.base_of(file) {
        None => ArtifactLocation::builder().uri(uri).build(),
        Some(base) if base == paths.bundled_relative_to && base != paths.relative_to => {
            ArtifactLocation::builder()
                .uri(uri)
                .uri_base_id("CONFIRMSPEC")
                .build()
        }
        Some(_) => ArtifactLocation::builder()
            .uri(uri)
            .uri_base_id("%SRCROOT%")
            .build(),
    }
}

/// The bases of relative artifact URIs, as directories (`file:///.../`).
fn original_uri_base_ids(paths: &SpecPaths) -> BTreeMap<String, ArtifactLocation> {
    let base = |dir: &str, description: &str| {
        let uri = artifact_uri(dir);
        let uri = uri.strip_prefix("file://").unwrap_or(&uri);
        ArtifactLocation::builder()
            .uri(format!("file://{}/", uri.trim_end_matches('/')))
            .description(message(description))
            .build()
    };
    BTreeMap::from([
        (
            "%SRCROOT%".to_owned(),
            base(
                &paths.relative_to,
                "The directory confirmspec ran in: the spec paths given to it start here.",
            ),
        ),
        (
            "CONFIRMSPEC".to_owned(),
            base(
                &paths.bundled_relative_to,
                "The source confirmspec was built from: its bundled specs are in specs/.",
            ),
        ),
    ])
}

/// A physical location in a spec file, at `line` (its first line when the line is unknown:
/// a code-scanning page needs one).
fn physical_location(
    paths: &SpecPaths,
    file: Option<&str>,
    line: Option<usize>,
) -> PhysicalLocation {
    let line = i64::try_from(line.unwrap_or(1).max(1)).unwrap_or(i64::MAX);
    PhysicalLocation::builder()
        .artifact_location(artifact_location(file.unwrap_or(""), paths))
        .region(Region::builder().start_line(line).build())
        .build()
}

fn logical_location(name: &str, qualified: String, kind: &str) -> LogicalLocation {
    LogicalLocation::builder()
        .name(name)
        .fully_qualified_name(qualified)
        .kind(kind)
        .build()
}

/// The location of the rule a violation breaks.
fn locations(violation: &Violation, paths: &SpecPaths) -> Vec<Location> {
    let physical = violation
        .spec_file
        .as_deref()
        .map(|file| physical_location(paths, Some(file), violation.spec_line));
    let logical = violation.operation.as_deref().map(|operation| {
        vec![logical_location(
            operation,
            format!("{}/{operation}", violation.spec),
            "function",
        )]
    });
    if physical.is_none() && logical.is_none() {
        return Vec::new();
    }
    vec![Location {
        physical_location: physical,
        logical_locations: logical,
        ..Location::builder().build()
    }]
}

/// Where an unmatched request would be documented.
fn place_locations(place: &SpecPlace, paths: &SpecPaths) -> Vec<Location> {
    vec![
        Location::builder()
            .physical_location(physical_location(paths, place.file.as_deref(), place.line))
            .logical_locations(vec![logical_location(
                &place.pointer,
                format!("{}{}", place.spec, place.pointer),
                "member",
            )])
            .build(),
    ]
}

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
    }
}

/// One SARIF result for a violation; `subject` names what was checked (an exchange, a file).
fn result(
    violation: &Violation,
    subject: &str,
    properties: PropertyBag,
    paths: &SpecPaths,
) -> Finding {
    let pointer = pointer_label(violation.pointer.as_deref());
    Finding::builder()
        .rule_id(violation.keyword.as_str())
        .level(level(violation.severity))
        .message(message(format!(
            "{}{pointer}: {} ({subject})",
            violation.location, violation.message
        )))
        .locations(locations(violation, paths))
        // v2: array indexes in the pointer normalised, as in the JSON report.
        .partial_fingerprints(BTreeMap::from([(
            "confirmspec/v2".to_owned(),
            violation.fingerprint.clone(),
        )]))
        .properties(properties)
        .build()
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
    notifications: Vec<Notification>,
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

    fn write_result(&mut self, value: &Finding) -> io::Result<()> {
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
        let exchange = [
            ("source", json!(result.source)),
            ("index", json!(result.index)),
            ("method", json!(result.method)),
            ("url", json!(result.url)),
            ("status", json!(result.status)),
        ];
        match result.verdict {
            Verdict::Unreadable => {
                self.notifications.push(
                    Notification::builder()
                        .level(json!("error"))
                        .message(message(
                            result.reason.as_deref().unwrap_or("unreadable entry"),
                        ))
                        .properties(properties([
                            ("source", json!(result.source)),
                            ("index", json!(result.index)),
                            ("offset", json!(result.offset)),
                        ]))
                        .build(),
                );
            }
            Verdict::Unmatched => {
                self.rules.insert(Rule::Unmatched.as_str());
                let reason = result.reason.as_deref().unwrap_or("no operation matches");
                let mut finding = Finding::builder()
                    .rule_id("unmatched")
                    .level(ResultLevel::Error)
                    .message(message(format!("{reason} ({subject})")))
                    .properties(properties(exchange))
                    .build();
                // Where the request would be documented: code-scanning pages refuse a whole
                // file for one result without a place.
                if let Some(place) = &result.spec_place {
                    finding.locations = Some(place_locations(place, &self.paths));
                }
                self.write_result(&finding)?;
            }
            Verdict::Conforming | Verdict::Violating => {
                for violation in &result.violations {
                    self.rules.insert(violation.keyword.as_str());
                    let mut bag = properties(exchange.clone());
                    bag.additional_properties.extend([
                        ("location".to_owned(), json!(violation.location)),
                        ("pointer".to_owned(), json!(violation.pointer)),
                        ("schemaPath".to_owned(), json!(violation.schema_path)),
                    ]);
                    let finding = self::result(violation, &subject, bag, &self.paths);
                    self.write_result(&finding)?;
                }
            }
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, tally: &Tally) -> io::Result<()> {
        self.head()?;
        let members = RunMembers::new(
            &self.paths,
            &self.rules,
            std::mem::take(&mut self.notifications),
            properties([
                ("summary", json!(tally.summary)),
                ("coverage", json!(tally.coverage)),
            ]),
        );
        // The run's other members, after the results written so far: the same keys a whole
        // `Run` would have, written one at a time.
        let Value::Object(members) = serde_json::to_value(&members)? else {
            unreachable!("a struct serialises to an object");
        };
        self.out.write_all(b"\n  ]")?;
        for (key, value) in members {
            write!(self.out, ",\n  \"{key}\": ")?;
            serde_json::to_writer(&mut self.out, &value)?;
        }
        self.out.write_all(b"\n  }]\n}\n")?;
        self.out.flush()
    }
}

/// The run's members besides its results: the bases of relative URIs, the tool and its rules,
/// the invocation with its notifications (the entries that could not be read), and the
/// properties.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunMembers {
    original_uri_base_ids: BTreeMap<String, ArtifactLocation>,
    tool: Tool,
    invocations: Vec<Invocation>,
    properties: PropertyBag,
}

impl RunMembers {
    fn new(
        paths: &SpecPaths,
        rules: &BTreeSet<&'static str>,
        notifications: Vec<Notification>,
        properties: PropertyBag,
    ) -> Self {
        let rules: Vec<ReportingDescriptor> = rules
            .iter()
            .filter_map(|id| id.parse::<Rule>().ok())
            .map(|rule| {
                ReportingDescriptor::builder()
                    .id(rule.as_str())
                    .short_description(
                        MultiformatMessageString::builder()
                            .text(describe(rule))
                            .build(),
                    )
                    .build()
            })
            .collect();
        RunMembers {
            original_uri_base_ids: original_uri_base_ids(paths),
            tool: Tool::builder()
                .driver(
                    ToolComponent::builder()
                        .name("confirmspec")
                        .version(env!("CARGO_PKG_VERSION"))
                        .rules(rules)
                        .build(),
                )
                .build(),
            invocations: vec![
                Invocation::builder()
                    .execution_successful(notifications.is_empty())
                    .tool_execution_notifications(notifications)
                    .build(),
            ],
            properties,
        }
    }
}

/// Writes a run over payloads (`check`) as SARIF 2.1.0.
pub fn write_payloads_sarif(out: &mut impl Write, run: &PayloadRun) -> io::Result<()> {
    let mut rules = BTreeSet::new();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for payload in &run.payloads {
        if payload.verdict == Verdict::Unreadable && payload.violations.is_empty() {
            notifications.push(
                Notification::builder()
                    .level(json!("error"))
                    .message(message(format!(
                        "{}: {}",
                        payload.file,
                        payload.reason.as_deref().unwrap_or("unreadable")
                    )))
                    .build(),
            );
        }
        for violation in &payload.violations {
            rules.insert(violation.keyword.as_str());
            let bag = properties([
                ("file", json!(payload.file)),
                ("pointer", json!(violation.pointer)),
                ("schemaPath", json!(violation.schema_path)),
            ]);
            results.push(result(violation, &payload.file, bag, &run.spec_paths));
        }
    }
    let members = RunMembers::new(
        &run.spec_paths,
        &rules,
        notifications,
        properties([("summary", json!(run.summary))]),
    );
    let document = Sarif::builder()
        .schema(SCHEMA)
        .version(json!("2.1.0"))
        .runs(vec![
            Run::builder()
                .results(results)
                .original_uri_base_ids(members.original_uri_base_ids)
                .tool(members.tool)
                .invocations(members.invocations)
                .properties(members.properties)
                .build(),
        ])
        .build();
    super::write_json(out, &document)
}
