//! VIA: `confirm/pay` returns a `verifyId` and "sends" an SMS code; `verify` with the right
//! code returns the `Transaction` (`SUCCESS`, the amounts from the payment), a wrong one the
//! error envelope with one attempt fewer; a `verifyId` is good once. An `externalId` seen
//! before is refused: the partner's request id is unique, so paying twice is an error.

use std::collections::{HashMap, HashSet};

use serde_json::{Value, json};

use super::sandbox::{ATTEMPTS, CLIENT_ID, CLIENT_SECRET, ERROR_STATUS};
use confirmspec_validator::mock::{Answer, CodeView, Codes, Flow, header};

/// A payment awaiting its code.
struct Payment {
    code: String,
    attempts_left: u32,
    spent: bool,
    merchant_id: String,
    amount: i64,
    created_at: i64,
}

/// VIA's flow: the payments by `verifyId`, and the `externalId`s seen.
#[derive(Default)]
pub(crate) struct Via {
    by_verify_id: HashMap<String, Payment>,
    external_ids: HashSet<String>,
}

/// A new flow, for the vendors' table.
pub(crate) fn new() -> Box<dyn Flow> {
    Box::<Via>::default()
}

impl Flow for Via {
    fn spec(&self) -> &str {
        "via"
    }

    fn authorised(&self, headers: &[(String, String)]) -> bool {
        header(headers, "client-id") == Some(CLIENT_ID)
            && header(headers, "client-secret") == Some(CLIENT_SECRET)
    }

    fn unauthorised(&self, path: &str) -> Answer {
        Answer::json(401, envelope("401", "Unauthorized", path))
    }

    fn bad_request(&self, path: &str, what: &str) -> Answer {
        Answer::json(ERROR_STATUS, envelope("400", what, path))
    }

    fn answer(
        &mut self,
        codes: &mut Codes,
        operation: &str,
        _path_params: &[(String, String)],
        body: &Value,
    ) -> Option<Answer> {
        match operation {
            "confirmPay" => Some(self.confirm_pay(codes, body)),
            "confirmPayVerify" => Some(self.verify(codes, body)),
            _ => None,
        }
    }

    fn code_of(&mut self, _codes: &mut Codes, verify_id: &str) -> Option<CodeView> {
        let payment = self.by_verify_id.get(verify_id)?;
        Some(CodeView {
            code: payment.code.clone(),
            attempts_left: payment.attempts_left,
        })
    }

    fn reset(&mut self) {
        *self = Via::default();
    }
}

/// VIA's error envelope.
fn envelope(code: &str, message: &str, path: &str) -> Value {
    json!({
        "status": {"code": code, "message": message},
        "error": {"path": path, "message": {"uz": message, "ru": message, "en": message}},
    })
}

fn error(code: &str, message: &str, path: &str) -> Answer {
    Answer::json(ERROR_STATUS, envelope(code, message, path))
}

/// Milliseconds since the Unix epoch.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

impl Via {
    fn confirm_pay(&mut self, codes: &mut Codes, body: &Value) -> Answer {
        let path = "/partner/merchant/confirm/pay";
        let external_id = body["externalId"].as_str().unwrap_or_default().to_owned();
        if !self.external_ids.insert(external_id) {
            return error("DUPLICATE", "This externalId was used before.", path);
        }
        let verify_id = format!("trx_{}", codes.id(27));
        let payment = Payment {
            code: codes.code(),
            attempts_left: ATTEMPTS,
            spent: false,
            merchant_id: body["merchantId"].as_str().unwrap_or_default().to_owned(),
            amount: body["amount"].as_i64().unwrap_or_default(),
            created_at: now(),
        };
        self.by_verify_id.insert(verify_id.clone(), payment);
        Answer::json(200, json!({"verifyId": verify_id}))
    }

    fn verify(&mut self, codes: &mut Codes, body: &Value) -> Answer {
        verify(&mut self.by_verify_id, codes, body)
    }
}

fn verify(payments: &mut HashMap<String, Payment>, codes: &mut Codes, body: &Value) -> Answer {
    let path = "/partner/merchant/confirm/pay/verify";
    let verify_id = body["verifyId"].as_str().unwrap_or_default();
    let processing_id = codes.digits(12);
    let Some(payment) = payments.get_mut(verify_id) else {
        return error("NOT_FOUND", "No payment has this verifyId.", path);
    };
    if payment.spent {
        return error("USED", "This verifyId was used.", path);
    }
    if body["verifyCode"].as_str() != Some(payment.code.as_str()) {
        payment.attempts_left = payment.attempts_left.saturating_sub(1);
        if payment.attempts_left == 0 {
            payment.spent = true;
        }
        return error("WRONG_CODE", "The code is wrong.", path);
    }
    payment.spent = true;
    Answer::json(
        200,
        json!({
            "transactionId": verify_id,
            "processingTransactionId": processing_id,
            "merchantId": payment.merchant_id,
            "amount": payment.amount,
            "createdAt": payment.created_at,
            "status": "SUCCESS",
            "payedAt": now(),
            "fee": 0,
            "feePercent": 0.0,
            "currency": "UZS",
            "epos": {"merchantId": "11111111111", "terminalId": "22222222"},
        }),
    )
}
