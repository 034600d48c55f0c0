//! The JSON Schemas of one spec: one document (both directions' `$defs`), one registry, and a
//! validator per schema the spec uses, compiled on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::{Value, json};

use super::BuildError;
use crate::spec::Spec;
use crate::spec::convert::{self, Direction};

type Compiled = OnceLock<Result<jsonschema::Validator, String>>;

pub(super) struct SchemaSet {
    uri: String,
    document: Value,
    registry: jsonschema::Registry<'static>,
    validators: HashMap<(Direction, String), Compiled>,
    /// Whether any schema of the spec is `format: password` (otherwise masking has nothing
    /// to look for).
    pub(super) has_secrets: bool,
}

/// The URI of a spec's schema document.
pub(crate) fn document_uri(spec_name: &str) -> String {
    format!("urn:confirmspec:{spec_name}")
}

impl SchemaSet {
    pub(super) fn new(_index: usize, spec: &Spec, strict: bool) -> Result<Self, BuildError> {
        let uri = document_uri(&spec.name);
        let document = match (strict, spec.bundled_schemas()) {
            (false, Some(prebuilt)) => {
                serde_json::from_str(prebuilt).expect("build.rs writes valid JSON")
            }
            _ => convert::spec_document(&spec.document, &uri, strict).map_err(|e| {
                BuildError::Spec {
                    file: spec.file.display().to_string(),
                    problem: e.to_string(),
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
        let mut validators = HashMap::new();
        for direction in [Direction::Request, Direction::Response] {
            let defs = document.pointer(&format!("/$defs/{}", direction.as_str()));
            for pointer in defs
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(k, _)| k)
            {
                validators.insert((direction, pointer.clone()), OnceLock::new());
            }
        }
        let has_secrets = contains_password(&spec.document);
        Ok(Self {
            uri,
            document,
            registry,
            validators,
            has_secrets,
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
    ) -> Option<Result<&jsonschema::Validator, &str>> {
        let cell = self.validators.get(&(direction, pointer.to_owned()))?;
        let compiled = cell.get_or_init(|| {
            let root =
                json!({"$ref": format!("{}{}", self.uri, convert::def_ref(direction, pointer))});
            jsonschema::options()
                .with_registry(&self.registry)
                .should_validate_formats(true)
                .build(&root)
                .map_err(|e| format!("schema at {pointer} does not compile: {e}"))
        });
        Some(compiled.as_ref().map_err(String::as_str))
    }

    pub(super) fn compile_all(&self) -> Result<usize, String> {
        let mut count = 0;
        for (direction, pointer) in self.validators.keys() {
            if let Some(Err(e)) = self.validator(*direction, pointer) {
                return Err(e.to_owned());
            }
            count += 1;
        }
        Ok(count)
    }
}

fn contains_password(node: &Value) -> bool {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match node {
            Value::Object(object) => {
                if object.get("format").and_then(Value::as_str) == Some("password") {
                    return true;
                }
                stack.extend(object.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    false
}
