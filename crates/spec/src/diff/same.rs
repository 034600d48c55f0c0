//! Whether two schemas say the same thing, following `$ref`s (documentation aside): the
//! comparison skips what has not changed, so a large spec against itself, or against a version
//! that changed a few schemas, is not walked schema by schema for every operation that uses
//! them.
//!
//! Recursive schemas are equal until shown otherwise: a pair met again while it is being
//! compared counts as equal. Inequality only ever propagates up, so a `false` is final; a
//! `true` is final unless it leant on a pair further up that was still being compared, and
//! such a `true` is forgotten if the comparison it leant on fails.

use std::collections::HashMap;

use serde_json::Value;

use super::Side;
use crate::convert::escape;

/// An object's keys that constrain, sorted.
fn sorted_keys(map: &serde_json::Map<String, Value>) -> Vec<&String> {
    let mut keys: Vec<&String> = map.keys().filter(|k| !documentation(k)).collect();
    keys.sort();
    keys
}

/// Keys that document and do not constrain.
fn documentation(key: &str) -> bool {
    matches!(
        key,
        "description" | "summary" | "example" | "examples" | "externalDocs"
    ) || key.starts_with("x-")
}

type Pair = (String, String);

/// No pair in progress was leant on.
const NONE: usize = usize::MAX;

/// The memory of pairs of schemas compared.
#[derive(Default)]
pub(super) struct Same {
    known: HashMap<Pair, bool>,
    /// The pairs being compared, by their depth.
    active: HashMap<Pair, usize>,
    depth: usize,
    /// Pairs found equal by leaning on a pair further up, to forget if the check fails.
    tentative: Vec<Pair>,
}

impl Same {
    /// Whether the schemas at these pointers are the same.
    pub(super) fn check(&mut self, old: Side<'_>, new: Side<'_>, o: &str, n: &str) -> bool {
        let mark = self.tentative.len();
        let (same, _) = self.pair(old, new, o, n);
        if same {
            // Everything leant on came out equal: the tentative answers stand.
            self.tentative.truncate(mark);
        } else {
            for key in self.tentative.drain(mark..) {
                self.known.remove(&key);
            }
        }
        same
    }

    /// A pair of schemas, each after its `$ref`s: whether they are the same, and the lowest
    /// depth of a pair in progress the answer leant on ([`NONE`] if none).
    fn pair(&mut self, old: Side<'_>, new: Side<'_>, o: &str, n: &str) -> (bool, usize) {
        let (Some((o, old_node)), Some((n, new_node))) = (old.follow(o), new.follow(n)) else {
            return (old.at(o).is_none() && new.at(n).is_none(), NONE);
        };
        let key = (o, n);
        if let Some(&same) = self.known.get(&key) {
            return (same, NONE);
        }
        if let Some(&depth) = self.active.get(&key) {
            return (true, depth);
        }
        let depth = self.depth;
        self.depth += 1;
        self.active.insert(key.clone(), depth);
        let (same, lowest) = self.node(old, new, (&key.0, old_node), (&key.1, new_node));
        self.active.remove(&key);
        self.depth -= 1;
        let leant = lowest < depth;
        if same && leant {
            self.tentative.push(key.clone());
        }
        self.known.insert(key, same);
        (same, if leant { lowest } else { NONE })
    }

    /// Two nodes compared child by child.
    fn node(
        &mut self,
        old: Side<'_>,
        new: Side<'_>,
        (o, old_node): (&str, &Value),
        (n, new_node): (&str, &Value),
    ) -> (bool, usize) {
        let mut lowest = NONE;
        let mut child = |this: &mut Self, a: &Value, b: &Value, token: &str| match (a, b) {
            (Value::Object(_) | Value::Array(_), _) => {
                let (same, low) =
                    this.pair(old, new, &format!("{o}/{token}"), &format!("{n}/{token}"));
                lowest = lowest.min(low);
                same
            }
            (x, y) => x == y,
        };
        let same = match (old_node, new_node) {
            (Value::Object(a), Value::Object(b)) => {
                let (ka, kb) = (sorted_keys(a), sorted_keys(b));
                ka == kb && ka.iter().all(|k| child(self, &a[*k], &b[*k], &escape(k)))
            }
            (Value::Array(a), Value::Array(b)) => {
                a.len() == b.len()
                    && (0..a.len()).all(|i| child(self, &a[i], &b[i], &i.to_string()))
            }
            (x, y) => x == y,
        };
        (same, lowest)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::Same;
    use crate::Spec;
    use crate::diff::Side;

    fn spec(tail: &str) -> Spec {
        let text = format!(
            r##"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}}, "paths": {{}},
            "components": {{"schemas": {{
              "Node": {{"type": "object", "properties": {{
                "child": {{"$ref": "#/components/schemas/Node"}},
                "leaf": {{"$ref": "#/components/schemas/Leaf"}}}}}},
              "Leaf": {{"type": "string"{tail}}}}}}}}}"##
        );
        Spec::from_text("t", Path::new("t.json"), &text).unwrap()
    }

    #[test]
    fn recursive_schemas_compare_and_a_failed_check_forgets_what_leant_on_it() {
        let (a, b) = (spec(""), spec(r#", "maxLength": 3"#));
        let mut same = Same::default();
        // Node leans on itself through `child`; a change under `leaf` makes it differ.
        assert!(!same.check(
            Side::of(&a),
            Side::of(&b),
            "/components/schemas/Node",
            "/components/schemas/Node"
        ));
        assert!(!same.check(
            Side::of(&a),
            Side::of(&b),
            "/components/schemas/Node/properties/child",
            "/components/schemas/Node/properties/child"
        ));
        assert!(!same.check(
            Side::of(&a),
            Side::of(&b),
            "/components/schemas/Leaf",
            "/components/schemas/Leaf"
        ));
        let mut same = Same::default();
        assert!(same.check(
            Side::of(&a),
            Side::of(&a),
            "/components/schemas/Node",
            "/components/schemas/Node"
        ));
        // Documentation does not count.
        let c = spec(r#", "description": "a leaf""#);
        assert!(Same::default().check(
            Side::of(&a),
            Side::of(&c),
            "/components/schemas/Node",
            "/components/schemas/Node"
        ));
    }
}
