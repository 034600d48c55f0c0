//! Spec files as URIs, for reports that link to them (SARIF, HTML).

use crate::run::SpecPaths;

/// A path as a URI: absolute paths as `file://`, relative ones relative, with `/`.
pub(super) fn artifact_uri(file: &str) -> String {
    let path = file.replace('\\', "/");
    if path.starts_with('/') {
        format!(
            "file://{}",
            percent_encoding::utf8_percent_encode(&path, PATH)
        )
    } else {
        percent_encoding::utf8_percent_encode(&path, PATH).to_string()
    }
}

/// A spec file as a report names it (relative to where the command ran, or to the source of
/// the bundled specs), as an absolute `file://` URI that opens it from anywhere.
pub(super) fn absolute_uri(file: &str, paths: &SpecPaths) -> String {
    match paths.base_of(file) {
        Some(base) => artifact_uri(&format!("{}/{file}", base.trim_end_matches('/'))),
        None => artifact_uri(file),
    }
}

/// The characters a URI path keeps as they are.
const PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');
