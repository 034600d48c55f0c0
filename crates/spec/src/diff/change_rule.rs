//! The rules a change between two specs is judged by ([`ChangeRule`]), how serious each is
//! ([`Class`]) and what it breaks ([`Breaks`]).

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How serious a change is for the users of a generated client.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// Breaks traffic (a call the old client makes fails, or an answer it gets no longer
    /// decodes) or code (code written against the old client stops compiling).
    Breaking,
    /// May break, depending on what the service sends or how its code is written.
    Warning,
    /// Neither: new things, looser requests, documentation.
    Info,
}

impl Class {
    /// `breaking`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Warning => "warning",
            Class::Info => "info",
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a change breaks: the wire, or the generated Rust API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Breaks {
    /// A running service: the old client's requests are refused, or the new answers do not
    /// decode in it.
    Traffic,
    /// Code written against the old generated client stops compiling (or must change) when
    /// the client is regenerated; the wire is unaffected.
    Code,
}

/// Declares [`ChangeRule`]: its id, its usual class and breaks, and one sentence on it.
macro_rules! change_rules {
    ($($variant:ident = $id:literal, $class:ident, [$($breaks:ident),*], $describe:literal;)*) => {
        /// A kind of change between two specs, with a stable id (`request-property-removed`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ChangeRule {
            $(#[doc = $describe] $variant,)*
        }

        impl ChangeRule {
            /// Every rule, in declaration order.
            pub const ALL: &[ChangeRule] = &[$(ChangeRule::$variant,)*];

            /// The stable id reports write.
            pub const fn as_str(self) -> &'static str {
                match self { $(ChangeRule::$variant => $id,)* }
            }

            /// The class a change of this kind usually has (the README's table says where it
            /// depends on the schema, for example on whether the property is required).
            pub const fn class(self) -> Class {
                match self { $(ChangeRule::$variant => Class::$class,)* }
            }

            /// What a change of this kind usually breaks.
            pub const fn breaks(self) -> &'static [Breaks] {
                match self { $(ChangeRule::$variant => &[$(Breaks::$breaks),*],)* }
            }

            /// One sentence on the rule, for people.
            pub const fn describe(self) -> &'static str {
                match self { $(ChangeRule::$variant => $describe,)* }
            }
        }

        impl std::str::FromStr for ChangeRule {
            type Err = UnknownChangeRule;
            fn from_str(id: &str) -> Result<Self, UnknownChangeRule> {
                match id {
                    $($id => Ok(ChangeRule::$variant),)*
                    _ => Err(UnknownChangeRule(id.to_owned())),
                }
            }
        }
    };
}

/// A name that is no change rule's id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown change rule `{0}`")]
pub struct UnknownChangeRule(pub String);

change_rules! {
    OperationAdded = "operation-added", Info, [],
        "An operation is added.";
    OperationRemoved = "operation-removed", Breaking, [Traffic, Code],
        "An operation is removed: the vendor no longer serves it, and its method disappears.";
    OperationMoved = "operation-moved", Breaking, [Traffic],
        "An operation keeps its operationId under another path or method: old clients call the old one.";
    OperationIdChanged = "operation-id-changed", Breaking, [Code],
        "An operation's operationId changes: the generated method is renamed.";
    ParameterAdded = "parameter-added", Info, [],
        "An optional parameter is added.";
    RequiredParameterAdded = "required-parameter-added", Breaking, [Traffic],
        "A required parameter is added: old calls lack it.";
    ParameterRemoved = "parameter-removed", Breaking, [Code],
        "A parameter is removed: its builder method disappears.";
    ParameterMadeRequired = "parameter-made-required", Breaking, [Traffic],
        "An optional parameter becomes required.";
    ParameterMadeOptional = "parameter-made-optional", Info, [],
        "A required parameter becomes optional.";
    RequestBodyAdded = "request-body-added", Breaking, [Traffic, Code],
        "A request body is added to an operation that had none.";
    RequestBodyRemoved = "request-body-removed", Breaking, [Code],
        "The request body is removed: the builder's `body` disappears.";
    RequestBodyMadeRequired = "request-body-made-required", Breaking, [Traffic],
        "An optional request body becomes required.";
    RequestBodyMadeOptional = "request-body-made-optional", Info, [],
        "A required request body becomes optional.";
    RequestMediaTypeAdded = "request-media-type-added", Info, [],
        "The request body may be sent in another media type too.";
    RequestMediaTypeRemoved = "request-media-type-removed", Breaking, [Traffic],
        "A media type of the request body is no longer accepted.";
    RequestTypeChanged = "request-type-changed", Breaking, [Traffic, Code],
        "A value the caller sends changes type.";
    RequestFormatChanged = "request-format-changed", Breaking, [Code],
        "A value the caller sends changes format: its Rust type changes.";
    RequestPropertyAdded = "request-property-added", Warning, [Code],
        "An optional property is added to a request object: struct literals of it stop compiling.";
    RequestRequiredPropertyAdded = "request-required-property-added", Breaking, [Traffic, Code],
        "A required property is added to a request object: old calls lack it.";
    RequestPropertyRemoved = "request-property-removed", Breaking, [Code],
        "A property of a request object is removed: its field disappears.";
    RequestPropertyMadeRequired = "request-property-made-required", Breaking, [Traffic, Code],
        "A request property becomes required: old calls may lack it, and `Option<T>` becomes `T`.";
    RequestPropertyMadeOptional = "request-property-made-optional", Breaking, [Code],
        "A request property becomes optional: the wire is fine, `T` becomes `Option<T>`.";
    RequestNullableAdded = "request-nullable-added", Info, [],
        "A request value may be null (breaks code when the property is required: `T` becomes `Option<T>`).";
    RequestNullableRemoved = "request-nullable-removed", Breaking, [Traffic],
        "A request value may no longer be null.";
    RequestEnumValueAdded = "request-enum-value-added", Info, [],
        "A request enum accepts a new value.";
    RequestEnumValueRemoved = "request-enum-value-removed", Breaking, [Traffic, Code],
        "A request enum no longer accepts a value: old calls may send it, its variant disappears.";
    RequestBoundTightened = "request-bound-tightened", Breaking, [Traffic],
        "A request value's bound is tightened (length, range, items, pattern): old calls may break it.";
    RequestBoundLoosened = "request-bound-loosened", Info, [],
        "A request value's bound is loosened.";
    RequestVariantAdded = "request-variant-added", Info, [],
        "A request oneOf/anyOf accepts another branch.";
    RequestVariantRemoved = "request-variant-removed", Breaking, [Traffic, Code],
        "A request oneOf/anyOf branch is removed.";
    RequestDiscriminatorChanged = "request-discriminator-changed", Breaking, [Traffic],
        "The discriminator of a request oneOf/anyOf changes.";
    ResponseStatusAdded = "response-status-added", Breaking, [Traffic],
        "A response status is added that the old client does not expect (a warning for an error status, info when a range or `default` covered it).";
    ResponseStatusRemoved = "response-status-removed", Info, [],
        "A response status is no longer documented (a warning for a success status: the method's return type may change).";
    ResponseDefaultAdded = "response-default-added", Info, [],
        "A `default` response is added.";
    ResponseDefaultRemoved = "response-default-removed", Warning, [Traffic],
        "The `default` response is removed: statuses it covered become unexpected.";
    ResponseBodyAdded = "response-body-added", Breaking, [Code],
        "A response that had no body gets one: the method's return type changes.";
    ResponseBodyRemoved = "response-body-removed", Breaking, [Traffic, Code],
        "A response loses its body: the old client fails to decode the empty answer.";
    ResponseMediaTypeAdded = "response-media-type-added", Warning, [Traffic],
        "A response may come in another media type, which the old client does not decode.";
    ResponseMediaTypeRemoved = "response-media-type-removed", Info, [],
        "A response media type is no longer sent.";
    ResponseTypeChanged = "response-type-changed", Breaking, [Traffic, Code],
        "A value the client decodes changes type.";
    ResponseFormatChanged = "response-format-changed", Breaking, [Code],
        "A value the client decodes changes format: its Rust type changes.";
    ResponsePropertyAdded = "response-property-added", Info, [],
        "A property is added to a response object (the old client ignores it).";
    ResponsePropertyRemoved = "response-property-removed", Breaking, [Code],
        "A property of a response object is removed: its field disappears (and the old client fails to decode answers without it when it was required).";
    ResponsePropertyMadeRequired = "response-property-made-required", Breaking, [Code],
        "A response property becomes required: the wire is fine, `Option<T>` becomes `T`.";
    ResponsePropertyMadeOptional = "response-property-made-optional", Breaking, [Traffic, Code],
        "A response property becomes optional: the old client fails on answers without it, `T` becomes `Option<T>`.";
    ResponseNullableAdded = "response-nullable-added", Info, [],
        "A response value may be null (breaks traffic and code when the property is required).";
    ResponseNullableRemoved = "response-nullable-removed", Info, [],
        "A response value is no longer null (breaks code when the property is required: `Option<T>` becomes `T`).";
    ResponseEnumValueAdded = "response-enum-value-added", Breaking, [Traffic, Code],
        "A response enum has a new value: the old client cannot decode it, exhaustive matches stop compiling.";
    ResponseEnumValueRemoved = "response-enum-value-removed", Breaking, [Code],
        "A response enum loses a value: its variant disappears.";
    ResponseBoundTightened = "response-bound-tightened", Info, [],
        "A response value's bound is tightened: the old client decodes a subset of what it did.";
    ResponseBoundLoosened = "response-bound-loosened", Warning, [Traffic],
        "A response value's bound is loosened: values past the old bound may arrive.";
    ResponseVariantAdded = "response-variant-added", Breaking, [Traffic],
        "A response oneOf/anyOf has another branch, which the old client cannot decode.";
    ResponseVariantRemoved = "response-variant-removed", Breaking, [Code],
        "A response oneOf/anyOf branch is removed: its variant disappears.";
    ResponseDiscriminatorChanged = "response-discriminator-changed", Breaking, [Traffic],
        "The discriminator of a response oneOf/anyOf changes.";
    SecurityAlternativeAdded = "security-alternative-added", Info, [],
        "Another way to authenticate is accepted.";
    SecurityAlternativeRemoved = "security-alternative-removed", Breaking, [Traffic],
        "A way to authenticate that old clients use is no longer accepted.";
    SecuritySchemeChanged = "security-scheme-changed", Breaking, [Traffic],
        "A security scheme's type, header, or HTTP scheme changes.";
    ServerAdded = "server-added", Info, [],
        "A server is added.";
    ServerRemoved = "server-removed", Warning, [Traffic],
        "A server is removed: clients whose base URL is it must move.";
}

impl fmt::Display for ChangeRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ChangeRule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl JsonSchema for ChangeRule {
    fn schema_name() -> String {
        "ChangeRule".to_owned()
    }

    fn json_schema(_: &mut schemars::r#gen::SchemaGenerator) -> schemars::schema::Schema {
        schemars::schema::SchemaObject {
            instance_type: Some(schemars::schema::InstanceType::String.into()),
            enum_values: Some(
                ChangeRule::ALL
                    .iter()
                    .map(|rule| rule.as_str().into())
                    .collect(),
            ),
            ..Default::default()
        }
        .into()
    }
}
