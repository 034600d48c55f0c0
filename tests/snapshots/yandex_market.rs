#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///The common shape of an error.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct ApiErrorDto {
        ///The error code.
        pub code: ::std::string::String,
        ///What went wrong.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message: ::std::option::Option<::std::string::String>,
    }
    impl ApiErrorDto {
        pub fn builder() -> builder::ApiErrorDto {
            Default::default()
        }
    }
    ///The body every error status shares.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct ApiErrorResponse {
        ///The errors.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub errors: ::std::option::Option<::std::vec::Vec<ApiErrorDto>>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<ApiResponseStatusType>,
    }
    impl ApiErrorResponse {
        pub fn builder() -> builder::ApiErrorResponse {
            Default::default()
        }
    }
    ///The kind of answer ("Тип ответа").
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
    pub enum ApiResponseStatusType {
        #[serde(rename = "OK")]
        Ok,
        #[serde(rename = "ERROR")]
        Error,
    }
    impl ::std::fmt::Display for ApiResponseStatusType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Ok => f.write_str("OK"),
                Self::Error => f.write_str("ERROR"),
            }
        }
    }
    impl ::std::str::FromStr for ApiResponseStatusType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "OK" => Ok(Self::Ok),
                "ERROR" => Ok(Self::Error),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for ApiResponseStatusType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ApiResponseStatusType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///The outcome of the check.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct EacVerificationResultDto {
        ///How many more checks may be made; returned when the shop sent a wrong code. When none are left, the code is renewed.
        #[serde(
            rename = "attemptsLeft",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub attempts_left: ::std::option::Option<i32>,
        #[serde(
            rename = "verificationResult",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub verification_result: ::std::option::Option<EacVerificationStatusType>,
    }
    impl EacVerificationResultDto {
        pub fn builder() -> builder::EacVerificationResultDto {
            Default::default()
        }
    }
    ///`ACCEPTED`: the code is right; `REJECTED`: the code is wrong; `NEED_UPDATE`: Market will send a new code, because too many codes were sent.
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
    pub enum EacVerificationStatusType {
        #[serde(rename = "ACCEPTED")]
        Accepted,
        #[serde(rename = "REJECTED")]
        Rejected,
        #[serde(rename = "NEED_UPDATE")]
        NeedUpdate,
    }
    impl ::std::fmt::Display for EacVerificationStatusType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Accepted => f.write_str("ACCEPTED"),
                Self::Rejected => f.write_str("REJECTED"),
                Self::NeedUpdate => f.write_str("NEED_UPDATE"),
            }
        }
    }
    impl ::std::str::FromStr for EacVerificationStatusType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "ACCEPTED" => Ok(Self::Accepted),
                "REJECTED" => Ok(Self::Rejected),
                "NEED_UPDATE" => Ok(Self::NeedUpdate),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for EacVerificationStatusType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for EacVerificationStatusType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///`VerifyOrderEacRequest`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct VerifyOrderEacRequest {
        ///The confirmation code ("Код для подтверждения ЭАПП"). A secret.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub code: ::std::option::Option<crate::Secret>,
    }
    impl VerifyOrderEacRequest {
        pub fn builder() -> builder::VerifyOrderEacRequest {
            Default::default()
        }
    }
    ///`VerifyOrderEacResponse`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct VerifyOrderEacResponse {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub result: ::std::option::Option<EacVerificationResultDto>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<ApiResponseStatusType>,
    }
    impl VerifyOrderEacResponse {
        pub fn builder() -> builder::VerifyOrderEacResponse {
            Default::default()
        }
    }
    /// Types for composing complex structures.
    pub mod builder {
        #[derive(Clone, Debug)]
        pub struct ApiErrorDto {
            code: ::std::result::Result<::std::string::String, ::std::string::String>,
            message: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ApiErrorDto {
            fn default() -> Self {
                Self {
                    code: Err("no value supplied for code".to_string()),
                    message: Ok(Default::default()),
                }
            }
        }
        impl ApiErrorDto {
            pub fn code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
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
        impl ::std::convert::TryFrom<ApiErrorDto> for super::ApiErrorDto {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ApiErrorDto,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    code: value.code?,
                    message: value.message?,
                })
            }
        }
        impl ::std::convert::From<super::ApiErrorDto> for ApiErrorDto {
            fn from(value: super::ApiErrorDto) -> Self {
                Self {
                    code: Ok(value.code),
                    message: Ok(value.message),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ApiErrorResponse {
            errors: ::std::result::Result<
                ::std::option::Option<::std::vec::Vec<super::ApiErrorDto>>,
                ::std::string::String,
            >,
            status: ::std::result::Result<
                ::std::option::Option<super::ApiResponseStatusType>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ApiErrorResponse {
            fn default() -> Self {
                Self {
                    errors: Ok(Default::default()),
                    status: Ok(Default::default()),
                }
            }
        }
        impl ApiErrorResponse {
            pub fn errors<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<::std::vec::Vec<super::ApiErrorDto>>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.errors = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for errors: {e}")
                    });
                self
            }
            pub fn status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::ApiResponseStatusType>,
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
        impl ::std::convert::TryFrom<ApiErrorResponse> for super::ApiErrorResponse {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ApiErrorResponse,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    errors: value.errors?,
                    status: value.status?,
                })
            }
        }
        impl ::std::convert::From<super::ApiErrorResponse> for ApiErrorResponse {
            fn from(value: super::ApiErrorResponse) -> Self {
                Self {
                    errors: Ok(value.errors),
                    status: Ok(value.status),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct EacVerificationResultDto {
            attempts_left: ::std::result::Result<
                ::std::option::Option<i32>,
                ::std::string::String,
            >,
            verification_result: ::std::result::Result<
                ::std::option::Option<super::EacVerificationStatusType>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for EacVerificationResultDto {
            fn default() -> Self {
                Self {
                    attempts_left: Ok(Default::default()),
                    verification_result: Ok(Default::default()),
                }
            }
        }
        impl EacVerificationResultDto {
            pub fn attempts_left<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i32>>,
                T::Error: ::std::fmt::Display,
            {
                self.attempts_left = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for attempts_left: {e}")
                    });
                self
            }
            pub fn verification_result<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::EacVerificationStatusType>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.verification_result = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for verification_result: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<EacVerificationResultDto>
        for super::EacVerificationResultDto {
            type Error = super::error::ConversionError;
            fn try_from(
                value: EacVerificationResultDto,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    attempts_left: value.attempts_left?,
                    verification_result: value.verification_result?,
                })
            }
        }
        impl ::std::convert::From<super::EacVerificationResultDto>
        for EacVerificationResultDto {
            fn from(value: super::EacVerificationResultDto) -> Self {
                Self {
                    attempts_left: Ok(value.attempts_left),
                    verification_result: Ok(value.verification_result),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct VerifyOrderEacRequest {
            code: ::std::result::Result<
                ::std::option::Option<crate::Secret>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for VerifyOrderEacRequest {
            fn default() -> Self {
                Self {
                    code: Ok(Default::default()),
                }
            }
        }
        impl VerifyOrderEacRequest {
            pub fn code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<crate::Secret>>,
                T::Error: ::std::fmt::Display,
            {
                self.code = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for code: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<VerifyOrderEacRequest>
        for super::VerifyOrderEacRequest {
            type Error = super::error::ConversionError;
            fn try_from(
                value: VerifyOrderEacRequest,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { code: value.code? })
            }
        }
        impl ::std::convert::From<super::VerifyOrderEacRequest>
        for VerifyOrderEacRequest {
            fn from(value: super::VerifyOrderEacRequest) -> Self {
                Self { code: Ok(value.code) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct VerifyOrderEacResponse {
            result: ::std::result::Result<
                ::std::option::Option<super::EacVerificationResultDto>,
                ::std::string::String,
            >,
            status: ::std::result::Result<
                ::std::option::Option<super::ApiResponseStatusType>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for VerifyOrderEacResponse {
            fn default() -> Self {
                Self {
                    result: Ok(Default::default()),
                    status: Ok(Default::default()),
                }
            }
        }
        impl VerifyOrderEacResponse {
            pub fn result<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::EacVerificationResultDto>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.result = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for result: {e}")
                    });
                self
            }
            pub fn status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::ApiResponseStatusType>,
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
        impl ::std::convert::TryFrom<VerifyOrderEacResponse>
        for super::VerifyOrderEacResponse {
            type Error = super::error::ConversionError;
            fn try_from(
                value: VerifyOrderEacResponse,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    result: value.result?,
                    status: value.status?,
                })
            }
        }
        impl ::std::convert::From<super::VerifyOrderEacResponse>
        for VerifyOrderEacResponse {
            fn from(value: super::VerifyOrderEacResponse) -> Self {
                Self {
                    result: Ok(value.result),
                    status: Ok(value.status),
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
/**Client for Yandex Market Partner API, order hand-over code check

Sending Yandex Market the confirmation code ("код подтверждения", EAC) that proves an order, or an unredeemed order, was handed over to a courier or to the shop ("Передача кода проверки"). Written by hand from the page the vendor published; the vendor has since moved the path to `/v2/` and made fields required (see specs/README.md). Limit: 1,000,000 requests per hour.

Version: 2024-06-13*/
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
        "2024-06-13"
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
    /**Send the hand-over confirmation code for checking ("Передача кода проверки")

The code confirms that an order, or an unredeemed order, was handed over: to the courier (the courier tells the shop the code) or to the shop (the shop tells the courier the code). Orders whose shop works with codes carry `delivery.eacType` (`MERCHANT_TO_COURIER` or `COURIER_TO_MERCHANT`) in the order statuses `COURIER_FOUND`, `COURIER_ARRIVED_TO_SENDER` and `DELIVERY_SERVICE_UNDELIVERED`.

Sends a `PUT` request to `/campaigns/{campaignId}/orders/{orderId}/verifyEac`

Arguments:
- `campaign_id`: The campaign's id in the API, which is the shop's id in the seller cabinet; `GET campaigns` lists them.
- `order_id`: The order's id.
- `body`
```ignore
let response = client.verify_order_eac()
    .campaign_id(campaign_id)
    .order_id(order_id)
    .body(body)
    .send()
    .await;
```*/
    pub fn verify_order_eac(&self) -> builder::VerifyOrderEac<'_> {
        builder::VerifyOrderEac::new(self)
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
    /**Builder for [`Client::verify_order_eac`]

[`Client::verify_order_eac`]: super::Client::verify_order_eac*/
    #[derive(Debug, Clone)]
    pub struct VerifyOrderEac<'a> {
        client: &'a super::Client,
        campaign_id: Result<i64, String>,
        order_id: Result<i64, String>,
        body: Result<types::builder::VerifyOrderEacRequest, String>,
    }
    impl<'a> VerifyOrderEac<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                campaign_id: Err("campaign_id was not initialized".to_string()),
                order_id: Err("order_id was not initialized".to_string()),
                body: Ok(::std::default::Default::default()),
            }
        }
        pub fn campaign_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.campaign_id = value
                .try_into()
                .map_err(|_| "conversion to `i64` for campaign_id failed".to_string());
            self
        }
        pub fn order_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.order_id = value
                .try_into()
                .map_err(|_| "conversion to `i64` for order_id failed".to_string());
            self
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::VerifyOrderEacRequest>,
            <V as std::convert::TryInto<
                types::VerifyOrderEacRequest,
            >>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(From::from)
                .map_err(|s| {
                    format!(
                        "conversion to `VerifyOrderEacRequest` for body failed: {}", s
                    )
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::VerifyOrderEacRequest,
            ) -> types::builder::VerifyOrderEacRequest,
        {
            self.body = self.body.map(f);
            self
        }
        ///Sends a `PUT` request to `/campaigns/{campaignId}/orders/{orderId}/verifyEac`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<types::VerifyOrderEacResponse>,
            Error<types::ApiErrorResponse>,
        > {
            let Self { client, campaign_id, order_id, body } = self;
            let campaign_id = campaign_id.map_err(Error::InvalidRequest)?;
            let order_id = order_id.map_err(Error::InvalidRequest)?;
            let body = body
                .and_then(|v| {
                    types::VerifyOrderEacRequest::try_from(v).map_err(|e| e.to_string())
                })
                .map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/campaigns/{}/orders/{}/verifyEac", client.baseurl, encode_path(&
                campaign_id.to_string()), encode_path(& order_id.to_string()),
            );
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
                .put(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "verify_order_eac",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                403u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                420u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16 => {
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
