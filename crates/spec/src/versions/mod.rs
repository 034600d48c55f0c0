//! Which OpenAPI version a document is written in, and its translation into the one form the
//! rest of confirmspec reads.
//!
//! Every module after loading (the validator, the mock, `diff`, `generate`, the schema
//! conversion) reads one form of document: OpenAPI 3.0's structure (`paths`, `components`,
//! `requestBody`, `content`, `securitySchemes`, `servers`), with 3.0's `nullable`, boolean
//! exclusive bounds and `example`, plus, in a 3.1 document's schemas, the JSON Schema 2020-12
//! keywords 3.0 lacks. A 3.0 document is that form already. A 3.1 (or 3.2) document is
//! brought to it by [`v31`]: `type: [X, "null"]` becomes `type: X, nullable: true`, numeric
//! exclusive bounds become 3.0's, `const` an `enum` of one, `examples` lends its first item to
//! `example`, a `$ref` with constraints beside it an `allOf`, `$dynamicRef` and `$anchor`
//! references plain pointers. A Swagger 2.0 document is converted by [`swagger2`].
//!
//! Where a translation moves a part of the document, a [`Remap`] records it, so that a
//! violation names the place in the file as written.

mod swagger2;
mod v31;

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

/// The version of OpenAPI a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Version {
    /// Swagger 2.0, read by conversion to 3.0.
    Swagger2,
    /// OpenAPI 3.0.x.
    V30,
    /// OpenAPI 3.1.x, whose schemas are JSON Schema 2020-12.
    V31,
    /// OpenAPI 3.2.x, read as 3.1 (what 3.2 adds beyond it is not read).
    V32,
}

impl Version {
    /// Whether schemas are JSON Schema 2020-12 as written (3.1 and later).
    pub fn json_schema_2020(self) -> bool {
        matches!(self, Version::V31 | Version::V32)
    }

    /// Reads the version field of a document's root, or says why it cannot be read.
    pub(crate) fn of(root: &Value) -> Result<Version, (&'static str, String)> {
        if !root.is_object() {
            return Err((
                "",
                "not an OpenAPI document: the top level is not a mapping".into(),
            ));
        }
        match (root.get("openapi"), root.get("swagger")) {
            (Some(Value::String(v)), _) if v.starts_with("3.0.") => Ok(Version::V30),
            (Some(Value::String(v)), _) if v.starts_with("3.1.") => Ok(Version::V31),
            (Some(Value::String(v)), _) if v.starts_with("3.2.") => Ok(Version::V32),
            (Some(other), _) => Err((
                "/openapi",
                format!(
                    "OpenAPI version {other} is not supported: confirmspec reads 2.0, 3.0.x, \
                     3.1.x and 3.2.x"
                ),
            )),
            (None, Some(v)) if v == "2.0" => Ok(Version::Swagger2),
            (None, Some(other)) => Err((
                "/swagger",
                format!("Swagger version {other} is not supported: confirmspec reads 2.0"),
            )),
            (None, None) => Err((
                "",
                "not an OpenAPI document: no `openapi` (or `swagger`) version field".into(),
            )),
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Version::Swagger2 => "Swagger 2.0",
            Version::V30 => "OpenAPI 3.0",
            Version::V31 => "OpenAPI 3.1",
            Version::V32 => "OpenAPI 3.2",
        })
    }
}

/// Where parts of a translated document were in the document as written: pairs of
/// (pointer in the translation, pointer as written), longest first.
#[derive(Debug, Clone, Default)]
pub struct Remap {
    moves: Vec<(String, String)>,
}

impl Remap {
    /// Records that what is now at `now` was written at `written`.
    pub(crate) fn moved(&mut self, now: impl Into<String>, written: impl Into<String>) {
        self.moves.push((now.into(), written.into()));
    }

    fn seal(&mut self) {
        self.moves
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        self.moves.dedup_by(|a, b| a.0 == b.0);
    }

    /// The pointer, as written, of a pointer into the translated document.
    pub fn written<'p>(&self, pointer: &'p str) -> Cow<'p, str> {
        for (now, written) in &self.moves {
            if let Some(rest) = pointer.strip_prefix(now.as_str())
                && (rest.is_empty() || rest.starts_with('/'))
            {
                return Cow::Owned(format!("{written}{rest}"));
            }
        }
        Cow::Borrowed(pointer)
    }

    /// Whether nothing moved.
    pub fn is_empty(&self) -> bool {
        self.moves.is_empty()
    }
}

/// A part of a document the one form reads more narrowly than its version means it. The
/// validator reads it so; a client generated from the 3.0 view could not say it at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narrowed {
    /// Its pointer in [`Spec::document`](crate::Spec::document) (a spec's `source_of` and
    /// `written_pointer` place it in the file).
    pub pointer: String,
    /// What was read narrowly.
    pub kind: NarrowedKind,
}

/// The kinds of [`Narrowed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NarrowedKind {
    /// A 2020-12 `$dynamicRef`, read as a plain reference to its default target (or, with no
    /// anchor of that name in the document, dropped).
    DynamicReference,
}

/// A document in the one form: where the translation moved parts, and what it read narrowly.
#[derive(Debug, Clone, Default)]
pub(crate) struct Translated {
    pub remap: Remap,
    pub narrowed: Vec<Narrowed>,
}

/// A document that cannot be translated: the place as written, and the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Untranslatable {
    pub pointer: String,
    pub problem: String,
}

/// Brings a loaded document (external references already bundled in) to the one form, in
/// place, and says where it moved things and what it read narrowly.
pub(crate) fn translate(
    version: Version,
    document: &mut Value,
) -> Result<Translated, Untranslatable> {
    let mut translated = Translated::default();
    match version {
        Version::V30 => {}
        Version::V31 | Version::V32 => v31::translate(document, &mut translated)?,
        Version::Swagger2 => swagger2::translate(document, &mut translated.remap)?,
    }
    translated.remap.seal();
    Ok(translated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn versions_are_read_from_the_root_and_unknown_ones_named() {
        assert_eq!(Version::of(&json!({"openapi": "3.0.3"})), Ok(Version::V30));
        assert_eq!(Version::of(&json!({"openapi": "3.1.1"})), Ok(Version::V31));
        assert_eq!(Version::of(&json!({"openapi": "3.2.0"})), Ok(Version::V32));
        assert_eq!(
            Version::of(&json!({"swagger": "2.0"})),
            Ok(Version::Swagger2)
        );
        let (at, problem) = Version::of(&json!({"openapi": "4.0.0"})).unwrap_err();
        assert_eq!(at, "/openapi");
        assert!(problem.contains("4.0.0"), "{problem}");
        assert!(Version::of(&json!({"swagger": "1.2"})).is_err());
        assert!(Version::of(&json!([])).is_err());
    }

    #[test]
    fn a_moved_pointer_is_written_back_by_its_longest_move() {
        let mut remap = Remap::default();
        remap.moved("/components/schemas", "/definitions");
        remap.moved("/paths/~1a/get/requestBody", "/paths/~1a/get/parameters/0");
        remap.moved(
            "/paths/~1a/get/requestBody/content/application~1json/schema",
            "/paths/~1a/get/parameters/0/schema",
        );
        remap.seal();
        assert_eq!(
            remap.written("/components/schemas/Pet/properties/id"),
            "/definitions/Pet/properties/id"
        );
        assert_eq!(
            remap.written("/components/schemasX"),
            "/components/schemasX"
        );
        assert_eq!(
            remap.written("/paths/~1a/get/requestBody/content/application~1json/schema/type"),
            "/paths/~1a/get/parameters/0/schema/type"
        );
        assert_eq!(
            remap.written("/paths/~1a/get/requestBody/required"),
            "/paths/~1a/get/parameters/0/required"
        );
        assert_eq!(remap.written("/info"), "/info");
    }
}
