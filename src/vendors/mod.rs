//! The vendors, one folder each (its client, its sandbox, its flow in the mock) and one row
//! each in [`VENDORS`] (its spec, compiled in, and the JSON Schema document `build.rs` made of
//! it). What adding a vendor touches is listed in the README's "Layout".

pub mod invoicebox;
pub mod via;
pub mod yandex_market;

/// One vendor: its spec as compiled in, and what the mock plays for it.
#[derive(Clone, Copy)]
pub struct Vendor {
    /// The spec's name, its file's stem (`yandex-market`).
    pub name: &'static str,
    /// The spec's file, relative to the source the crate was built from (`specs/via.yaml`).
    pub file: &'static str,
    /// The spec's text.
    pub text: &'static str,
    /// The JSON Schema document `build.rs` made of the spec (not strict).
    pub schemas: &'static str,
    /// How `confirmspec mock`'s start-up line names the sandbox's credentials.
    pub credentials: &'static str,
    /// The vendor's flow, as the mock plays it.
    #[cfg(feature = "mock")]
    pub flow: fn() -> Box<dyn confirmspec_validator::mock::Flow>,
}

impl std::fmt::Debug for Vendor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vendor")
            .field("name", &self.name)
            .field("file", &self.file)
            .finish_non_exhaustive()
    }
}

/// A row of [`VENDORS`]: the spec's name, and the vendor's folder.
macro_rules! vendor {
    ($name:literal, $folder:ident) => {
        Vendor {
            name: $name,
            file: concat!("specs/", $name, ".yaml"),
            text: include_str!(concat!("../../specs/", $name, ".yaml")),
            schemas: include_str!(concat!(
                env!("OUT_DIR"),
                "/",
                stringify!($folder),
                ".schema.json"
            )),
            credentials: $folder::sandbox::CREDENTIALS,
            #[cfg(feature = "mock")]
            flow: $folder::flow::new,
        }
    };
}

/// The vendors, in the order reports list them.
pub const VENDORS: [Vendor; 3] = [
    vendor!("invoicebox", invoicebox),
    vendor!("yandex-market", yandex_market),
    vendor!("via", via),
];

/// The vendor whose spec is called `name`.
pub fn vendor(name: &str) -> Option<&'static Vendor> {
    VENDORS.iter().find(|v| v.name == name)
}

/// Every vendor's spec, read (`confirmspec_spec::Spec`, carrying its prebuilt schemas).
#[cfg(feature = "specs")]
pub fn bundled_specs() -> Vec<confirmspec_spec::Spec> {
    VENDORS.iter().map(Vendor::spec).collect()
}

/// The spec of the vendor called `name` (`invoicebox`, `yandex-market`, `via`), read.
#[cfg(feature = "specs")]
pub fn bundled_spec(name: &str) -> Option<confirmspec_spec::Spec> {
    vendor(name).map(Vendor::spec)
}

#[cfg(feature = "specs")]
impl Vendor {
    /// The vendor's spec, read.
    pub fn spec(&self) -> confirmspec_spec::Spec {
        confirmspec_spec::Spec::bundled(
            self.name,
            self.file,
            self.text,
            self.schemas,
            env!("CARGO_MANIFEST_DIR"),
        )
        .expect("the bundled specs are checked by the build and the tests")
    }
}

/// Whether `file`, as a report names it, is a vendor's spec (`specs/via.yaml`).
pub fn is_bundled_file(file: &str) -> bool {
    std::path::Path::new(file).is_relative() && VENDORS.iter().any(|v| v.file == file)
}
