//! What the conversion does with a schema it cannot take as written: refused, the first defect
//! is the conversion's error; tolerated, each costs the keyword it is in, and is noted.

use serde_json::{Map, Value};

use super::{ConvertError, Converter, keywords};

/// What the conversion does with a defect of a schema.
pub enum Defects<'a> {
    /// The first defect is the conversion's error.
    Refuse,
    /// Each defect costs its keyword only, and is noted in `noted` (once per place and
    /// problem). `compiles` says whether the validator's regex engine takes a `pattern` (or a
    /// `patternProperties` name).
    Tolerate {
        /// The defects found.
        noted: &'a mut Vec<ConvertError>,
        /// Whether a pattern compiles.
        compiles: &'a dyn Fn(&str) -> bool,
    },
}

impl Defects<'_> {
    /// The same treatment, borrowed for one more conversion.
    pub fn reborrow(&mut self) -> Defects<'_> {
        match self {
            Defects::Refuse => Defects::Refuse,
            Defects::Tolerate { noted, compiles } => Defects::Tolerate {
                noted,
                compiles: *compiles,
            },
        }
    }
}

impl Converter<'_> {
    /// A defect at `pointer`: `problem` is the error when defects are refused; otherwise it is
    /// noted with what is done instead (`remedy`), which the caller does.
    pub(super) fn defect(
        &mut self,
        pointer: &str,
        problem: impl Into<String>,
        remedy: &str,
    ) -> Result<(), ConvertError> {
        let mut defect = ConvertError {
            pointer: pointer.to_owned(),
            problem: problem.into(),
        };
        match &mut self.defects {
            Defects::Refuse => Err(defect),
            Defects::Tolerate { noted, .. } => {
                defect.problem = format!("{}; {remedy}", defect.problem);
                if !noted.contains(&defect) {
                    noted.push(defect);
                }
                Ok(())
            }
        }
    }

    /// Why the validator's regex engine cannot take `pattern` (only asked when defects are
    /// tolerated: refused, the pattern is the schema compiler's to judge).
    pub(super) fn pattern_problem(&self, pattern: &str) -> Option<String> {
        match &self.defects {
            Defects::Tolerate { compiles, .. } if !compiles(pattern) => Some(format!(
                "the pattern {pattern:?} is not a regular expression the validator can compile"
            )),
            _ => None,
        }
    }

    /// A schema inside another (under `items`, `not`, a list's member...): `None` when it is
    /// not a schema at all (the defect noted), so that the keyword holding it is left out.
    pub(super) fn subschema(
        &mut self,
        node: &Value,
        at: &str,
        depth: usize,
        all_of_member: bool,
    ) -> Result<Option<Value>, ConvertError> {
        if !node.is_object() && !node.is_boolean() {
            self.defect(at, NOT_A_SCHEMA, LEFT_OUT)?;
            return Ok(None);
        }
        self.schema(node, at, depth, all_of_member).map(Some)
    }

    /// The members of a list of schemas (`allOf`, `prefixItems`, ...): `None` when the list is
    /// not one, or holds something that is not a schema (the defect noted).
    pub(super) fn schema_list(
        &mut self,
        list: &Value,
        at: &str,
        depth: usize,
        all_of: bool,
    ) -> Result<Option<Vec<Value>>, ConvertError> {
        let Some(list) = list.as_array() else {
            self.defect(at, "must be a list of schemas", LEFT_OUT)?;
            return Ok(None);
        };
        let mut converted = Vec::with_capacity(list.len());
        for (i, member) in list.iter().enumerate() {
            match self.subschema(member, &format!("{at}/{i}"), depth + 1, all_of)? {
                Some(member) => converted.push(member),
                None => return Ok(None),
            }
        }
        Ok(Some(converted))
    }

    /// A schema's `required` list; `None` when it has none, or one that is not a list of names
    /// (the defect noted).
    pub(super) fn required<'o>(
        &mut self,
        object: &'o Map<String, Value>,
        at: &str,
    ) -> Result<Option<&'o Vec<Value>>, ConvertError> {
        let Some(required) = object.get("required") else {
            return Ok(None);
        };
        if let Some(problem) = keywords::problem("required", required) {
            self.defect(&format!("{at}/required"), problem, LEFT_OUT)?;
            return Ok(None);
        }
        Ok(required.as_array())
    }
}

/// What a defect that is not a schema at all says.
pub(super) const NOT_A_SCHEMA: &str = "a schema must be an object (or true or false)";
/// What is done with most defects.
pub(super) const LEFT_OUT: &str = "left out";
