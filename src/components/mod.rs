//! Pieces shared by pages.

pub mod confirm;
pub mod data_table;
pub mod error_panel;
pub mod frame;
pub mod labels;
pub mod language_switch;
pub mod list_parts;
pub mod loaded;
pub mod page_title;
pub mod require_auth;
pub mod route_focus;
pub mod search_box;
pub mod sign_out_button;
pub mod skip_link;
pub mod text_field;
