//! The generated clients, compared with the checked-in snapshots in `tests/snapshots/`, so
//! that a spec change shows in review as a readable diff of the client it produces.
//!
//! After changing a spec, accept the new clients with
//! `EXPECTORATE=overwrite cargo test snapshots` and review the diff.

use std::path::Path;

const GENERATED: &str = env!("OUT_DIR");

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
    for stem in &stems {
        let generated = std::fs::read_to_string(Path::new(GENERATED).join(format!("{stem}.rs")))
            .unwrap_or_else(|e| panic!("no generated client for specs/{stem}: {e}"));
        expectorate::assert_contents(format!("tests/snapshots/{stem}.rs"), &generated);
    }

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
