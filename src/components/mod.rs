//! Pieces shared by pages. The building blocks, each in its own folder with documented props:
//!
//! - [`frame::Frame`]: the signed-in frame of the partner portal and of both customer portals.
//! - [`loaded::Loaded`]: a resource's loading text, empty text, content, or error panel.
//! - [`data_table::DataTable`]: caption, (sortable) headers, rows with their place in the whole
//!   list, the empty text and the pager.
//! - [`lazy_page::LazyPage`]: a page downloaded the first time it is shown (`lazy_page!`).
//! - [`confirm::Confirm`]: a button and the confirmation it opens (focus kept inside, Escape
//!   cancels, focus returns to the button).

pub mod confirm;
pub mod data_table;
pub mod email_composer;
pub mod error_panel;
pub mod frame;
pub mod labels;
pub mod language_switch;
pub mod lazy_page;
pub mod list_parts;
pub mod loaded;
pub mod markup;
pub mod page_title;
pub mod provider_sign_in;
pub mod require_auth;
pub mod route_focus;
pub mod search_box;
pub mod sign_out_button;
pub mod skip_link;
pub mod text_field;
