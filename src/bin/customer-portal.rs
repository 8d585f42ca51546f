//! Entry point of the customer's portal (`customer_portal`): only the portal's pages.

fn main() {
    partner_portal::start_customer_portal();
}
