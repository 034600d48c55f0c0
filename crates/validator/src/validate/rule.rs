//! The rules a violation breaks ([`Rule`]), how serious each is ([`Severity`]), and how a
//! configuration sets them ([`RuleLevel`]).

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Declares [`Rule`] with its JSON spelling (the `keyword` of reports, today's strings), its
/// description for SARIF, and the list of all rules.
macro_rules! rules {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $describe:expr;)*) => {
        /// What a violation breaks: one of the validator's own checks (`status`, `security`,
        /// `contentType`, ...) or a JSON Schema keyword (`required`, `type`, `maxLength`, ...).
        /// It is written in reports as the keyword the README lists (`rule.as_str()`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Rule {
            $($(#[$doc])* $variant,)*
        }

        impl Rule {
            /// Every rule, in declaration order.
            pub const ALL: &[Rule] = &[$(Rule::$variant,)*];

            /// The keyword reports write: `status`, `contentType`, `maxLength`, ...
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Rule::$variant => $name,)*
                }
            }

            /// One sentence on what breaking the rule means, for people (SARIF's rules); `None`
            /// for a JSON Schema keyword whose name says it.
            pub const fn describe(self) -> Option<&'static str> {
                match self {
                    $(Rule::$variant => $describe,)*
                }
            }
        }

        impl FromStr for Rule {
            type Err = UnknownRule;

            fn from_str(name: &str) -> Result<Self, UnknownRule> {
                match name {
                    $($name => Ok(Rule::$variant),)*
                    _ => Err(UnknownRule(name.to_owned())),
                }
            }
        }
    };
}

rules! {
    /// A body declared as JSON is not JSON.
    Json = "json", Some("A body declared as JSON is not JSON.");
    /// A form body (urlencoded or multipart) cannot be read.
    Form = "form", Some("A form body (application/x-www-form-urlencoded or multipart/form-data) cannot be read.");
    /// A documented response body is missing.
    Body = "body", Some("A documented response body is missing.");
    /// A request has a body its operation does not document.
    RequestBody = "requestBody", Some("A request has a body its operation does not document.");
    /// A body's media type is not documented.
    ContentType = "contentType", Some("A body's media type is not documented.");
    /// A response status is not documented for its operation.
    Status = "status", Some("A response status is not documented for its operation.");
    /// A request meets none of its operation's security requirements.
    Security = "security", Some("A request does not meet any of its operation's security requirements.");
    /// A recorder left a body out or cut it short (a warning by default).
    Unrecorded = "unrecorded", Some("The recorder left a body out or cut it short; it was not checked.");
    /// A request matches no operation of any spec (reported by SARIF; not a violation).
    Unmatched = "unmatched", Some("A request matches no operation of any spec.");
    /// A message is larger than the validator's limits allow; the part was not checked.
    Limit = "limit", None;
    /// A spec's schema cannot be compiled, so a value could not be checked.
    Schema = "schema", None;
    /// A request carries a property its schema marks `readOnly`.
    ReadOnly = "readOnly", None;
    /// A response carries a property its schema marks `writeOnly`.
    WriteOnly = "writeOnly", None;
    /// JSON Schema `required` (also a missing required parameter or body).
    Required = "required", Some("A required property, parameter or body is missing.");
    /// JSON Schema `type`.
    Type = "type", Some("A value has a type the spec does not allow.");
    /// JSON Schema `format`.
    Format = "format", Some("A string does not have the format the spec gives.");
    /// JSON Schema `enum`.
    Enum = "enum", Some("A value is not one the spec allows.");
    /// JSON Schema `const`.
    Const = "const", Some("A value is not one the spec allows.");
    /// JSON Schema `minimum`.
    Minimum = "minimum", None;
    /// JSON Schema `maximum`.
    Maximum = "maximum", None;
    /// JSON Schema `exclusiveMinimum`.
    ExclusiveMinimum = "exclusiveMinimum", None;
    /// JSON Schema `exclusiveMaximum`.
    ExclusiveMaximum = "exclusiveMaximum", None;
    /// JSON Schema `multipleOf`.
    MultipleOf = "multipleOf", None;
    /// JSON Schema `minLength`.
    MinLength = "minLength", None;
    /// JSON Schema `maxLength`.
    MaxLength = "maxLength", None;
    /// JSON Schema `pattern`.
    Pattern = "pattern", None;
    /// JSON Schema `minItems`.
    MinItems = "minItems", None;
    /// JSON Schema `maxItems`.
    MaxItems = "maxItems", None;
    /// JSON Schema `uniqueItems`.
    UniqueItems = "uniqueItems", None;
    /// JSON Schema `contains`.
    Contains = "contains", None;
    /// JSON Schema `additionalItems`.
    AdditionalItems = "additionalItems", None;
    /// JSON Schema `items` (2020-12: `items: false` after `prefixItems`, no more items).
    Items = "items", None;
    /// JSON Schema `dependentRequired` (OpenAPI 3.1).
    DependentRequired = "dependentRequired", None;
    /// JSON Schema `unevaluatedItems`.
    UnevaluatedItems = "unevaluatedItems", None;
    /// JSON Schema `minProperties`.
    MinProperties = "minProperties", None;
    /// JSON Schema `maxProperties`.
    MaxProperties = "maxProperties", None;
    /// JSON Schema `additionalProperties`.
    AdditionalProperties = "additionalProperties", Some("An object has properties the schema does not document.");
    /// JSON Schema `unevaluatedProperties` (strict mode).
    UnevaluatedProperties = "unevaluatedProperties", Some("An object has properties the schema does not document.");
    /// JSON Schema `propertyNames`.
    PropertyNames = "propertyNames", None;
    /// JSON Schema `allOf`.
    AllOf = "allOf", None;
    /// JSON Schema `anyOf`.
    AnyOf = "anyOf", None;
    /// JSON Schema `oneOf`.
    OneOf = "oneOf", None;
    /// JSON Schema `not`.
    Not = "not", None;
    /// JSON Schema `contentEncoding`.
    ContentEncoding = "contentEncoding", None;
    /// JSON Schema `contentMediaType`.
    ContentMediaType = "contentMediaType", None;
    /// A `$ref` that cannot be resolved.
    Ref = "$ref", None;
}

impl Rule {
    /// The rule of a JSON Schema keyword as the schema validator names it; `None` for a
    /// keyword no rule names (none of the validator's schemas use one).
    pub(crate) fn of_keyword(keyword: &str) -> Option<Rule> {
        keyword.parse().ok()
    }

    /// The level a rule has unless the configuration sets one: `unrecorded` is a warning (a
    /// body the recorder left out is not the server's fault), every other rule an error.
    pub const fn default_severity(self) -> Severity {
        match self {
            Rule::Unrecorded => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule equals its keyword: `violation.keyword == "required"`.
impl PartialEq<str> for Rule {
    fn eq(&self, keyword: &str) -> bool {
        self.as_str() == keyword
    }
}

impl PartialEq<&str> for Rule {
    fn eq(&self, keyword: &&str) -> bool {
        self.as_str() == *keyword
    }
}

// Written as its keyword; the report schemas call it a string, as before rules were a type
// (the list grows with the validator).
crate::validate::written_as_string!(Rule, "Rule");

/// A rule name no [`Rule`] has.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown rule `{0}` (rules are the keywords violations carry: status, security, type, ...)"
)]
pub struct UnknownRule(pub String);

/// How serious a violation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks the spec: the exchange is `violating`.
    Error,
    /// Worth a look; the exchange still conforms.
    Warning,
}

impl Severity {
    /// `error` or `warning`, as the reports spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A rule's severity as the configuration sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Do not report.
    Off,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_reads_back_from_its_keyword() {
        for rule in Rule::ALL {
            assert_eq!(rule.as_str().parse::<Rule>(), Ok(*rule));
            assert_eq!(serde_json::to_value(rule).unwrap(), rule.as_str());
        }
        let unknown = "nonsense".parse::<Rule>().unwrap_err();
        assert!(unknown.to_string().contains("`nonsense`"), "{unknown}");
    }

    #[test]
    fn unrecorded_is_the_only_warning_by_default() {
        let warnings: Vec<_> = Rule::ALL
            .iter()
            .filter(|r| r.default_severity() == Severity::Warning)
            .collect();
        assert_eq!(warnings, [&Rule::Unrecorded]);
    }
}
