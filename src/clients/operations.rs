//! A vendor's methods, one line per operation of its spec: each becomes `name` (the typed
//! success body) and `name_full` (a [`FullResponse`](super::FullResponse): the body with its
//! status, headers and request id), both sending the generated client's builder for that
//! operation through the shared call path (`trace::call`: the span, the hooks' refusals, the
//! request id). The pair is never written by hand, so the two cannot drift apart.

/// Declares a vendor `Client`'s methods from its operations:
///
/// ```ignore
/// operations! {
///     vendor: "via", errors: envelope_on_success;
///     /// Starts a card payment.
///     fn confirm_pay / confirm_pay_full (body: types::ConfirmPayRequest)
///         -> types::ConfirmPayResponse = "confirmPay", |raw| raw.confirm_pay().body(body);
/// }
/// ```
///
/// `errors` turns progenitor's error into the vendor's [`Error`](super::Error)
/// (`Error::from`, or a vendor's own reading of it); the string is the operation's
/// `operationId` in the spec, as spans and reports name it; the closure-like tail builds the
/// request from the generated client (`raw`) and the arguments.
macro_rules! operations {
    (
        vendor: $vendor:literal, errors: $convert:expr;
        $(
            $(#[doc = $doc:literal])*
            fn $name:ident / $full:ident ($($arg:ident : $ty:ty),* $(,)?) -> $out:ty
                = $operation:literal, |$raw:ident| $build:expr;
        )*
    ) => {
        impl Client {
            $(
                $(#[doc = $doc])*
                pub async fn $name(&self, $($arg: $ty),*) -> Result<$out, Error> {
                    self.$full($($arg),*)
                        .await
                        .map($crate::clients::FullResponse::into_body)
                }

                #[doc = concat!(
                    "[`", stringify!($name), "`](Self::", stringify!($name),
                    "), with the status, headers and request id of the answer."
                )]
                pub async fn $full(
                    &self,
                    $($arg: $ty),*
                ) -> Result<$crate::clients::FullResponse<$out>, Error> {
                    let $raw = &self.raw;
                    let send = $build.send();
                    $crate::clients::trace::call($vendor, $operation, $convert, send).await
                }
            )*
        }
    };
}
pub(crate) use operations;
