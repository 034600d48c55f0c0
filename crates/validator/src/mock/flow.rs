//! A vendor's flow, as the mock plays it for the vendor's spec ([`Flow`]): who may call, what
//! each operation answers and the state it leaves; and the seeded generator of the codes and
//! ids every flow issues ([`Codes`]), shared so that one seed gives one sequence.

use serde_json::Value;

use super::Answer;
pub use crate::exchange::header;

/// How many digits a confirmation code has.
pub const CODE_DIGITS: usize = 6;

/// What a test can read of a code (`GET /__mock/codes/{spec}/{key}`): the code, and the
/// attempts left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeView {
    /// The code.
    pub code: String,
    /// The attempts it has left.
    pub attempts_left: u32,
}

/// The seeded generator of the codes and ids the flows issue: the same seed and requests
/// give the same ones.
#[derive(Debug)]
pub struct Codes {
    seed: u64,
    rng: fastrand::Rng,
}

impl Codes {
    /// A generator at `seed`.
    pub fn new(seed: u64) -> Self {
        Codes {
            seed,
            rng: fastrand::Rng::with_seed(seed),
        }
    }

    /// Back at its seed.
    pub fn reset(&mut self) {
        self.rng = fastrand::Rng::with_seed(self.seed);
    }

    /// A new confirmation code of [`CODE_DIGITS`] digits.
    pub fn code(&mut self) -> String {
        self.digits(CODE_DIGITS)
    }

    /// `count` digits.
    pub fn digits(&mut self, count: usize) -> String {
        (0..count).map(|_| self.rng.digit(10)).collect()
    }

    /// A new id of `length` letters and digits.
    pub fn id(&mut self, length: usize) -> String {
        (0..length).map(|_| self.rng.alphanumeric()).collect()
    }
}

/// A vendor's flow, played for the spec it names: its state lives in it, the codes and ids it
/// issues come from the mock's [`Codes`]. Every other operation of every spec answers its
/// documented success statelessly, and every answer is checked against its spec before it is
/// sent.
pub trait Flow: Send {
    /// The name of the spec it plays (`via`).
    fn spec(&self) -> &str;
    /// Whether a request's headers carry the credentials the vendor's sandbox accepts.
    fn authorised(&self, headers: &[(String, String)]) -> bool;
    /// The vendor's answer to a request without them (its documented 401).
    fn unauthorised(&self, path: &str) -> Answer;
    /// The vendor's answer to a request that breaks its spec, naming `what` is wrong.
    fn bad_request(&self, path: &str, what: &str) -> Answer;
    /// Plays `operation` (its path parameters decoded, its body as JSON or null); `None` for
    /// an operation the flow does not play.
    fn answer(
        &mut self,
        codes: &mut Codes,
        operation: &str,
        path_params: &[(String, String)],
        body: &Value,
    ) -> Option<Answer>;
    /// The code a test could not otherwise read, by the flow's key (an order, a payment).
    fn code_of(&mut self, codes: &mut Codes, key: &str) -> Option<CodeView>;
    /// Forgets everything (`POST /__mock/reset`).
    fn reset(&mut self);
}

/// The value of the path parameter `name`.
pub fn path_param<'p>(path_params: &'p [(String, String)], name: &str) -> Option<&'p str> {
    path_params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Whether the headers carry `Authorization: Bearer <token>` (or `OAuth <token>`).
pub fn bearer(headers: &[(String, String)], token: &str) -> bool {
    header(headers, "authorization").is_some_and(|v| {
        v.split_once(' ').is_some_and(|(scheme, value)| {
            (scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("oauth"))
                && value == token
        })
    })
}
