//! The words of granular admin relationships in the interface's language.

use leptos::prelude::*;
use portal_contract::gdap::{AdminRelationshipStatus, DayDuration};
use portal_contract::validation::FieldCode;

use crate::gdap::form::Field;
use crate::gdap::messages;
use crate::i18n::*;

pub type I18n = leptos_i18n::I18nContext<Locale>;

/// A status in words.
pub fn status(i18n: I18n, status: AdminRelationshipStatus) -> String {
    match status {
        AdminRelationshipStatus::ApprovalPending => t_string!(i18n, gdap.status_approvalPending),
        AdminRelationshipStatus::Active => t_string!(i18n, gdap.status_active),
        AdminRelationshipStatus::Expired => t_string!(i18n, gdap.status_expired),
        AdminRelationshipStatus::Terminated => t_string!(i18n, gdap.status_terminated),
    }
    .to_string()
}

/// The badge class of a status (`badge pending`, …).
pub fn status_class(status: AdminRelationshipStatus) -> &'static str {
    match status {
        AdminRelationshipStatus::ApprovalPending => "badge pending",
        AdminRelationshipStatus::Active => "badge accepted",
        AdminRelationshipStatus::Expired => "badge expired",
        AdminRelationshipStatus::Terminated => "badge revoked",
    }
}

/// "3 roles", "1 szerepkör".
pub fn role_count(i18n: I18n, count: usize) -> AnyView {
    if count == 1 {
        t!(i18n, gdap.role_count_one).into_any()
    } else {
        t!(i18n, gdap.role_count, count = move || count).into_any()
    }
}

/// "90 days", "90 nap"; an unreadable duration as it came.
pub fn duration(i18n: I18n, iso: &str) -> AnyView {
    match DayDuration::parse(iso) {
        Some(DayDuration(1)) => t!(i18n, gdap.duration_days_one).into_any(),
        Some(DayDuration(days)) => t!(i18n, gdap.duration_days, days = move || days).into_any(),
        None => iso.to_owned().into_any(),
    }
}

/// Whether auto-extend is on, in words.
pub fn auto_extend(i18n: I18n, iso: &str) -> String {
    if DayDuration::parse(iso).is_some_and(|d| d.0 > 0) {
        t_string!(i18n, gdap.yes).to_string()
    } else {
        t_string!(i18n, gdap.no).to_string()
    }
}

/// The message for a problem with a field of the request form.
pub fn field_error(i18n: I18n, field: Field, code: FieldCode) -> String {
    messages::field_error(i18n.get_locale(), field, code).to_owned()
}
