//! Yandex Market: each order has a hand-over code, made on first sight; `verifyEac` answers
//! `ACCEPTED` for it (again on a repeat: it is a check, not a payment), `REJECTED` with
//! `attemptsLeft` one fewer for a wrong one, and `NEED_UPDATE` when the last attempt is spent,
//! when a new code is issued. A request without `code` is a 400.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::sandbox::{API_KEY, ATTEMPTS, OAUTH_TOKEN};
use confirmspec_validator::mock::{Answer, CodeView, Codes, Flow, bearer, header, path_param};

/// One order's hand-over code.
struct Order {
    code: String,
    attempts_left: u32,
}

/// Yandex Market's flow: the orders by id.
#[derive(Default)]
pub(crate) struct YandexMarket {
    orders: HashMap<i64, Order>,
}

/// A new flow, for the vendors' table.
pub(crate) fn new() -> Box<dyn Flow> {
    Box::<YandexMarket>::default()
}

impl YandexMarket {
    fn order(&mut self, codes: &mut Codes, id: i64) -> &mut Order {
        self.orders.entry(id).or_insert_with(|| Order {
            code: codes.code(),
            attempts_left: ATTEMPTS,
        })
    }
}

impl Flow for YandexMarket {
    fn spec(&self) -> &str {
        "yandex-market"
    }

    fn authorised(&self, headers: &[(String, String)]) -> bool {
        header(headers, "api-key") == Some(API_KEY) || bearer(headers, OAUTH_TOKEN)
    }

    fn unauthorised(&self, _path: &str) -> Answer {
        Answer::json(
            401,
            json!({"status": "ERROR", "errors": [
                {"code": "UNAUTHORIZED", "message": "The credentials are missing or wrong."}
            ]}),
        )
    }

    fn bad_request(&self, _path: &str, what: &str) -> Answer {
        Answer::json(
            400,
            json!({"status": "ERROR", "errors": [{"code": "BAD_REQUEST", "message": what}]}),
        )
    }

    fn answer(
        &mut self,
        codes: &mut Codes,
        operation: &str,
        path_params: &[(String, String)],
        body: &Value,
    ) -> Option<Answer> {
        if operation != "verifyOrderEac" {
            return None;
        }
        let id = path_param(path_params, "orderId")?.parse().ok()?;
        let Some(sent) = body["code"].as_str() else {
            return Some(self.bad_request("", "The request has no code."));
        };
        let renewed = codes.code();
        let order = self.order(codes, id);
        let result = if sent == order.code {
            json!({"verificationResult": "ACCEPTED"})
        } else {
            order.attempts_left = order.attempts_left.saturating_sub(1);
            if order.attempts_left == 0 {
                order.code = renewed;
                order.attempts_left = ATTEMPTS;
                json!({"verificationResult": "NEED_UPDATE", "attemptsLeft": 0})
            } else {
                json!({"verificationResult": "REJECTED", "attemptsLeft": order.attempts_left})
            }
        };
        Some(Answer::json(200, json!({"status": "OK", "result": result})))
    }

    fn code_of(&mut self, codes: &mut Codes, key: &str) -> Option<CodeView> {
        let order = self.order(codes, key.parse().ok()?);
        Some(CodeView {
            code: order.code.clone(),
            attempts_left: order.attempts_left,
        })
    }

    fn reset(&mut self) {
        *self = YandexMarket::default();
    }
}
