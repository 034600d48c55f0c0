//! Generates one typed client per spec in `specs/` with progenitor.
//!
//! For every `specs/<name>.yaml` this writes `OUT_DIR/<name_with_underscores>.rs`, which
//! `src/clients/<name>.rs` includes. The spec files are the vendors' documentation as written;
//! what progenitor cannot take as written is adapted in `codegen::codegen_view`, and only there, on a
//! copy that nothing but the generator sees. A spec that cannot be read or generated fails the
//! build with a message that names the file and the problem.

use std::path::PathBuf;

#[path = "build/codegen.rs"]
mod codegen;

const SPECS_DIR: &str = "specs";

fn main() {
    println!("cargo::rerun-if-changed={SPECS_DIR}");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));

    let mut failed = false;
    for spec in spec_files() {
        println!("cargo::rerun-if-changed={}", spec.display());
        if let Err(problem) = codegen::generate(&spec, &out_dir) {
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
