//! Generates one typed client per spec in `specs/` with progenitor, for the vendor features
//! turned on, and, with `validator`, the bundled specs' JSON Schema documents.
//!
//! For `specs/<name>.yaml` with the feature `<name>` on, this writes
//! `OUT_DIR/<name_with_underscores>.rs`, which `src/clients/<name>.rs` includes; a service that
//! takes one client generates one. The spec files are the vendors' documentation as written;
//! what progenitor cannot take as written is adapted in `codegen::codegen_view`, and only there, on a
//! copy that nothing but the generator sees. A spec that cannot be read or generated fails the
//! build with a message that names the file and the problem.

use std::path::PathBuf;

#[cfg(feature = "_clients")]
#[path = "build/codegen.rs"]
mod codegen;
#[cfg(feature = "validator")]
#[path = "src/openapi/convert/mod.rs"]
#[allow(dead_code, unused_imports)]
mod convert;

const SPECS_DIR: &str = "specs";

fn main() {
    println!("cargo::rerun-if-changed={SPECS_DIR}");
    println!("cargo::rerun-if-changed=src/openapi/convert");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));

    let mut failed = false;
    for spec in spec_files() {
        println!("cargo::rerun-if-changed={}", spec.display());
        #[cfg(feature = "validator")]
        if let Err(problem) = schema_document(&spec, &out_dir) {
            println!("cargo::error={}: {problem}", spec.display());
            failed = true;
        }
        #[cfg(feature = "_clients")]
        if client_wanted(&spec)
            && let Err(problem) = codegen::generate(&spec, &out_dir)
        {
            // One line per problem: cargo shows `cargo::error` lines as the build's errors.
            for line in problem.lines() {
                println!("cargo::error={line}");
            }
            failed = true;
        }
    }
    if failed {
        std::process::exit(1);
    }
}

/// Whether the spec's client is wanted: its vendor feature (the file's stem) is on.
#[cfg(feature = "_clients")]
fn client_wanted(spec: &std::path::Path) -> bool {
    let Some(stem) = spec.file_stem().and_then(|s| s.to_str()) else {
        return false;
    };
    let variable = format!(
        "CARGO_FEATURE_{}",
        stem.to_ascii_uppercase().replace('-', "_")
    );
    std::env::var_os(variable).is_some()
}

/// Writes the spec's JSON Schema document (what the validator checks with) to
/// `OUT_DIR/<stem>.schema.json`, so the binary carries it ready-made.
#[cfg(feature = "validator")]
fn schema_document(spec: &std::path::Path, out_dir: &std::path::Path) -> Result<(), String> {
    let text = std::fs::read_to_string(spec).map_err(|e| format!("cannot read: {e}"))?;
    let document: serde_json::Value =
        yaml_serde::from_str(&text).map_err(|e| format!("not valid YAML: {e}"))?;
    let name = spec
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or("file name is not UTF-8")?;
    let schemas = convert::spec_document(&document, &format!("urn:confirmspec:{name}"), false)
        .map_err(|e| e.to_string())?;
    let out = out_dir.join(format!("{}.schema.json", name.replace('-', "_")));
    std::fs::write(&out, schemas.to_string())
        .map_err(|e| format!("cannot write {}: {e}", out.display()))
}

/// The `*.yaml` files of `specs/`, in name order so that the build is reproducible.
fn spec_files() -> Vec<PathBuf> {
    let entries = std::fs::read_dir(SPECS_DIR).unwrap_or_else(|e| {
        println!("cargo::error=cannot read {SPECS_DIR}/: {e}");
        std::process::exit(1);
    });
    let mut specs: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    specs.sort();
    specs
}
