//! Entry point of the single-page app; everything lives in the library.

fn main() {
    partner_portal::start();
}
