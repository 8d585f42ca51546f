//! The demo organisations of SPEC section 6: their accounts and roles, and the partners' customers.

use portal_contract::{Role, demo};

pub const DEMO_PASSWORD: &str = demo::PASSWORD;

/// A sign-in account: e-mail address, display name, roles.
pub type Account = (&'static str, &'static str, &'static [Role]);

pub struct Org {
    pub name: &'static str,
    pub domain: &'static str,
    pub country: &'static str,
    pub cloud: Option<&'static str>,
    pub agreement_accepted: bool,
    pub accounts: &'static [Account],
}

pub const ORGS: &[Org] = &[
    Org {
        name: demo::CONTOSO.name,
        domain: demo::CONTOSO.domain,
        country: "HU",
        cloud: Some("public"),
        agreement_accepted: true,
        accounts: &[
            (
                demo::CONTOSO_GLOBAL_ADMIN,
                "Katalin Nagy",
                &[Role::GlobalAdmin],
            ),
            (
                demo::CONTOSO_ADMIN_AGENT,
                "Péter Kovács",
                &[Role::AdminAgent],
            ),
            (
                demo::CONTOSO_SALES_AGENT,
                "Eszter Szabó",
                &[Role::SalesAgent],
            ),
            (
                demo::CONTOSO_HELPDESK_AGENT,
                "Gábor Tóth",
                &[Role::HelpdeskAgent],
            ),
        ],
    },
    Org {
        name: demo::TAILSPIN.name,
        domain: demo::TAILSPIN.domain,
        country: "US",
        cloud: Some("usGovernment"),
        agreement_accepted: true,
        accounts: &[(
            demo::TAILSPIN_ADMIN_AGENT,
            "Jordan Miller",
            &[Role::AdminAgent],
        )],
    },
    Org {
        name: demo::FABRIKAM.name,
        domain: demo::FABRIKAM.domain,
        country: "HU",
        cloud: None,
        agreement_accepted: false,
        accounts: &[
            (demo::FABRIKAM_ADMIN, "Anna Horváth", &[Role::GlobalAdmin]),
            (demo::FABRIKAM_USER, "Bence Varga", &[Role::User]),
        ],
    },
    Org {
        name: demo::ADATUM.name,
        domain: demo::ADATUM.domain,
        country: "DE",
        cloud: None,
        agreement_accepted: true,
        accounts: &[(demo::ADATUM_ADMIN, "Jürgen Weiß", &[Role::GlobalAdmin])],
    },
    Org {
        name: demo::WOODGROVE.name,
        domain: demo::WOODGROVE.domain,
        country: "US",
        cloud: None,
        agreement_accepted: false,
        accounts: &[(demo::WOODGROVE_ADMIN, "Taylor Brooks", &[Role::GlobalAdmin])],
    },
];

/// Contoso's existing customers: (name, country).
pub const CONTOSO_CUSTOMERS: &[(&str, &str)] = &[
    ("Alpine Ski House Kft.", "HU"),
    ("Árvíztűrő Tükörfúrógép Kft.", "HU"),
    ("Balaton Vitorlás Zrt.", "HU"),
    ("Bäckerei Schönbrunn Kft.", "HU"),
    ("Blue Yonder Airlines Kft.", "HU"),
    ("Budai Könyvelő Iroda Bt.", "HU"),
    ("Coho Winery Kft.", "HU"),
    ("Csillag Patika Kft.", "HU"),
    ("Debreceni Fémszerkezet Zrt.", "HU"),
    ("Duna Logisztika Kft.", "HU"),
    ("Egri Borház Kft.", "HU"),
    ("Északi Fény Energetika Zrt.", "HU"),
    ("First Up Consultants Kft.", "HU"),
    ("Fourth Coffee Kft.", "HU"),
    ("Graphic Design Institute Kft.", "HU"),
    ("Győri Autóalkatrész Kft.", "HU"),
    ("Hajdúsági Agrár Zrt.", "HU"),
    ("Humongous Insurance Zrt.", "HU"),
    ("Kecskeméti Gyümölcs Kft.", "HU"),
    ("Lamna Healthcare Kft.", "HU"),
    ("Litware Kft.", "HU"),
    ("Lucerne Publishing Kft.", "HU"),
    ("Margaret Ügyvédi Iroda", "HU"),
    ("Mátra Turisztika Kft.", "HU"),
    ("Müller & Söhne Hungária Kft.", "HU"),
    ("Northwind Traders Kft.", "HU"),
    ("Nyíregyházi Nyomda Kft.", "HU"),
    ("Pécsi Porcelán Manufaktúra Kft.", "HU"),
    ("Proseware Kft.", "HU"),
    ("Szegedi Paprika Zrt.", "HU"),
    ("Tisza Halászat Kft.", "HU"),
    ("Trey Research Kft.", "HU"),
    ("Wide World Importers Kft.", "HU"),
    ("Wingtip Toys Kft.", "HU"),
    ("Zöldkert Faiskola Bt.", "HU"),
    ("Zugló Szerviz Kft.", "HU"),
];

/// Tailspin's customers, so that isolation can be tested from both sides.
pub const TAILSPIN_CUSTOMERS: &[(&str, &str)] = &[
    ("Contoso Pharmaceuticals Federal", "US"),
    ("Relecloud Government Services", "US"),
];
