//! The invitation e-mail in the chosen language, whatever language the interface is in.

use portal_contract::{Cloud, Language};

use crate::hungarian::with_article;

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
    /// The draft: the partner's name, the steps for the customer, the personalised link, when
    /// it expires, and that a Global admin must accept. `portal` is the portal's name
    /// ("Microsoft 365 admin center"); `expires` the expiry date as the reader writes dates.
    pub fn new(
        language: Language,
        partner: &str,
        link: &str,
        portal: &str,
        with_admin: bool,
        expires: &str,
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
                     Only a Global admin of your organisation can accept. The link works once and expires on {expires}.\n\n\
                     Kind regards,\n{partner}\n",
                    admin = if with_admin {
                        ", with delegated administration privileges for Azure Active Directory and Office 365"
                    } else {
                        ""
                    },
                ),
            },
            Language::Hu => EmailDraft {
                subject: format!(
                    "{} viszonteladói kapcsolatra hívja meg Önöket",
                    with_article(partner, true)
                ),
                body: format!(
                    "Tisztelt Ügyfelünk!\n\n\
                     {the_partner} szeretné a Microsoft-felhőszolgáltatások viszonteladójaként szolgálni Önöket{admin}.\n\n\
                     Az elfogadás lépései:\n\
                     1. Nyissa meg az alábbi hivatkozást: megnyílik {the_portal}.\n\
                     2. Jelentkezzen be a szervezete fiókjával.\n\
                     3. Tekintse át a szerződést, és válassza az Elfogadás és engedélyezés lehetőséget.\n\n\
                     {link}\n\n\
                     Csak a szervezet globális rendszergazdája fogadhatja el. A hivatkozás egyszer használható, és eddig érvényes: {expires}.\n\n\
                     Üdvözlettel:\n{partner}\n",
                    the_partner = with_article(partner, true),
                    the_portal = with_article(portal, false),
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
            "1 Jan 2027",
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
            "Microsoft 365 Felügyeleti központ",
            false,
            "2027. jan. 1.",
        );
        assert!(hu.body.contains(LINK) && hu.body.contains("globális rendszergazdája"));
        assert!(!hu.body.contains("delegált"));
        assert!(en.body.contains("expires on 1 Jan 2027."));
        assert!(hu.body.contains("eddig érvényes: 2027. jan. 1."));
    }

    #[test]
    fn the_hungarian_draft_puts_the_right_article_before_each_name() {
        let draft = |partner| {
            EmailDraft::new(
                Language::Hu,
                partner,
                LINK,
                "Microsoft 365 Felügyeleti központ",
                true,
                "2027. jan. 1.",
            )
        };
        let contoso = draft("Contoso Partner Kft.");
        assert!(contoso.subject.starts_with("A Contoso Partner Kft. "));
        assert!(contoso.body.contains("\nA Contoso Partner Kft. szeretné"));
        assert!(
            contoso
                .body
                .contains("megnyílik a Microsoft 365 Felügyeleti központ.")
        );
        let one = draft("1st Cloud Kft.");
        assert!(one.subject.starts_with("Az 1st Cloud Kft. "));
        assert!(one.body.contains("\nAz 1st Cloud Kft. szeretné"));
        assert!(!one.body.to_lowercase().contains("a(z)"));
    }
}
