#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///The client's card: card data, masked in reports.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct Card {
        ///The card's expiry date, as MMYY.
        pub expiry: crate::Secret,
        ///The card number.
        pub pan: crate::Secret,
    }
    impl Card {
        pub fn builder() -> builder::Card {
            Default::default()
        }
    }
    ///`ConfirmPayRequest`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct ConfirmPayRequest {
        ///The client's accounts with the merchant, e.g. `{"account": "123123"}`. Documented as "string", but described and shown as an object.
        pub accounts: ::std::collections::HashMap<
            ::std::string::String,
            ::std::string::String,
        >,
        ///The amount in tiyin (1/100 of a sum).
        pub amount: i64,
        pub card: Card,
        pub currency: Currency,
        ///The partner's unique id for this request.
        #[serde(rename = "externalId")]
        pub external_id: ::std::string::String,
        ///The VIA merchant whose service is paid.
        #[serde(rename = "merchantId")]
        pub merchant_id: ::std::string::String,
        ///A free-form note.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub note: ::std::option::Option<::std::string::String>,
    }
    impl ConfirmPayRequest {
        pub fn builder() -> builder::ConfirmPayRequest {
            Default::default()
        }
    }
    ///`ConfirmPayResponse`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct ConfirmPayResponse {
        ///Identifies the payment awaiting its code; `confirmPayVerify` sends it back.
        #[serde(
            rename = "verifyId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub verify_id: ::std::option::Option<::std::string::String>,
    }
    impl ConfirmPayResponse {
        pub fn builder() -> builder::ConfirmPayResponse {
            Default::default()
        }
    }
    ///`ConfirmPayVerifyRequest`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct ConfirmPayVerifyRequest {
        ///The one-time code the client received by SMS. A secret.
        #[serde(rename = "verifyCode")]
        pub verify_code: crate::Secret,
        ///The `verifyId` that `confirmPay` returned.
        #[serde(rename = "verifyId")]
        pub verify_id: ::std::string::String,
    }
    impl ConfirmPayVerifyRequest {
        pub fn builder() -> builder::ConfirmPayVerifyRequest {
            Default::default()
        }
    }
    ///`UZS`: the Uzbek sum.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    pub enum Currency {
        #[serde(rename = "UZS")]
        Uzs,
    }
    impl ::std::fmt::Display for Currency {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Uzs => f.write_str("UZS"),
            }
        }
    }
    impl ::std::str::FromStr for Currency {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "UZS" => Ok(Self::Uzs),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for Currency {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for Currency {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///The EPOS system's data.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct Epos {
        ///The merchant's id.
        #[serde(
            rename = "merchantId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub merchant_id: ::std::option::Option<::std::string::String>,
        ///The merchant's terminal id.
        #[serde(
            rename = "terminalId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub terminal_id: ::std::option::Option<::std::string::String>,
    }
    impl Epos {
        pub fn builder() -> builder::Epos {
            Default::default()
        }
    }
    ///The error body every VIA page shares.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct ErrorEnvelope {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub error: ::std::option::Option<ErrorEnvelopeError>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<ErrorEnvelopeStatus>,
    }
    impl ErrorEnvelope {
        pub fn builder() -> builder::ErrorEnvelope {
            Default::default()
        }
    }
    ///`ErrorEnvelopeError`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct ErrorEnvelopeError {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message: ::std::option::Option<ErrorEnvelopeErrorMessage>,
        ///The URL path of the failed request.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub path: ::std::option::Option<::std::string::String>,
    }
    impl ErrorEnvelopeError {
        pub fn builder() -> builder::ErrorEnvelopeError {
            Default::default()
        }
    }
    ///The message in Uzbek, Russian and English.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct ErrorEnvelopeErrorMessage {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub en: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub ru: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub uz: ::std::option::Option<::std::string::String>,
    }
    impl ErrorEnvelopeErrorMessage {
        pub fn builder() -> builder::ErrorEnvelopeErrorMessage {
            Default::default()
        }
    }
    ///`ErrorEnvelopeStatus`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct ErrorEnvelopeStatus {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub code: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message: ::std::option::Option<::std::string::String>,
    }
    impl ErrorEnvelopeStatus {
        pub fn builder() -> builder::ErrorEnvelopeStatus {
            Default::default()
        }
    }
    ///`Transaction`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct Transaction {
        ///The amount in tiyin (1/100 of a sum).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub amount: ::std::option::Option<i64>,
        ///When the transaction was created, as Unix time in milliseconds.
        #[serde(
            rename = "createdAt",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub created_at: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub currency: ::std::option::Option<Currency>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub epos: ::std::option::Option<Epos>,
        ///The commission in tiyin (1/100 of a sum).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub fee: ::std::option::Option<i64>,
        ///The commission as a percentage. Documented as "long", shown as `0.0`.
        #[serde(
            rename = "feePercent",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub fee_percent: ::std::option::Option<f64>,
        ///The VIA merchant's id.
        #[serde(
            rename = "merchantId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub merchant_id: ::std::option::Option<::std::string::String>,
        ///When the payment was made, as Unix time in milliseconds.
        #[serde(
            rename = "payedAt",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub payed_at: ::std::option::Option<i64>,
        ///The transaction's id in the processing system (UZCARD/HUMO).
        #[serde(
            rename = "processingTransactionId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub processing_transaction_id: ::std::option::Option<::std::string::String>,
        ///`SUCCESS`: successful; `ERROR`: an error; `REJECT`: refused; `PENDING`: pending; `NEW`: new; `DRAFT`: a draft.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<TransactionStatus>,
        ///The transaction's id.
        #[serde(
            rename = "transactionId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub transaction_id: ::std::option::Option<::std::string::String>,
    }
    impl Transaction {
        pub fn builder() -> builder::Transaction {
            Default::default()
        }
    }
    ///`SUCCESS`: successful; `ERROR`: an error; `REJECT`: refused; `PENDING`: pending; `NEW`: new; `DRAFT`: a draft.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    pub enum TransactionStatus {
        #[serde(rename = "SUCCESS")]
        Success,
        #[serde(rename = "ERROR")]
        Error,
        #[serde(rename = "REJECT")]
        Reject,
        #[serde(rename = "PENDING")]
        Pending,
        #[serde(rename = "NEW")]
        New,
        #[serde(rename = "DRAFT")]
        Draft,
    }
    impl ::std::fmt::Display for TransactionStatus {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Success => f.write_str("SUCCESS"),
                Self::Error => f.write_str("ERROR"),
                Self::Reject => f.write_str("REJECT"),
                Self::Pending => f.write_str("PENDING"),
                Self::New => f.write_str("NEW"),
                Self::Draft => f.write_str("DRAFT"),
            }
        }
    }
    impl ::std::str::FromStr for TransactionStatus {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "SUCCESS" => Ok(Self::Success),
                "ERROR" => Ok(Self::Error),
                "REJECT" => Ok(Self::Reject),
                "PENDING" => Ok(Self::Pending),
                "NEW" => Ok(Self::New),
                "DRAFT" => Ok(Self::Draft),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for TransactionStatus {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for TransactionStatus {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    /// Types for composing complex structures.
    pub mod builder {
        #[derive(Clone, Debug)]
        pub struct Card {
            expiry: ::std::result::Result<crate::Secret, ::std::string::String>,
            pan: ::std::result::Result<crate::Secret, ::std::string::String>,
        }
        impl ::std::default::Default for Card {
            fn default() -> Self {
                Self {
                    expiry: Err("no value supplied for expiry".to_string()),
                    pan: Err("no value supplied for pan".to_string()),
                }
            }
        }
        impl Card {
            pub fn expiry<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::Secret>,
                T::Error: ::std::fmt::Display,
            {
                self.expiry = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for expiry: {e}")
                    });
                self
            }
            pub fn pan<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::Secret>,
                T::Error: ::std::fmt::Display,
            {
                self.pan = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for pan: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<Card> for super::Card {
            type Error = super::error::ConversionError;
            fn try_from(
                value: Card,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    expiry: value.expiry?,
                    pan: value.pan?,
                })
            }
        }
        impl ::std::convert::From<super::Card> for Card {
            fn from(value: super::Card) -> Self {
                Self {
                    expiry: Ok(value.expiry),
                    pan: Ok(value.pan),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ConfirmPayRequest {
            accounts: ::std::result::Result<
                ::std::collections::HashMap<
                    ::std::string::String,
                    ::std::string::String,
                >,
                ::std::string::String,
            >,
            amount: ::std::result::Result<i64, ::std::string::String>,
            card: ::std::result::Result<super::Card, ::std::string::String>,
            currency: ::std::result::Result<super::Currency, ::std::string::String>,
            external_id: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
            merchant_id: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
            note: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ConfirmPayRequest {
            fn default() -> Self {
                Self {
                    accounts: Err("no value supplied for accounts".to_string()),
                    amount: Err("no value supplied for amount".to_string()),
                    card: Err("no value supplied for card".to_string()),
                    currency: Err("no value supplied for currency".to_string()),
                    external_id: Err("no value supplied for external_id".to_string()),
                    merchant_id: Err("no value supplied for merchant_id".to_string()),
                    note: Ok(Default::default()),
                }
            }
        }
        impl ConfirmPayRequest {
            pub fn accounts<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::collections::HashMap<
                        ::std::string::String,
                        ::std::string::String,
                    >,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.accounts = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for accounts: {e}")
                    });
                self
            }
            pub fn amount<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<i64>,
                T::Error: ::std::fmt::Display,
            {
                self.amount = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for amount: {e}")
                    });
                self
            }
            pub fn card<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::Card>,
                T::Error: ::std::fmt::Display,
            {
                self.card = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for card: {e}")
                    });
                self
            }
            pub fn currency<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::Currency>,
                T::Error: ::std::fmt::Display,
            {
                self.currency = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for currency: {e}")
                    });
                self
            }
            pub fn external_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.external_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for external_id: {e}")
                    });
                self
            }
            pub fn merchant_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.merchant_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for merchant_id: {e}")
                    });
                self
            }
            pub fn note<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.note = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for note: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ConfirmPayRequest> for super::ConfirmPayRequest {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ConfirmPayRequest,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    accounts: value.accounts?,
                    amount: value.amount?,
                    card: value.card?,
                    currency: value.currency?,
                    external_id: value.external_id?,
                    merchant_id: value.merchant_id?,
                    note: value.note?,
                })
            }
        }
        impl ::std::convert::From<super::ConfirmPayRequest> for ConfirmPayRequest {
            fn from(value: super::ConfirmPayRequest) -> Self {
                Self {
                    accounts: Ok(value.accounts),
                    amount: Ok(value.amount),
                    card: Ok(value.card),
                    currency: Ok(value.currency),
                    external_id: Ok(value.external_id),
                    merchant_id: Ok(value.merchant_id),
                    note: Ok(value.note),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ConfirmPayResponse {
            verify_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ConfirmPayResponse {
            fn default() -> Self {
                Self {
                    verify_id: Ok(Default::default()),
                }
            }
        }
        impl ConfirmPayResponse {
            pub fn verify_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.verify_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for verify_id: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ConfirmPayResponse> for super::ConfirmPayResponse {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ConfirmPayResponse,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    verify_id: value.verify_id?,
                })
            }
        }
        impl ::std::convert::From<super::ConfirmPayResponse> for ConfirmPayResponse {
            fn from(value: super::ConfirmPayResponse) -> Self {
                Self {
                    verify_id: Ok(value.verify_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ConfirmPayVerifyRequest {
            verify_code: ::std::result::Result<crate::Secret, ::std::string::String>,
            verify_id: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ConfirmPayVerifyRequest {
            fn default() -> Self {
                Self {
                    verify_code: Err("no value supplied for verify_code".to_string()),
                    verify_id: Err("no value supplied for verify_id".to_string()),
                }
            }
        }
        impl ConfirmPayVerifyRequest {
            pub fn verify_code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::Secret>,
                T::Error: ::std::fmt::Display,
            {
                self.verify_code = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for verify_code: {e}")
                    });
                self
            }
            pub fn verify_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.verify_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for verify_id: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ConfirmPayVerifyRequest>
        for super::ConfirmPayVerifyRequest {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ConfirmPayVerifyRequest,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    verify_code: value.verify_code?,
                    verify_id: value.verify_id?,
                })
            }
        }
        impl ::std::convert::From<super::ConfirmPayVerifyRequest>
        for ConfirmPayVerifyRequest {
            fn from(value: super::ConfirmPayVerifyRequest) -> Self {
                Self {
                    verify_code: Ok(value.verify_code),
                    verify_id: Ok(value.verify_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct Epos {
            merchant_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            terminal_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for Epos {
            fn default() -> Self {
                Self {
                    merchant_id: Ok(Default::default()),
                    terminal_id: Ok(Default::default()),
                }
            }
        }
        impl Epos {
            pub fn merchant_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.merchant_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for merchant_id: {e}")
                    });
                self
            }
            pub fn terminal_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.terminal_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for terminal_id: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<Epos> for super::Epos {
            type Error = super::error::ConversionError;
            fn try_from(
                value: Epos,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    merchant_id: value.merchant_id?,
                    terminal_id: value.terminal_id?,
                })
            }
        }
        impl ::std::convert::From<super::Epos> for Epos {
            fn from(value: super::Epos) -> Self {
                Self {
                    merchant_id: Ok(value.merchant_id),
                    terminal_id: Ok(value.terminal_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ErrorEnvelope {
            error: ::std::result::Result<
                ::std::option::Option<super::ErrorEnvelopeError>,
                ::std::string::String,
            >,
            status: ::std::result::Result<
                ::std::option::Option<super::ErrorEnvelopeStatus>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ErrorEnvelope {
            fn default() -> Self {
                Self {
                    error: Ok(Default::default()),
                    status: Ok(Default::default()),
                }
            }
        }
        impl ErrorEnvelope {
            pub fn error<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::ErrorEnvelopeError>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.error = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for error: {e}")
                    });
                self
            }
            pub fn status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::ErrorEnvelopeStatus>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for status: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ErrorEnvelope> for super::ErrorEnvelope {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ErrorEnvelope,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    error: value.error?,
                    status: value.status?,
                })
            }
        }
        impl ::std::convert::From<super::ErrorEnvelope> for ErrorEnvelope {
            fn from(value: super::ErrorEnvelope) -> Self {
                Self {
                    error: Ok(value.error),
                    status: Ok(value.status),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ErrorEnvelopeError {
            message: ::std::result::Result<
                ::std::option::Option<super::ErrorEnvelopeErrorMessage>,
                ::std::string::String,
            >,
            path: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ErrorEnvelopeError {
            fn default() -> Self {
                Self {
                    message: Ok(Default::default()),
                    path: Ok(Default::default()),
                }
            }
        }
        impl ErrorEnvelopeError {
            pub fn message<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::ErrorEnvelopeErrorMessage>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.message = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for message: {e}")
                    });
                self
            }
            pub fn path<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.path = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for path: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ErrorEnvelopeError> for super::ErrorEnvelopeError {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ErrorEnvelopeError,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    message: value.message?,
                    path: value.path?,
                })
            }
        }
        impl ::std::convert::From<super::ErrorEnvelopeError> for ErrorEnvelopeError {
            fn from(value: super::ErrorEnvelopeError) -> Self {
                Self {
                    message: Ok(value.message),
                    path: Ok(value.path),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ErrorEnvelopeErrorMessage {
            en: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            ru: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            uz: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ErrorEnvelopeErrorMessage {
            fn default() -> Self {
                Self {
                    en: Ok(Default::default()),
                    ru: Ok(Default::default()),
                    uz: Ok(Default::default()),
                }
            }
        }
        impl ErrorEnvelopeErrorMessage {
            pub fn en<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.en = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for en: {e}"));
                self
            }
            pub fn ru<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.ru = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for ru: {e}"));
                self
            }
            pub fn uz<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.uz = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for uz: {e}"));
                self
            }
        }
        impl ::std::convert::TryFrom<ErrorEnvelopeErrorMessage>
        for super::ErrorEnvelopeErrorMessage {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ErrorEnvelopeErrorMessage,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    en: value.en?,
                    ru: value.ru?,
                    uz: value.uz?,
                })
            }
        }
        impl ::std::convert::From<super::ErrorEnvelopeErrorMessage>
        for ErrorEnvelopeErrorMessage {
            fn from(value: super::ErrorEnvelopeErrorMessage) -> Self {
                Self {
                    en: Ok(value.en),
                    ru: Ok(value.ru),
                    uz: Ok(value.uz),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ErrorEnvelopeStatus {
            code: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            message: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ErrorEnvelopeStatus {
            fn default() -> Self {
                Self {
                    code: Ok(Default::default()),
                    message: Ok(Default::default()),
                }
            }
        }
        impl ErrorEnvelopeStatus {
            pub fn code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.code = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for code: {e}")
                    });
                self
            }
            pub fn message<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.message = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for message: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ErrorEnvelopeStatus>
        for super::ErrorEnvelopeStatus {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ErrorEnvelopeStatus,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    code: value.code?,
                    message: value.message?,
                })
            }
        }
        impl ::std::convert::From<super::ErrorEnvelopeStatus> for ErrorEnvelopeStatus {
            fn from(value: super::ErrorEnvelopeStatus) -> Self {
                Self {
                    code: Ok(value.code),
                    message: Ok(value.message),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct Transaction {
            amount: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            created_at: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            currency: ::std::result::Result<
                ::std::option::Option<super::Currency>,
                ::std::string::String,
            >,
            epos: ::std::result::Result<
                ::std::option::Option<super::Epos>,
                ::std::string::String,
            >,
            fee: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            fee_percent: ::std::result::Result<
                ::std::option::Option<f64>,
                ::std::string::String,
            >,
            merchant_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            payed_at: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            processing_transaction_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            status: ::std::result::Result<
                ::std::option::Option<super::TransactionStatus>,
                ::std::string::String,
            >,
            transaction_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for Transaction {
            fn default() -> Self {
                Self {
                    amount: Ok(Default::default()),
                    created_at: Ok(Default::default()),
                    currency: Ok(Default::default()),
                    epos: Ok(Default::default()),
                    fee: Ok(Default::default()),
                    fee_percent: Ok(Default::default()),
                    merchant_id: Ok(Default::default()),
                    payed_at: Ok(Default::default()),
                    processing_transaction_id: Ok(Default::default()),
                    status: Ok(Default::default()),
                    transaction_id: Ok(Default::default()),
                }
            }
        }
        impl Transaction {
            pub fn amount<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.amount = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for amount: {e}")
                    });
                self
            }
            pub fn created_at<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.created_at = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for created_at: {e}")
                    });
                self
            }
            pub fn currency<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::Currency>>,
                T::Error: ::std::fmt::Display,
            {
                self.currency = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for currency: {e}")
                    });
                self
            }
            pub fn epos<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::Epos>>,
                T::Error: ::std::fmt::Display,
            {
                self.epos = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for epos: {e}")
                    });
                self
            }
            pub fn fee<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.fee = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for fee: {e}")
                    });
                self
            }
            pub fn fee_percent<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<f64>>,
                T::Error: ::std::fmt::Display,
            {
                self.fee_percent = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for fee_percent: {e}")
                    });
                self
            }
            pub fn merchant_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.merchant_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for merchant_id: {e}")
                    });
                self
            }
            pub fn payed_at<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.payed_at = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for payed_at: {e}")
                    });
                self
            }
            pub fn processing_transaction_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.processing_transaction_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for processing_transaction_id: {e}"
                        )
                    });
                self
            }
            pub fn status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::TransactionStatus>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for status: {e}")
                    });
                self
            }
            pub fn transaction_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.transaction_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for transaction_id: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<Transaction> for super::Transaction {
            type Error = super::error::ConversionError;
            fn try_from(
                value: Transaction,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    amount: value.amount?,
                    created_at: value.created_at?,
                    currency: value.currency?,
                    epos: value.epos?,
                    fee: value.fee?,
                    fee_percent: value.fee_percent?,
                    merchant_id: value.merchant_id?,
                    payed_at: value.payed_at?,
                    processing_transaction_id: value.processing_transaction_id?,
                    status: value.status?,
                    transaction_id: value.transaction_id?,
                })
            }
        }
        impl ::std::convert::From<super::Transaction> for Transaction {
            fn from(value: super::Transaction) -> Self {
                Self {
                    amount: Ok(value.amount),
                    created_at: Ok(value.created_at),
                    currency: Ok(value.currency),
                    epos: Ok(value.epos),
                    fee: Ok(value.fee),
                    fee_percent: Ok(value.fee_percent),
                    merchant_id: Ok(value.merchant_id),
                    payed_at: Ok(value.payed_at),
                    processing_transaction_id: Ok(value.processing_transaction_id),
                    status: Ok(value.status),
                    transaction_id: Ok(value.transaction_id),
                }
            }
        }
    }
    /// Error types.
    pub mod error {
        /// Error from a `TryFrom` or `FromStr` implementation.
        pub struct ConversionError(::std::borrow::Cow<'static, str>);
        impl ::std::error::Error for ConversionError {}
        impl ::std::fmt::Display for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }
        impl ::std::fmt::Debug for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Debug::fmt(&self.0, f)
            }
        }
        impl From<&'static str> for ConversionError {
            fn from(value: &'static str) -> Self {
                Self(value.into())
            }
        }
        impl From<String> for ConversionError {
            fn from(value: String) -> Self {
                Self(value.into())
            }
        }
    }
}
#[derive(Clone, Debug)]
/**Client for VIA merchant card payment with SMS confirmation

Paying a merchant's service with a client's UZCARD/HUMO card, confirmed by a one-time code sent to the client by SMS: `confirmPay` starts the payment and returns a `verifyId`; `confirmPayVerify` sends that id and the client's code to complete it. Written by hand from VIA's pages; see specs/README.md for the source of every operation and each decision the pages leave open (notably the HTTP status of errors, which VIA does not document).

Version: unversioned (docs.viadev.uz)*/
pub struct Client {
    pub(crate) baseurl: String,
    pub(crate) client: reqwest::Client,
    pub(crate) inner: crate::clients::Hooks,
}
impl Client {
    /// Create a new client.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new(baseurl: &str, inner: crate::clients::Hooks) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let client = {
            let dur = ::std::time::Duration::from_secs(15u64);
            reqwest::ClientBuilder::new().connect_timeout(dur).timeout(dur)
        };
        #[cfg(target_arch = "wasm32")]
        let client = reqwest::ClientBuilder::new();
        Self::new_with_client(baseurl, client.build().unwrap(), inner)
    }
    /// Construct a new client with an existing `reqwest::Client`,
    /// allowing more control over its configuration.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new_with_client(
        baseurl: &str,
        client: reqwest::Client,
        inner: crate::clients::Hooks,
    ) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
            inner,
        }
    }
}
impl ClientInfo<crate::clients::Hooks> for Client {
    fn api_version() -> &'static str {
        "unversioned (docs.viadev.uz)"
    }
    fn baseurl(&self) -> &str {
        self.baseurl.as_str()
    }
    fn client(&self) -> &reqwest::Client {
        &self.client
    }
    fn inner(&self) -> &crate::clients::Hooks {
        &self.inner
    }
}
const _: () = {
    #[allow(dead_code)]
    fn assert_client_hooks()
    where
        Client: ClientHooks<crate::clients::Hooks>,
    {}
};
impl Client {
    /**Start a card payment; VIA sends the client an SMS code

Sends a `POST` request to `/partner/merchant/confirm/pay`

```ignore
let response = client.confirm_pay()
    .body(body)
    .send()
    .await;
```*/
    pub fn confirm_pay(&self) -> builder::ConfirmPay<'_> {
        builder::ConfirmPay::new(self)
    }
    /**Confirm the payment with the client's one-time code ("Method verify")

Sends the `verifyId` that `confirmPay` returned and the one-time code the client received by SMS, which completes the payment.

Sends a `POST` request to `/partner/merchant/confirm/pay/verify`

```ignore
let response = client.confirm_pay_verify()
    .body(body)
    .send()
    .await;
```*/
    pub fn confirm_pay_verify(&self) -> builder::ConfirmPayVerify<'_> {
        builder::ConfirmPayVerify::new(self)
    }
}
/// Types for composing operation parameters.
#[allow(clippy::all)]
pub mod builder {
    use super::types;
    #[allow(unused_imports)]
    use super::{
        encode_path, ByteStream, ClientInfo, ClientHooks, Error, OperationInfo,
        RequestBuilderExt, ResponseValue,
    };
    /**Builder for [`Client::confirm_pay`]

[`Client::confirm_pay`]: super::Client::confirm_pay*/
    #[derive(Debug, Clone)]
    pub struct ConfirmPay<'a> {
        client: &'a super::Client,
        body: Result<types::builder::ConfirmPayRequest, String>,
    }
    impl<'a> ConfirmPay<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                body: Ok(::std::default::Default::default()),
            }
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::ConfirmPayRequest>,
            <V as std::convert::TryInto<
                types::ConfirmPayRequest,
            >>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(From::from)
                .map_err(|s| {
                    format!("conversion to `ConfirmPayRequest` for body failed: {}", s)
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::ConfirmPayRequest,
            ) -> types::builder::ConfirmPayRequest,
        {
            self.body = self.body.map(f);
            self
        }
        ///Sends a `POST` request to `/partner/merchant/confirm/pay`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<types::ConfirmPayResponse>,
            Error<types::ErrorEnvelope>,
        > {
            let Self { client, body } = self;
            let body = body
                .and_then(|v| {
                    types::ConfirmPayRequest::try_from(v).map_err(|e| e.to_string())
                })
                .map_err(Error::InvalidRequest)?;
            let url = format!("{}/partner/merchant/confirm/pay", client.baseurl,);
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "confirm_pay",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16..=499u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16..=599u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::confirm_pay_verify`]

[`Client::confirm_pay_verify`]: super::Client::confirm_pay_verify*/
    #[derive(Debug, Clone)]
    pub struct ConfirmPayVerify<'a> {
        client: &'a super::Client,
        body: Result<types::builder::ConfirmPayVerifyRequest, String>,
    }
    impl<'a> ConfirmPayVerify<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                body: Ok(::std::default::Default::default()),
            }
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::ConfirmPayVerifyRequest>,
            <V as std::convert::TryInto<
                types::ConfirmPayVerifyRequest,
            >>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(From::from)
                .map_err(|s| {
                    format!(
                        "conversion to `ConfirmPayVerifyRequest` for body failed: {}", s
                    )
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::ConfirmPayVerifyRequest,
            ) -> types::builder::ConfirmPayVerifyRequest,
        {
            self.body = self.body.map(f);
            self
        }
        ///Sends a `POST` request to `/partner/merchant/confirm/pay/verify`
        pub async fn send(
            self,
        ) -> Result<ResponseValue<types::Transaction>, Error<types::ErrorEnvelope>> {
            let Self { client, body } = self;
            let body = body
                .and_then(|v| {
                    types::ConfirmPayVerifyRequest::try_from(v)
                        .map_err(|e| e.to_string())
                })
                .map_err(Error::InvalidRequest)?;
            let url = format!("{}/partner/merchant/confirm/pay/verify", client.baseurl,);
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "confirm_pay_verify",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16..=499u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16..=599u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
}
/// Items consumers will typically use such as the Client.
pub mod prelude {
    pub use self::super::Client;
}
