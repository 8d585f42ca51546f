//! Pieces shared by pages.

pub mod error_panel;
pub mod labels;
pub mod language_switch;
pub mod list_parts;
pub mod page_title;
pub mod portal_shell;
pub mod provider_sign_in;
pub mod require_auth;
pub mod route_focus;
pub mod search_box;
pub mod shell;
pub mod sign_out_button;
pub mod skip_link;
pub mod text_field;
