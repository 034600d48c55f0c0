//! Invoicebox: `validate` -> `sendCode` issues a code (its `publicCode`, and `leftAttempt`
//! sends left) -> `pay` with the right code is `success`, a wrong one `wrongCode` with one
//! attempt fewer, none left `limitReached`, and paying a paid order `alreadyPaid`. Orders are
//! their UUIDs; one that was never sent a code is unknown to `pay` (404).

use serde_json::{Value, json};

use super::{Answer, CodeView, State, rules};

/// One order's confirmation.
pub(super) struct Order {
    code: String,
    public_code: String,
    sends_left: u32,
    attempts_left: u32,
    paid: bool,
}

pub(super) fn answer(
    state: &mut State,
    operation: &str,
    uuid: &str,
    body: &Value,
) -> Option<Answer> {
    let uuid = uuid.to_ascii_lowercase();
    Some(match operation {
        "validate" => Answer::json(
            200,
            json!({"data": {"type": "none", "result": "available",
                "resultData": {"url": "", "method": "POST", "arguments": []}}}),
        ),
        "sendCode" => send_code(state, uuid),
        "pay" => pay(state, &uuid, body),
        _ => return None,
    })
}

fn send_code(state: &mut State, uuid: String) -> Answer {
    let code = state.code();
    let public_code = state.id(10);
    let order = state.invoicebox.entry(uuid).or_insert(Order {
        code: String::new(),
        public_code: String::new(),
        sends_left: rules::INVOICEBOX_SENDS,
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
        order.attempts_left = rules::INVOICEBOX_ATTEMPTS;
        "success"
    };
    Answer::json(
        200,
        json!({"data": {"type": "none", "result": result, "resultData": {
            "publicCode": order.public_code, "leftAttempt": order.sends_left}}}),
    )
}

fn pay(state: &mut State, uuid: &str, body: &Value) -> Answer {
    let Some(order) = state.invoicebox.get_mut(uuid) else {
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

pub(super) fn code_of(state: &State, uuid: &str) -> Option<CodeView> {
    let order = state.invoicebox.get(&uuid.to_ascii_lowercase())?;
    Some(CodeView {
        code: order.code.clone(),
        attempts_left: order.attempts_left,
    })
}
