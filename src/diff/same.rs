//! Whether two schemas say the same thing, following `$ref`s (documentation aside): the
//! comparison skips what has not changed, so a large spec against itself, or against a version
//! that changed a few schemas, is not walked schema by schema for every operation that uses
//! them.
//!
//! Recursive schemas are equal until shown otherwise (the pairs in progress count as equal).
//! Inequality only ever propagates up, so a `false` is final; a `true` found under a pair that
//! turns out unequal is forgotten with it.

use std::collections::HashMap;

use serde_json::Value;

use super::Side;

/// Keys that document and do not constrain.
fn documentation(key: &str) -> bool {
    matches!(
        key,
        "description" | "summary" | "example" | "examples" | "externalDocs"
    ) || key.starts_with("x-")
}

/// The memory of pairs of schemas compared.
#[derive(Default)]
pub(super) struct Same {
    known: HashMap<(String, String), bool>,
    /// The pairs found equal in the comparison under way, to forget if it fails.
    found: Vec<(String, String)>,
}

impl Same {
    /// Whether the schemas at these pointers are the same.
    pub(super) fn check(&mut self, old: Side<'_>, new: Side<'_>, o: &str, n: &str) -> bool {
        let mark = self.found.len();
        let same = self.pair(old, new, o, n);
        if !same {
            for key in self.found.drain(mark..) {
                self.known.remove(&key);
            }
        }
        same
    }

    /// A pair of schemas, each after its `$ref`s.
    fn pair(&mut self, old: Side<'_>, new: Side<'_>, o: &str, n: &str) -> bool {
        let (Some((o, old_node)), Some((n, new_node))) = (old.follow(o), new.follow(n)) else {
            return old.at(o).is_none() && new.at(n).is_none();
        };
        let key = (o, n);
        if let Some(&same) = self.known.get(&key) {
            return same;
        }
        self.known.insert(key.clone(), true);
        let same = self.node(old, new, (&key.0, old_node), (&key.1, new_node));
        self.known.insert(key.clone(), same);
        if same {
            self.found.push(key);
        }
        same
    }

    fn node(
        &mut self,
        old: Side<'_>,
        new: Side<'_>,
        (o, old_node): (&str, &Value),
        (n, new_node): (&str, &Value),
    ) -> bool {
        match (old_node, new_node) {
            (Value::Object(a), Value::Object(b)) => {
                let keys = |map: &serde_json::Map<String, Value>| {
                    map.keys()
                        .filter(|k| !documentation(k))
                        .cloned()
                        .collect::<Vec<_>>()
                };
                let (mut ka, mut kb) = (keys(a), keys(b));
                ka.sort();
                kb.sort();
                ka == kb
                    && ka.iter().all(|k| {
                        let token = k.replace('~', "~0").replace('/', "~1");
                        let (co, cn) = (format!("{o}/{token}"), format!("{n}/{token}"));
                        match (&a[k], &b[k]) {
                            (Value::Object(_) | Value::Array(_), _) => {
                                self.pair(old, new, &co, &cn)
                            }
                            (x, y) => x == y,
                        }
                    })
            }
            (Value::Array(a), Value::Array(b)) => {
                a.len() == b.len()
                    && (0..a.len()).all(|i| {
                        let (co, cn) = (format!("{o}/{i}"), format!("{n}/{i}"));
                        match (&a[i], &b[i]) {
                            (Value::Object(_) | Value::Array(_), _) => {
                                self.pair(old, new, &co, &cn)
                            }
                            (x, y) => x == y,
                        }
                    })
            }
            (x, y) => x == y,
        }
    }
}
