//! The three vendors' confirmation flows as the mock plays them, and every rule a page leaves
//! open, decided in one place ([`rules`]). The state is one [`State`] behind the server's
//! lock; each vendor's module turns a request into an [`Answer`] and the state it leaves.

mod invoicebox;
mod via;
mod yandex_market;

use std::collections::HashMap;

use serde_json::{Value, json};

use super::Answer;

/// The rules the pages leave open, decided for the mock (the README's table lists them).
pub mod rules {
    /// Invoicebox: how many codes `sendCode` sends for one order; after that it answers
    /// `codeAlreadySent` with `leftAttempt: 0` (send-code.md: "how many more times a code can
    /// be sent", no number given).
    pub const INVOICEBOX_SENDS: u32 = 3;
    /// Invoicebox: how many `pay` attempts one code allows; a wrong code costs one, and with
    /// none left `pay` answers `limitReached` until a new code is sent (pay.md names
    /// `limitReached`, "too many attempts", with no number).
    pub const INVOICEBOX_ATTEMPTS: u32 = 3;
    /// Yandex Market: how many checks one hand-over code allows; the last wrong one answers
    /// `NEED_UPDATE` and a new code is issued ("when none are left, the code is renewed").
    pub const YANDEX_MARKET_ATTEMPTS: u32 = 3;
    /// VIA: how many `verify` attempts one `verifyId` allows; a `verifyId` is spent by a
    /// success or by its last wrong code.
    pub const VIA_ATTEMPTS: u32 = 3;
    /// The length of every confirmation code (digits).
    pub const CODE_DIGITS: usize = 6;
    /// The HTTP status of VIA's error envelope (VIA documents none; the spec's `default`).
    pub const VIA_ERROR_STATUS: u16 = 400;
}

/// Which vendor a spec's flow is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Vendor {
    Invoicebox,
    YandexMarket,
    Via,
}

impl Vendor {
    /// The vendor whose bundled spec has this name.
    pub(super) fn of_spec(name: &str) -> Option<Self> {
        match name {
            "invoicebox" => Some(Vendor::Invoicebox),
            "yandex-market" => Some(Vendor::YandexMarket),
            "via" => Some(Vendor::Via),
            _ => None,
        }
    }
}

/// What a test can read of a code: the code, and the attempts left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CodeView {
    pub(super) code: String,
    pub(super) attempts_left: u32,
}

/// The state of every flow, and the seeded generator of codes and ids.
pub(super) struct State {
    seed: u64,
    rng: fastrand::Rng,
    invoicebox: HashMap<String, invoicebox::Order>,
    yandex_market: HashMap<i64, yandex_market::Order>,
    via: via::Payments,
}

impl State {
    pub(super) fn new(seed: u64) -> Self {
        Self {
            seed,
            rng: fastrand::Rng::with_seed(seed),
            invoicebox: HashMap::new(),
            yandex_market: HashMap::new(),
            via: via::Payments::default(),
        }
    }

    /// Forgets everything (`POST /__mock/reset`), the generator back at its seed.
    pub(super) fn reset(&mut self) {
        *self = State::new(self.seed);
    }

    /// A new confirmation code.
    fn code(&mut self) -> String {
        (0..rules::CODE_DIGITS)
            .map(|_| self.rng.digit(10))
            .collect()
    }

    /// A new id of `length` letters and digits.
    fn id(&mut self, length: usize) -> String {
        (0..length).map(|_| self.rng.alphanumeric()).collect()
    }

    /// Plays one operation of a vendor's flow.
    pub(super) fn answer(
        &mut self,
        vendor: Vendor,
        operation: &str,
        path_params: &[(String, String)],
        body: &Value,
    ) -> Option<Answer> {
        let param = |name: &str| {
            path_params
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        match vendor {
            Vendor::Invoicebox => invoicebox::answer(self, operation, param("uuid")?, body),
            Vendor::YandexMarket => {
                let order = param("orderId")?.parse().ok()?;
                yandex_market::answer(self, operation, order, body)
            }
            Vendor::Via => via::answer(self, operation, body),
        }
    }

    /// The code a test could not otherwise read: an Invoicebox order's (after `sendCode`), a
    /// Yandex Market order's (made on first sight), a VIA `verifyId`'s.
    pub(super) fn code_of(&mut self, vendor: Vendor, key: &str) -> Option<CodeView> {
        match vendor {
            Vendor::Invoicebox => invoicebox::code_of(self, key),
            Vendor::YandexMarket => yandex_market::code_of(self, key.parse().ok()?),
            Vendor::Via => self.via.code_of(key),
        }
    }
}

/// The answer a vendor gives a request without valid credentials: its documented 401.
pub(super) fn unauthorised(vendor: Vendor, path: &str) -> Answer {
    let body = match vendor {
        Vendor::Invoicebox => json!({"error": {"code": "unauthorized", "message": "Unauthorized"}}),
        Vendor::YandexMarket => json!({"status": "ERROR", "errors": [
            {"code": "UNAUTHORIZED", "message": "The credentials are missing or wrong."}
        ]}),
        Vendor::Via => via::envelope("401", "Unauthorized", path),
    };
    Answer::json(401, body)
}

/// The answer a vendor gives a request that breaks its spec, naming what is wrong.
pub(super) fn bad_request(vendor: Vendor, path: &str, what: &str) -> Answer {
    match vendor {
        Vendor::Invoicebox => Answer::json(422, json!({"error": {"message": what}})),
        Vendor::YandexMarket => Answer::json(
            400,
            json!({"status": "ERROR", "errors": [{"code": "BAD_REQUEST", "message": what}]}),
        ),
        Vendor::Via => Answer::json(rules::VIA_ERROR_STATUS, via::envelope("400", what, path)),
    }
}
