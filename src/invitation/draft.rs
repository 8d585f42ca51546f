//! The invitation e-mail in the chosen language, whatever language the interface is in.

use portal_contract::{Cloud, Language};

/// The customer portal an invitation opens, by the partner's cloud, in `language`.
pub fn portal_name(cloud: Cloud, language: Language) -> &'static str {
    match (cloud, language) {
        (Cloud::Public, Language::En) => "Microsoft 365 admin center",
        (Cloud::Public, Language::Hu) => "Microsoft 365 Felügyeleti központ",
        (_, Language::En) => "Microsoft Office admin portal",
        (_, Language::Hu) => "Microsoft Office felügyeleti portál",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailDraft {
    pub subject: String,
    pub body: String,
}

impl EmailDraft {
    /// The draft: the partner's name, the steps for the customer, the personalised link, and
    /// that a Global admin must accept. `portal` is the portal's name ("Microsoft 365 admin center").
    pub fn new(
        language: Language,
        partner: &str,
        link: &str,
        portal: &str,
        with_admin: bool,
    ) -> EmailDraft {
        match language {
            Language::En => EmailDraft {
                subject: format!("{partner} invites you to a reseller relationship"),
                body: format!(
                    "Hello,\n\n\
                     {partner} would like to become your reseller of Microsoft cloud services{admin}.\n\n\
                     To accept:\n\
                     1. Open the link below. It opens the {portal}.\n\
                     2. Sign in with your organisation's account.\n\
                     3. Review the agreement and choose Accept & authorize.\n\n\
                     {link}\n\n\
                     Only a Global admin of your organisation can accept. The link works once and expires.\n\n\
                     Kind regards,\n{partner}\n",
                    admin = if with_admin {
                        ", with delegated administration privileges for Azure Active Directory and Office 365"
                    } else {
                        ""
                    },
                ),
            },
            Language::Hu => EmailDraft {
                subject: format!("{partner} viszonteladói kapcsolatra hívja meg"),
                body: format!(
                    "Tisztelt Ügyfelünk!\n\n\
                     A(z) {partner} szeretné a Microsoft-felhőszolgáltatások viszonteladójaként szolgálni Önöket{admin}.\n\n\
                     Az elfogadás lépései:\n\
                     1. Nyissa meg az alábbi hivatkozást. A(z) {portal} nyílik meg.\n\
                     2. Jelentkezzen be a szervezete fiókjával.\n\
                     3. Tekintse át a szerződést, és válassza az Elfogadás és engedélyezés lehetőséget.\n\n\
                     {link}\n\n\
                     Csak a szervezet globális rendszergazdája fogadhatja el. A hivatkozás egyszer használható, és lejár.\n\n\
                     Üdvözlettel:\n{partner}\n",
                    admin = if with_admin {
                        ", az Azure Active Directory és az Office 365 delegált rendszergazdai jogosultságaival"
                    } else {
                        ""
                    },
                ),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "https://p.example/m365-admin/accept#tok";

    #[test]
    fn each_language_names_the_partner_the_link_and_the_global_admin() {
        let en = EmailDraft::new(
            Language::En,
            "Contoso Partner Kft.",
            LINK,
            "Microsoft 365 admin center",
            true,
        );
        assert!(en.subject.contains("Contoso Partner Kft."));
        assert!(
            en.body.contains(LINK)
                && en.body.contains("Global admin")
                && en.body.contains("delegated administration")
        );
        let hu = EmailDraft::new(
            Language::Hu,
            "Contoso Partner Kft.",
            LINK,
            "Microsoft 365 felügyeleti központ",
            false,
        );
        assert!(hu.body.contains(LINK) && hu.body.contains("globális rendszergazdája"));
        assert!(!hu.body.contains("delegált"));
    }
}
