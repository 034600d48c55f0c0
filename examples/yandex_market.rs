//! Checking an order's hand-over code with Yandex Market, as a warehouse service does when a
//! courier names the code.
//!
//! ```text
//! YANDEX_MARKET_API_KEY=... cargo run --example yandex_market -- <campaignId> <orderId> <code>
//! ```
//! `YANDEX_MARKET_OAUTH_TOKEN` may stand for the API key; `YANDEX_MARKET_BASE_URL` points the
//! client elsewhere.

use confirmspec::yandex_market::{Auth, Client, Error, types};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [campaign, order, code] = args.as_slice() else {
        return Err("usage: yandex_market <campaignId> <orderId> <code>".into());
    };
    let auth = match std::env::var("YANDEX_MARKET_API_KEY") {
        Ok(key) => Auth::ApiKey(key.into()),
        Err(_) => Auth::OAuth(std::env::var("YANDEX_MARKET_OAUTH_TOKEN")?.into()),
    };
    let mut builder = Client::builder(auth);
    if let Ok(url) = std::env::var("YANDEX_MARKET_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build()?;

    let body = types::VerifyOrderEacRequest {
        code: Some(code.as_str().into()),
    };
    match client
        .verify_order_eac(campaign.parse()?, order.parse()?, body)
        .await
    {
        Ok(answer) => {
            let result = answer.result.unwrap_or_default();
            match result.verification_result {
                Some(types::EacVerificationStatusType::Accepted) => println!("code accepted"),
                Some(types::EacVerificationStatusType::Rejected) => {
                    println!(
                        "wrong code; {} attempts left",
                        result.attempts_left.unwrap_or(0)
                    )
                }
                Some(types::EacVerificationStatusType::NeedUpdate) => {
                    println!("too many attempts: Market sends a new code")
                }
                None => println!("Market did not say"),
            }
        }
        Err(Error::Api { status, body, .. }) if status.as_u16() == 420 => {
            let codes: Vec<String> = body
                .errors
                .unwrap_or_default()
                .into_iter()
                .map(|e| e.code)
                .collect();
            println!("rate limited: {codes:?}");
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}
