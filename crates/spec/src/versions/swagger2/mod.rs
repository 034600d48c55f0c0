//! Swagger 2.0 to the one form (OpenAPI 3.0's structure), as the OpenAPI Initiative's
//! upgrade notes map it:
//!
//! - `host`, `basePath` and `schemes` become `servers`;
//! - `definitions`, `parameters`, `responses` and `securityDefinitions` move under
//!   `components` (`schemas`, `parameters`, `responses`, `securitySchemes`), their `$ref`s
//!   with them;
//! - an `in: body` parameter becomes the `requestBody`, one entry of `content` per media type
//!   the operation `consumes`; `in: formData` parameters become the properties of one object
//!   schema, under `multipart/form-data` and/or `application/x-www-form-urlencoded`;
//! - other parameters keep their place, their type keywords moved into `schema` and
//!   `collectionFormat` said as `style`/`explode` (`csv` is not exploded);
//! - a response's `schema` goes under each media type the operation `produces`, its
//!   `headers` get schemas, its `examples` become each media type's `example`;
//! - `type: file` is a binary string, `x-nullable` is `nullable`, a `discriminator` names its
//!   property.
//!
//! Parameters given by `$ref` are written out in each operation (a body parameter cannot stay a
//! parameter). Every moved part is recorded in the [`Remap`], so violations give the line of
//! the 2.0 file.

use serde_json::{Map, Value, json};

mod parts;

use parts::{schema_words, security_scheme, servers, simple_schema};

use super::{Remap, Untranslatable};
use crate::convert::{escape, is_method, resolve_pointer};

pub(super) fn translate(document: &mut Value, remap: &mut Remap) -> Result<(), Untranslatable> {
    let original = std::mem::take(document);
    let Value::Object(root) = &original else {
        unreachable!("the version was read from an object")
    };
    let text_list = |key: &str| -> Vec<String> {
        root.get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect()
    };
    let defaults = Defaults {
        consumes: text_list("consumes"),
        produces: text_list("produces"),
    };
    let mut out = Map::new();
    out.insert("openapi".into(), json!("3.0.3"));
    for (key, value) in root {
        let kept = matches!(key.as_str(), "info" | "tags" | "externalDocs" | "security")
            || key.starts_with("x-");
        if kept {
            out.insert(key.clone(), value.clone());
        }
    }
    out.insert("servers".into(), servers(root));

    let mut converter = Converter {
        document: &original,
        remap,
        defaults,
    };
    let mut paths = Map::new();
    for (path, item) in root
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let at = format!("/paths/{}", escape(path));
        paths.insert(path.clone(), converter.path_item(item, &at)?);
    }
    out.insert("paths".into(), Value::Object(paths));

    let mut components = Map::new();
    if let Some(definitions) = root.get("definitions") {
        components.insert("schemas".into(), definitions.clone());
        converter.remap.moved("/components/schemas", "/definitions");
    }
    if let Some(Value::Object(parameters)) = root.get("parameters") {
        let mut kept = Map::new();
        for (name, parameter) in parameters {
            // Body and form parameters are written out where they are used.
            if matches!(
                parameter.get("in").and_then(Value::as_str),
                Some("body" | "formData")
            ) {
                continue;
            }
            let at = format!("/parameters/{}", escape(name));
            let now = format!("/components/parameters/{}", escape(name));
            kept.insert(name.clone(), converter.parameter(parameter, &now, &at));
        }
        components.insert("parameters".into(), Value::Object(kept));
    }
    if let Some(Value::Object(responses)) = root.get("responses") {
        let mut converted = Map::new();
        for (name, response) in responses {
            let at = format!("/responses/{}", escape(name));
            let now = format!("/components/responses/{}", escape(name));
            converted.insert(name.clone(), converter.response(response, &now, &at, None));
        }
        components.insert("responses".into(), Value::Object(converted));
    }
    if let Some(Value::Object(schemes)) = root.get("securityDefinitions") {
        let converted = schemes
            .iter()
            .map(|(name, scheme)| (name.clone(), security_scheme(scheme)))
            .collect();
        components.insert("securitySchemes".into(), Value::Object(converted));
        converter
            .remap
            .moved("/components/securitySchemes", "/securityDefinitions");
    }
    out.insert("components".into(), Value::Object(components));
    if let Some(bundle) = root.get(crate::convert::BUNDLE_KEY) {
        out.insert(crate::convert::BUNDLE_KEY.into(), bundle.clone());
    }
    let mut out = Value::Object(out);
    schema_words(&mut out);
    *document = out;
    Ok(())
}

/// A parameter (or response) as found, and the pointer it is written at.
type Listed = (Value, String);

struct Defaults {
    consumes: Vec<String>,
    produces: Vec<String>,
}

struct Converter<'d, 'r> {
    document: &'d Value,
    remap: &'r mut Remap,
    defaults: Defaults,
}

impl Converter<'_, '_> {
    /// What is at `at` (a parameter, say), its `$ref`s followed to where it is written.
    fn resolved(&self, at: &str) -> Listed {
        let written = resolve_pointer(self.document, at);
        let node = self
            .document
            .pointer(&written)
            .cloned()
            .unwrap_or(Value::Null);
        (node, written)
    }

    fn path_item(&mut self, item: &Value, at: &str) -> Result<Value, Untranslatable> {
        let Value::Object(item) = item else {
            return Err(Untranslatable {
                pointer: at.to_owned(),
                problem: "a path item must be a mapping".into(),
            });
        };
        let mut out = Map::new();
        let shared: Vec<Listed> = item
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, _)| self.resolved(&format!("{at}/parameters/{i}")))
            .collect();
        let (plain, _) = split(&shared);
        if !plain.is_empty() {
            let list = self.parameters(&plain, &format!("{at}/parameters"));
            out.insert("parameters".into(), list);
        }
        for (key, value) in item {
            if is_method(key) {
                let place = format!("{at}/{key}");
                out.insert(key.clone(), self.operation(value, &place, &shared)?);
            } else if key.starts_with("x-") || key == "summary" || key == "description" {
                out.insert(key.clone(), value.clone());
            }
        }
        Ok(Value::Object(out))
    }

    fn operation(
        &mut self,
        operation: &Value,
        at: &str,
        shared: &[Listed],
    ) -> Result<Value, Untranslatable> {
        let Value::Object(operation) = operation else {
            return Err(Untranslatable {
                pointer: at.to_owned(),
                problem: "an operation must be a mapping".into(),
            });
        };
        let list = |key: &str, default: &[String]| -> Vec<String> {
            match operation.get(key).and_then(Value::as_array) {
                Some(list) => list
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect(),
                None => default.to_vec(),
            }
        };
        let consumes = list("consumes", &self.defaults.consumes);
        let produces = list("produces", &self.defaults.produces);
        let mut out = Map::new();
        for (key, value) in operation {
            let kept = matches!(
                key.as_str(),
                "tags"
                    | "summary"
                    | "description"
                    | "externalDocs"
                    | "operationId"
                    | "deprecated"
                    | "security"
            ) || key.starts_with("x-");
            if kept {
                out.insert(key.clone(), value.clone());
            }
        }
        let own: Vec<Listed> = operation
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, _)| self.resolved(&format!("{at}/parameters/{i}")))
            .collect();
        // The path item's parameters apply where the operation does not name them again.
        let key = |p: &Value| (p.get("name").cloned(), p.get("in").cloned());
        let inherited = shared
            .iter()
            .filter(|(p, _)| !own.iter().any(|(o, _)| key(o) == key(p)));
        let all: Vec<Listed> = own.iter().cloned().chain(inherited.cloned()).collect();
        let (_, bodies) = split(&all);
        let own_plain: Vec<Listed> = split(&own).0;
        if !own_plain.is_empty() {
            let converted = self.parameters(&own_plain, &format!("{at}/parameters"));
            out.insert("parameters".into(), converted);
        }
        if let Some(body) = self.request_body(&bodies, &consumes, &format!("{at}/requestBody")) {
            out.insert("requestBody".into(), body);
        }
        let mut responses = Map::new();
        for (status, response) in operation
            .get("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let written = format!("{at}/responses/{}", escape(status));
            let converted = match response.get("$ref").and_then(Value::as_str) {
                Some(reference) => json!({ "$ref": reference }),
                None => self.response(response, &written, &written, Some(&produces)),
            };
            responses.insert(status.clone(), converted);
        }
        out.insert("responses".into(), Value::Object(responses));
        Ok(Value::Object(out))
    }

    /// Non-body parameters, each where its list puts it, recorded as moved from where written.
    fn parameters(&mut self, list: &[Listed], now: &str) -> Value {
        let converted = list
            .iter()
            .enumerate()
            .map(|(i, (parameter, written))| {
                self.parameter(parameter, &format!("{now}/{i}"), written)
            })
            .collect();
        Value::Array(converted)
    }

    fn parameter(&mut self, parameter: &Value, now: &str, written: &str) -> Value {
        self.remap.moved(now, written);
        self.remap.moved(format!("{now}/schema"), written);
        let Value::Object(parameter) = parameter else {
            return parameter.clone();
        };
        let location = parameter
            .get("in")
            .and_then(Value::as_str)
            .unwrap_or("query");
        let mut out = Map::new();
        for key in [
            "name",
            "in",
            "description",
            "required",
            "allowEmptyValue",
            "deprecated",
        ] {
            if let Some(value) = parameter.get(key) {
                out.insert(key.into(), value.clone());
            }
        }
        for (key, value) in parameter {
            if key.starts_with("x-") && key != "x-nullable" {
                out.insert(key.clone(), value.clone());
            }
        }
        out.insert(
            "schema".into(),
            simple_schema(&Value::Object(parameter.clone())),
        );
        if parameter.get("type").and_then(Value::as_str) == Some("array") {
            let format = parameter
                .get("collectionFormat")
                .and_then(Value::as_str)
                .unwrap_or("csv");
            let (style, explode) = match (format, location) {
                ("multi", _) => ("form", true),
                ("ssv", _) => ("spaceDelimited", false),
                ("pipes", _) => ("pipeDelimited", false),
                (_, "path" | "header") => ("simple", false),
                _ => ("form", false),
            };
            out.insert("style".into(), json!(style));
            out.insert("explode".into(), json!(explode));
        }
        Value::Object(out)
    }

    /// The request body of the `in: body` parameter, or of the `in: formData` ones.
    fn request_body(&mut self, bodies: &[Listed], consumes: &[String], now: &str) -> Option<Value> {
        if let Some((body, written)) = bodies.iter().find(|(p, _)| is_in(p, "body")) {
            let media = if consumes.is_empty() {
                vec!["application/json".to_owned()]
            } else {
                consumes.to_vec()
            };
            let mut content = Map::new();
            self.remap.moved(now, written.clone());
            for range in media {
                let place = format!("{now}/content/{}", escape(&range));
                self.remap
                    .moved(format!("{place}/schema"), format!("{written}/schema"));
                self.remap.moved(place, written.clone());
                let schema = body.get("schema").cloned().unwrap_or(json!({}));
                content.insert(range, json!({ "schema": schema }));
            }
            let mut out = json!({ "content": content });
            for key in ["description", "required"] {
                if let Some(value) = body.get(key) {
                    out[key] = value.clone();
                }
            }
            return Some(out);
        }
        let form: Vec<&Listed> = bodies
            .iter()
            .filter(|(p, _)| is_in(p, "formData"))
            .collect();
        let (_, first_written) = form.first()?;
        let mut media: Vec<String> = consumes
            .iter()
            .filter(|m| {
                let m = m.to_ascii_lowercase();
                m.starts_with("multipart/form-data")
                    || m.starts_with("application/x-www-form-urlencoded")
            })
            .cloned()
            .collect();
        if media.is_empty() {
            let has_file = form
                .iter()
                .any(|(p, _)| p.get("type").and_then(Value::as_str) == Some("file"));
            media.push(
                if has_file {
                    "multipart/form-data"
                } else {
                    "application/x-www-form-urlencoded"
                }
                .into(),
            );
        }
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut moves = Vec::new();
        for (parameter, written) in &form {
            let name = parameter
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let mut schema = simple_schema(parameter);
            if let Some(description) = parameter.get("description") {
                schema["description"] = description.clone();
            }
            properties.insert(name.to_owned(), schema);
            if parameter.get("required").and_then(Value::as_bool) == Some(true) {
                required.push(json!(name));
            }
            moves.push((escape(name), written.clone()));
        }
        self.remap.moved(now, first_written.clone());
        let mut schema = json!({ "type": "object", "properties": properties });
        if !required.is_empty() {
            schema["required"] = Value::Array(required.clone());
        }
        let mut content = Map::new();
        for range in media {
            let place = format!("{now}/content/{}", escape(&range));
            for (name, written) in &moves {
                self.remap
                    .moved(format!("{place}/schema/properties/{name}"), written.clone());
            }
            self.remap
                .moved(format!("{place}/schema"), first_written.clone());
            content.insert(range, json!({ "schema": schema.clone() }));
        }
        let mut out = json!({ "content": content });
        if !required.is_empty() {
            out["required"] = json!(true);
        }
        Some(out)
    }

    fn response(
        &mut self,
        response: &Value,
        now: &str,
        written: &str,
        produces: Option<&[String]>,
    ) -> Value {
        let Value::Object(response) = response else {
            return response.clone();
        };
        let mut out = Map::new();
        out.insert(
            "description".into(),
            response.get("description").cloned().unwrap_or(json!("")),
        );
        for (key, value) in response {
            if key.starts_with("x-") {
                out.insert(key.clone(), value.clone());
            }
        }
        let examples = response.get("examples").and_then(Value::as_object);
        if let Some(schema) = response.get("schema") {
            let mut media: Vec<String> = produces
                .map(<[String]>::to_vec)
                .unwrap_or_else(|| self.defaults.produces.clone());
            if media.is_empty() {
                media.push("*/*".into());
            }
            let mut content = Map::new();
            for range in media {
                let place = format!("{now}/content/{}", escape(&range));
                self.remap
                    .moved(format!("{place}/schema"), format!("{written}/schema"));
                self.remap.moved(place, written.to_owned());
                let mut entry = json!({ "schema": schema });
                if let Some(example) = examples.and_then(|e| e.get(&range)) {
                    entry["example"] = example.clone();
                }
                content.insert(range, entry);
            }
            out.insert("content".into(), Value::Object(content));
        }
        if let Some(Value::Object(headers)) = response.get("headers") {
            let mut converted = Map::new();
            for (name, header) in headers {
                let place = format!("{now}/headers/{}", escape(name));
                let from = format!("{written}/headers/{}", escape(name));
                self.remap.moved(format!("{place}/schema"), from.clone());
                self.remap.moved(place, from);
                let mut entry = json!({ "schema": simple_schema(header) });
                if let Some(description) = header.get("description") {
                    entry["description"] = description.clone();
                }
                converted.insert(name.clone(), entry);
            }
            out.insert("headers".into(), Value::Object(converted));
        }
        Value::Object(out)
    }
}

fn is_in(parameter: &Value, location: &str) -> bool {
    parameter.get("in").and_then(Value::as_str) == Some(location)
}

/// Parameters split into those that stay parameters and those that make the body.
fn split(list: &[Listed]) -> (Vec<Listed>, Vec<Listed>) {
    list.iter()
        .cloned()
        .partition(|(p, _)| !is_in(p, "body") && !is_in(p, "formData"))
}
