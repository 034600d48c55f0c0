//! How `build.rs` turns a spec into a client, and how a spec fails the build: the codegen
//! recipe the build script runs (`confirmspec_spec::codegen`), run here on specs written for
//! each case.

use confirmspec_spec::codegen;

use std::path::{Path, PathBuf};

use serde_json::json;

/// A scratch directory holding `name` with `text`, and an output directory beside it.
struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new(test: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("confirmspec-codegen-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("out")).unwrap();
        Self { dir }
    }

    fn generate(&self, name: &str, text: &str) -> Result<PathBuf, String> {
        let spec = self.dir.join(name);
        std::fs::write(&spec, text).unwrap();
        codegen::generate(&spec, &self.dir.join("out")).map_err(|e| e.to_string())
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const MINIMAL: &str = r#"openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {name: {type: string}}}
"#;

#[test]
fn every_bundled_spec_generates_a_client() {
    let scratch = Scratch::new("bundled");
    for stem in ["invoicebox", "yandex-market", "via"] {
        let out = codegen::generate(
            Path::new(&format!("specs/{stem}.yaml")),
            &scratch.dir.join("out"),
        )
        .unwrap();
        let code = std::fs::read_to_string(out).unwrap();
        assert!(code.contains("pub struct Client"), "{stem}");
    }
}

#[test]
fn a_minimal_spec_generates_and_writes_its_module() {
    let scratch = Scratch::new("minimal");
    let out = scratch.generate("my-api.yaml", MINIMAL).unwrap();
    assert_eq!(out.file_name().unwrap(), "my_api.rs");
    assert!(
        std::fs::read_to_string(out)
            .unwrap()
            .contains("pub fn get_thing")
    );
}

#[test]
fn broken_yaml_names_the_file_and_the_line() {
    let scratch = Scratch::new("yaml");
    let error = scratch
        .generate(
            "broken.yaml",
            "openapi: 3.0.3\ninfo: {title: t\npaths: {}\n",
        )
        .unwrap_err();
    assert!(error.contains("broken.yaml:3:"), "{error}");
    assert!(error.contains(": not valid YAML: "), "{error}");
}

#[test]
fn a_document_that_is_not_openapi_is_refused_with_its_file() {
    let scratch = Scratch::new("version");
    let error = scratch
        .generate("v4.yaml", &MINIMAL.replace("3.0.3", "4.0.0"))
        .unwrap_err();
    assert!(error.contains("v4.yaml:1:"), "{error}");
    assert!(
        error.contains("OpenAPI version \"4.0.0\" is not supported"),
        "{error}"
    );
    let error = scratch
        .generate("other.yaml", "title: not an API\n")
        .unwrap_err();
    assert!(
        error.contains("other.yaml:1:1: not an OpenAPI document"),
        "{error}"
    );
}

#[test]
fn every_missing_operation_id_is_listed_on_its_own_line() {
    let scratch = Scratch::new("operation-id");
    let text = MINIMAL.replace("      operationId: getThing\n", "")
        + "  /other:\n    post:\n      responses:\n        \"204\": {description: none}\n";
    let error = scratch.generate("unnamed.yaml", &text).unwrap_err();
    let lines: Vec<&str> = error.lines().collect();
    assert_eq!(lines.len(), 2, "{error}");
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("unnamed.yaml: GET /things/{id} has no operationId")),
        "{error}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("unnamed.yaml: POST /other has no operationId")),
        "{error}"
    );
}

#[test]
fn a_structural_error_names_its_place_in_the_document() {
    let scratch = Scratch::new("structure");
    let error = scratch
        .generate(
            "bad.yaml",
            &MINIMAL.replace("required: true", "required: maybe"),
        )
        .unwrap_err();
    assert!(
        error.contains("bad.yaml: not a valid OpenAPI 3.0 document at `paths./things/{id}.get.parameters[0]`: invalid type: string \"maybe\", expected a boolean"),
        "{error}"
    );
}

#[test]
fn the_view_turns_an_error_default_into_4xx_and_5xx() {
    let mut spec = json!({"paths": {"/p": {"post": {"responses": {
        "200": {"description": "ok"},
        "default": {"description": "error envelope"},
    }}, "get": {"responses": {
        "200": {"description": "ok"},
        "4XX": {"description": "kept"},
        "default": {"description": "error"},
    }}, "delete": {"responses": {"default": {"description": "the only answer"}}}}}});

    codegen::codegen_view(&mut spec);

    let post = &spec["paths"]["/p"]["post"]["responses"];
    assert_eq!(post["4XX"]["description"], "error envelope");
    assert_eq!(post["5XX"]["description"], "error envelope");
    assert!(post.get("default").is_none());
    assert_eq!(
        spec["paths"]["/p"]["get"]["responses"]["4XX"]["description"],
        "kept"
    );
    assert_eq!(
        spec["paths"]["/p"]["delete"]["responses"]["default"]["description"],
        "the only answer"
    );
}

#[test]
fn the_view_drops_the_headers_the_client_sends_itself() {
    let mut spec = json!({
        "components": {"parameters": {
            "UserAgent": {"name": "User-Agent", "in": "header", "required": true, "schema": {"type": "string"}},
            "Signature": {"name": "X-Signature", "in": "header", "schema": {"type": "string"}},
        }},
        "paths": {"/p": {
            "parameters": [{"name": "accept", "in": "header", "schema": {"type": "string"}}],
            "post": {"parameters": [
                {"$ref": "#/components/parameters/UserAgent"},
                {"$ref": "#/components/parameters/Signature"},
                {"name": "User-Agent", "in": "query", "schema": {"type": "string"}},
            ], "responses": {"200": {"description": "ok"}}},
        }},
    });

    codegen::codegen_view(&mut spec);

    assert_eq!(spec["paths"]["/p"]["parameters"], json!([]));
    assert_eq!(
        spec["paths"]["/p"]["post"]["parameters"],
        json!([{"$ref": "#/components/parameters/Signature"}, {"name": "User-Agent", "in": "query", "schema": {"type": "string"}}]),
        "only header parameters the client sends are dropped"
    );
    assert!(
        spec["components"]["parameters"].get("UserAgent").is_some(),
        "components are left as written"
    );
}

#[test]
fn the_view_keeps_the_success_member_of_a_body_that_may_be_the_error() {
    let envelope = json!({"$ref": "#/components/schemas/Envelope"});
    let mut spec = json!({
        "components": {"responses": {"Error": {"description": "error", "content":
            {"application/json": {"schema": envelope.clone()}}}}},
        "paths": {"/p": {
            "post": {"responses": {
                "200": {"description": "ok", "content": {"application/json": {"schema":
                    {"anyOf": [{"$ref": "#/components/schemas/Done"}, envelope.clone()]}}}},
                "default": {"$ref": "#/components/responses/Error"},
            }},
            "put": {"responses": {
                "200": {"description": "two successes", "content": {"application/json": {"schema":
                    {"anyOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]}}}},
                "default": {"$ref": "#/components/responses/Error"},
            }},
        }},
    });

    codegen::codegen_view(&mut spec);

    let schema = |method: &str| {
        spec["paths"]["/p"][method]["responses"]["200"]["content"]["application/json"]["schema"]
            .clone()
    };
    assert_eq!(schema("post"), json!({"$ref": "#/components/schemas/Done"}));
    assert_eq!(
        schema("put")["anyOf"].as_array().unwrap().len(),
        2,
        "no error member, kept"
    );
}

#[test]
fn the_view_lets_a_client_decode_an_optional_array_sent_as_null() {
    let mut spec = json!({"components": {"schemas": {"Errors": {
        "type": "object",
        "required": ["list"],
        "properties": {
            "list": {"type": "array", "items": {"type": "string"}},
            "optional": {"type": "array", "items": {"type": "string"}},
            "nested": {"type": "object", "properties": {
                "inner": {"type": "array", "items": {}}}},
        },
    }}}});

    codegen::codegen_view(&mut spec);

    let properties = &spec["components"]["schemas"]["Errors"]["properties"];
    assert!(
        properties["list"].get("nullable").is_none(),
        "a required array stays as it is"
    );
    assert_eq!(properties["optional"]["nullable"], true);
    assert_eq!(
        properties["nested"]["properties"]["inner"]["nullable"],
        true
    );
}

#[test]
fn the_view_drops_an_error_status_its_range_covers_with_the_same_body() {
    let body = |name: &str| {
        json!({"description": name, "content": {"application/json": {"schema":
            {"$ref": format!("#/components/schemas/{name}")}}}})
    };
    let mut spec = json!({"paths": {"/p": {"post": {"responses": {
        "200": body("Done"),
        "401": body("Error"),
        "409": body("Conflict"),
        "4XX": body("Error"),
        "500": body("Error"),
    }}}}});

    codegen::codegen_view(&mut spec);

    let responses = spec["paths"]["/p"]["post"]["responses"]
        .as_object()
        .unwrap();
    let statuses: Vec<&str> = responses.keys().map(String::as_str).collect();
    assert_eq!(
        statuses,
        ["200", "409", "4XX", "500"],
        "401 goes; 409 differs; 500 has no 5XX"
    );
}
