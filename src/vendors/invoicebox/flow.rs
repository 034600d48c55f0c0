//! Invoicebox: `validate` -> `sendCode` issues a code (its `publicCode`, and `leftAttempt`
//! sends left) -> `pay` with the right code is `success`, a wrong one `wrongCode` with one
//! attempt fewer, none left `limitReached`, and paying a paid order `alreadyPaid`. Orders are
//! their UUIDs; one that was never sent a code is unknown to `pay` (404).

use std::collections::HashMap;

use serde_json::{Value, json};

use super::sandbox::{ATTEMPTS, SENDS, TOKEN};
use confirmspec_validator::mock::{Answer, CodeView, Codes, Flow, bearer, path_param};

/// One order's confirmation.
struct Order {
    code: String,
    public_code: String,
    sends_left: u32,
    attempts_left: u32,
    paid: bool,
}

/// Invoicebox's flow: the orders by UUID (lower-case).
#[derive(Default)]
pub(crate) struct Invoicebox {
    orders: HashMap<String, Order>,
}

/// A new flow, for the vendors' table.
pub(crate) fn new() -> Box<dyn Flow> {
    Box::<Invoicebox>::default()
}

impl Flow for Invoicebox {
    fn spec(&self) -> &str {
        "invoicebox"
    }

    fn authorised(&self, headers: &[(String, String)]) -> bool {
        bearer(headers, TOKEN)
    }

    fn unauthorised(&self, _path: &str) -> Answer {
        Answer::json(
            401,
            json!({"error": {"code": "unauthorized", "message": "Unauthorized"}}),
        )
    }

    fn bad_request(&self, _path: &str, what: &str) -> Answer {
        Answer::json(422, json!({"error": {"message": what}}))
    }

    fn answer(
        &mut self,
        codes: &mut Codes,
        operation: &str,
        path_params: &[(String, String)],
        body: &Value,
    ) -> Option<Answer> {
        let uuid = path_param(path_params, "uuid")?.to_ascii_lowercase();
        Some(match operation {
            "validate" => Answer::json(
                200,
                json!({"data": {"type": "none", "result": "available",
                    "resultData": {"url": "", "method": "POST", "arguments": []}}}),
            ),
            "sendCode" => send_code(&mut self.orders, codes, uuid),
            "pay" => pay(&mut self.orders, &uuid, body),
            _ => return None,
        })
    }

    fn code_of(&mut self, _codes: &mut Codes, uuid: &str) -> Option<CodeView> {
        let order = self.orders.get(&uuid.to_ascii_lowercase())?;
        Some(CodeView {
            code: order.code.clone(),
            attempts_left: order.attempts_left,
        })
    }

    fn reset(&mut self) {
        *self = Invoicebox::default();
    }
}

fn send_code(orders: &mut HashMap<String, Order>, codes: &mut Codes, uuid: String) -> Answer {
    let code = codes.code();
    let public_code = codes.id(10);
    let order = orders.entry(uuid).or_insert(Order {
        code: String::new(),
        public_code: String::new(),
        sends_left: SENDS,
        attempts_left: 0,
        paid: false,
    });
    let result = if order.paid {
        "error"
    } else if order.sends_left == 0 {
        "codeAlreadySent"
    } else {
        order.sends_left -= 1;
        order.code = code;
        order.public_code = public_code;
        order.attempts_left = ATTEMPTS;
        "success"
    };
    Answer::json(
        200,
        json!({"data": {"type": "none", "result": result, "resultData": {
            "publicCode": order.public_code, "leftAttempt": order.sends_left}}}),
    )
}

fn pay(orders: &mut HashMap<String, Order>, uuid: &str, body: &Value) -> Answer {
    let Some(order) = orders.get_mut(uuid) else {
        return Answer::json(
            404,
            json!({"error": {"message": "No confirmation code was sent for this order."}}),
        );
    };
    let data = &body["customerPaymentData"];
    let right = data["publicCode"].as_str() == Some(order.public_code.as_str())
        && data["code"].as_str() == Some(order.code.as_str());
    let result = if order.paid {
        "alreadyPaid"
    } else if order.attempts_left == 0 {
        "limitReached"
    } else if right {
        order.paid = true;
        "success"
    } else {
        order.attempts_left -= 1;
        if order.attempts_left == 0 {
            "limitReached"
        } else {
            "wrongCode"
        }
    };
    let body = match result {
        "success" | "alreadyPaid" => {
            json!({"data": {"type": "none", "result": result, "resultData": {}}})
        }
        _ => json!({"data": {"type": "message", "result": result, "resultData": {"message": {
            "title": if result == "wrongCode" { "Неверный код" } else { "Превышено число попыток" },
            "message": format!("Осталось попыток: {}", order.attempts_left),
        }}}}),
    };
    Answer::json(200, body)
}
