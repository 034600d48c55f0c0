//! Typed clients from any version: the codegen recipe reads what the spec crate reads, so a
//! 3.1 document and a Swagger 2.0 one become clients that compile, and what OpenAPI 3.0 cannot
//! say fails the generation with its file and line.

use std::path::{Path, PathBuf};
use std::process::Command;

use confirmspec_spec::Spec;
use confirmspec_spec::codegen::{self, CodegenError, UnsayableKind};

/// A public 3.1 document, and a Swagger 2.0 one written here (`tests/data/README.md` says
/// whence): the public 2.0 Petstore uploads a file as `multipart/form-data`, which the
/// generator cannot send (see below).
const DOCUMENTS: [(&str, &str); 2] = [
    ("museum", "tests/data/versions/museum-3.1.yaml"),
    ("orders", "tests/data/codegen/orders-2.0.yaml"),
];

/// A crate of its own under `target/`, outside the workspace, holding the generated clients.
fn scratch_crate(modules: &[(&str, String)]) -> PathBuf {
    let dir = crate::root().join("target/codegen-versions");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let root = crate::root();
    let manifest = format!(
        r#"[package]
name = "codegen-versions"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
confirmspec = {{ path = {root:?}, default-features = false }}
progenitor-client = "0.15.1"
reqwest = {{ version = "0.13", default-features = false, features = ["json"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
chrono = {{ version = "0.4", default-features = false, features = ["serde", "std"] }}
regress = "0.12"
uuid = {{ version = "1", default-features = false, features = ["serde", "std"] }}
"#
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    // The workspace's lock: the same versions, which `--offline` finds already downloaded.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    // The clients' inner type is confirmspec's `clients::Hooks` (their credentials and retries,
    // which need a vendor feature and its TLS stack); a generated client only carries it.
    let mut lib = String::from(
        "pub use confirmspec::Secret;\npub mod clients {\n    #[derive(Debug, Clone)]\n    pub struct Hooks;\n}\n",
    );
    for (name, code) in modules {
        std::fs::write(dir.join(format!("src/{name}.rs")), code).unwrap();
        lib.push_str(&format!(
            "#[allow(warnings, clippy::all)]\npub mod {name} {{\n    include!(\"{name}.rs\");\n    impl progenitor_client::ClientHooks<crate::clients::Hooks> for Client {{}}\n}}\n"
        ));
    }
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    dir
}

#[test]
fn clients_generated_from_a_3_1_and_a_2_0_document_compile() {
    let modules: Vec<(&str, String)> = DOCUMENTS
        .iter()
        .map(|(name, file)| {
            let spec = Spec::load(Path::new(file)).unwrap();
            let code =
                codegen::client_code(&spec).unwrap_or_else(|e| panic!("{file}: no client: {e}"));
            assert!(code.contains("pub struct Client"), "{file}");
            (*name, code)
        })
        .collect();
    // What each version says reaches the client: the museum's operations; 2.0's body
    // parameter, form parameter (a password: a `Secret`), definitions and `x-nullable`.
    assert!(modules[0].1.contains("pub fn get_museum_hours"));
    let orders = &modules[1].1;
    for expected in [
        "pub fn create_order",
        "pub fn confirm_order",
        "pub struct NewOrder",
        "pub code: crate::Secret",
        "pub note: ::std::option::Option<::std::string::String>",
    ] {
        assert!(orders.contains(expected), "no `{expected}` in:\n{orders}");
    }

    let dir = scratch_crate(&modules);
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["check", "--offline", "--quiet", "--lib"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the generated clients do not compile:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A 3.1 document with each thing 3.0 cannot say, and one thing it can (`[T, null]`).
const UNSAYABLE: &str = r##"openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /points:
    get:
      operationId: getPoint
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Point"}
components:
  schemas:
    Point:
      $dynamicAnchor: point
      type: object
      properties:
        name:
          type: [string, "null"]
        xy:
          type: array
          prefixItems: [{type: number}, {type: number}]
        id:
          type: [string, integer]
        next:
          $dynamicRef: "#point"
"##;

#[test]
fn what_3_0_cannot_say_fails_with_its_file_and_line() {
    let dir = std::env::temp_dir().join(format!("confirmspec-unsayable-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("points.yaml");
    std::fs::write(&file, UNSAYABLE).unwrap();
    let error = codegen::generate(&file, &dir).unwrap_err();
    let CodegenError::Unsayable(found) = &error else {
        panic!("not refused for what 3.0 cannot say: {error}");
    };
    let found: Vec<(Option<usize>, &str, &UnsayableKind)> = found
        .iter()
        .map(|u| {
            assert_eq!(u.file, file);
            (u.line, u.pointer.as_str(), &u.kind)
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                Some(25),
                "/components/schemas/Point/properties/id/type",
                &UnsayableKind::TypeList(vec!["string".into(), "integer".into()])
            ),
            (
                Some(27),
                "/components/schemas/Point/properties/next/$dynamicRef",
                &UnsayableKind::DynamicReference
            ),
            (
                Some(23),
                "/components/schemas/Point/properties/xy/prefixItems",
                &UnsayableKind::Tuple
            ),
        ]
    );
    // Said one per line, each naming the file and the line, as a build script prints them.
    let message = error.to_string();
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 3, "{message}");
    assert!(
        lines[2].starts_with(&format!(
            "{}:23: /components/schemas/Point/properties/xy/prefixItems: `prefixItems` (a tuple) cannot be said in OpenAPI 3.0",
            file.display()
        )),
        "{message}"
    );
    assert!(!dir.join("points.rs").exists(), "no client is written");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_3_1_nullable_type_becomes_an_option_in_the_client() {
    let text = UNSAYABLE
        .replace("        id:\n          type: [string, integer]\n", "")
        .replace("        next:\n          $dynamicRef: \"#point\"\n", "")
        .replace(
            "          prefixItems: [{type: number}, {type: number}]\n",
            "          items: {type: number}\n",
        );
    let spec = Spec::from_text("points", Path::new("points.yaml"), &text).unwrap();
    let code = codegen::client_code(&spec).unwrap();
    assert!(
        code.contains("pub name: ::std::option::Option<::std::string::String>"),
        "{code}"
    );
}

#[test]
fn a_body_the_generator_cannot_send_is_named_by_its_operation_and_line() {
    let file = Path::new("tests/data/versions/petstore-2.0.yaml");
    let spec = Spec::load(file).unwrap();
    let error = codegen::client_code(&spec).unwrap_err();
    let CodegenError::Unsayable(found) = &error else {
        panic!("not refused: {error}");
    };
    assert_eq!(found.len(), 1, "{error}");
    let upload = &found[0];
    assert_eq!(upload.file, file);
    // Swagger 2.0 says it with `formData` parameters: the place is the first of them.
    assert_eq!(
        upload.pointer,
        "/paths/~1pet~1{petId}~1uploadImage/post/parameters/1"
    );
    let line = upload.line.expect("a line");
    let text = std::fs::read_to_string(file).unwrap();
    assert!(
        text.lines()
            .nth(line - 1)
            .unwrap()
            .contains("name: additionalMetadata")
            || text.lines().nth(line - 1).unwrap().contains("- name:"),
        "line {line}: {}",
        text.lines().nth(line - 1).unwrap()
    );
    assert_eq!(
        upload.kind,
        UnsayableKind::BodyMediaTypes(vec!["multipart/form-data".into()])
    );
}

#[test]
fn what_progenitor_does_not_implement_is_an_error_naming_the_file_not_a_panic() {
    // A form body with an `encoding`: progenitor 0.15 stops on it with `todo!`.
    let text = r#"openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /forms:
    post:
      operationId: sendForm
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {tags: {type: array, items: {type: string}}}}
            encoding:
              tags: {style: form, explode: true}
      responses:
        "204": {description: sent}
"#;
    let spec = Spec::from_text("forms", Path::new("forms.yaml"), text).unwrap();
    let error = codegen::client_code(&spec).unwrap_err();
    assert!(
        matches!(error, CodegenError::Unimplemented { .. }),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .starts_with("forms.yaml: progenitor cannot generate a client: it stopped on"),
        "{error}"
    );
}
