//! The demo data's organisations and sign-in accounts (README "Signing in"). The server's seed
//! writes them; the project's tasks and tests sign in with them, so an address is spelt once.

/// Every demo account's password (published in the README).
pub const PASSWORD: &str = "Demo-Passw0rd!";

/// A demo organisation: its display name and the domain of its accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Organization {
    pub name: &'static str,
    pub domain: &'static str,
}

/// The partner in the public cloud (Hungary), with one account per agent role.
pub const CONTOSO: Organization = Organization {
    name: "Contoso Partner Kft.",
    domain: "contoso-partner.example",
};
/// The partner in the US Government cloud.
pub const TAILSPIN: Organization = Organization {
    name: "Tailspin Federal Partner",
    domain: "tailspin-federal.example",
};
/// A customer in Hungary that has not yet accepted the Customer Agreement.
pub const FABRIKAM: Organization = Organization {
    name: "Fabrikam Kft.",
    domain: "fabrikam.example",
};
/// A customer in Germany.
pub const ADATUM: Organization = Organization {
    name: "Adatum GmbH",
    domain: "adatum.example",
};
/// A customer in the United States.
pub const WOODGROVE: Organization = Organization {
    name: "Woodgrove Inc.",
    domain: "woodgrove.example",
};

/// Contoso's Global admin (the audit log, relationship removal).
pub const CONTOSO_GLOBAL_ADMIN: &str = "globaladmin@contoso-partner.example";
pub const CONTOSO_ADMIN_AGENT: &str = "adminagent@contoso-partner.example";
pub const CONTOSO_SALES_AGENT: &str = "salesagent@contoso-partner.example";
pub const CONTOSO_HELPDESK_AGENT: &str = "helpdesk@contoso-partner.example";
pub const TAILSPIN_ADMIN_AGENT: &str = "adminagent@tailspin-federal.example";
/// Fabrikam's Global admin, who may accept invitations.
pub const FABRIKAM_ADMIN: &str = "admin@fabrikam.example";
/// A Fabrikam user without admin rights (acceptance refuses them).
pub const FABRIKAM_USER: &str = "user@fabrikam.example";
pub const ADATUM_ADMIN: &str = "admin@adatum.example";
pub const WOODGROVE_ADMIN: &str = "admin@woodgrove.example";

/// Every organisation with its accounts' addresses, in the README's order.
pub const ACCOUNTS: &[(Organization, &[&str])] = &[
    (
        CONTOSO,
        &[
            CONTOSO_GLOBAL_ADMIN,
            CONTOSO_ADMIN_AGENT,
            CONTOSO_SALES_AGENT,
            CONTOSO_HELPDESK_AGENT,
        ],
    ),
    (TAILSPIN, &[TAILSPIN_ADMIN_AGENT]),
    (FABRIKAM, &[FABRIKAM_ADMIN, FABRIKAM_USER]),
    (ADATUM, &[ADATUM_ADMIN]),
    (WOODGROVE, &[WOODGROVE_ADMIN]),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::EmailAddress;

    #[test]
    fn every_address_is_valid_and_in_its_organisations_domain() {
        for (org, addresses) in ACCOUNTS {
            for address in *addresses {
                assert!(EmailAddress::parse(address).is_ok(), "{address}");
                assert_eq!(address.split_once('@').map(|(_, d)| d), Some(org.domain));
            }
        }
    }
}
