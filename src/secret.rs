//! [`Secret`]: a string that never shows itself.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A credential, confirmation code or card number: serialised as the plain string it holds,
/// but shown as `***` by `Debug`, and with no `Display` at all.
///
/// The generated clients use it for every field a spec marks `format: password`, and the
/// client builders take credentials as `Secret`, so that logging a request body, a client or
/// an error cannot print them.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret value itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_value_and_serde_keeps_it() {
        let secret = Secret::new("005646");
        assert_eq!(format!("{secret:?}"), "Secret(***)");
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"005646\"");
        let back: Secret = serde_json::from_str("\"005646\"").unwrap();
        assert_eq!(back.expose(), "005646");
    }
}
