//! JSON pointers in specs: `$ref` fragments read and written, tokens escaped, every object
//! of a document found with its pointer.

use serde_json::{Map, Value};

/// Where a loaded document keeps the parts of other files its `$ref`s bundle in
/// (`/x-confirmspec-bundle/<n>`).
pub const BUNDLE_KEY: &str = "x-confirmspec-bundle";

/// The pointer of a spec's `$ref` (`#/components/schemas/X` -> `/components/schemas/X`), or
/// `None` for a reference this document cannot resolve (another file, a URL).
pub fn local_pointer(reference: &str) -> Option<String> {
    let fragment = reference.strip_prefix('#')?;
    Some(percent_decode(fragment))
}

/// A JSON pointer token: `~` and `/` escaped.
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// A JSON pointer made safe for a URI fragment: what is not unreserved is percent-encoded.
pub fn fragment(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for byte in pointer.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'/' | b'~' | b'-' | b'.' | b'_' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|d| d as u8)
}

/// Every object in `value` (itself included) with its pointer from `value`, depth first.
pub fn objects(value: &Value) -> Objects<'_> {
    Objects {
        stack: vec![(value, String::new())],
    }
}

/// The iterator of [`objects`].
pub struct Objects<'v> {
    stack: Vec<(&'v Value, String)>,
}

impl<'v> Iterator for Objects<'v> {
    type Item = (&'v Map<String, Value>, String);

    fn next(&mut self) -> Option<Self::Item> {
        while let Some((node, pointer)) = self.stack.pop() {
            match node {
                Value::Object(object) => {
                    for (key, child) in object {
                        self.stack
                            .push((child, format!("{pointer}/{}", escape(key))));
                    }
                    return Some((object, pointer));
                }
                Value::Array(items) => {
                    for (i, child) in items.iter().enumerate() {
                        self.stack.push((child, format!("{pointer}/{i}")));
                    }
                }
                _ => {}
            }
        }
        None
    }
}
