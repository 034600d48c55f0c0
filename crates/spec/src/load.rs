//! Reading a spec's files: YAML or JSON with line positions, within a budget of bytes, with
//! every `$ref` to another file (or to a schema's `$id`) bundled into the root document.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use super::convert::{self, BUNDLE_KEY};
use super::error::{LoadError, LoadErrorKind};
use super::lines::Lines;
use super::versions::{self, Narrowed, Remap, Version};
use super::{syntax, yaml};

/// A spec's files read and bundled into one document, in the one form.
pub(super) struct Loaded {
    pub document: Value,
    pub version: Version,
    pub remap: Remap,
    pub narrowed: Vec<Narrowed>,
    pub origins: Vec<(PathBuf, String)>,
    pub lines: HashMap<PathBuf, Lines>,
}

/// The file and the pointer inside it of a pointer into the bundled document.
pub(super) fn origin<'f>(
    origins: &'f [(PathBuf, String)],
    root: &'f PathBuf,
    pointer: &str,
) -> (&'f PathBuf, String) {
    let prefix = format!("/{BUNDLE_KEY}/");
    if let Some(rest) = pointer.strip_prefix(&prefix) {
        let (index, tail) = rest.split_once('/').map_or((rest, ""), |(i, t)| (i, t));
        if let Some((file, local)) = index.parse::<usize>().ok().and_then(|i| origins.get(i)) {
            let tail = if tail.is_empty() {
                String::new()
            } else {
                format!("/{tail}")
            };
            return (file, format!("{local}{tail}"));
        }
    }
    (root, pointer.to_owned())
}

pub(super) fn check_version(
    file: &Path,
    root: &Value,
    loader: &Loader,
) -> Result<Version, LoadError> {
    Version::of(root).map_err(|(pointer, problem)| LoadError {
        file: file.to_owned(),
        kind: LoadErrorKind::Version,
        position: loader
            .lines
            .get(file)
            .and_then(|l| l.line_of(pointer))
            .map(|l| (l, 1)),
        problem,
    })
}

#[derive(Default)]
pub(super) struct Loader {
    /// How many more bytes of files may be read.
    budget: u64,
    root: PathBuf,
    files: HashMap<PathBuf, Value>,
    lines: HashMap<PathBuf, Lines>,
    bundled: Vec<Value>,
    origins: Vec<(PathBuf, String)>,
    index: HashMap<(PathBuf, String), usize>,
    /// Schemas' `$id`s: the file and pointer of each.
    ids: HashMap<String, (PathBuf, String)>,
}

/// How deep a document may nest before loading refuses it.
const MAX_NESTING: usize = 256;

/// How deep flow collections may nest before the YAML scanner, whose cost grows with the
/// square of that depth, is spared the text. Generous: the parser's own limit is lower, and
/// says so with its place; this one only stops a text that would take minutes to reach it.
const MAX_FLOW_NESTING: usize = 1000;

impl Loader {
    /// A loader that reads at most `max_bytes` of files.
    pub(super) fn within(max_bytes: u64) -> Self {
        Loader {
            budget: max_bytes,
            ..Loader::default()
        }
    }

    /// Reads a file as UTF-8 text, out of the loader's budget of bytes.
    pub(super) fn read(&mut self, path: &Path) -> Result<String, LoadError> {
        use std::io::Read as _;
        let error = |problem: String| LoadError {
            file: path.to_owned(),
            kind: LoadErrorKind::Read,
            position: None,
            problem,
        };
        let file = std::fs::File::open(path).map_err(|e| error(format!("cannot read: {e}")))?;
        let mut bytes = Vec::new();
        // One byte past the budget tells a file that is too large from one that fits.
        file.take(self.budget.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| error(format!("cannot read: {e}")))?;
        if bytes.len() as u64 > self.budget {
            return Err(LoadError {
                kind: LoadErrorKind::TooLarge,
                ..error(format!(
                    "the spec and the files it references are larger than the limit of {} bytes",
                    self.budget
                ))
            });
        }
        self.budget -= bytes.len() as u64;
        String::from_utf8(bytes).map_err(|e| {
            error(format!(
                "not UTF-8 (byte offset {})",
                e.utf8_error().valid_up_to()
            ))
        })
    }

    /// Parses YAML or JSON (by content: JSON when it starts with `{`), keeping line positions.
    pub(super) fn parse(&mut self, file: &Path, text: &str) -> Result<Value, LoadError> {
        let error = |position, problem| LoadError {
            file: file.to_owned(),
            kind: LoadErrorKind::Syntax,
            position,
            problem,
        };
        let value: Value = if text.trim_start().starts_with('{') {
            serde_json::from_str(text).map_err(|e| {
                error(
                    Some((e.line(), e.column())),
                    format!("not valid JSON: {}", syntax::json_problem(&e)),
                )
            })?
        } else {
            if let Some(position) = yaml::flow_too_deep(text, MAX_FLOW_NESTING) {
                return Err(error(
                    Some(position),
                    format!("nests `[` and `{{` deeper than {MAX_FLOW_NESTING} levels"),
                ));
            }
            let deserializer = yaml_serde::Deserializer::from_str(text);
            serde::de::DeserializeSeed::deserialize(yaml::JsonValue, deserializer).map_err(|e| {
                let position = e.location().map(|l| (l.line(), l.column()));
                error(
                    position,
                    format!("not valid YAML: {}", syntax::yaml_problem(&e)),
                )
            })?
        };
        if depth(&value) > MAX_NESTING {
            return Err(error(
                None,
                format!("nests deeper than {MAX_NESTING} levels"),
            ));
        }
        self.lines.insert(file.to_owned(), Lines::index(text));
        // Only a document that names a schema by `$id` has any to index (3.0 ones never do).
        if memchr::memmem::find(text.as_bytes(), b"$id").is_some() {
            index_ids(&value, file, &mut self.ids);
        }
        Ok(value)
    }

    pub(super) fn finish(
        mut self,
        file: &Path,
        mut root: Value,
        version: Version,
    ) -> Result<Loaded, LoadError> {
        self.root = file.to_owned();
        self.files.insert(file.to_owned(), root.clone());
        self.rewrite(&mut root, file, "")?;
        if !self.bundled.is_empty() {
            let bundle: Vec<Value> = std::mem::take(&mut self.bundled);
            root.as_object_mut()
                .expect("checked to be an object")
                .insert(BUNDLE_KEY.into(), Value::Array(bundle));
        }
        let translated = versions::translate(version, &mut root).map_err(|e| {
            let root_file = file.to_owned();
            let (at_file, local) = origin(&self.origins, &root_file, &e.pointer);
            LoadError {
                file: at_file.clone(),
                kind: LoadErrorKind::Structure,
                position: self
                    .lines
                    .get(at_file)
                    .and_then(|l| l.line_of(&local))
                    .map(|l| (l, 1)),
                problem: e.problem,
            }
        })?;
        Ok(Loaded {
            document: root,
            version,
            remap: translated.remap,
            narrowed: translated.narrowed,
            origins: self.origins,
            lines: self.lines,
        })
    }

    /// Rewrites every `$ref` under `node` (found in `file`, at `pointer` there) to a pointer
    /// into the root document, loading and bundling other files as needed.
    fn rewrite(&mut self, node: &mut Value, file: &Path, pointer: &str) -> Result<(), LoadError> {
        match node {
            Value::Object(object) => {
                if let Some(Value::String(reference)) = object.get("$ref") {
                    let reference = reference.clone();
                    let internal = self.bundle(&reference, file, pointer)?;
                    object.insert("$ref".into(), Value::String(internal));
                }
                // A discriminator's mapping names schemas, or references them like `$ref`.
                if let Some(Value::Object(mapping)) = object.get_mut("mapping")
                    && pointer.ends_with("/discriminator")
                {
                    for (key, target) in mapping.iter_mut() {
                        let Value::String(reference) = target else {
                            continue;
                        };
                        let is_reference = reference.starts_with('#')
                            || reference.contains('/')
                            || [".yaml", ".yml", ".json"]
                                .iter()
                                .any(|ext| reference.ends_with(ext));
                        if is_reference {
                            let at = format!("{pointer}/mapping/{}", convert::escape(key));
                            let internal = self.bundle(&reference.clone(), file, &at)?;
                            *target = Value::String(internal);
                        }
                    }
                }
                for (key, child) in object.iter_mut() {
                    // A `$ref` inside an extension (`x-...`) is not OpenAPI's: not followed.
                    if key != "$ref" && !key.starts_with("x-") {
                        let place = format!("{pointer}/{}", convert::escape(key));
                        self.rewrite(child, file, &place)?;
                    }
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter_mut().enumerate() {
                    self.rewrite(child, file, &format!("{pointer}/{i}"))?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A problem with a reference at `pointer` in `file`, with its line when the file has
    /// one there.
    fn located(&self, (file, pointer, problem): (PathBuf, String, String)) -> LoadError {
        let position = self
            .lines
            .get(&file)
            .and_then(|l| l.line_of(&pointer))
            .map(|l| (l, 1));
        LoadError {
            file,
            kind: LoadErrorKind::Reference,
            position,
            problem,
        }
    }

    /// The root-document pointer (`#/...`) for a reference found in `file`.
    fn bundle(&mut self, reference: &str, file: &Path, at: &str) -> Result<String, LoadError> {
        let (target_file, fragment) = match reference.split_once('#') {
            Some((path, fragment)) => (path, fragment),
            None => (reference, ""),
        };
        let error = |problem: String| (file.to_owned(), at.to_owned(), problem);
        // A schema's `$id` (JSON Schema 2020-12, OpenAPI 3.1) names it: a reference to it
        // is to that place, not to a file.
        let by_id = (!target_file.is_empty())
            .then(|| self.ids.get(target_file).cloned())
            .flatten();
        let (target, pointer) = if let Some((id_file, resource)) = by_id {
            let pointer = if fragment.is_empty() || fragment.starts_with('/') {
                let inner = convert::local_pointer(&format!("#{fragment}")).unwrap_or_default();
                format!("{resource}{inner}")
            } else {
                self.files
                    .get(&id_file)
                    .and_then(|d| d.pointer(&resource))
                    .and_then(|r| anchor(r, fragment))
                    .map(|inner| format!("{resource}{inner}"))
                    .ok_or_else(|| {
                        self.located(error(format!(
                            "`$ref: {reference}`: no `$anchor: {fragment}` inside `$id: {target_file}`"
                        )))
                    })?
            };
            (id_file, pointer)
        } else {
            self.file_target(reference, target_file, fragment, file, at)?
        };
        if target == self.root {
            return Ok(format!("#{}", convert::fragment(&pointer)));
        }
        let key = (target.clone(), pointer.clone());
        if let Some(index) = self.index.get(&key) {
            return Ok(format!("#/{BUNDLE_KEY}/{index}"));
        }
        if !self.files.contains_key(&target) {
            let text = self
                .read(&target)
                .map_err(|e| self.located(error(format!("`$ref: {reference}`: {e}"))))?;
            let parsed = self.parse(&target, &text)?;
            self.files.insert(target.clone(), parsed);
        }
        let node = self.files[&target]
            .pointer(&pointer)
            .cloned()
            .ok_or_else(|| {
                self.located(error(format!(
                    "`$ref: {reference}`: {} has nothing at `{pointer}`",
                    target.display()
                )))
            })?;
        let index = self.origins.len();
        self.index.insert(key, index);
        self.origins.push((target.clone(), pointer.clone()));
        self.bundled.push(Value::Null);
        let mut node = node;
        self.rewrite(&mut node, &target, &pointer)?;
        self.bundled[index] = node;
        Ok(format!("#/{BUNDLE_KEY}/{index}"))
    }

    /// The file and pointer a reference to another file (or this one) names.
    fn file_target(
        &self,
        reference: &str,
        target_file: &str,
        fragment: &str,
        file: &Path,
        at: &str,
    ) -> Result<(PathBuf, String), LoadError> {
        let error = |problem: String| (file.to_owned(), at.to_owned(), problem);
        if target_file.contains("://") {
            return Err(self.located(error(format!(
                "`$ref: {reference}` points to a URL; only files are followed"
            ))));
        }
        let target = if target_file.is_empty() {
            file.to_owned()
        } else {
            normalize(&file.parent().unwrap_or(Path::new("")).join(target_file))
        };
        let pointer = convert::local_pointer(&format!("#{fragment}")).unwrap_or_default();
        Ok((target, pointer))
    }
}

/// The pointer, inside `resource`, of the schema whose `$anchor` (or `$dynamicAnchor`) is
/// `name`.
fn anchor(resource: &Value, name: &str) -> Option<String> {
    convert::objects(resource)
        .find(|(object, _)| {
            ["$anchor", "$dynamicAnchor"]
                .iter()
                .any(|k| object.get(*k).and_then(Value::as_str) == Some(name))
        })
        .map(|(_, pointer)| pointer)
}

/// Every `$id` in a file, and the place of the schema it names.
fn index_ids(value: &Value, file: &Path, ids: &mut HashMap<String, (PathBuf, String)>) {
    for (object, pointer) in convert::objects(value) {
        if let Some(Value::String(id)) = object.get("$id") {
            ids.entry(id.clone())
                .or_insert_with(|| (file.to_owned(), pointer));
        }
    }
}

/// How deep a value nests, without recursion.
fn depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(value, 1)];
    while let Some((node, level)) = stack.pop() {
        deepest = deepest.max(level);
        match node {
            Value::Object(object) => stack.extend(object.values().map(|v| (v, level + 1))),
            Value::Array(items) => stack.extend(items.iter().map(|v| (v, level + 1))),
            _ => {}
        }
    }
    deepest
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}
