//! A VIA card payment confirmed by SMS, as a merchant's checkout runs it.
//!
//! ```text
//! VIA_CLIENT_ID=... VIA_CLIENT_SECRET=... VIA_MERCHANT=mrt_... cargo run --example via -- <pan> <MMYY> <amount-in-tiyin>
//! ```
//! `VIA_BASE_URL` points the client elsewhere (the default is VIA's sandbox). Against
//! `confirmspec mock` (the README's "Trying a flow on one machine"), the SMS code is at
//! `GET <mock>/__mock/codes/via/<verifyId>`.

use std::io::BufRead;

use confirmspec::via::{Client, types};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [pan, expiry, amount] = args.as_slice() else {
        return Err("usage: via <pan> <MMYY> <amount-in-tiyin>".into());
    };
    let mut builder = Client::builder(
        std::env::var("VIA_CLIENT_ID")?,
        std::env::var("VIA_CLIENT_SECRET")?,
    );
    if let Ok(url) = std::env::var("VIA_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build()?;

    let started = client
        .confirm_pay(types::ConfirmPayRequest {
            merchant_id: std::env::var("VIA_MERCHANT")?,
            card: types::Card {
                pan: pan.as_str().into(),
                expiry: expiry.as_str().into(),
            },
            external_id: format!("checkout-{}", std::process::id()),
            amount: amount.parse()?,
            currency: types::Currency::Uzs,
            note: None,
            accounts: [("account".to_owned(), "123123".to_owned())].into(),
        })
        .await?;
    let verify_id = started.verify_id.ok_or("VIA returned no verifyId")?;

    println!("SMS sent for {verify_id}; type the code:");
    let code = std::io::stdin()
        .lock()
        .lines()
        .next()
        .transpose()?
        .unwrap_or_default();
    let transaction = client
        .confirm_pay_verify(types::ConfirmPayVerifyRequest {
            verify_id,
            verify_code: code.trim().into(),
        })
        .await?;
    println!(
        "{:?}: transaction {:?}",
        transaction.status, transaction.transaction_id
    );
    Ok(())
}
