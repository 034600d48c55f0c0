//! Yandex Market: each order has a hand-over code, made on first sight; `verifyEac` answers
//! `ACCEPTED` for it (again on a repeat: it is a check, not a payment), `REJECTED` with
//! `attemptsLeft` one fewer for a wrong one, and `NEED_UPDATE` when the last attempt is spent,
//! when a new code is issued. A request without `code` is a 400.

use serde_json::{Value, json};

use super::{Answer, CodeView, State, rules};

/// One order's hand-over code.
pub(super) struct Order {
    code: String,
    attempts_left: u32,
}

fn order(state: &mut State, id: i64) -> &mut Order {
    if !state.yandex_market.contains_key(&id) {
        let code = state.code();
        state.yandex_market.insert(
            id,
            Order {
                code,
                attempts_left: rules::YANDEX_MARKET_ATTEMPTS,
            },
        );
    }
    state.yandex_market.get_mut(&id).expect("inserted above")
}

pub(super) fn answer(state: &mut State, operation: &str, id: i64, body: &Value) -> Option<Answer> {
    if operation != "verifyOrderEac" {
        return None;
    }
    let Some(sent) = body["code"].as_str() else {
        return Some(Answer::json(
            400,
            json!({"status": "ERROR", "errors": [{"code": "BAD_REQUEST", "message": "The request has no code."}]}),
        ));
    };
    let renewed = state.code();
    let order = order(state, id);
    let result = if sent == order.code {
        json!({"verificationResult": "ACCEPTED"})
    } else {
        order.attempts_left = order.attempts_left.saturating_sub(1);
        if order.attempts_left == 0 {
            order.code = renewed;
            order.attempts_left = rules::YANDEX_MARKET_ATTEMPTS;
            json!({"verificationResult": "NEED_UPDATE", "attemptsLeft": 0})
        } else {
            json!({"verificationResult": "REJECTED", "attemptsLeft": order.attempts_left})
        }
    };
    Some(Answer::json(200, json!({"status": "OK", "result": result})))
}

pub(super) fn code_of(state: &mut State, id: i64) -> Option<CodeView> {
    let order = order(state, id);
    Some(CodeView {
        code: order.code.clone(),
        attempts_left: order.attempts_left,
    })
}
