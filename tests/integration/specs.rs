//! The hand-written specs: strictly valid OpenAPI 3.0, every operation named, every example
//! valid against the schema it illustrates.

use std::path::PathBuf;

use serde_json::{Map, Value, json};

/// Every spec in `specs/`, as (file, JSON value).
fn specs() -> Vec<(PathBuf, Value)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("specs")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "one spec per vendor: {files:?}");
    files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file).unwrap();
            let value =
                yaml_serde::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            (file, value)
        })
        .collect()
}

fn spec_named(stem: &str) -> Value {
    let wanted = format!("specs/{stem}.yaml");
    specs()
        .into_iter()
        .find(|(file, _)| file.as_path() == std::path::Path::new(&wanted))
        .unwrap()
        .1
}

/// The OpenAPI Initiative's JSON Schema for OpenAPI 3.0 (tests/data/README.md).
fn strict_validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(include_str!("../data/openapi-3.0.schema.json")).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn strict_errors(validator: &jsonschema::Validator, spec: &Value) -> Vec<String> {
    validator
        .iter_errors(spec)
        .map(|e| format!("at {}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn every_spec_is_strict_openapi_3_0() {
    let validator = strict_validator();
    for (file, spec) in specs() {
        assert_eq!(spec["openapi"], "3.0.3", "{}", file.display());
        let errors = strict_errors(&validator, &spec);
        assert!(
            errors.is_empty(),
            "{}:\n{}",
            file.display(),
            errors.join("\n")
        );
        let parsed: Result<openapiv3::OpenAPI, _> = serde_json::from_value(spec);
        assert!(parsed.is_ok(), "{}: {:?}", file.display(), parsed.err());
    }
}

#[test]
fn a_misspelled_key_fails_the_strict_check() {
    let validator = strict_validator();
    let spec = spec_named("invoicebox");
    let typos = [
        ("/components/schemas/Customer", "requried"),
        (
            "/paths/~1billing~1api~1order~1{uuid}~1payment-method-action~1pay/post",
            "operationID",
        ),
        ("/components/securitySchemes/bearerAuth", "sheme"),
    ];
    for (place, typo) in typos {
        let mut broken = spec.clone();
        broken
            .pointer_mut(place)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .insert(typo.into(), json!("x"));
        let errors = strict_errors(&validator, &broken);
        assert!(!errors.is_empty(), "`{typo}` at {place} was accepted");
    }
}

#[test]
fn every_operation_has_an_operation_id_and_a_success_response() {
    let mut ids = Vec::new();
    for (file, spec) in specs() {
        for (path, item) in spec["paths"].as_object().unwrap() {
            for (verb, operation) in item.as_object().unwrap() {
                let id = operation["operationId"].as_str();
                assert!(
                    id.is_some(),
                    "{}: {verb} {path} has no operationId",
                    file.display()
                );
                ids.push(id.unwrap().to_owned());
                let responses = operation["responses"].as_object().unwrap();
                assert!(
                    responses.contains_key("200"),
                    "{}: {verb} {path}",
                    file.display()
                );
            }
        }
    }
    ids.sort();
    assert_eq!(ids, crate::BUNDLED_OPERATIONS);
}

/// OpenAPI 3.0's `nullable: true` said in JSON Schema: `null` joins the type (and the enum).
fn nullable_as_json_schema(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if object.remove("nullable") == Some(Value::Bool(true)) {
                if let Some(Value::String(kind)) = object.get("type").cloned() {
                    object.insert("type".into(), json!([kind, "null"]));
                }
                if let Some(Value::Array(values)) = object.get_mut("enum") {
                    values.push(Value::Null);
                }
            }
            object.values_mut().for_each(nullable_as_json_schema);
        }
        Value::Array(items) => items.iter_mut().for_each(nullable_as_json_schema),
        _ => {}
    }
}

/// Every example in a spec, with the JSON pointer of the schema it illustrates: a media
/// type's or parameter's `example` and `examples.*.value` illustrate its `schema`; a schema's
/// own `example` illustrates that schema.
fn examples(node: &Value, at: &str, found: &mut Vec<(String, String, Value)>) {
    let Value::Object(object) = node else {
        if let Value::Array(items) = node {
            for (i, item) in items.iter().enumerate() {
                examples(item, &format!("{at}/{i}"), found);
            }
        }
        return;
    };
    let schema_at = if object.contains_key("schema") {
        format!("{at}/schema")
    } else {
        at.to_owned()
    };
    if let Some(example) = object.get("example") {
        found.push((format!("{at}/example"), schema_at.clone(), example.clone()));
    }
    if let (Some(Value::Object(named)), true) =
        (object.get("examples"), object.contains_key("schema"))
    {
        for (name, example) in named {
            found.push((
                format!("{at}/examples/{name}"),
                schema_at.clone(),
                example["value"].clone(),
            ));
        }
    }
    for (key, child) in object {
        if key != "example" && key != "examples" {
            examples(
                child,
                &format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")),
                found,
            );
        }
    }
}

/// A JSON pointer as a URI fragment: path templates' braces are percent-encoded.
fn uri_fragment(pointer: &str) -> String {
    pointer
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '/' | '~' | '-' | '.' | '_' => c.to_string(),
            other => other
                .to_string()
                .bytes()
                .map(|b| format!("%{b:02X}"))
                .collect(),
        })
        .collect()
}

/// A validator for the schema at `pointer`, with the whole spec around it so that its
/// `#/components/...` references resolve.
fn validator_at(spec: &Value, pointer: &str) -> jsonschema::Validator {
    let mut root: Map<String, Value> = spec.as_object().unwrap().clone();
    root.insert("$ref".into(), json!(format!("#{}", uri_fragment(pointer))));
    jsonschema::options()
        .should_validate_formats(true)
        .build(&Value::Object(root))
        .unwrap_or_else(|e| panic!("schema at {pointer}: {e}"))
}

#[test]
fn every_example_validates_against_its_own_schema() {
    let mut checked = 0;
    for (file, mut spec) in specs() {
        nullable_as_json_schema(&mut spec);
        let mut found = Vec::new();
        examples(&spec, "", &mut found);
        assert!(
            found.len() >= 3,
            "{}: only {} examples",
            file.display(),
            found.len()
        );
        for (example_at, schema_at, example) in found {
            let validator = validator_at(&spec, &schema_at);
            let errors: Vec<String> = validator
                .iter_errors(&example)
                .map(|e| e.to_string())
                .collect();
            assert!(
                errors.is_empty(),
                "{}: {example_at}: {}",
                file.display(),
                errors.join("; ")
            );
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} examples checked");
}

#[test]
fn the_example_check_catches_a_wrong_example() {
    let mut spec = spec_named("via");
    nullable_as_json_schema(&mut spec);
    let response = "/paths/~1partner~1merchant~1confirm~1pay~1verify/post/responses/200/content/application~1json";
    let validator = validator_at(&spec, &format!("{response}/schema"));
    let mut example = spec
        .pointer(&format!("{response}/example"))
        .unwrap()
        .clone();
    assert!(validator.is_valid(&example));
    example["status"] = json!("PAID");
    assert!(
        !validator.is_valid(&example),
        "a status outside the enum passed"
    );
    example["status"] = json!("SUCCESS");
    example["amount"] = json!("100");
    assert!(!validator.is_valid(&example), "a string amount passed");
}
