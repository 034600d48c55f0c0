//! The branch a value was meant for, when it matches no branch of an `anyOf`/`oneOf`: by the
//! discriminator where there is one, else by the properties it declares and requires; a
//! violation is reported inside that branch, the others named in its message.

use confirmspec_validator::{Exchange, Options, Spec, Validator, Verdict, read_jsonl};
use serde_json::{Value, json};

/// The exchange of `line` (a JSON Lines record), validated.
/// Pointer, keyword and schema path of each violation found, without the message.
fn placed(found: &[(String, String, String, String)]) -> Vec<(&str, &str, &str)> {
    found
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str(), f.2.as_str()))
        .collect()
}

fn violations(validator: &Validator, exchange: Value) -> Vec<(String, String, String, String)> {
    let text = exchange.to_string();
    let mut found = Vec::new();
    read_jsonl(
        "exchange",
        text.as_bytes(),
        |_, read: Result<Exchange, _>| {
            let report = validator.validate(&read.unwrap());
            assert_eq!(
                report.verdict,
                Verdict::Violating,
                "{:?}",
                report.violations
            );
            found = report
                .violations
                .iter()
                .map(|v| {
                    (
                        v.pointer.clone().unwrap_or_default(),
                        v.keyword.to_string(),
                        v.schema_path.clone().unwrap_or_default(),
                        v.message.clone(),
                    )
                })
                .collect();
        },
    );
    found
}

fn via_verify(response: Value) -> Value {
    json!({
        "request": {"method": "POST", "url": "https://api.viasandbox.uz/partner/merchant/confirm/pay/verify",
            "headers": [["client-id", "c"], ["client-secret", "s"], ["Content-Type", "application/json"]],
            "body": {"verifyId": "trx_2VQGS1Eeu4DNsfuKxbFO1vftNy4", "verifyCode": "005646"}},
        "response": {"status": 200, "headers": [["Content-Type", "application/json"]], "body": response}
    })
}

fn transaction() -> Value {
    json!({"transactionId": "trx_2VQGS1Eeu4DNsfuKxbFO1vftNy4", "processingTransactionId": "010964369832",
        "merchantId": "mrt_2V4M5svbNoQ68tB0ul8LoLWJOZQ", "amount": 100, "createdAt": 1694760886762_i64,
        "status": "SUCCESS", "payedAt": 1694760902483_i64, "fee": 0, "feePercent": 0.0, "currency": "UZS",
        "epos": {"merchantId": "11111111111", "terminalId": "22222222"}})
}

#[test]
fn a_via_transaction_with_a_foreign_currency_is_reported_against_transaction() {
    let validator = Validator::new(confirmspec::bundled_specs(), Options::default()).unwrap();
    let mut body = transaction();
    body["currency"] = json!("USD");
    let found = violations(&validator, via_verify(body));
    assert_eq!(found.len(), 1, "{found:?}");
    let (pointer, rule, schema_path, message) = &found[0];
    assert_eq!((pointer.as_str(), rule.as_str()), ("/currency", "enum"));
    assert_eq!(schema_path, "/components/schemas/Currency/enum");
    assert!(message.contains("against `Transaction`"), "{message}");
    assert!(message.contains("not `ErrorEnvelope`"), "{message}");
}

#[test]
fn a_via_error_envelope_that_breaks_it_is_reported_against_the_envelope() {
    let validator = Validator::new(confirmspec::bundled_specs(), Options::default()).unwrap();
    let envelope =
        json!({"status": {"code": 404, "message": "not found"}, "error": {"path": "/x"}});
    let found = violations(&validator, via_verify(envelope));
    assert!(
        found.iter().any(|(p, r, _, m)| p == "/status/code"
            && r == "type"
            && m.contains("against `ErrorEnvelope`")),
        "{found:?}"
    );
}

#[test]
fn invoicebox_s_discriminator_picks_the_branch_its_type_names() {
    let validator = Validator::new(confirmspec::bundled_specs(), Options::default()).unwrap();
    let pay = |data: Value| {
        json!({
            "request": {"method": "POST", "url": "https://api.invoicebox.ru/v3/billing/api/order/ffffffff-ffff-ffff-ffff-ffffffffffff/payment-method-action/pay",
                "headers": [["Authorization", "Bearer t0ken"], ["Content-Type", "application/json"]],
                "body": {"paymentMethodId": "39363265", "languageId": "ru",
                    "customer": {"name": "A", "email": "a@example.com", "type": "private", "phone": "79611234567"},
                    "customerPaymentData": {"publicCode": "aaaaaaa123", "code": "483920"}}},
            "response": {"status": 200, "headers": [["Content-Type", "application/json"]], "body": {"data": data}}
        })
    };
    // `type: message` names PayResultMessage, whose resultData needs a message.
    let found = violations(
        &validator,
        pay(json!({"type": "message", "result": "success", "resultData": {}})),
    );
    assert!(
        found.iter().any(|(p, r, s, _)| p == "/data/resultData"
            && r == "required"
            && s.starts_with("/components/schemas/PayResultMessage")),
        "{found:?}"
    );
}

/// A spec of our own: a discriminated choice with a mapping and an implicit name, an
/// undiscriminated one, and a `oneOf` two branches of which can match.
const PETS: &str = r##"
openapi: 3.0.3
info: {title: pets, version: "1"}
paths:
  /pets:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Pet"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                oneOf:
                  - {$ref: "#/components/schemas/Named"}
                  - {$ref: "#/components/schemas/Counted"}
        "201":
          description: created
          content:
            application/json:
              schema:
                anyOf:
                  - {$ref: "#/components/schemas/Problem"}
                  - {$ref: "#/components/schemas/Receipt"}
components:
  schemas:
    Pet:
      oneOf:
        - {$ref: "#/components/schemas/Cat"}
        - {$ref: "#/components/schemas/Dog"}
      discriminator:
        propertyName: kind
        mapping:
          kitty: "#/components/schemas/Cat"
    Cat:
      type: object
      required: [kind, lives]
      properties:
        kind: {type: string}
        lives: {type: integer, maximum: 9}
    Dog:
      type: object
      required: [kind, barks]
      properties:
        kind: {type: string}
        barks: {type: boolean}
    Named:
      type: object
      properties: {name: {type: string}}
    Counted:
      type: object
      properties: {count: {type: integer}}
    Problem:
      type: object
      required: [title]
      properties: {title: {type: string}, status: {type: integer}}
    Receipt:
      type: object
      required: [id, amount, currency]
      properties: {id: {type: string}, amount: {type: integer}, currency: {type: string, enum: [EUR]}, status: {type: string}}
"##;

fn pets(request: Value, status: u16, response: Value) -> Value {
    json!({
        "request": {"method": "POST", "url": "https://pets.example/pets",
            "headers": [["Content-Type", "application/json"]], "body": request},
        "response": {"status": status, "headers": [["Content-Type", "application/json"]], "body": response}
    })
}

#[test]
fn discriminators_by_mapping_and_by_implicit_name_pick_their_branch() {
    let spec = Spec::from_text("pets", std::path::Path::new("pets.yaml"), PETS).unwrap();
    let validator = Validator::new(vec![spec], Options::default()).unwrap();
    // `kitty` is mapped to Cat: its `lives` is checked, not Dog's `barks`.
    let found = violations(
        &validator,
        pets(
            json!({"kind": "kitty", "lives": 12}),
            200,
            json!({"name": "a", "count": "many"}),
        ),
    );
    assert_eq!(
        placed(&found),
        [(
            "/lives",
            "maximum",
            "/components/schemas/Cat/properties/lives/maximum"
        )],
        "{found:?}"
    );
    // `Dog` by its implicit name.
    let found = violations(
        &validator,
        pets(
            json!({"kind": "Dog", "barks": "loudly"}),
            200,
            json!({"name": "a", "count": "many"}),
        ),
    );
    assert_eq!(
        placed(&found),
        [(
            "/barks",
            "type",
            "/components/schemas/Dog/properties/barks/type"
        )],
        "{found:?}"
    );
}

#[test]
fn without_a_discriminator_the_branch_whose_properties_fit_is_chosen_and_several_matches_are_named()
{
    let spec = Spec::from_text("pets", std::path::Path::new("pets.yaml"), PETS).unwrap();
    let validator = Validator::new(vec![spec], Options::default()).unwrap();
    let cat = json!({"kind": "kitty", "lives": 3});
    // A receipt with a bad currency shares `status` with Problem, but it is a receipt.
    let receipt = json!({"id": "r1", "amount": 5, "currency": "USD", "status": "paid"});
    let found = violations(&validator, pets(cat.clone(), 201, receipt));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1.as_str()),
        ("/currency", "enum")
    );
    assert!(
        found[0].3.contains("against `Receipt`") && found[0].3.contains("not `Problem`"),
        "{}",
        found[0].3
    );
    // `{}` is both Named and Counted: a oneOf needs exactly one.
    let found = violations(&validator, pets(cat, 200, json!({})));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "oneOf");
    assert!(
        found[0].3.contains("`Named` and `Counted`"),
        "{}",
        found[0].3
    );
}
