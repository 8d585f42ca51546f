//! One-shot confirmations carried from one page to the next (shown once, then cleared).

use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlashMessage {
    /// An invitation was created and the partner is done with the e-mail.
    InvitationSent,
    /// The customer accepted this partner.
    PartnerAccepted(String),
    /// The customer approved a granular admin request: the partner, the relationship's name,
    /// and when it ends (RFC 3339).
    RolesApproved {
        partner: String,
        name: String,
        ends: String,
    },
    /// The partner ended its relationship with this customer (by name).
    RelationshipRemoved(String),
}

#[derive(Debug, Clone, Copy)]
pub struct Flash(pub RwSignal<Option<FlashMessage>>);

impl Flash {
    pub fn new() -> Flash {
        Flash(RwSignal::new(None))
    }

    pub fn show(self, message: FlashMessage) {
        self.0.set(Some(message));
    }

    /// The pending message, cleared so a reload does not show it again.
    pub fn take(self) -> Option<FlashMessage> {
        let m = self.0.get_untracked();
        if m.is_some() {
            self.0.set(None);
        }
        m
    }
}

impl Default for Flash {
    fn default() -> Self {
        Flash::new()
    }
}
