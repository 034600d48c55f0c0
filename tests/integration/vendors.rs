//! A vendor is one folder and one row: what adding one touches is the list in the manual's
//! "Layout" (docs/src/layout.md, the block after `<!-- vendor-files -->`), and this test holds
//! it true. For every vendor of `VENDORS`, every file of the crates' Rust sources and manifests
//! that names it in code (its spec's name in quotes, its folder's module name as a word, its
//! spec file) must be on that list, and every file on it that is not optional must exist.

use std::path::{Path, PathBuf};

use confirmspec::vendors::VENDORS;

/// The files the manual lists, with `{name}` and `{folder}` in them, and whether each is
/// optional.
fn listed() -> Vec<(String, bool)> {
    let layout = std::fs::read_to_string("docs/src/layout.md").unwrap();
    let block = layout
        .split_once("<!-- vendor-files -->\n```text\n")
        .and_then(|(_, rest)| rest.split_once("\n```"))
        .map(|(block, _)| block)
        .expect("docs/src/layout.md lists what a vendor touches after <!-- vendor-files -->");
    block
        .lines()
        .filter(|line| !line.starts_with(' '))
        .map(|line| {
            let file = line.split_whitespace().next().unwrap().to_owned();
            (file, line.ends_with("(optional)"))
        })
        .collect()
}

/// The Rust sources and manifests of every crate of the workspace.
fn sources() -> Vec<PathBuf> {
    let mut files = vec![PathBuf::from("Cargo.toml"), PathBuf::from("build.rs")];
    let mut dirs = vec![PathBuf::from("src"), PathBuf::from("examples")];
    for entry in std::fs::read_dir("crates").unwrap() {
        let krate = entry.unwrap().path();
        files.push(krate.join("Cargo.toml"));
        for dir in ["src", "examples", "benches"] {
            dirs.push(krate.join(dir));
        }
    }
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// Whether `line` of `file` names the vendor in code (comments aside).
fn names(file: &Path, line: &str, name: &str, folder: &str) -> bool {
    let code = line.trim_start();
    let toml = file.extension().is_some_and(|e| e == "toml");
    if code.starts_with("//") || (toml && code.starts_with('#')) {
        return false;
    }
    let word = |text: &str, word: &str| {
        text.match_indices(word).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            !part(before) && !part(after)
        })
    };
    code.contains(&format!("\"{name}\""))
        || code.contains(&format!("{name}.yaml"))
        || word(code, folder)
        || (toml && word(code, name))
}

#[test]
fn adding_a_vendor_touches_the_files_the_manual_lists() {
    let listed = listed();
    assert!(
        listed.iter().any(|(file, _)| file == "src/vendors/mod.rs"),
        "the list names the vendors' table"
    );
    let sources = sources();
    for vendor in &VENDORS {
        let folder = vendor.name.replace('-', "_");
        let expand = |file: &str| {
            file.replace("{name}", vendor.name)
                .replace("{folder}", &folder)
        };
        let allowed: Vec<String> = listed.iter().map(|(file, _)| expand(file)).collect();
        for (file, optional) in &listed {
            let file = expand(file);
            assert!(
                *optional || Path::new(&file).exists(),
                "{}: the manual lists {file}, which is not there",
                vendor.name
            );
        }
        let mut outside = Vec::new();
        for file in &sources {
            let text = std::fs::read_to_string(file).unwrap();
            let relative = file.to_string_lossy().into_owned();
            if let Some((number, line)) = text
                .lines()
                .enumerate()
                .find(|(_, line)| names(file, line, vendor.name, &folder))
                && !allowed.contains(&relative)
            {
                outside.push(format!("{relative}:{}: {}", number + 1, line.trim()));
            }
        }
        assert!(
            outside.is_empty(),
            "{} is named outside the files docs/src/layout.md says a vendor touches \
             (add the file to that list, or move what names the vendor into the vendor's \
             folder or row):\n{}",
            vendor.name,
            outside.join("\n")
        );
    }
}

#[test]
fn the_check_sees_a_vendor_named_in_code_and_not_in_prose() {
    let rust = Path::new("x.rs");
    let toml = Path::new("Cargo.toml");
    assert!(names(
        rust,
        "pub use vendors::{invoicebox, via};",
        "via",
        "via"
    ));
    assert!(names(
        rust,
        "    vendor!(\"yandex-market\", yandex_market),",
        "yandex-market",
        "yandex_market"
    ));
    assert!(names(toml, "via = [\"_clients\"]", "via", "via"));
    assert!(!names(rust, "/// sent via the tap", "via", "via"));
    assert!(!names(rust, "let deviation = 1;", "via", "via"));
    assert!(!names(toml, "# reached via a feature", "via", "via"));
}
