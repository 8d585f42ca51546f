//! Pieces shared by pages.

pub mod error_panel;
pub mod labels;
pub mod language_switch;
pub mod page_title;
pub mod portal_shell;
pub mod require_auth;
pub mod shell;
pub mod sign_out_button;
pub mod text_field;
