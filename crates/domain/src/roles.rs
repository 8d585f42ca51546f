//! The Microsoft Entra built-in roles a granular admin relationship may carry: the server owns
//! this catalogue (`GET /api/v1/roleDefinitions`), the app only shows it. Ids are the roles'
//! template ids as Microsoft Entra ID knows them, so they mean the same thing everywhere.

use portal_contract::gdap::{Localized, RoleDefinition};

/// The groups of the role dialog, in the order it lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Identity,
    Collaboration,
    Security,
    Devices,
    Billing,
    Applications,
    ReadOnly,
}

impl Group {
    fn name(self) -> (&'static str, &'static str) {
        match self {
            Group::Identity => ("Identity", "Identitás"),
            Group::Collaboration => ("Exchange and collaboration", "Exchange és együttműködés"),
            Group::Security => ("Security and compliance", "Biztonság és megfelelőség"),
            Group::Devices => ("Devices", "Eszközök"),
            Group::Billing => ("Billing and licences", "Számlázás és licencek"),
            Group::Applications => ("Applications and platforms", "Alkalmazások és platformok"),
            Group::ReadOnly => ("Read-only", "Csak olvasás"),
        }
    }
}

/// One role: template id, group, name (en, hu), description (en, hu).
pub struct Role {
    pub id: &'static str,
    pub group: Group,
    pub name: (&'static str, &'static str),
    pub description: (&'static str, &'static str),
}

const fn role(
    id: &'static str,
    group: Group,
    name: (&'static str, &'static str),
    description: (&'static str, &'static str),
) -> Role {
    Role {
        id,
        group,
        name,
        description,
    }
}

use Group::*;

/// The catalogue, grouped, in dialog order.
pub const ROLES: &[Role] = &[
    role(
        "62e90394-69f5-4237-9190-012177145e10",
        Identity,
        ("Global Administrator", "Globális rendszergazda"),
        (
            "Can manage all aspects of Microsoft Entra ID and Microsoft services that use its identities.",
            "A Microsoft Entra ID és az identitásait használó Microsoft-szolgáltatások minden beállítását kezelheti.",
        ),
    ),
    role(
        "fe930be7-5e62-47db-91af-98c3a49a38b1",
        Identity,
        ("User Administrator", "Felhasználói rendszergazda"),
        (
            "Can manage all aspects of users and groups, including resetting passwords for limited admins.",
            "A felhasználók és csoportok minden beállítását kezelheti, a korlátozott rendszergazdák jelszavának alaphelyzetbe állítását is.",
        ),
    ),
    role(
        "729827e3-9c14-49f7-bb1b-9608f156bbb8",
        Identity,
        ("Helpdesk Administrator", "Ügyfélszolgálati rendszergazda"),
        (
            "Can reset passwords for non-administrators and Helpdesk Administrators.",
            "Visszaállíthatja a nem rendszergazda felhasználók és az ügyfélszolgálati rendszergazdák jelszavát.",
        ),
    ),
    role(
        "966707d0-3269-4727-9be2-8c3a10f19b9d",
        Identity,
        ("Password Administrator", "Jelszó-rendszergazda"),
        (
            "Can reset passwords for non-administrators and Password Administrators.",
            "Visszaállíthatja a nem rendszergazda felhasználók és a jelszó-rendszergazdák jelszavát.",
        ),
    ),
    role(
        "c4e39bd9-1100-46d3-8c65-fb160da0071f",
        Identity,
        ("Authentication Administrator", "Hitelesítési rendszergazda"),
        (
            "Can view, set and reset authentication methods for any non-admin user.",
            "Megtekintheti, beállíthatja és visszaállíthatja a nem rendszergazda felhasználók hitelesítési módszereit.",
        ),
    ),
    role(
        "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
        Identity,
        (
            "Privileged Authentication Administrator",
            "Kiemelt hitelesítési rendszergazda",
        ),
        (
            "Can view, set and reset authentication methods for any user, administrators included.",
            "Bármely felhasználó hitelesítési módszereit megtekintheti, beállíthatja és visszaállíthatja, a rendszergazdákét is.",
        ),
    ),
    role(
        "e8611ab8-c189-46e8-94e1-60213ab1f814",
        Identity,
        (
            "Privileged Role Administrator",
            "Kiemelt szerepkörű rendszergazda",
        ),
        (
            "Can manage role assignments in Microsoft Entra ID and Privileged Identity Management.",
            "Kezelheti a szerepkör-hozzárendeléseket a Microsoft Entra ID-ban és a Privileged Identity Managementben.",
        ),
    ),
    role(
        "fdd7a751-b60b-444a-984c-02652fe8fa1c",
        Identity,
        ("Groups Administrator", "Csoportok rendszergazdája"),
        (
            "Can manage all aspects of groups and group settings, such as naming and expiry policies.",
            "A csoportok és a csoportbeállítások (például elnevezési és lejárati szabályzatok) minden részletét kezelheti.",
        ),
    ),
    role(
        "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2",
        Identity,
        (
            "Hybrid Identity Administrator",
            "Hibrid identitás-rendszergazda",
        ),
        (
            "Can manage cloud provisioning from Active Directory and federation settings.",
            "Kezelheti az Active Directoryból történő felhőbeli kiépítést és az összevonási beállításokat.",
        ),
    ),
    role(
        "95e79109-95c0-4d8e-aee3-d01accf2d47b",
        Identity,
        ("Guest Inviter", "Vendégmeghívó"),
        (
            "Can invite guest users independent of the 'members can invite guests' setting.",
            "Vendégfelhasználókat hívhat meg attól függetlenül, hogy a tagok meghívhatnak-e vendégeket.",
        ),
    ),
    role(
        "29232cdf-9323-42fd-ade2-1d097af3e4de",
        Collaboration,
        ("Exchange Administrator", "Exchange-rendszergazda"),
        (
            "Can manage all aspects of the Exchange Online service.",
            "Az Exchange Online szolgáltatás minden beállítását kezelheti.",
        ),
    ),
    role(
        "31392ffb-586c-42d1-9346-e59415a2cc4e",
        Collaboration,
        (
            "Exchange Recipient Administrator",
            "Exchange-címzettrendszergazda",
        ),
        (
            "Can create and manage recipients such as mailboxes, contacts and groups in Exchange Online.",
            "Létrehozhatja és kezelheti az Exchange Online címzettjeit, például a postaládákat, névjegyeket és csoportokat.",
        ),
    ),
    role(
        "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
        Collaboration,
        ("SharePoint Administrator", "SharePoint-rendszergazda"),
        (
            "Can manage all aspects of the SharePoint service.",
            "A SharePoint szolgáltatás minden beállítását kezelheti.",
        ),
    ),
    role(
        "69091246-20e8-4a56-aa4d-066075b2a7a8",
        Collaboration,
        ("Teams Administrator", "Teams-rendszergazda"),
        (
            "Can manage the Microsoft Teams service.",
            "Kezelheti a Microsoft Teams szolgáltatást.",
        ),
    ),
    role(
        "baf37b3a-610e-45da-9e62-d9d1e5e8914b",
        Collaboration,
        (
            "Teams Communications Administrator",
            "Teams-kommunikációs rendszergazda",
        ),
        (
            "Can manage calling and meetings features within the Microsoft Teams service.",
            "Kezelheti a Microsoft Teams hívási és értekezleti funkcióit.",
        ),
    ),
    role(
        "2b745bdf-0803-4d80-aa65-822c4493daac",
        Collaboration,
        (
            "Office Apps Administrator",
            "Office-alkalmazások rendszergazdája",
        ),
        (
            "Can manage Office apps' cloud services, including policy and settings management.",
            "Kezelheti az Office-alkalmazások felhőszolgáltatásait, a szabályzatokat és a beállításokat is.",
        ),
    ),
    role(
        "194ae4cb-b126-40b2-bd5b-6091b380977d",
        Security,
        ("Security Administrator", "Biztonsági rendszergazda"),
        (
            "Can read security information and reports, and manage configuration in Microsoft Entra ID and Office 365.",
            "Olvashatja a biztonsági adatokat és jelentéseket, és kezelheti a Microsoft Entra ID és az Office 365 biztonsági beállításait.",
        ),
    ),
    role(
        "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f",
        Security,
        ("Security Operator", "Biztonsági operátor"),
        (
            "Creates and manages security events.",
            "Biztonsági eseményeket hoz létre és kezel.",
        ),
    ),
    role(
        "17315797-102d-40b4-93e0-432062caca18",
        Security,
        ("Compliance Administrator", "Megfelelőségi rendszergazda"),
        (
            "Can read and manage compliance configuration and reports in Microsoft Entra ID and Microsoft 365.",
            "Olvashatja és kezelheti a megfelelőségi beállításokat és jelentéseket a Microsoft Entra ID-ban és a Microsoft 365-ben.",
        ),
    ),
    role(
        "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9",
        Security,
        (
            "Conditional Access Administrator",
            "Feltételes hozzáférési rendszergazda",
        ),
        (
            "Can manage Conditional Access capabilities.",
            "Kezelheti a feltételes hozzáférés funkcióit.",
        ),
    ),
    role(
        "3a2c62db-5318-420d-8d74-23affee5d9d5",
        Devices,
        ("Intune Administrator", "Intune-rendszergazda"),
        (
            "Can manage all aspects of the Intune product.",
            "Az Intune minden beállítását kezelheti.",
        ),
    ),
    role(
        "7698a772-787b-4ac8-901f-60d6b08affd2",
        Devices,
        ("Cloud Device Administrator", "Felhőeszköz-rendszergazda"),
        (
            "Can enable, disable and delete devices in Microsoft Entra ID and read BitLocker keys.",
            "Engedélyezheti, letilthatja és törölheti az eszközöket a Microsoft Entra ID-ban, és olvashatja a BitLocker-kulcsokat.",
        ),
    ),
    role(
        "644ef478-e28f-4e28-b9dc-3fdde9aa0b1f",
        Devices,
        ("Printer Administrator", "Nyomtató-rendszergazda"),
        (
            "Can manage all aspects of printers and printer connectors.",
            "A nyomtatók és nyomtatóösszekötők minden beállítását kezelheti.",
        ),
    ),
    role(
        "b0f54661-2d74-4c50-afa3-1ec803f12efe",
        Billing,
        ("Billing Administrator", "Számlázási rendszergazda"),
        (
            "Can perform common billing tasks such as updating payment information.",
            "Elvégezheti a szokásos számlázási feladatokat, például frissítheti a fizetési adatokat.",
        ),
    ),
    role(
        "4d6ac14f-3453-41d0-bef9-a3e0c569773a",
        Billing,
        ("License Administrator", "Licencrendszergazda"),
        (
            "Can manage product licences on users and groups.",
            "Kezelheti a felhasználók és csoportok terméklicenceit.",
        ),
    ),
    role(
        "f023fd81-a637-4b56-95fd-791ac0226033",
        Billing,
        (
            "Service Support Administrator",
            "Szolgáltatástámogatási rendszergazda",
        ),
        (
            "Can read service health information and manage support tickets.",
            "Olvashatja a szolgáltatásállapot adatait, és kezelheti a támogatási jegyeket.",
        ),
    ),
    role(
        "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
        Applications,
        ("Application Administrator", "Alkalmazás-rendszergazda"),
        (
            "Can create and manage all aspects of app registrations and enterprise apps.",
            "Létrehozhatja és minden részletében kezelheti az alkalmazásregisztrációkat és a vállalati alkalmazásokat.",
        ),
    ),
    role(
        "158c047a-c907-4556-b7ef-446551a6b5f7",
        Applications,
        (
            "Cloud Application Administrator",
            "Felhőalkalmazás-rendszergazda",
        ),
        (
            "Can manage app registrations and enterprise apps, except the Application Proxy.",
            "Kezelheti az alkalmazásregisztrációkat és a vállalati alkalmazásokat, az alkalmazásproxy kivételével.",
        ),
    ),
    role(
        "11648597-926c-4cf3-9c36-bcebb0ba8dcc",
        Applications,
        (
            "Power Platform Administrator",
            "Power Platform-rendszergazda",
        ),
        (
            "Can create and manage all aspects of Microsoft Dynamics 365, Power Apps and Power Automate.",
            "Létrehozhatja és minden részletében kezelheti a Microsoft Dynamics 365-öt, a Power Appst és a Power Automate-et.",
        ),
    ),
    role(
        "44367163-eba1-44c3-98af-f5787879f96a",
        Applications,
        ("Dynamics 365 Administrator", "Dynamics 365-rendszergazda"),
        (
            "Can manage all aspects of the Dynamics 365 product.",
            "A Dynamics 365 minden beállítását kezelheti.",
        ),
    ),
    role(
        "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
        ReadOnly,
        ("Global Reader", "Globális olvasó"),
        (
            "Can read everything that a Global Administrator can, but not update anything.",
            "Mindent olvashat, amit a globális rendszergazda, de semmit sem módosíthat.",
        ),
    ),
    role(
        "88d8e3e3-8f55-4a1e-953a-9b9898b8876b",
        ReadOnly,
        ("Directory Readers", "Címtárolvasók"),
        (
            "Can read basic directory information.",
            "Olvashatja a címtár alapvető adatait.",
        ),
    ),
    role(
        "5d6b6bb7-de71-4623-b4af-96380a352509",
        ReadOnly,
        ("Security Reader", "Biztonsági olvasó"),
        (
            "Can read security information and reports in Microsoft Entra ID and Office 365.",
            "Olvashatja a Microsoft Entra ID és az Office 365 biztonsági adatait és jelentéseit.",
        ),
    ),
    role(
        "4a5d8f65-41da-4de4-8968-e035b65339cf",
        ReadOnly,
        ("Reports Reader", "Jelentésolvasó"),
        (
            "Can read sign-in and audit reports.",
            "Olvashatja a bejelentkezési és naplózási jelentéseket.",
        ),
    ),
    role(
        "790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b",
        ReadOnly,
        ("Message Center Reader", "Üzenetközpont-olvasó"),
        (
            "Can read messages and updates for their organisation in the Microsoft 365 Message center.",
            "Olvashatja a szervezetének szóló üzeneteket és frissítéseket a Microsoft 365 Üzenetközpontjában.",
        ),
    ),
];

/// The catalogue entry with template id `id`.
pub fn find(id: &str) -> Option<&'static Role> {
    ROLES.iter().find(|r| r.id == id)
}

impl Role {
    /// The entry as the API shows it.
    pub fn definition(&self) -> RoleDefinition {
        let localized = |(en, hu): (&str, &str)| Localized {
            en: en.to_owned(),
            hu: hu.to_owned(),
        };
        RoleDefinition {
            id: self.id.to_owned(),
            display_name: localized(self.name),
            description: localized(self.description),
            group: localized(self.group.name()),
        }
    }
}

/// The whole catalogue as the API shows it.
pub fn definitions() -> Vec<RoleDefinition> {
    ROLES.iter().map(Role::definition).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_catalogue_is_large_enough_and_each_id_appears_once() {
        assert!(ROLES.len() >= 30);
        let ids: HashSet<&str> = ROLES.iter().map(|r| r.id).collect();
        assert_eq!(ids.len(), ROLES.len());
        for r in ROLES {
            assert!(uuid::Uuid::parse_str(r.id).is_ok(), "{}", r.id);
            assert!(!r.name.1.is_empty() && !r.description.1.is_empty());
            assert_ne!(r.description.0, r.description.1, "{}", r.name.0);
        }
    }

    #[test]
    fn the_roles_named_by_the_spec_are_there_with_their_template_ids() {
        for (id, name) in [
            (
                portal_contract::gdap::GLOBAL_ADMINISTRATOR_ROLE_ID,
                "Global Administrator",
            ),
            ("fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator"),
            (
                "729827e3-9c14-49f7-bb1b-9608f156bbb8",
                "Helpdesk Administrator",
            ),
            (
                "29232cdf-9323-42fd-ade2-1d097af3e4de",
                "Exchange Administrator",
            ),
            ("5d6b6bb7-de71-4623-b4af-96380a352509", "Security Reader"),
            (
                "b0f54661-2d74-4c50-afa3-1ec803f12efe",
                "Billing Administrator",
            ),
            ("f2ef992c-3afb-46b9-b7cf-a126ee74c451", "Global Reader"),
            ("88d8e3e3-8f55-4a1e-953a-9b9898b8876b", "Directory Readers"),
        ] {
            assert_eq!(find(id).map(|r| r.name.0), Some(name));
        }
    }

    #[test]
    fn groups_are_listed_together_in_dialog_order() {
        let order = [
            Identity,
            Collaboration,
            Security,
            Devices,
            Billing,
            Applications,
            ReadOnly,
        ];
        let positions: Vec<usize> = ROLES
            .iter()
            .map(|r| order.iter().position(|g| *g == r.group).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] <= w[1]));
    }
}
