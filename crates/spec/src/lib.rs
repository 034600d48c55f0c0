//! OpenAPI documents (Swagger 2.0, OpenAPI 3.0, 3.1 and 3.2), read once: YAML or JSON, one
//! file or many joined by relative `$ref`s, or a text given with its name.
//!
//! A loaded [`Spec`] is one self-contained JSON document: `$ref`s to other files are copied
//! into it under `/x-confirmspec-bundle/<n>` (their origin kept for reports), so everything
//! after loading resolves references with a JSON pointer. Whatever its version, the document
//! is then in one form ([`versions`]): what reads a spec reads that form only. [`model`] reads
//! its operations, [`convert`] its schemas as JSON Schema 2020-12, [`diff`] what changed
//! between two versions of it; with the `codegen` feature, [`codegen`] makes the view of a
//! spec progenitor generates a client from.
#![deny(missing_docs)]

#[cfg(feature = "codegen")]
pub mod codegen;
pub mod convert;
pub mod diff;
mod error;
pub mod example;
mod lines;
mod load;
pub mod model;
mod subschemas;
pub mod syntax;
pub mod versions;
mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

pub use convert::resolve;
pub use error::{LoadError, LoadErrorKind};
pub use lines::Lines;
use load::{Loaded, Loader, check_version, origin};
pub use versions::{Narrowed, NarrowedKind, Remap, Version};

/// A loaded OpenAPI document, in the one form every version is read into.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The spec's name: its file stem (`invoicebox`, `yandex-market`, `via` for the bundled
    /// ones). Reports and options use it.
    pub name: String,
    /// The root file, as given.
    pub file: PathBuf,
    /// The whole document, external references bundled in, in the one form ([`versions`]).
    pub document: Value,
    /// The version the document is written in.
    pub version: Version,
    /// Where the translation to the one form moved parts of the document.
    pub remap: Remap,
    /// What the translation to the one form read more narrowly than the version means it.
    pub narrowed: Vec<Narrowed>,
    /// For each bundled external reference, its file and pointer there, by bundle index.
    pub origins: Vec<(PathBuf, String)>,
    /// Its operations, read once at load ([`model`]).
    operations: Vec<model::Operation>,
    /// What of its operations could not be read.
    model_problems: Vec<model::ModelError>,
    lines: HashMap<PathBuf, Lines>,
    bundled: Option<Bundled>,
}

/// What a spec compiled into a program carries besides its text.
#[derive(Debug, Clone, Copy)]
struct Bundled {
    /// Its JSON Schema document, made at build time ([`spec_document`](convert::spec_document),
    /// not strict).
    schemas: &'static str,
    /// The directory its file name is relative to: the source it was built from.
    source: &'static str,
}

impl Spec {
    fn of(name: String, file: &Path, loaded: Loaded) -> Spec {
        let (operations, model_problems) = model::read(&loaded.document);
        Spec {
            operations,
            model_problems,
            name,
            file: file.to_owned(),
            document: loaded.document,
            version: loaded.version,
            remap: loaded.remap,
            narrowed: loaded.narrowed,
            origins: loaded.origins,
            lines: loaded.lines,
            bundled: None,
        }
    }

    /// A spec compiled into a program: its name, its file (relative to `source`, the
    /// directory it was built from), its text, and the JSON Schema document a build script
    /// made of it with [`convert::spec_document`] (not strict), which the validator then
    /// takes instead of converting the spec again.
    pub fn bundled(
        name: &str,
        file: &str,
        text: &str,
        schemas: &'static str,
        source: &'static str,
    ) -> Result<Spec, LoadError> {
        let mut spec = Spec::from_text(name, Path::new(file), text)?;
        spec.bundled = Some(Bundled { schemas, source });
        Ok(spec)
    }

    /// The spec's operations, read once when it was loaded, in the document's order (each with
    /// `spec` 0: a reader of several specs numbers them).
    pub fn operations(&self) -> &[model::Operation] {
        &self.operations
    }

    /// The parts of the spec's paths that could not be read as operations (a path that does
    /// not start with `/`, an operation that is not a mapping, one without `responses`): a
    /// reader that needs the whole document (the validator) refuses the spec for the first;
    /// one that compares documents (`diff`) goes on with what could be read.
    pub fn model_problems(&self) -> &[model::ModelError] {
        &self.model_problems
    }

    /// The JSON Schema document made of a bundled spec at build time.
    pub fn prebuilt_schemas(&self) -> Option<&'static str> {
        self.bundled.map(|b| b.schemas)
    }

    /// For a bundled spec, the directory its file name is relative to (the source it was
    /// built from; the machine running it may not have it).
    pub fn bundled_source(&self) -> Option<&'static str> {
        self.bundled.map(|b| b.source)
    }

    /// The names of the spec's component schemas (`#/components/schemas/NAME`), in the
    /// document's order.
    pub fn schema_names(&self) -> impl Iterator<Item = &str> {
        self.document
            .pointer("/components/schemas")
            .and_then(serde_json::Value::as_object)
            .into_iter()
            .flat_map(|schemas| schemas.keys().map(String::as_str))
    }

    /// Loads a spec from a file, with every file it references, up to
    /// [`Spec::MAX_BYTES`] of them in all.
    pub fn load(path: &Path) -> Result<Spec, LoadError> {
        Spec::load_within(path, Spec::MAX_BYTES)
    }

    /// The most bytes [`Spec::load`] reads of a spec and the files it references: more than
    /// the largest public API descriptions (Stripe's, about 7 MB of JSON), less than a
    /// mistake (a capture given as a spec) can cost.
    pub const MAX_BYTES: u64 = 64 << 20;

    /// Loads a spec from a file, with every file it references, refusing to read more than
    /// `max_bytes` of them in all.
    pub fn load_within(path: &Path, max_bytes: u64) -> Result<Spec, LoadError> {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .map(|s| s.strip_suffix(".openapi").unwrap_or(s).to_owned())
            .unwrap_or_else(|| "spec".to_owned());
        let mut loader = Loader::within(max_bytes);
        let text = loader.read(path)?;
        let root = loader.parse(path, &text)?;
        let version = check_version(path, &root, &loader)?;
        loader
            .finish(path, root, version)
            .map(|loaded| Spec::of(name, path, loaded))
    }

    /// Loads a spec from text (no other files can be referenced).
    pub fn from_text(name: &str, file: &Path, text: &str) -> Result<Spec, LoadError> {
        let mut loader = Loader::default();
        let root = loader.parse(file, text)?;
        let version = check_version(file, &root, &loader)?;
        loader
            .finish(file, root, version)
            .map(|loaded| Spec::of(name.to_owned(), file, loaded))
    }

    /// The file and line of a JSON pointer into [`Spec::document`], where it is known.
    pub fn source_of(&self, pointer: &str) -> Option<(&Path, usize)> {
        let (file, local) = self.origin_of(pointer);
        let line = self.lines.get(file)?.line_of(&local)?;
        Some((file.as_path(), line))
    }

    /// The file and the pointer inside it that a document pointer comes from (as written,
    /// before the translation to the one form).
    pub fn origin_of(&self, pointer: &str) -> (&PathBuf, String) {
        origin(&self.origins, &self.file, &self.remap.written(pointer))
    }

    /// The pointer, in the document as written, of a pointer into [`Spec::document`].
    pub fn written_pointer<'p>(&self, pointer: &'p str) -> std::borrow::Cow<'p, str> {
        self.remap.written(pointer)
    }
}

/// The key of an operation's `responses` that documents `status`: the exact code, then its
/// range (`4XX`, any case), then `default` (OpenAPI 3.0, "Responses Object").
pub fn covering_status<'k>(
    keys: impl Iterator<Item = &'k str> + Clone,
    status: u16,
) -> Option<&'k str> {
    let exact = |key: &str| key.parse::<u16>() == Ok(status);
    let range = |key: &str| {
        key.len() == 3
            && key[1..].eq_ignore_ascii_case("XX")
            && key[..1].parse::<u16>() == Ok(status / 100)
    };
    keys.clone()
        .find(|k| exact(k))
        .or_else(|| keys.clone().find(|k| range(k)))
        .or_else(|| keys.clone().find(|k| *k == "default"))
}

#[cfg(test)]
mod tests {
    use super::covering_status;

    #[test]
    fn a_status_is_documented_by_itself_then_its_range_then_default() {
        let keys = ["default", "4xx", "404", "200"];
        let cover = |status| covering_status(keys.iter().copied(), status);
        assert_eq!(cover(404), Some("404"));
        assert_eq!(cover(409), Some("4xx"));
        assert_eq!(cover(503), Some("default"));
        assert_eq!(cover(200), Some("200"));
        assert_eq!(covering_status(["200", "4XX"].into_iter(), 500), None);
    }
}
