//! What OpenAPI (and JSON Schema draft 4) says differently from JSON Schema 2020-12, said in
//! 2020-12: integer formats' ranges and boolean exclusive bounds, `nullable`, a discriminated
//! `oneOf`, a draft-4 tuple `items`, and 3.1's 2020-12 keywords passed on.

use serde_json::{Map, Value, json};

use super::{ConvertError, Converter, LEFT_OUT, escape, keywords};

impl Converter<'_> {
    /// JSON Schema draft 4's tuple form, `items` as a list of schemas (with `additionalItems`
    /// for the items past them), which Swagger 2.0 documents carry: 2020-12's `prefixItems`
    /// (and `items`). It applies to arrays only, as it did.
    pub(super) fn tuple(
        &mut self,
        object: &Map<String, Value>,
        list: &Value,
        at: &str,
        depth: usize,
        out: &mut Map<String, Value>,
    ) -> Result<(), ConvertError> {
        let place = format!("{at}/items");
        self.defect(
            &place,
            "`items` is a list of schemas (JSON Schema draft 4's tuple form)",
            "read as `prefixItems`",
        )?;
        let Some(members) = self.schema_list(list, &place, depth, false)? else {
            return Ok(());
        };
        out.insert("prefixItems".into(), Value::Array(members));
        if let Some(rest) = object.get("additionalItems") {
            let place = format!("{at}/additionalItems");
            if let Some(converted) = self.subschema(rest, &place, depth + 1, false)? {
                out.insert("items".into(), converted);
            }
        }
        Ok(())
    }

    /// JSON Schema 2020-12's keywords that OpenAPI 3.0 does not have, for a 3.1 spec: values
    /// passed through, schemas converted like any other.
    pub(super) fn keywords_2020(
        &mut self,
        object: &Map<String, Value>,
        at: &str,
        depth: usize,
        out: &mut Map<String, Value>,
    ) -> Result<(), ConvertError> {
        for key in ["const", "minContains", "maxContains", "dependentRequired"] {
            if let Some(value) = object.get(key) {
                if let Some(problem) = keywords::problem(key, value) {
                    self.defect(&format!("{at}/{key}"), problem, LEFT_OUT)?;
                    continue;
                }
                out.insert(key.into(), value.clone());
            }
        }
        for key in [
            "contains",
            "propertyNames",
            "unevaluatedItems",
            "unevaluatedProperties",
            "if",
            "then",
            "else",
        ] {
            if let Some(schema) = object.get(key) {
                let place = format!("{at}/{key}");
                if let Some(converted) = self.subschema(schema, &place, depth + 1, false)? {
                    out.insert(key.into(), converted);
                }
            }
        }
        for key in ["patternProperties", "dependentSchemas"] {
            match object.get(key) {
                None => {}
                Some(Value::Object(named)) => {
                    let mut converted = Map::new();
                    for (name, schema) in named {
                        let place = format!("{at}/{key}/{}", escape(name));
                        if key == "patternProperties"
                            && let Some(problem) = self.pattern_problem(name)
                        {
                            self.defect(&place, problem, LEFT_OUT)?;
                            continue;
                        }
                        if let Some(schema) = self.subschema(schema, &place, depth + 1, false)? {
                            converted.insert(name.clone(), schema);
                        }
                    }
                    out.insert(key.into(), Value::Object(converted));
                }
                Some(_) => {
                    let problem = "must map names to schemas";
                    self.defect(&format!("{at}/{key}"), problem, LEFT_OUT)?;
                }
            }
        }
        if let Some(list) = object.get("prefixItems")
            && !out.contains_key("prefixItems")
        {
            let place = format!("{at}/prefixItems");
            if let Some(converted) = self.schema_list(list, &place, depth, false)? {
                out.insert("prefixItems".into(), Value::Array(converted));
            }
        }
        Ok(())
    }

    /// Integer formats' ranges (3.0, where `format` asserts), and 3.0's boolean exclusive
    /// bounds.
    pub(super) fn numbers(
        &mut self,
        object: &Map<String, Value>,
        at: &str,
        out: &mut Map<String, Value>,
    ) -> Result<(), ConvertError> {
        let format = object
            .get("format")
            .and_then(Value::as_str)
            .filter(|_| !self.json_schema_2020);
        let range = match format {
            Some("int32") => Some((i64::from(i32::MIN), i64::from(i32::MAX))),
            Some("int64") => Some((i64::MIN, i64::MAX)),
            _ => None,
        };
        if let Some((low, high)) = range {
            // Keep a bound the spec gives when it is tighter than the integer's range.
            let given = |key: &str| out.get(key).and_then(Value::as_f64);
            let low = given("minimum")
                .filter(|&m| m >= low as f64)
                .map_or(json!(low), |_| out["minimum"].clone());
            let high = given("maximum")
                .filter(|&m| m <= high as f64)
                .map_or(json!(high), |_| out["maximum"].clone());
            out.insert("minimum".into(), low);
            out.insert("maximum".into(), high);
        }
        for (flag, bound) in [
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ] {
            match object.get(flag) {
                Some(Value::Bool(true)) => {
                    if let Some(value) = out.remove(bound) {
                        out.insert(flag.into(), value);
                    }
                }
                Some(number @ Value::Number(_)) => {
                    out.insert(flag.into(), number.clone());
                }
                Some(Value::Bool(false)) | None => {}
                Some(other) => {
                    if let Some(problem) = keywords::problem(flag, other) {
                        self.defect(&format!("{at}/{flag}"), problem, LEFT_OUT)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Replaces a discriminated `oneOf`/`anyOf` by a choice on the discriminating property.
    pub(super) fn discriminate(
        &mut self,
        object: &Map<String, Value>,
        discriminator: &Map<String, Value>,
        at: &str,
        out: &mut Map<String, Value>,
    ) -> Result<(), ConvertError> {
        let Some(property) = discriminator.get("propertyName").and_then(Value::as_str) else {
            return Ok(());
        };
        let keyword = if object.contains_key("oneOf") {
            "oneOf"
        } else {
            "anyOf"
        };
        let Some(Value::Array(branches)) = object.get(keyword) else {
            return Ok(());
        };
        let mut choices: Vec<(String, String)> = Vec::new();
        if let Some(Value::Object(mapping)) = discriminator.get("mapping") {
            for (value, target) in mapping {
                let Some(target) = target.as_str() else {
                    continue;
                };
                let reference = if target.starts_with('#') {
                    target.to_owned()
                } else {
                    format!("#/components/schemas/{target}")
                };
                choices.push((value.clone(), reference));
            }
        }
        for branch in branches {
            let Some(reference) = branch.get("$ref").and_then(Value::as_str) else {
                // An inline branch cannot be named by a value: keep the plain oneOf.
                return Ok(());
            };
            if !choices.iter().any(|(_, r)| r == reference) {
                let name = reference.rsplit('/').next().unwrap_or(reference);
                choices.push((name.to_owned(), reference.to_owned()));
            }
        }
        let values: Vec<&str> = choices.iter().map(|(v, _)| v.as_str()).collect();
        let mut all_of = vec![json!({
            "required": [property],
            "properties": {property: {"enum": values}},
        })];
        for (value, reference) in &choices {
            all_of.push(json!({
                "if": {"properties": {property: {"const": value}}, "required": [property]},
                "then": self.reference(reference, at)?,
            }));
        }
        out.remove(keyword);
        match out.get_mut("allOf") {
            Some(Value::Array(existing)) => existing.extend(all_of),
            _ => {
                out.insert("allOf".into(), Value::Array(all_of));
            }
        }
        Ok(())
    }
}

/// `nullable: true`, said in JSON Schema.
pub(super) fn nullable(mut schema: Map<String, Value>) -> Value {
    if let Some(Value::Array(values)) = schema.get_mut("enum")
        && !values.contains(&Value::Null)
    {
        values.push(Value::Null);
    }
    match schema.get("type").cloned() {
        Some(Value::String(kind)) => {
            schema.insert("type".into(), json!([kind, "null"]));
            Value::Object(schema)
        }
        _ => json!({"anyOf": [{"type": "null"}, Value::Object(schema)]}),
    }
}
