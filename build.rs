//! Rebuilds when embedded files change: migrations and locale files are compiled into the binary.
fn main() {
    for dir in ["migrations", "locales", "templates", "static"] {
        println!("cargo:rerun-if-changed={dir}");
    }
}
