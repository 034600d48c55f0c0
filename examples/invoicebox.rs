//! The Invoicebox confirmation flow as a shop's backend runs it: validate, send the buyer a
//! code, then pay with the code the buyer typed in.
//!
//! ```text
//! INVOICEBOX_TOKEN=... INVOICEBOX_ORDER=<uuid> cargo run --example invoicebox
//! ```
//! `INVOICEBOX_BASE_URL` points it elsewhere (`confirmspec mock`, where the buyer's code is at
//! `GET <mock>/__mock/codes/invoicebox/<order>`); `INVOICEBOX_LINE=l3` selects the
//! Invoicebox.Business line.

use std::io::BufRead;
use std::time::Duration;

use confirmspec::invoicebox::{ApiLine, Client, Error, types};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let token = std::env::var("INVOICEBOX_TOKEN")?;
    let order: uuid::Uuid = std::env::var("INVOICEBOX_ORDER")?.parse()?;
    let line = match std::env::var("INVOICEBOX_LINE").as_deref() {
        Ok("l3") => ApiLine::L3,
        _ => ApiLine::V3,
    };
    let mut builder = Client::builder(token)
        .user_agent(concat!("confirmspec-example/", env!("CARGO_PKG_VERSION")))
        .api_line(line)
        .timeout(Duration::from_secs(15));
    if let Ok(url) = std::env::var("INVOICEBOX_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build()?;

    let customer: types::Customer = types::Customer::builder()
        .type_(types::CustomerType::Private)
        .phone(Some("79611234567".parse()?))
        .try_into()?;
    let request: types::CodeRequest = types::CodeRequest::builder()
        .payment_method_id("39363265")
        .language_id(types::LanguageId::Ru)
        .customer(customer.clone())
        .try_into()?;

    let check = client
        .validate(order, types::ValidateRequest(request.clone()))
        .await?;
    if check.data.result != types::ValidateResultResult::Available {
        println!("payment cannot be confirmed: {:?}", check.data.result);
        return Ok(());
    }

    let sent = client.send_code(order, request).await?;
    println!(
        "code sent ({} more sends allowed); type it in:",
        sent.data.result_data.left_attempt
    );
    let code = std::io::stdin()
        .lock()
        .lines()
        .next()
        .transpose()?
        .unwrap_or_default();

    let pay: types::PayRequest = types::PayRequest::builder()
        .payment_method_id("39363265")
        .customer(customer)
        .customer_payment_data(types::CustomerPaymentData {
            public_code: sent.data.result_data.public_code,
            code: code.trim().into(),
        })
        .try_into()?;
    match client.pay(order, pay).await {
        Ok(paid) => match paid.data {
            types::PayResult::None(none) => println!("result: {:?}", none.result),
            types::PayResult::Message(shown) => {
                let message = shown.result_data.message;
                println!("{:?}: {}: {}", shown.result, message.title, message.message);
            }
        },
        // A documented error (any status >= 400): the typed body is there for code; Display
        // shows only the code, which 429 and 500 do not carry.
        Err(Error::Api { status, body, .. }) if status.as_u16() == 422 => {
            println!(
                "refused: {}",
                body.error.code.as_deref().unwrap_or("(no code)")
            );
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}
