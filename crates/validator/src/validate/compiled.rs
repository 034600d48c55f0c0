//! The JSON Schemas of one spec: one document (both directions' `$defs`), one registry, and a
//! validator per schema the spec uses, compiled on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::{Value, json};

use super::{BuildError, Options, SchemaError, SpecWarning};
use confirmspec_spec::Spec;
use confirmspec_spec::convert::{self, ConvertError, Defects, Direction};

/// One schema of the spec: its validator, and whether a `format: password` value can stand
/// anywhere inside it (then a failing value is searched for secrets to mask), both worked
/// out on first use.
#[derive(Default)]
struct Compiled {
    validator: OnceLock<Result<jsonschema::Validator, SchemaError>>,
    secret: OnceLock<bool>,
}

pub(crate) struct SchemaSet {
    uri: String,
    document: Value,
    registry: jsonschema::Registry<'static>,
    /// Request schemas, then response schemas, by spec pointer. Looked up for every message
    /// checked: with foldhash, 1,500 fewer instructions an exchange in the proxy than SipHash.
    validators: [HashMap<String, Compiled, foldhash::fast::RandomState>; 2],
    /// Whether `format` is checked (2.0 and 3.0 documents, or asked for).
    formats: bool,
    /// Whether any schema of the spec is `format: password` (otherwise masking has nothing
    /// to look for).
    pub(super) has_secrets: bool,
    /// The defects of the spec's schemas that were left out, in order of place.
    pub(super) warnings: Vec<SpecWarning>,
}

/// The URI of a spec's schema document.
pub(crate) fn document_uri(spec_name: &str) -> String {
    format!("urn:confirmspec:{spec_name}")
}

impl SchemaSet {
    pub(super) fn new(_index: usize, spec: &Spec, options: &Options) -> Result<Self, BuildError> {
        let strict = options.strict;
        let formats = options.assert_formats || !spec.version.json_schema_2020();
        let uri = document_uri(&spec.name);
        let mut defects = Vec::new();
        // Whether the schema compiler takes a pattern, asked once per pattern (a spec repeats
        // its few patterns hundreds of times).
        let judged = std::cell::RefCell::new(HashMap::new());
        let compiles = |pattern: &str| -> bool {
            *judged
                .borrow_mut()
                .entry(pattern.to_owned())
                .or_insert_with(|| {
                    jsonschema::validator_for(&json!({ "pattern": pattern })).is_ok()
                })
        };
        let tolerance = if options.strict_spec {
            Defects::Refuse
        } else {
            Defects::Tolerate {
                noted: &mut defects,
                compiles: &compiles,
            }
        };
        let document = match (strict, spec.prebuilt_schemas()) {
            (false, Some(prebuilt)) => {
                serde_json::from_str(prebuilt).expect("build.rs writes valid JSON")
            }
            _ => spec.schema_document(&uri, strict, tolerance).map_err(|e| {
                let (file, line) = match spec.source_of(&e.pointer) {
                    Some((file, line)) => (file.display().to_string(), format!(":{line}")),
                    None => (spec.file.display().to_string(), String::new()),
                };
                BuildError::Spec {
                    file: format!("{file}{line}"),
                    problem: format!(
                        "schema at {}: {}",
                        spec.written_pointer(&e.pointer),
                        e.problem
                    ),
                }
            })?,
        };
        let registry = jsonschema::Registry::new()
            .add(&uri, document.clone())
            .and_then(|builder| builder.prepare())
            .map_err(|e| BuildError::Spec {
                file: spec.file.display().to_string(),
                problem: format!("the generated JSON Schema does not load: {e}"),
            })?;
        let mut validators = [HashMap::default(), HashMap::default()];
        for direction in [Direction::Request, Direction::Response] {
            let defs = document.pointer(&format!("/$defs/{}", direction.as_str()));
            for pointer in defs
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(k, _)| k)
            {
                validators[slot(direction)].insert(pointer.clone(), Compiled::default());
            }
        }
        let has_secrets = spec.marks_secrets();
        let warnings = defects.iter().map(|d| warning(spec, d)).collect();
        Ok(Self {
            uri,
            document,
            registry,
            validators,
            formats,
            has_secrets,
            warnings,
        })
    }

    pub(super) fn document(&self) -> &Value {
        &self.document
    }

    /// The validator of the schema at `pointer` in the spec, compiled on first use; `None`
    /// when the spec uses no schema there.
    pub(super) fn validator(
        &self,
        direction: Direction,
        pointer: &str,
    ) -> Option<Result<&jsonschema::Validator, &SchemaError>> {
        let cell = self.validators[slot(direction)].get(pointer)?;
        let compiled = cell.validator.get_or_init(|| {
            let root =
                json!({"$ref": format!("{}{}", self.uri, convert::def_ref(direction, pointer))});
            jsonschema::options()
                .with_registry(&self.registry)
                .should_validate_formats(self.formats)
                .build(&root)
                .map_err(|source| SchemaError {
                    pointer: pointer.to_owned(),
                    source: std::sync::Arc::new(source),
                })
        });
        Some(compiled.as_ref())
    }

    /// Whether a value of the schema at `pointer` in `spec` can hold a secret anywhere.
    pub(super) fn may_hold_secrets(
        &self,
        direction: Direction,
        pointer: &str,
        spec: &Spec,
    ) -> bool {
        if !self.has_secrets {
            return false;
        }
        let Some(cell) = self.validators[slot(direction)].get(pointer) else {
            return true;
        };
        *cell
            .secret
            .get_or_init(|| spec.schema_reaches_secret(pointer))
    }

    pub(super) fn compile_all(&self) -> Result<usize, SchemaError> {
        let mut count = 0;
        let keys = [Direction::Request, Direction::Response]
            .into_iter()
            .flat_map(|d| self.validators[slot(d)].keys().map(move |k| (d, k)));
        for (direction, pointer) in keys {
            if let Some(Err(e)) = self.validator(direction, pointer) {
                return Err(e.clone());
            }
            count += 1;
        }
        Ok(count)
    }
}

/// A defect left out, placed in the spec as written.
fn warning(spec: &Spec, defect: &ConvertError) -> SpecWarning {
    let (file, line) = match spec.source_of(&defect.pointer) {
        Some((file, line)) => (file.display().to_string(), Some(line)),
        None => (spec.file.display().to_string(), None),
    };
    SpecWarning {
        spec: spec.name.clone(),
        file,
        line,
        pointer: spec.written_pointer(&defect.pointer).into_owned(),
        problem: defect.problem.clone(),
    }
}

fn slot(direction: Direction) -> usize {
    match direction {
        Direction::Request => 0,
        Direction::Response => 1,
    }
}
