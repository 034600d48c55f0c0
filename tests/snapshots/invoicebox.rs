#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///`Code`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct Code {
        ///How many more times a code can be sent.
        #[serde(rename = "leftAttempt")]
        pub left_attempt: i64,
        ///The code's public identifier; `pay` sends it back in `customerPaymentData`.
        #[serde(rename = "publicCode")]
        pub public_code: ::std::string::String,
    }
    impl Code {
        pub fn builder() -> builder::Code {
            Default::default()
        }
    }
    ///The body of `send-code`, and of `validate` (ValidateRequest has the same fields).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct CodeRequest {
        pub customer: Customer,
        #[serde(
            rename = "languageId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub language_id: ::std::option::Option<LanguageId>,
        #[serde(rename = "paymentMethodId")]
        pub payment_method_id: PaymentMethodId,
    }
    impl CodeRequest {
        pub fn builder() -> builder::CodeRequest {
            Default::default()
        }
    }
    ///`CodeResponse`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct CodeResponse {
        pub data: CodeResult,
    }
    impl CodeResponse {
        pub fn builder() -> builder::CodeResponse {
            Default::default()
        }
    }
    ///`CodeResult`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct CodeResult {
        ///`error`: an error; `codeAlreadySent`: a code was sent before and cannot be sent again yet; `success`: the code was sent.
        pub result: CodeResultResult,
        #[serde(rename = "resultData")]
        pub result_data: Code,
        ///The action to take; `send-code` documents only `none`.
        #[serde(rename = "type")]
        pub type_: CodeResultType,
    }
    impl CodeResult {
        pub fn builder() -> builder::CodeResult {
            Default::default()
        }
    }
    ///`error`: an error; `codeAlreadySent`: a code was sent before and cannot be sent again yet; `success`: the code was sent.
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
    pub enum CodeResultResult {
        #[serde(rename = "error")]
        Error,
        #[serde(rename = "codeAlreadySent")]
        CodeAlreadySent,
        #[serde(rename = "success")]
        Success,
    }
    impl ::std::fmt::Display for CodeResultResult {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Error => f.write_str("error"),
                Self::CodeAlreadySent => f.write_str("codeAlreadySent"),
                Self::Success => f.write_str("success"),
            }
        }
    }
    impl ::std::str::FromStr for CodeResultResult {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "error" => Ok(Self::Error),
                "codeAlreadySent" => Ok(Self::CodeAlreadySent),
                "success" => Ok(Self::Success),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for CodeResultResult {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CodeResultResult {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///The action to take; `send-code` documents only `none`.
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
    pub enum CodeResultType {
        #[serde(rename = "none")]
        None,
    }
    impl ::std::fmt::Display for CodeResultType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::None => f.write_str("none"),
            }
        }
    }
    impl ::std::str::FromStr for CodeResultType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "none" => Ok(Self::None),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for CodeResultType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CodeResultType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///The payer ("Информация о плательщике"), the `Customer` object of the order-creation page. Every field is optional.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct Customer {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub email: ::std::option::Option<CustomerEmail>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<CustomerName>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub phone: ::std::option::Option<CustomerPhone>,
        ///Registered (legal) address ("Юр. адрес").
        #[serde(
            rename = "registrationAddress",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub registration_address: ::std::option::Option<CustomerRegistrationAddress>,
        ///Tax registration reason code (КПП).
        #[serde(
            rename = "taxRegistrationReasonCode",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub tax_registration_reason_code: ::std::option::Option<
            CustomerTaxRegistrationReasonCode,
        >,
        ///`legal`: a legal entity (юр. лицо); `private`: a private person (физ. лицо).
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<CustomerType>,
        ///Taxpayer number (ИНН).
        #[serde(
            rename = "vatNumber",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub vat_number: ::std::option::Option<CustomerVatNumber>,
    }
    impl Customer {
        pub fn builder() -> builder::Customer {
            Default::default()
        }
    }
    ///`CustomerEmail`
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct CustomerEmail(::std::string::String);
    impl ::std::ops::Deref for CustomerEmail {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CustomerEmail> for ::std::string::String {
        fn from(value: CustomerEmail) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CustomerEmail {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 100usize {
                return Err("longer than 100 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CustomerEmail {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CustomerEmail {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CustomerEmail {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`CustomerName`
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct CustomerName(::std::string::String);
    impl ::std::ops::Deref for CustomerName {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CustomerName> for ::std::string::String {
        fn from(value: CustomerName) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CustomerName {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 500usize {
                return Err("longer than 500 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CustomerName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CustomerName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CustomerName {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///What confirms the payment ("Данные для подтверждения оплаты заказа").
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct CustomerPaymentData {
        ///The code the buyer received from Invoicebox. A secret.
        pub code: crate::Secret,
        ///The code's public identifier, from `sendCode`'s `resultData.publicCode`.
        #[serde(rename = "publicCode")]
        pub public_code: ::std::string::String,
    }
    impl CustomerPaymentData {
        pub fn builder() -> builder::CustomerPaymentData {
            Default::default()
        }
    }
    ///`CustomerPhone`
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct CustomerPhone(::std::string::String);
    impl ::std::ops::Deref for CustomerPhone {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CustomerPhone> for ::std::string::String {
        fn from(value: CustomerPhone) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CustomerPhone {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 100usize {
                return Err("longer than 100 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CustomerPhone {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CustomerPhone {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CustomerPhone {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///Registered (legal) address ("Юр. адрес").
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct CustomerRegistrationAddress(::std::string::String);
    impl ::std::ops::Deref for CustomerRegistrationAddress {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CustomerRegistrationAddress> for ::std::string::String {
        fn from(value: CustomerRegistrationAddress) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CustomerRegistrationAddress {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 1000usize {
                return Err("longer than 1000 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CustomerRegistrationAddress {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CustomerRegistrationAddress {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CustomerRegistrationAddress {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///Tax registration reason code (КПП).
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct CustomerTaxRegistrationReasonCode(::std::string::String);
    impl ::std::ops::Deref for CustomerTaxRegistrationReasonCode {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CustomerTaxRegistrationReasonCode>
    for ::std::string::String {
        fn from(value: CustomerTaxRegistrationReasonCode) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CustomerTaxRegistrationReasonCode {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 9usize {
                return Err("longer than 9 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CustomerTaxRegistrationReasonCode {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String>
    for CustomerTaxRegistrationReasonCode {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CustomerTaxRegistrationReasonCode {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`legal`: a legal entity (юр. лицо); `private`: a private person (физ. лицо).
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
    pub enum CustomerType {
        #[serde(rename = "legal")]
        Legal,
        #[serde(rename = "private")]
        Private,
    }
    impl ::std::fmt::Display for CustomerType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Legal => f.write_str("legal"),
                Self::Private => f.write_str("private"),
            }
        }
    }
    impl ::std::str::FromStr for CustomerType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "legal" => Ok(Self::Legal),
                "private" => Ok(Self::Private),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for CustomerType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CustomerType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///Taxpayer number (ИНН).
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct CustomerVatNumber(::std::string::String);
    impl ::std::ops::Deref for CustomerVatNumber {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CustomerVatNumber> for ::std::string::String {
        fn from(value: CustomerVatNumber) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CustomerVatNumber {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 20usize {
                return Err("longer than 20 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CustomerVatNumber {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CustomerVatNumber {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CustomerVatNumber {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`Error`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct Error {
        ///The error code: `unauthorized` (401), `forbidden` (403), and for 422 `wrong_expiration_date`, `wrong_currency`, `language_not_found`, `wrong_basket_item_total_amount`, `wrong_basket_item_total_vat_amount`, `wrong_basket_item_amount_wo_vat`, `wrong_total_amount`, `wrong_total_vat_amount`, `wrong_order_status`, `merchant_order_id_duplicate`. The dictionary gives no code for 429 and 500 (`---`), so it is optional.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub code: ::std::option::Option<::std::string::String>,
        ///The fields at fault; seen in the SDK's recorded responses, not in the dictionary.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub fields: ::std::option::Option<::std::vec::Vec<FieldError>>,
        pub message: ::std::string::String,
    }
    impl Error {
        pub fn builder() -> builder::Error {
            Default::default()
        }
    }
    ///The body of every error ("Коды ошибок"): api.md says any status of 400 or above carries the property `error`.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct ErrorResponse {
        pub error: Error,
    }
    impl ErrorResponse {
        pub fn builder() -> builder::ErrorResponse {
            Default::default()
        }
    }
    ///`FieldError`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct FieldError {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub code: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
    }
    impl FieldError {
        pub fn builder() -> builder::FieldError {
            Default::default()
        }
    }
    ///The buyer's language ("Язык плательщика").
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
    pub enum LanguageId {
        #[serde(rename = "ru")]
        Ru,
        #[serde(rename = "en")]
        En,
    }
    impl ::std::fmt::Display for LanguageId {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Ru => f.write_str("ru"),
                Self::En => f.write_str("en"),
            }
        }
    }
    impl ::std::str::FromStr for LanguageId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "ru" => Ok(Self::Ru),
                "en" => Ok(Self::En),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for LanguageId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for LanguageId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///Information from Invoicebox to show the buyer.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct Message {
        pub message: ::std::string::String,
        pub title: ::std::string::String,
    }
    impl Message {
        pub fn builder() -> builder::Message {
            Default::default()
        }
    }
    ///`PayRequest`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct PayRequest {
        pub customer: Customer,
        #[serde(rename = "customerPaymentData")]
        pub customer_payment_data: CustomerPaymentData,
        #[serde(
            rename = "languageId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub language_id: ::std::option::Option<LanguageId>,
        #[serde(rename = "paymentMethodId")]
        pub payment_method_id: PaymentMethodId,
    }
    impl PayRequest {
        pub fn builder() -> builder::PayRequest {
            Default::default()
        }
    }
    ///`PayResponse`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct PayResponse {
        pub data: PayResult,
    }
    impl PayResponse {
        pub fn builder() -> builder::PayResponse {
            Default::default()
        }
    }
    ///What happened, and what the shop must do: with `type: none` nothing (`resultData` is empty in the page's example); with `type: message` show the buyer `resultData.message`.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[serde(untagged)]
    pub enum PayResult {
        None(PayResultNone),
        Message(PayResultMessage),
    }
    impl ::std::convert::From<PayResultNone> for PayResult {
        fn from(value: PayResultNone) -> Self {
            Self::None(value)
        }
    }
    impl ::std::convert::From<PayResultMessage> for PayResult {
        fn from(value: PayResultMessage) -> Self {
            Self::Message(value)
        }
    }
    ///`PayResultMessage`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct PayResultMessage {
        pub result: PayResultStatus,
        #[serde(rename = "resultData")]
        pub result_data: PayResultMessageResultData,
        #[serde(rename = "type")]
        pub type_: PayResultMessageType,
    }
    impl PayResultMessage {
        pub fn builder() -> builder::PayResultMessage {
            Default::default()
        }
    }
    ///`PayResultMessageResultData`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct PayResultMessageResultData {
        pub message: Message,
    }
    impl PayResultMessageResultData {
        pub fn builder() -> builder::PayResultMessageResultData {
            Default::default()
        }
    }
    ///`PayResultMessageType`
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
    pub enum PayResultMessageType {
        #[serde(rename = "message")]
        Message,
    }
    impl ::std::fmt::Display for PayResultMessageType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Message => f.write_str("message"),
            }
        }
    }
    impl ::std::str::FromStr for PayResultMessageType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "message" => Ok(Self::Message),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for PayResultMessageType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for PayResultMessageType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///`PayResultNone`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct PayResultNone {
        pub result: PayResultStatus,
        ///Empty in the page's example.
        #[serde(rename = "resultData")]
        pub result_data: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        #[serde(rename = "type")]
        pub type_: PayResultNoneType,
    }
    impl PayResultNone {
        pub fn builder() -> builder::PayResultNone {
            Default::default()
        }
    }
    ///`PayResultNoneType`
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
    pub enum PayResultNoneType {
        #[serde(rename = "none")]
        None,
    }
    impl ::std::fmt::Display for PayResultNoneType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::None => f.write_str("none"),
            }
        }
    }
    impl ::std::str::FromStr for PayResultNoneType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "none" => Ok(Self::None),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for PayResultNoneType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for PayResultNoneType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///`alreadyPaid`: the payment was confirmed before; `wrongCode`: the code is wrong, try again; `limitReached`: too many attempts; `notEnoughMoney`: not enough money on the account; `error`: an unexpected error; `success`: paid.
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
    pub enum PayResultStatus {
        #[serde(rename = "alreadyPaid")]
        AlreadyPaid,
        #[serde(rename = "wrongCode")]
        WrongCode,
        #[serde(rename = "limitReached")]
        LimitReached,
        #[serde(rename = "notEnoughMoney")]
        NotEnoughMoney,
        #[serde(rename = "error")]
        Error,
        #[serde(rename = "success")]
        Success,
    }
    impl ::std::fmt::Display for PayResultStatus {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::AlreadyPaid => f.write_str("alreadyPaid"),
                Self::WrongCode => f.write_str("wrongCode"),
                Self::LimitReached => f.write_str("limitReached"),
                Self::NotEnoughMoney => f.write_str("notEnoughMoney"),
                Self::Error => f.write_str("error"),
                Self::Success => f.write_str("success"),
            }
        }
    }
    impl ::std::str::FromStr for PayResultStatus {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "alreadyPaid" => Ok(Self::AlreadyPaid),
                "wrongCode" => Ok(Self::WrongCode),
                "limitReached" => Ok(Self::LimitReached),
                "notEnoughMoney" => Ok(Self::NotEnoughMoney),
                "error" => Ok(Self::Error),
                "success" => Ok(Self::Success),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for PayResultStatus {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for PayResultStatus {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///The payment confirmation instrument ("Идентификатор инструмента подтверждения оплаты").
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct PaymentMethodId(::std::string::String);
    impl ::std::ops::Deref for PaymentMethodId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<PaymentMethodId> for ::std::string::String {
        fn from(value: PaymentMethodId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for PaymentMethodId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 36usize {
                return Err("longer than 36 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for PaymentMethodId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for PaymentMethodId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for PaymentMethodId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`ValidateRequest`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[serde(transparent)]
    pub struct ValidateRequest(pub CodeRequest);
    impl ::std::ops::Deref for ValidateRequest {
        type Target = CodeRequest;
        fn deref(&self) -> &CodeRequest {
            &self.0
        }
    }
    impl ::std::convert::From<ValidateRequest> for CodeRequest {
        fn from(value: ValidateRequest) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<CodeRequest> for ValidateRequest {
        fn from(value: CodeRequest) -> Self {
            Self(value)
        }
    }
    ///`ValidateResponse`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct ValidateResponse {
        pub data: ValidateResult,
    }
    impl ValidateResponse {
        pub fn builder() -> builder::ValidateResponse {
            Default::default()
        }
    }
    ///The page's table lists `result` and `resultNote`; its example also carries `type` and `resultData`, which are described here as optional and not narrowed further.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct ValidateResult {
        ///`notRegistered`: the organisation is not registered in the system; `notEnoughMoney`: not enough money to confirm the payment; `available`: the payment can be confirmed.
        pub result: ValidateResultResult,
        #[serde(
            rename = "resultData",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub result_data: ::std::option::Option<ValidateResultData>,
        ///A comment ("Комментарий").
        #[serde(
            rename = "resultNote",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub result_note: ::std::option::Option<::std::string::String>,
        ///The action to take; only in the page's example (`none`), which does not list the others.
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<::std::string::String>,
    }
    impl ValidateResult {
        pub fn builder() -> builder::ValidateResult {
            Default::default()
        }
    }
    ///Only in the page's example, which shows an empty `url` and no `arguments`.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct ValidateResultData {
        ///Empty (`[]`) in the page's example: PHP's empty array, which PHP writes as an object once it has keys. So an array or an object.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub arguments: ::std::option::Option<ValidateResultDataArguments>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub method: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub url: ::std::option::Option<::std::string::String>,
    }
    impl ValidateResultData {
        pub fn builder() -> builder::ValidateResultData {
            Default::default()
        }
    }
    ///Empty (`[]`) in the page's example: PHP's empty array, which PHP writes as an object once it has keys. So an array or an object.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[serde(untagged)]
    pub enum ValidateResultDataArguments {
        Array(::std::vec::Vec<::serde_json::Value>),
        Object(::serde_json::Map<::std::string::String, ::serde_json::Value>),
    }
    impl ::std::convert::From<::std::vec::Vec<::serde_json::Value>>
    for ValidateResultDataArguments {
        fn from(value: ::std::vec::Vec<::serde_json::Value>) -> Self {
            Self::Array(value)
        }
    }
    impl ::std::convert::From<
        ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    > for ValidateResultDataArguments {
        fn from(
            value: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        ) -> Self {
            Self::Object(value)
        }
    }
    ///`notRegistered`: the organisation is not registered in the system; `notEnoughMoney`: not enough money to confirm the payment; `available`: the payment can be confirmed.
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
    pub enum ValidateResultResult {
        #[serde(rename = "notRegistered")]
        NotRegistered,
        #[serde(rename = "notEnoughMoney")]
        NotEnoughMoney,
        #[serde(rename = "available")]
        Available,
    }
    impl ::std::fmt::Display for ValidateResultResult {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::NotRegistered => f.write_str("notRegistered"),
                Self::NotEnoughMoney => f.write_str("notEnoughMoney"),
                Self::Available => f.write_str("available"),
            }
        }
    }
    impl ::std::str::FromStr for ValidateResultResult {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "notRegistered" => Ok(Self::NotRegistered),
                "notEnoughMoney" => Ok(Self::NotEnoughMoney),
                "available" => Ok(Self::Available),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for ValidateResultResult {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ValidateResultResult {
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
        pub struct Code {
            left_attempt: ::std::result::Result<i64, ::std::string::String>,
            public_code: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for Code {
            fn default() -> Self {
                Self {
                    left_attempt: Err("no value supplied for left_attempt".to_string()),
                    public_code: Err("no value supplied for public_code".to_string()),
                }
            }
        }
        impl Code {
            pub fn left_attempt<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<i64>,
                T::Error: ::std::fmt::Display,
            {
                self.left_attempt = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for left_attempt: {e}")
                    });
                self
            }
            pub fn public_code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.public_code = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for public_code: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<Code> for super::Code {
            type Error = super::error::ConversionError;
            fn try_from(
                value: Code,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    left_attempt: value.left_attempt?,
                    public_code: value.public_code?,
                })
            }
        }
        impl ::std::convert::From<super::Code> for Code {
            fn from(value: super::Code) -> Self {
                Self {
                    left_attempt: Ok(value.left_attempt),
                    public_code: Ok(value.public_code),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct CodeRequest {
            customer: ::std::result::Result<super::Customer, ::std::string::String>,
            language_id: ::std::result::Result<
                ::std::option::Option<super::LanguageId>,
                ::std::string::String,
            >,
            payment_method_id: ::std::result::Result<
                super::PaymentMethodId,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for CodeRequest {
            fn default() -> Self {
                Self {
                    customer: Err("no value supplied for customer".to_string()),
                    language_id: Ok(Default::default()),
                    payment_method_id: Err(
                        "no value supplied for payment_method_id".to_string(),
                    ),
                }
            }
        }
        impl CodeRequest {
            pub fn customer<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::Customer>,
                T::Error: ::std::fmt::Display,
            {
                self.customer = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for customer: {e}")
                    });
                self
            }
            pub fn language_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::LanguageId>>,
                T::Error: ::std::fmt::Display,
            {
                self.language_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for language_id: {e}")
                    });
                self
            }
            pub fn payment_method_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::PaymentMethodId>,
                T::Error: ::std::fmt::Display,
            {
                self.payment_method_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for payment_method_id: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<CodeRequest> for super::CodeRequest {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CodeRequest,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    customer: value.customer?,
                    language_id: value.language_id?,
                    payment_method_id: value.payment_method_id?,
                })
            }
        }
        impl ::std::convert::From<super::CodeRequest> for CodeRequest {
            fn from(value: super::CodeRequest) -> Self {
                Self {
                    customer: Ok(value.customer),
                    language_id: Ok(value.language_id),
                    payment_method_id: Ok(value.payment_method_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct CodeResponse {
            data: ::std::result::Result<super::CodeResult, ::std::string::String>,
        }
        impl ::std::default::Default for CodeResponse {
            fn default() -> Self {
                Self {
                    data: Err("no value supplied for data".to_string()),
                }
            }
        }
        impl CodeResponse {
            pub fn data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::CodeResult>,
                T::Error: ::std::fmt::Display,
            {
                self.data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for data: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<CodeResponse> for super::CodeResponse {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CodeResponse,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { data: value.data? })
            }
        }
        impl ::std::convert::From<super::CodeResponse> for CodeResponse {
            fn from(value: super::CodeResponse) -> Self {
                Self { data: Ok(value.data) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct CodeResult {
            result: ::std::result::Result<
                super::CodeResultResult,
                ::std::string::String,
            >,
            result_data: ::std::result::Result<super::Code, ::std::string::String>,
            type_: ::std::result::Result<super::CodeResultType, ::std::string::String>,
        }
        impl ::std::default::Default for CodeResult {
            fn default() -> Self {
                Self {
                    result: Err("no value supplied for result".to_string()),
                    result_data: Err("no value supplied for result_data".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl CodeResult {
            pub fn result<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::CodeResultResult>,
                T::Error: ::std::fmt::Display,
            {
                self.result = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for result: {e}")
                    });
                self
            }
            pub fn result_data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::Code>,
                T::Error: ::std::fmt::Display,
            {
                self.result_data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for result_data: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::CodeResultType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<CodeResult> for super::CodeResult {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CodeResult,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    result: value.result?,
                    result_data: value.result_data?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::CodeResult> for CodeResult {
            fn from(value: super::CodeResult) -> Self {
                Self {
                    result: Ok(value.result),
                    result_data: Ok(value.result_data),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct Customer {
            email: ::std::result::Result<
                ::std::option::Option<super::CustomerEmail>,
                ::std::string::String,
            >,
            name: ::std::result::Result<
                ::std::option::Option<super::CustomerName>,
                ::std::string::String,
            >,
            phone: ::std::result::Result<
                ::std::option::Option<super::CustomerPhone>,
                ::std::string::String,
            >,
            registration_address: ::std::result::Result<
                ::std::option::Option<super::CustomerRegistrationAddress>,
                ::std::string::String,
            >,
            tax_registration_reason_code: ::std::result::Result<
                ::std::option::Option<super::CustomerTaxRegistrationReasonCode>,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                ::std::option::Option<super::CustomerType>,
                ::std::string::String,
            >,
            vat_number: ::std::result::Result<
                ::std::option::Option<super::CustomerVatNumber>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for Customer {
            fn default() -> Self {
                Self {
                    email: Ok(Default::default()),
                    name: Ok(Default::default()),
                    phone: Ok(Default::default()),
                    registration_address: Ok(Default::default()),
                    tax_registration_reason_code: Ok(Default::default()),
                    type_: Ok(Default::default()),
                    vat_number: Ok(Default::default()),
                }
            }
        }
        impl Customer {
            pub fn email<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::CustomerEmail>>,
                T::Error: ::std::fmt::Display,
            {
                self.email = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for email: {e}")
                    });
                self
            }
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::CustomerName>>,
                T::Error: ::std::fmt::Display,
            {
                self.name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for name: {e}")
                    });
                self
            }
            pub fn phone<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::CustomerPhone>>,
                T::Error: ::std::fmt::Display,
            {
                self.phone = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for phone: {e}")
                    });
                self
            }
            pub fn registration_address<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::CustomerRegistrationAddress>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.registration_address = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for registration_address: {e}"
                        )
                    });
                self
            }
            pub fn tax_registration_reason_code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::CustomerTaxRegistrationReasonCode>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.tax_registration_reason_code = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for tax_registration_reason_code: {e}"
                        )
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::CustomerType>>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
            pub fn vat_number<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::CustomerVatNumber>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.vat_number = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for vat_number: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<Customer> for super::Customer {
            type Error = super::error::ConversionError;
            fn try_from(
                value: Customer,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    email: value.email?,
                    name: value.name?,
                    phone: value.phone?,
                    registration_address: value.registration_address?,
                    tax_registration_reason_code: value.tax_registration_reason_code?,
                    type_: value.type_?,
                    vat_number: value.vat_number?,
                })
            }
        }
        impl ::std::convert::From<super::Customer> for Customer {
            fn from(value: super::Customer) -> Self {
                Self {
                    email: Ok(value.email),
                    name: Ok(value.name),
                    phone: Ok(value.phone),
                    registration_address: Ok(value.registration_address),
                    tax_registration_reason_code: Ok(value.tax_registration_reason_code),
                    type_: Ok(value.type_),
                    vat_number: Ok(value.vat_number),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct CustomerPaymentData {
            code: ::std::result::Result<crate::Secret, ::std::string::String>,
            public_code: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for CustomerPaymentData {
            fn default() -> Self {
                Self {
                    code: Err("no value supplied for code".to_string()),
                    public_code: Err("no value supplied for public_code".to_string()),
                }
            }
        }
        impl CustomerPaymentData {
            pub fn code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::Secret>,
                T::Error: ::std::fmt::Display,
            {
                self.code = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for code: {e}")
                    });
                self
            }
            pub fn public_code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.public_code = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for public_code: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<CustomerPaymentData>
        for super::CustomerPaymentData {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CustomerPaymentData,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    code: value.code?,
                    public_code: value.public_code?,
                })
            }
        }
        impl ::std::convert::From<super::CustomerPaymentData> for CustomerPaymentData {
            fn from(value: super::CustomerPaymentData) -> Self {
                Self {
                    code: Ok(value.code),
                    public_code: Ok(value.public_code),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct Error {
            code: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            fields: ::std::result::Result<
                ::std::option::Option<::std::vec::Vec<super::FieldError>>,
                ::std::string::String,
            >,
            message: ::std::result::Result<::std::string::String, ::std::string::String>,
        }
        impl ::std::default::Default for Error {
            fn default() -> Self {
                Self {
                    code: Ok(Default::default()),
                    fields: Ok(Default::default()),
                    message: Err("no value supplied for message".to_string()),
                }
            }
        }
        impl Error {
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
            pub fn fields<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<::std::vec::Vec<super::FieldError>>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.fields = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for fields: {e}")
                    });
                self
            }
            pub fn message<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
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
        impl ::std::convert::TryFrom<Error> for super::Error {
            type Error = super::error::ConversionError;
            fn try_from(
                value: Error,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    code: value.code?,
                    fields: value.fields?,
                    message: value.message?,
                })
            }
        }
        impl ::std::convert::From<super::Error> for Error {
            fn from(value: super::Error) -> Self {
                Self {
                    code: Ok(value.code),
                    fields: Ok(value.fields),
                    message: Ok(value.message),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ErrorResponse {
            error: ::std::result::Result<super::Error, ::std::string::String>,
        }
        impl ::std::default::Default for ErrorResponse {
            fn default() -> Self {
                Self {
                    error: Err("no value supplied for error".to_string()),
                }
            }
        }
        impl ErrorResponse {
            pub fn error<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::Error>,
                T::Error: ::std::fmt::Display,
            {
                self.error = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for error: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ErrorResponse> for super::ErrorResponse {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ErrorResponse,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { error: value.error? })
            }
        }
        impl ::std::convert::From<super::ErrorResponse> for ErrorResponse {
            fn from(value: super::ErrorResponse) -> Self {
                Self { error: Ok(value.error) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct FieldError {
            code: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            message: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for FieldError {
            fn default() -> Self {
                Self {
                    code: Ok(Default::default()),
                    message: Ok(Default::default()),
                    name: Ok(Default::default()),
                }
            }
        }
        impl FieldError {
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
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for name: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<FieldError> for super::FieldError {
            type Error = super::error::ConversionError;
            fn try_from(
                value: FieldError,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    code: value.code?,
                    message: value.message?,
                    name: value.name?,
                })
            }
        }
        impl ::std::convert::From<super::FieldError> for FieldError {
            fn from(value: super::FieldError) -> Self {
                Self {
                    code: Ok(value.code),
                    message: Ok(value.message),
                    name: Ok(value.name),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct Message {
            message: ::std::result::Result<::std::string::String, ::std::string::String>,
            title: ::std::result::Result<::std::string::String, ::std::string::String>,
        }
        impl ::std::default::Default for Message {
            fn default() -> Self {
                Self {
                    message: Err("no value supplied for message".to_string()),
                    title: Err("no value supplied for title".to_string()),
                }
            }
        }
        impl Message {
            pub fn message<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.message = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for message: {e}")
                    });
                self
            }
            pub fn title<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.title = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for title: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<Message> for super::Message {
            type Error = super::error::ConversionError;
            fn try_from(
                value: Message,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    message: value.message?,
                    title: value.title?,
                })
            }
        }
        impl ::std::convert::From<super::Message> for Message {
            fn from(value: super::Message) -> Self {
                Self {
                    message: Ok(value.message),
                    title: Ok(value.title),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct PayRequest {
            customer: ::std::result::Result<super::Customer, ::std::string::String>,
            customer_payment_data: ::std::result::Result<
                super::CustomerPaymentData,
                ::std::string::String,
            >,
            language_id: ::std::result::Result<
                ::std::option::Option<super::LanguageId>,
                ::std::string::String,
            >,
            payment_method_id: ::std::result::Result<
                super::PaymentMethodId,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for PayRequest {
            fn default() -> Self {
                Self {
                    customer: Err("no value supplied for customer".to_string()),
                    customer_payment_data: Err(
                        "no value supplied for customer_payment_data".to_string(),
                    ),
                    language_id: Ok(Default::default()),
                    payment_method_id: Err(
                        "no value supplied for payment_method_id".to_string(),
                    ),
                }
            }
        }
        impl PayRequest {
            pub fn customer<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::Customer>,
                T::Error: ::std::fmt::Display,
            {
                self.customer = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for customer: {e}")
                    });
                self
            }
            pub fn customer_payment_data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::CustomerPaymentData>,
                T::Error: ::std::fmt::Display,
            {
                self.customer_payment_data = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for customer_payment_data: {e}"
                        )
                    });
                self
            }
            pub fn language_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::LanguageId>>,
                T::Error: ::std::fmt::Display,
            {
                self.language_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for language_id: {e}")
                    });
                self
            }
            pub fn payment_method_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::PaymentMethodId>,
                T::Error: ::std::fmt::Display,
            {
                self.payment_method_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for payment_method_id: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<PayRequest> for super::PayRequest {
            type Error = super::error::ConversionError;
            fn try_from(
                value: PayRequest,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    customer: value.customer?,
                    customer_payment_data: value.customer_payment_data?,
                    language_id: value.language_id?,
                    payment_method_id: value.payment_method_id?,
                })
            }
        }
        impl ::std::convert::From<super::PayRequest> for PayRequest {
            fn from(value: super::PayRequest) -> Self {
                Self {
                    customer: Ok(value.customer),
                    customer_payment_data: Ok(value.customer_payment_data),
                    language_id: Ok(value.language_id),
                    payment_method_id: Ok(value.payment_method_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct PayResponse {
            data: ::std::result::Result<super::PayResult, ::std::string::String>,
        }
        impl ::std::default::Default for PayResponse {
            fn default() -> Self {
                Self {
                    data: Err("no value supplied for data".to_string()),
                }
            }
        }
        impl PayResponse {
            pub fn data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::PayResult>,
                T::Error: ::std::fmt::Display,
            {
                self.data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for data: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<PayResponse> for super::PayResponse {
            type Error = super::error::ConversionError;
            fn try_from(
                value: PayResponse,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { data: value.data? })
            }
        }
        impl ::std::convert::From<super::PayResponse> for PayResponse {
            fn from(value: super::PayResponse) -> Self {
                Self { data: Ok(value.data) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct PayResultMessage {
            result: ::std::result::Result<super::PayResultStatus, ::std::string::String>,
            result_data: ::std::result::Result<
                super::PayResultMessageResultData,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                super::PayResultMessageType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for PayResultMessage {
            fn default() -> Self {
                Self {
                    result: Err("no value supplied for result".to_string()),
                    result_data: Err("no value supplied for result_data".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl PayResultMessage {
            pub fn result<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::PayResultStatus>,
                T::Error: ::std::fmt::Display,
            {
                self.result = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for result: {e}")
                    });
                self
            }
            pub fn result_data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::PayResultMessageResultData>,
                T::Error: ::std::fmt::Display,
            {
                self.result_data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for result_data: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::PayResultMessageType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<PayResultMessage> for super::PayResultMessage {
            type Error = super::error::ConversionError;
            fn try_from(
                value: PayResultMessage,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    result: value.result?,
                    result_data: value.result_data?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::PayResultMessage> for PayResultMessage {
            fn from(value: super::PayResultMessage) -> Self {
                Self {
                    result: Ok(value.result),
                    result_data: Ok(value.result_data),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct PayResultMessageResultData {
            message: ::std::result::Result<super::Message, ::std::string::String>,
        }
        impl ::std::default::Default for PayResultMessageResultData {
            fn default() -> Self {
                Self {
                    message: Err("no value supplied for message".to_string()),
                }
            }
        }
        impl PayResultMessageResultData {
            pub fn message<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::Message>,
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
        impl ::std::convert::TryFrom<PayResultMessageResultData>
        for super::PayResultMessageResultData {
            type Error = super::error::ConversionError;
            fn try_from(
                value: PayResultMessageResultData,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { message: value.message? })
            }
        }
        impl ::std::convert::From<super::PayResultMessageResultData>
        for PayResultMessageResultData {
            fn from(value: super::PayResultMessageResultData) -> Self {
                Self { message: Ok(value.message) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct PayResultNone {
            result: ::std::result::Result<super::PayResultStatus, ::std::string::String>,
            result_data: ::std::result::Result<
                ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                super::PayResultNoneType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for PayResultNone {
            fn default() -> Self {
                Self {
                    result: Err("no value supplied for result".to_string()),
                    result_data: Err("no value supplied for result_data".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl PayResultNone {
            pub fn result<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::PayResultStatus>,
                T::Error: ::std::fmt::Display,
            {
                self.result = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for result: {e}")
                    });
                self
            }
            pub fn result_data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.result_data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for result_data: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::PayResultNoneType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<PayResultNone> for super::PayResultNone {
            type Error = super::error::ConversionError;
            fn try_from(
                value: PayResultNone,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    result: value.result?,
                    result_data: value.result_data?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::PayResultNone> for PayResultNone {
            fn from(value: super::PayResultNone) -> Self {
                Self {
                    result: Ok(value.result),
                    result_data: Ok(value.result_data),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ValidateResponse {
            data: ::std::result::Result<super::ValidateResult, ::std::string::String>,
        }
        impl ::std::default::Default for ValidateResponse {
            fn default() -> Self {
                Self {
                    data: Err("no value supplied for data".to_string()),
                }
            }
        }
        impl ValidateResponse {
            pub fn data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::ValidateResult>,
                T::Error: ::std::fmt::Display,
            {
                self.data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for data: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ValidateResponse> for super::ValidateResponse {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ValidateResponse,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { data: value.data? })
            }
        }
        impl ::std::convert::From<super::ValidateResponse> for ValidateResponse {
            fn from(value: super::ValidateResponse) -> Self {
                Self { data: Ok(value.data) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ValidateResult {
            result: ::std::result::Result<
                super::ValidateResultResult,
                ::std::string::String,
            >,
            result_data: ::std::result::Result<
                ::std::option::Option<super::ValidateResultData>,
                ::std::string::String,
            >,
            result_note: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ValidateResult {
            fn default() -> Self {
                Self {
                    result: Err("no value supplied for result".to_string()),
                    result_data: Ok(Default::default()),
                    result_note: Ok(Default::default()),
                    type_: Ok(Default::default()),
                }
            }
        }
        impl ValidateResult {
            pub fn result<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::ValidateResultResult>,
                T::Error: ::std::fmt::Display,
            {
                self.result = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for result: {e}")
                    });
                self
            }
            pub fn result_data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::ValidateResultData>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.result_data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for result_data: {e}")
                    });
                self
            }
            pub fn result_note<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.result_note = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for result_note: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ValidateResult> for super::ValidateResult {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ValidateResult,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    result: value.result?,
                    result_data: value.result_data?,
                    result_note: value.result_note?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::ValidateResult> for ValidateResult {
            fn from(value: super::ValidateResult) -> Self {
                Self {
                    result: Ok(value.result),
                    result_data: Ok(value.result_data),
                    result_note: Ok(value.result_note),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ValidateResultData {
            arguments: ::std::result::Result<
                ::std::option::Option<super::ValidateResultDataArguments>,
                ::std::string::String,
            >,
            method: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            url: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ValidateResultData {
            fn default() -> Self {
                Self {
                    arguments: Ok(Default::default()),
                    method: Ok(Default::default()),
                    url: Ok(Default::default()),
                }
            }
        }
        impl ValidateResultData {
            pub fn arguments<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::ValidateResultDataArguments>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.arguments = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for arguments: {e}")
                    });
                self
            }
            pub fn method<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.method = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for method: {e}")
                    });
                self
            }
            pub fn url<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.url = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for url: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ValidateResultData> for super::ValidateResultData {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ValidateResultData,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    arguments: value.arguments?,
                    method: value.method?,
                    url: value.url?,
                })
            }
        }
        impl ::std::convert::From<super::ValidateResultData> for ValidateResultData {
            fn from(value: super::ValidateResultData) -> Self {
                Self {
                    arguments: Ok(value.arguments),
                    method: Ok(value.method),
                    url: Ok(value.url),
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
/**Client for Invoicebox payment confirmation (API v3)

Confirming an Invoicebox order's payment with a one-time code sent to the buyer ("Подтверждение оплаты"): `validate` checks that the payment method can be confirmed, `sendCode` sends the buyer a code, `pay` takes the payment with it. Written by hand from Invoicebox's pages; see specs/README.md for the source of every operation and each decision the pages leave open. Shops registered in Invoicebox.Business use the `/l3/` line of the API, everyone else `/v3/` (the server's `line`).

Version: v3, pages of 2023-11-21*/
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
        "v3, pages of 2023-11-21"
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
    /**Confirm the payment with the buyer's code ("Подтверждение оплаты")

Sends a `POST` request to `/billing/api/order/{uuid}/payment-method-action/pay`

Arguments:
- `uuid`: The order's UUID, as returned when the order was created (its `id`).
- `x_signature`: The request's signature, when the shop uses request signing.
- `body`
```ignore
let response = client.pay()
    .uuid(uuid)
    .x_signature(x_signature)
    .body(body)
    .send()
    .await;
```*/
    pub fn pay(&self) -> builder::Pay<'_> {
        builder::Pay::new(self)
    }
    /**Send the buyer a confirmation code ("Запрос кода подтверждения")

Sends a `POST` request to `/billing/api/order/{uuid}/payment-method-action/send-code`

Arguments:
- `uuid`: The order's UUID, as returned when the order was created (its `id`).
- `x_signature`: The request's signature, when the shop uses request signing.
- `body`
```ignore
let response = client.send_code()
    .uuid(uuid)
    .x_signature(x_signature)
    .body(body)
    .send()
    .await;
```*/
    pub fn send_code(&self) -> builder::SendCode<'_> {
        builder::SendCode::new(self)
    }
    /**Check that the order's payment can be confirmed ("Проверка возможности оплаты")

Sends a `POST` request to `/billing/api/order/{uuid}/payment-method-action/validate`

Arguments:
- `uuid`: The order's UUID, as returned when the order was created (its `id`).
- `x_signature`: The request's signature, when the shop uses request signing.
- `body`
```ignore
let response = client.validate()
    .uuid(uuid)
    .x_signature(x_signature)
    .body(body)
    .send()
    .await;
```*/
    pub fn validate(&self) -> builder::Validate<'_> {
        builder::Validate::new(self)
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
    /**Builder for [`Client::pay`]

[`Client::pay`]: super::Client::pay*/
    #[derive(Debug, Clone)]
    pub struct Pay<'a> {
        client: &'a super::Client,
        uuid: Result<::uuid::Uuid, String>,
        x_signature: Result<Option<::std::string::String>, String>,
        body: Result<types::builder::PayRequest, String>,
    }
    impl<'a> Pay<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                uuid: Err("uuid was not initialized".to_string()),
                x_signature: Ok(None),
                body: Ok(::std::default::Default::default()),
            }
        }
        pub fn uuid<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::uuid::Uuid>,
        {
            self.uuid = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: uuid :: Uuid` for uuid failed".to_string()
                });
            self
        }
        pub fn x_signature<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.x_signature = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for x_signature failed"
                        .to_string()
                });
            self
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::PayRequest>,
            <V as std::convert::TryInto<types::PayRequest>>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(From::from)
                .map_err(|s| {
                    format!("conversion to `PayRequest` for body failed: {}", s)
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::PayRequest,
            ) -> types::builder::PayRequest,
        {
            self.body = self.body.map(f);
            self
        }
        ///Sends a `POST` request to `/billing/api/order/{uuid}/payment-method-action/pay`
        pub async fn send(
            self,
        ) -> Result<ResponseValue<types::PayResponse>, Error<types::ErrorResponse>> {
            let Self { client, uuid, x_signature, body } = self;
            let uuid = uuid.map_err(Error::InvalidRequest)?;
            let x_signature = x_signature.map_err(Error::InvalidRequest)?;
            let body = body
                .and_then(|v| types::PayRequest::try_from(v).map_err(|e| e.to_string()))
                .map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/billing/api/order/{}/payment-method-action/pay", client.baseurl,
                encode_path(& uuid.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            if let Some(value) = x_signature {
                header_map.append("X-Signature", value.to_string().try_into()?);
            }
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
                operation_id: "pay",
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
    /**Builder for [`Client::send_code`]

[`Client::send_code`]: super::Client::send_code*/
    #[derive(Debug, Clone)]
    pub struct SendCode<'a> {
        client: &'a super::Client,
        uuid: Result<::uuid::Uuid, String>,
        x_signature: Result<Option<::std::string::String>, String>,
        body: Result<types::builder::CodeRequest, String>,
    }
    impl<'a> SendCode<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                uuid: Err("uuid was not initialized".to_string()),
                x_signature: Ok(None),
                body: Ok(::std::default::Default::default()),
            }
        }
        pub fn uuid<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::uuid::Uuid>,
        {
            self.uuid = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: uuid :: Uuid` for uuid failed".to_string()
                });
            self
        }
        pub fn x_signature<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.x_signature = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for x_signature failed"
                        .to_string()
                });
            self
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::CodeRequest>,
            <V as std::convert::TryInto<types::CodeRequest>>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(From::from)
                .map_err(|s| {
                    format!("conversion to `CodeRequest` for body failed: {}", s)
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::CodeRequest,
            ) -> types::builder::CodeRequest,
        {
            self.body = self.body.map(f);
            self
        }
        ///Sends a `POST` request to `/billing/api/order/{uuid}/payment-method-action/send-code`
        pub async fn send(
            self,
        ) -> Result<ResponseValue<types::CodeResponse>, Error<types::ErrorResponse>> {
            let Self { client, uuid, x_signature, body } = self;
            let uuid = uuid.map_err(Error::InvalidRequest)?;
            let x_signature = x_signature.map_err(Error::InvalidRequest)?;
            let body = body
                .and_then(|v| types::CodeRequest::try_from(v).map_err(|e| e.to_string()))
                .map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/billing/api/order/{}/payment-method-action/send-code", client
                .baseurl, encode_path(& uuid.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            if let Some(value) = x_signature {
                header_map.append("X-Signature", value.to_string().try_into()?);
            }
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
                operation_id: "send_code",
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
    /**Builder for [`Client::validate`]

[`Client::validate`]: super::Client::validate*/
    #[derive(Debug, Clone)]
    pub struct Validate<'a> {
        client: &'a super::Client,
        uuid: Result<::uuid::Uuid, String>,
        x_signature: Result<Option<::std::string::String>, String>,
        body: Result<types::ValidateRequest, String>,
    }
    impl<'a> Validate<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                uuid: Err("uuid was not initialized".to_string()),
                x_signature: Ok(None),
                body: Err("body was not initialized".to_string()),
            }
        }
        pub fn uuid<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::uuid::Uuid>,
        {
            self.uuid = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: uuid :: Uuid` for uuid failed".to_string()
                });
            self
        }
        pub fn x_signature<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.x_signature = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for x_signature failed"
                        .to_string()
                });
            self
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::ValidateRequest>,
        {
            self.body = value
                .try_into()
                .map_err(|_| {
                    "conversion to `ValidateRequest` for body failed".to_string()
                });
            self
        }
        ///Sends a `POST` request to `/billing/api/order/{uuid}/payment-method-action/validate`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<types::ValidateResponse>,
            Error<types::ErrorResponse>,
        > {
            let Self { client, uuid, x_signature, body } = self;
            let uuid = uuid.map_err(Error::InvalidRequest)?;
            let x_signature = x_signature.map_err(Error::InvalidRequest)?;
            let body = body.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/billing/api/order/{}/payment-method-action/validate", client.baseurl,
                encode_path(& uuid.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            if let Some(value) = x_signature {
                header_map.append("X-Signature", value.to_string().try_into()?);
            }
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
                operation_id: "validate",
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
