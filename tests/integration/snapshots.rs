//! The generated clients, compared with the checked-in snapshots in `tests/snapshots/`, so
//! that a spec change shows in review as a readable diff of the client it produces. Each is
//! made here by the codegen recipe `build.rs` runs (`confirmspec_spec::codegen::generate`).
//!
//! After changing a spec, accept the new clients with
//! `EXPECTORATE=overwrite cargo test snapshots` and review the diff.

use std::path::Path;

#[test]
fn generated_clients_match_their_snapshots() {
    let mut stems: Vec<String> = std::fs::read_dir("specs")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .map(|path| {
            path.file_stem()
                .unwrap()
                .to_str()
                .unwrap()
                .replace('-', "_")
        })
        .collect();
    stems.sort();
    let out = std::env::temp_dir().join(format!("confirmspec-snapshots-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    for stem in &stems {
        let spec = Path::new("specs").join(format!("{}.yaml", stem.replace('_', "-")));
        let written = confirmspec_spec::codegen::generate(&spec, &out)
            .unwrap_or_else(|e| panic!("no client generated for {}: {e}", spec.display()));
        let generated = std::fs::read_to_string(written).unwrap();
        expectorate::assert_contents(format!("tests/snapshots/{stem}.rs"), &generated);
    }

    let _ = std::fs::remove_dir_all(&out);
    let mut snapshots: Vec<String> = std::fs::read_dir("tests/snapshots")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .map(|path| path.file_stem().unwrap().to_str().unwrap().to_owned())
        .collect();
    snapshots.sort();
    assert_eq!(
        snapshots, stems,
        "a snapshot without a spec, or a spec without a snapshot"
    );
}
