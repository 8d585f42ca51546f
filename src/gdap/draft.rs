//! The approval e-mail in the chosen language: the partner, the relationship's name, its
//! roles, duration and the link, and that a Global admin approves.

use portal_contract::Language;

use crate::hungarian::with_article;

/// What the e-mail says about the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalRequest<'a> {
    pub partner: &'a str,
    pub name: &'a str,
    /// Role names and their descriptions in the e-mail's language.
    pub roles: &'a [(String, String)],
    pub days: u32,
    pub link: &'a str,
    /// The last day the link works, as the reader writes dates.
    pub expires: &'a str,
}

/// Subject and body.
pub fn approval_email(language: Language, r: &ApprovalRequest<'_>) -> (String, String) {
    let roles: String = r
        .roles
        .iter()
        .map(|(name, description)| format!("- {name}: {description}\n"))
        .collect();
    let ApprovalRequest {
        partner,
        name,
        days,
        link,
        expires,
        ..
    } = r;
    match language {
        Language::En => (
            format!("{partner} requests admin roles in your organisation"),
            format!(
                "Hello,\n\n\
                 {partner} asks for granular admin access to your organisation, to support the work it does for you.\n\n\
                 Relationship name: {name}\n\
                 Duration: {days} days\n\
                 Roles:\n{roles}\n\
                 To approve, open the link below, sign in with your organisation's account and choose Approve all:\n\n\
                 {link}\n\n\
                 Only a Global admin of your organisation can approve. The link works until {expires}.\n\n\
                 Kind regards,\n{partner}\n"
            ),
        ),
        Language::Hu => (
            format!(
                "{} rendszergazdai szerepköröket kér az Önök szervezetében",
                with_article(partner, true)
            ),
            format!(
                "Tisztelt Ügyfelünk!\n\n\
                 {the_partner} részletes rendszergazdai hozzáférést kér a szervezetükhöz, hogy támogathassa az Önöknek végzett munkát.\n\n\
                 A kapcsolat neve: {name}\n\
                 Időtartam: {days} nap\n\
                 Szerepkörök:\n{roles}\n\
                 A jóváhagyáshoz nyissa meg az alábbi hivatkozást, jelentkezzen be a szervezete fiókjával, és válassza Az összes jóváhagyása lehetőséget:\n\n\
                 {link}\n\n\
                 Csak a szervezet globális rendszergazdája hagyhatja jóvá. A hivatkozás eddig érvényes: {expires}.\n\n\
                 Üdvözlettel:\n{partner}\n",
                the_partner = with_article(partner, true),
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "https://p.example/m365-admin/approve-roles#token=abc";

    fn request(roles: &[(String, String)]) -> ApprovalRequest<'_> {
        ApprovalRequest {
            partner: "Contoso Partner Kft.",
            name: "Fabrikam helpdesk",
            roles,
            days: 90,
            link: LINK,
            expires: "1 Mar 2027",
        }
    }

    #[test]
    fn each_language_names_the_request_its_roles_and_the_link() {
        let role = |n: &str, d: &str| (n.to_owned(), d.to_owned());
        let roles = vec![
            role("Helpdesk Administrator", "Resets passwords."),
            role("Global Reader", "Reads everything."),
        ];
        let (subject, body) = approval_email(Language::En, &request(&roles));
        assert!(subject.starts_with("Contoso Partner Kft. "));
        for part in [
            LINK,
            "Fabrikam helpdesk",
            "90 days",
            "- Global Reader: Reads everything.\n",
            "Global admin",
            "until 1 Mar 2027",
        ] {
            assert!(body.contains(part), "{part}");
        }
        let (subject, body) = approval_email(Language::Hu, &request(&roles));
        assert!(subject.starts_with("A Contoso Partner Kft. "));
        for part in [
            LINK,
            "90 nap",
            "globális rendszergazdája",
            "- Helpdesk Administrator: Resets passwords.\n",
        ] {
            assert!(body.contains(part), "{part}");
        }
        assert!(!body.contains("a(z)"));
    }
}
