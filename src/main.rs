//! The `confirmspec` command: validate captures and payloads against OpenAPI 3.0 specs.

mod cli;

fn main() {
    let code = match cli::run() {
        Ok(code) => code,
        Err(error) if error.is_broken_pipe() => 0,
        Err(error) => {
            eprintln!("confirmspec: error: {error}");
            2
        }
    };
    std::process::exit(code);
}
