//! The `confirmspec` command: validate captures and payloads against OpenAPI 3.0 specs.

mod cli;

/// mimalloc: 14% fewer instructions per proxied exchange than glibc's malloc
/// (`benches/proxy-instructions.sh`), and the batch validator a little faster, for about 2 MB
/// more resident memory. The library leaves the choice to the program that embeds it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
