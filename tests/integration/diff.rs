//! `confirmspec diff`: one case per rule on a small spec made for it (`tests/data/diff/base.yaml`,
//! edited), each asserting the class, the location, the field and both pointers; the real
//! history of Yandex Market's verifyEac; edits to each bundled spec; a spec against itself and
//! against a copy whose descriptions changed; the command's formats, exit statuses and JSON
//! contract.

use std::path::Path;

use confirmspec_spec::diff::{ChangeRule, diff};
use confirmspec_validator::Spec;
use serde_json::{Value, json};

pub(crate) const BASE: &str = include_str!("../data/diff/base.yaml");
pub(crate) const PAY: &str = "/paths/~1orders~1{orderId}~1pay/post";
pub(crate) const GET: &str = "/paths/~1orders~1{orderId}/get";
pub(crate) const HISTORY: &str = "../shared/corpus/yandex-market/verifyEac-history";

/// One rule's case: edits to the base spec (the new spec; with `reverse`, the old one), and the
/// change expected.
pub(crate) struct Case {
    pub(crate) rule: &'static str,
    pub(crate) edits: &'static [(&'static str, &'static str)],
    pub(crate) reverse: bool,
    pub(crate) operation: Option<&'static str>,
    pub(crate) class: &'static str,
    pub(crate) location: &'static str,
    pub(crate) field: Option<&'static str>,
    pub(crate) old: Option<String>,
    pub(crate) new: Option<String>,
}

pub(crate) fn case(rule: &'static str, edits: &'static [(&'static str, &'static str)]) -> Case {
    Case {
        rule,
        edits,
        reverse: false,
        operation: Some("payOrder"),
        class: "",
        location: "",
        field: None,
        old: None,
        new: None,
    }
}

impl Case {
    pub(crate) fn reverse(mut self) -> Self {
        self.reverse = true;
        self
    }
    pub(crate) fn on(mut self, operation: Option<&'static str>) -> Self {
        self.operation = operation;
        self
    }
    pub(crate) fn is(
        mut self,
        class: &'static str,
        location: &'static str,
        field: Option<&'static str>,
    ) -> Self {
        self.class = class;
        self.location = location;
        self.field = field;
        self
    }
    pub(crate) fn at(mut self, old: Option<String>, new: Option<String>) -> Self {
        self.old = old;
        self.new = new;
        self
    }
}

pub(crate) fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = BASE.to_owned();
    for (from, to) in edits {
        assert_eq!(
            text.matches(from).count(),
            1,
            "the edit's text must be in the base once: {from:?}"
        );
        text = text.replacen(from, to, 1);
    }
    text
}

pub(crate) fn spec(name: &str, text: &str) -> Spec {
    Spec::from_text(name, Path::new(&format!("{name}.yaml")), text)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub(crate) fn changes(old: &Spec, new: &Spec) -> Vec<Value> {
    let value = serde_json::to_value(diff(old, new)).unwrap();
    value["changes"].as_array().unwrap().clone()
}

pub(crate) fn s(text: &str) -> Option<String> {
    Some(text.to_owned())
}

pub(crate) fn pay(tail: &str) -> Option<String> {
    Some(format!("{PAY}{tail}"))
}

pub(crate) fn schema(tail: &str) -> Option<String> {
    Some(format!("/components/schemas/{tail}"))
}

pub(crate) const LANG: (&str, &str) = (
    "      operationId: getOrder\n      parameters:\n",
    "      operationId: getOrder\n      parameters:\n        - name: lang\n          in: query\n          schema:\n            type: string\n",
);
pub(crate) const REFUND: (&str, &str) = (
    "components:\n  securitySchemes:",
    "  /refunds:\n    post:\n      operationId: refund\n      responses:\n        \"200\":\n          description: ok\ncomponents:\n  securitySchemes:",
);
pub(crate) const GET_BODY: (&str, &str) = (
    "      operationId: getOrder\n",
    "      operationId: getOrder\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              type: object\n",
);
pub(crate) const FORM: (&str, &str) = (
    "              $ref: \"#/components/schemas/PayRequest\"\n",
    "              $ref: \"#/components/schemas/PayRequest\"\n          application/x-www-form-urlencoded:\n            schema:\n              type: object\n",
);
pub(crate) const MEMO: (&str, &str) = (
    "        note:\n          type: string\n",
    "        note:\n          type: string\n        memo:\n          type: string\n",
);
pub(crate) const NOTE_NULLABLE: (&str, &str) = (
    "        note:\n          type: string\n",
    "        note:\n          type: string\n          nullable: true\n",
);
pub(crate) const DEFAULT: (&str, &str) = (
    "        \"204\":\n          description: nothing to pay\n",
    "        \"204\":\n          description: nothing to pay\n        default:\n          description: any other\n",
);
pub(crate) const NO_CONTENT_BODY: (&str, &str) = (
    "        \"204\":\n          description: nothing to pay\n",
    "        \"204\":\n          description: nothing to pay\n          content:\n            application/json:\n              schema:\n                type: object\n",
);
pub(crate) const XML: (&str, &str) = (
    "          description: paid\n          content:\n",
    "          description: paid\n          content:\n            application/xml:\n              schema:\n                type: object\n",
);
pub(crate) const RESPONSE_MEMO: (&str, &str) = (
    "            fee:\n",
    "            memo:\n              type: string\n            fee:\n",
);
pub(crate) const KEY: (&str, &str) = ("  - Bearer: []\n", "  - Bearer: []\n  - Key: []\n");

pub(crate) fn cases() -> Vec<Case> {
    vec![
        case("operation-added", &[REFUND]).on(Some("refund")).is("info", "operation", None).at(None, s("/paths/~1refunds/post")),
        case("operation-removed", &[REFUND]).reverse().on(Some("refund")).is("breaking", "operation", None).at(s("/paths/~1refunds/post"), None),
        case("operation-moved", &[("  /orders/{orderId}:\n", "  /v2/orders/{orderId}:\n")]).on(Some("getOrder")).is("breaking", "request.path", None).at(s(GET), s("/paths/~1v2~1orders~1{orderId}/get")),
        case("operation-id-changed", &[("operationId: getOrder", "operationId: fetchOrder")]).on(Some("fetchOrder")).is("breaking", "operation", None).at(Some(format!("{GET}/operationId")), Some(format!("{GET}/operationId"))),
        case("parameter-added", &[LANG]).on(Some("getOrder")).is("info", "request.query.lang", None).at(None, Some(format!("{GET}/parameters/0"))),
        case("required-parameter-added", &[(LANG.0, "      operationId: getOrder\n      parameters:\n        - name: lang\n          in: query\n          required: true\n          schema:\n            type: string\n")]).on(Some("getOrder")).is("breaking", "request.query.lang", None).at(None, Some(format!("{GET}/parameters/0"))),
        case("parameter-removed", &[LANG]).reverse().on(Some("getOrder")).is("breaking", "request.query.lang", None).at(Some(format!("{GET}/parameters/0")), None),
        case("parameter-made-required", &[("          required: false\n", "          required: true\n")]).is("breaking", "request.query.page", None).at(pay("/parameters/1/required"), pay("/parameters/1/required")),
        case("parameter-made-optional", &[("          in: header\n          required: true\n", "          in: header\n          required: false\n")]).is("info", "request.header.x-shop", None).at(pay("/parameters/2/required"), pay("/parameters/2/required")),
        case("request-body-added", &[GET_BODY]).on(Some("getOrder")).is("breaking", "request.body", None).at(None, Some(format!("{GET}/requestBody"))),
        case("request-body-removed", &[GET_BODY]).reverse().on(Some("getOrder")).is("breaking", "request.body", None).at(Some(format!("{GET}/requestBody")), None),
        case("request-body-made-required", &[("      requestBody:\n        required: true\n", "      requestBody:\n        required: false\n")]).reverse().is("breaking", "request.body", None).at(pay("/requestBody"), pay("/requestBody")),
        case("request-body-made-optional", &[("      requestBody:\n        required: true\n", "      requestBody:\n        required: false\n")]).is("info", "request.body", None).at(pay("/requestBody"), pay("/requestBody")),
        case("request-media-type-added", &[FORM]).is("info", "request.header.content-type", None).at(None, pay("/requestBody/content/application~1x-www-form-urlencoded")),
        case("request-media-type-removed", &[FORM]).reverse().is("breaking", "request.header.content-type", None).at(pay("/requestBody/content/application~1x-www-form-urlencoded"), None),
        case("request-type-changed", &[("        note:\n          type: string\n", "        note:\n          type: integer\n")]).is("breaking", "request.body", Some("/note")).at(schema("PayRequest/properties/note/type"), schema("PayRequest/properties/note/type")),
        case("request-format-changed", &[("        note:\n          type: string\n", "        note:\n          type: string\n          format: date-time\n")]).is("breaking", "request.body", Some("/note")).at(schema("PayRequest/properties/note"), schema("PayRequest/properties/note")),
        case("request-property-added", &[MEMO]).is("warning", "request.body", Some("/memo")).at(None, schema("PayRequest/properties/memo")),
        case("request-required-property-added", &[MEMO, ("required: [code, amount]", "required: [code, amount, memo]")]).is("breaking", "request.body", Some("/memo")).at(None, schema("PayRequest/properties/memo")),
        case("request-property-removed", &[MEMO]).reverse().is("breaking", "request.body", Some("/memo")).at(schema("PayRequest/properties/memo"), None),
        case("request-property-made-required", &[("required: [code, amount]", "required: [code, amount, note]")]).is("breaking", "request.body", Some("/note")).at(schema("PayRequest/properties/note"), schema("PayRequest/required")),
        case("request-property-made-optional", &[("required: [code, amount]", "required: [code]")]).is("breaking", "request.body", Some("/amount")).at(schema("PayRequest/required"), schema("PayRequest/properties/amount")),
        case("request-nullable-added", &[NOTE_NULLABLE]).is("info", "request.body", Some("/note")).at(schema("PayRequest/properties/note"), schema("PayRequest/properties/note/nullable")),
        case("request-nullable-removed", &[NOTE_NULLABLE]).reverse().is("breaking", "request.body", Some("/note")).at(schema("PayRequest/properties/note"), schema("PayRequest/properties/note/nullable")),
        case("request-enum-value-added", &[("enum: [sms, push]", "enum: [sms, push, email]")]).is("info", "request.body", Some("/channel")).at(schema("PayRequest/properties/channel/enum"), schema("PayRequest/properties/channel/enum/2")),
        case("request-enum-value-removed", &[("enum: [sms, push]", "enum: [sms]")]).is("breaking", "request.body", Some("/channel")).at(schema("PayRequest/properties/channel/enum/1"), schema("PayRequest/properties/channel/enum")),
        case("request-bound-tightened", &[("maxLength: 8", "maxLength: 6")]).is("breaking", "request.body", Some("/code")).at(schema("PayRequest/properties/code/maxLength"), schema("PayRequest/properties/code/maxLength")),
        case("request-bound-loosened", &[("maxItems: 5", "maxItems: 10")]).is("info", "request.body", Some("/tags")).at(schema("PayRequest/properties/tags/maxItems"), schema("PayRequest/properties/tags/maxItems")),
        case("request-variant-added", &[("            - $ref: \"#/components/schemas/Wallet\"\n          discriminator:", "            - $ref: \"#/components/schemas/Wallet\"\n            - $ref: \"#/components/schemas/Envelope\"\n          discriminator:")]).is("info", "request.body", Some("/method")).at(schema("PayRequest/properties/method"), schema("PayRequest/properties/method/oneOf/2")),
        case("request-variant-removed", &[("            - $ref: \"#/components/schemas/Wallet\"\n          discriminator:", "          discriminator:")]).is("breaking", "request.body", Some("/method")).at(schema("PayRequest/properties/method/oneOf/1"), schema("PayRequest/properties/method")),
        case("request-discriminator-changed", &[("propertyName: kind", "propertyName: type")]).is("breaking", "request.body", Some("/method")).at(schema("PayRequest/properties/method"), schema("PayRequest/properties/method")),
        case("response-status-added", &[("        \"204\":", "        \"202\":\n          description: accepted\n        \"204\":")]).is("breaking", "response.status", None).at(None, pay("/responses/202")),
        case("response-status-removed", &[("        \"400\":\n          description: bad request\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/Error\"\n", "")]).is("info", "response.status", None).at(pay("/responses/400"), None),
        case("response-default-added", &[DEFAULT]).is("info", "response.status", None).at(None, pay("/responses/default")),
        case("response-default-removed", &[DEFAULT]).reverse().is("warning", "response.status", None).at(pay("/responses/default"), None),
        case("response-body-added", &[NO_CONTENT_BODY]).is("breaking", "response.body", None).at(pay("/responses/204"), pay("/responses/204/content")),
        case("response-body-removed", &[NO_CONTENT_BODY]).reverse().is("breaking", "response.body", None).at(pay("/responses/204/content"), pay("/responses/204")),
        case("response-media-type-added", &[XML]).is("warning", "response.header.content-type", None).at(None, pay("/responses/200/content/application~1xml")),
        case("response-media-type-removed", &[XML]).reverse().is("info", "response.header.content-type", None).at(pay("/responses/200/content/application~1xml"), None),
        case("response-type-changed", &[("            id:\n              type: string\n", "            id:\n              type: integer\n")]).is("breaking", "response.body", Some("/id")).at(schema("Payment/allOf/1/properties/id/type"), schema("Payment/allOf/1/properties/id/type")),
        case("response-format-changed", &[("            id:\n              type: string\n", "            id:\n              type: string\n              format: uuid\n")]).is("breaking", "response.body", Some("/id")).at(schema("Payment/allOf/1/properties/id"), schema("Payment/allOf/1/properties/id")),
        case("response-property-added", &[RESPONSE_MEMO]).is("info", "response.body", Some("/memo")).at(None, schema("Payment/allOf/1/properties/memo")),
        case("response-property-removed", &[RESPONSE_MEMO]).reverse().is("breaking", "response.body", Some("/memo")).at(schema("Payment/allOf/1/properties/memo"), None),
        case("response-property-made-required", &[("required: [id, state]", "required: [id, state, receipt]")]).is("breaking", "response.body", Some("/receipt")).at(schema("Payment/allOf/1/properties/receipt"), schema("Payment/allOf/1/required")),
        case("response-property-made-optional", &[("required: [id, state]", "required: [id]")]).is("breaking", "response.body", Some("/state")).at(schema("Payment/allOf/1/required"), schema("Payment/allOf/1/properties/state")),
        case("response-nullable-added", &[("              maxLength: 64\n", "              maxLength: 64\n              nullable: true\n")]).is("info", "response.body", Some("/receipt")).at(schema("Payment/allOf/1/properties/receipt"), schema("Payment/allOf/1/properties/receipt/nullable")),
        case("response-nullable-removed", &[("              nullable: true\n", "")]).is("info", "response.body", Some("/fee")).at(schema("Payment/allOf/1/properties/fee"), schema("Payment/allOf/1/properties/fee/nullable")),
        case("response-enum-value-added", &[("enum: [paid, pending]", "enum: [paid, pending, refunded]")]).is("breaking", "response.body", Some("/state")).at(schema("Payment/allOf/1/properties/state/enum"), schema("Payment/allOf/1/properties/state/enum/2")),
        case("response-enum-value-removed", &[("enum: [paid, pending]", "enum: [paid]")]).is("breaking", "response.body", Some("/state")).at(schema("Payment/allOf/1/properties/state/enum/1"), schema("Payment/allOf/1/properties/state/enum")),
        case("response-bound-tightened", &[("maxLength: 64", "maxLength: 32")]).is("info", "response.body", Some("/receipt")).at(schema("Payment/allOf/1/properties/receipt/maxLength"), schema("Payment/allOf/1/properties/receipt/maxLength")),
        case("response-bound-loosened", &[("maxLength: 64", "maxLength: 128")]).is("warning", "response.body", Some("/receipt")).at(schema("Payment/allOf/1/properties/receipt/maxLength"), schema("Payment/allOf/1/properties/receipt/maxLength")),
        case("response-variant-added", &[("                - $ref: \"#/components/schemas/Wallet\"\n", "                - $ref: \"#/components/schemas/Wallet\"\n                - $ref: \"#/components/schemas/Envelope\"\n")]).is("breaking", "response.body", Some("/result")).at(schema("Payment/allOf/1/properties/result"), schema("Payment/allOf/1/properties/result/anyOf/2")),
        case("response-variant-removed", &[("                - $ref: \"#/components/schemas/Wallet\"\n", "")]).is("breaking", "response.body", Some("/result")).at(schema("Payment/allOf/1/properties/result/anyOf/1"), schema("Payment/allOf/1/properties/result")),
        case("response-discriminator-changed", &[("                - $ref: \"#/components/schemas/Wallet\"\n", "                - $ref: \"#/components/schemas/Wallet\"\n              discriminator:\n                propertyName: kind\n")]).is("breaking", "response.body", Some("/result")).at(schema("Payment/allOf/1/properties/result"), schema("Payment/allOf/1/properties/result")),
        case("security-alternative-added", &[KEY]).is("info", "request.security", None).at(None, s("/security/1")),
        case("security-alternative-removed", &[KEY]).reverse().is("breaking", "request.security", None).at(s("/security/1"), s("/security/0")),
        case("security-scheme-changed", &[("name: Api-Key", "name: X-Api-Key")]).on(None).is("breaking", "request.security", None).at(s("/components/securitySchemes/Key/name"), s("/components/securitySchemes/Key/name")),
        case("server-added", &[("enum: [v1, v2]", "enum: [v1, v2, v3]")]).on(None).is("info", "server", None).at(None, s("/servers/0")),
        case("server-removed", &[("enum: [v1, v2]", "enum: [v1]")]).on(None).is("warning", "server", None).at(s("/servers/0"), None),
    ]
}

#[test]
fn each_rule_judges_its_change_with_class_location_and_pointers() {
    let base = spec("base", BASE);
    for case in cases() {
        let other = spec("edited", &edited(case.edits));
        let (old, new) = if case.reverse {
            (&other, &base)
        } else {
            (&base, &other)
        };
        let found = changes(old, new);
        let hit = found
            .iter()
            .find(|c| c["rule"] == case.rule && c["operation"].as_str() == case.operation)
            .unwrap_or_else(|| panic!("{}: not found among {found:#?}", case.rule));
        let place = |side: &str| hit[side]["pointer"].as_str().map(str::to_owned);
        assert_eq!(hit["class"], case.class, "{}: {hit:#}", case.rule);
        assert_eq!(hit["location"], case.location, "{}: {hit:#}", case.rule);
        assert_eq!(hit["field"].as_str(), case.field, "{}: {hit:#}", case.rule);
        assert_eq!(
            place("old"),
            case.old,
            "{}: old pointer: {hit:#}",
            case.rule
        );
        assert_eq!(
            place("new"),
            case.new,
            "{}: new pointer: {hit:#}",
            case.rule
        );
        for side in ["old", "new"] {
            if !hit[side].is_null() {
                assert!(
                    hit[side]["line"].as_u64().is_some(),
                    "{}: {side} has no line: {hit:#}",
                    case.rule
                );
            }
        }
        assert!(
            !hit["message"].as_str().unwrap().is_empty()
                && !hit["client"].as_str().unwrap().is_empty()
        );
        // What a change breaks agrees with its class.
        let breaks = hit["breaks"].as_array().unwrap();
        assert_eq!(
            case.class == "info",
            breaks.is_empty(),
            "{}: {hit:#}",
            case.rule
        );
    }
}

#[test]
fn every_rule_has_a_case() {
    let covered: Vec<&str> = cases().iter().map(|c| c.rule).collect();
    for rule in ChangeRule::ALL {
        assert!(covered.contains(&rule.as_str()), "no case for {rule}");
    }
}

/// Class, location, field, old pointer, new pointer of each change, sorted.
pub(crate) fn summary(
    old: &Spec,
    new: &Spec,
) -> Vec<(String, String, String, String, String, String)> {
    let text = |v: &Value| v.as_str().unwrap_or("-").to_owned();
    let mut out: Vec<_> = changes(old, new)
        .iter()
        .map(|c| {
            (
                text(&c["rule"]),
                text(&c["class"]),
                text(&c["location"]),
                text(&c["field"]),
                text(&c["old"]["pointer"]),
                text(&c["new"]["pointer"]),
            )
        })
        .collect();
    out.sort();
    out
}

pub(crate) fn history(version: &str) -> Spec {
    Spec::load(&Path::new(HISTORY).join(format!("{version}.yaml"))).unwrap()
}

pub(crate) fn row(
    rule: &str,
    class: &str,
    location: &str,
    field: &str,
    old: &str,
    new: &str,
) -> (String, String, String, String, String, String) {
    (
        rule.into(),
        class.into(),
        location.into(),
        field.into(),
        old.into(),
        new.into(),
    )
}

#[test]
fn yandex_markets_history_2024_to_2025() {
    let errors = "/components/schemas/ApiErrorResponse/allOf/1/properties/errors";
    assert_eq!(
        summary(&history("2024-06-13"), &history("2025-07-18")),
        vec![
            row(
                "request-bound-tightened",
                "breaking",
                "request.path.campaignId",
                "-",
                "/components/parameters/CampaignId/schema",
                "/components/parameters/CampaignId/schema/minimum"
            ),
            row(
                "request-property-made-required",
                "breaking",
                "request.body",
                "/code",
                "/components/schemas/VerifyOrderEacRequest/properties/code",
                "/components/schemas/VerifyOrderEacRequest/required"
            ),
            row(
                "response-bound-tightened",
                "info",
                "response.body",
                "/errors",
                errors,
                &format!("{errors}/minItems")
            ),
            row(
                "response-nullable-added",
                "info",
                "response.body",
                "/errors",
                errors,
                &format!("{errors}/nullable")
            ),
            row(
                "security-alternative-added",
                "info",
                "request.security",
                "-",
                "-",
                "/security/0"
            ),
        ]
    );
    // The campaign id's `minimum: 1` is a break of code too: `i64` becomes `NonZeroU64`.
    let found = changes(&history("2024-06-13"), &history("2025-07-18"));
    let minimum = found
        .iter()
        .find(|c| c["rule"] == "request-bound-tightened")
        .unwrap();
    assert_eq!(minimum["breaks"], json!(["traffic", "code"]));
    assert!(
        minimum["client"].as_str().unwrap().contains("NonZeroU64"),
        "{minimum:#}"
    );
}

#[test]
fn yandex_markets_history_2025_to_2026() {
    let found = summary(&history("2025-07-18"), &history("2026-07-17"));
    assert_eq!(
        found[0],
        row(
            "operation-moved",
            "breaking",
            "request.path",
            "-",
            "/paths/~1campaigns~1{campaignId}~1orders~1{orderId}~1verifyEac/put",
            "/paths/~1v2~1campaigns~1{campaignId}~1orders~1{orderId}~1verifyEac/put"
        )
    );
    assert_eq!(
        found[1..],
        [row(
            "response-property-made-required",
            "breaking",
            "response.body",
            "/status",
            "/components/schemas/ApiResponse/properties/status",
            "/components/schemas/ApiResponse/required"
        )]
    );
}

#[test]
fn the_manual_lists_every_rule_with_its_class() {
    let manual = std::fs::read_to_string("docs/src/regenerating.md").unwrap();
    for rule in ChangeRule::ALL {
        let row = format!("| `{rule}` | {} |", rule.class());
        assert!(
            manual.contains(&row),
            "docs/src/regenerating.md has no row `{row}`"
        );
    }
}

#[test]
fn a_new_discriminator_mapping_is_a_discriminator_change() {
    let new = spec(
        "edited",
        &edited(&[(
            "propertyName: kind\n",
            "propertyName: kind\n            mapping:\n              card: \"#/components/schemas/Card\"\n",
        )]),
    );
    let found = changes(&spec("base", BASE), &new);
    let hit = found
        .iter()
        .find(|c| c["rule"] == "request-discriminator-changed")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(
        (hit["class"].as_str(), hit["field"].as_str()),
        (Some("breaking"), Some("/method"))
    );
    assert!(
        hit["message"].as_str().unwrap().contains("mapping"),
        "{hit:#}"
    );
}

#[test]
fn nullable_is_judged_by_the_values_it_allows() {
    let base = spec("base", BASE);
    let rules = |edits: &[(&str, &str)]| -> Vec<String> {
        let (old, new) = (spec("old", &edited(edits)), spec("new", BASE));
        changes(&old, &new)
            .iter()
            .map(|c| format!("{} {}", c["rule"].as_str().unwrap(), c["field"]))
            .collect()
    };
    // A property of no kind at all allows null already: `nullable` there adds nothing, and
    // dropping it (as a 3.1 translation does) is no change, either way round.
    let typeless = [(
        "            receipt:\n              type: string\n              maxLength: 64\n",
        "            receipt:\n              type: string\n              maxLength: 64\n            note:\n              nullable: true\n",
    )];
    let untyped_new = spec(
        "new",
        &edited(&[(
            "            receipt:\n              type: string\n              maxLength: 64\n",
            "            receipt:\n              type: string\n              maxLength: 64\n            note:\n              description: anything\n",
        )]),
    );
    let old = spec("old", &edited(&typeless));
    assert_eq!(changes(&old, &untyped_new), Vec::<Value>::new());
    assert_eq!(changes(&untyped_new, &old), Vec::<Value>::new());

    // Where the schema says what its values are, null leaves them: a change.
    assert_eq!(rules(&[]), Vec::<String>::new(), "the base against itself");
    let typed = changes(
        &base,
        &spec(
            "new",
            &edited(&[(
                "              type: integer\n              nullable: true\n",
                "              type: integer\n",
            )]),
        ),
    );
    assert!(
        typed
            .iter()
            .any(|c| c["rule"] == "response-nullable-removed" && c["field"] == "/fee"),
        "{typed:#?}"
    );
    // A nullable combination (`allOf: [$ref]`, the 3.0 way to make a reference nullable).
    let combined = [(
        "            result:\n              anyOf:\n",
        "            result:\n              nullable: true\n              anyOf:\n",
    )];
    let found = rules(&combined);
    assert!(
        found
            .iter()
            .any(|r| r == "response-nullable-removed \"/result\""),
        "{found:?}"
    );
}
