//! The demo granular admin relationships (SPEC section 9): role template ids, Contoso's security
//! groups and one relationship in every status, in days relative to the seed's now.

pub const HELPDESK_ADMIN: &str = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
pub const USER_ADMIN: &str = "fe930be7-5e62-47db-91af-98c3a49a38b1";
pub const LICENSE_ADMIN: &str = "4d6ac14f-3453-41d0-bef9-a3e0c569773a";
pub const SECURITY_READER: &str = "5d6b6bb7-de71-4623-b4af-96380a352509";
pub const SECURITY_OPERATOR: &str = "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f";
pub const GLOBAL_READER: &str = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
pub const EXCHANGE_ADMIN: &str = "29232cdf-9323-42fd-ade2-1d097af3e4de";
pub const TEAMS_ADMIN: &str = "69091246-20e8-4a56-aa4d-066075b2a7a8";
pub const GLOBAL_ADMIN: &str = "62e90394-69f5-4237-9190-012177145e10";
pub const BILLING_ADMIN: &str = "b0f54661-2d74-4c50-afa3-1ec803f12efe";
pub const DIRECTORY_READERS: &str = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";
pub const REPORTS_READER: &str = "4a5d8f65-41da-4de4-8968-e035b65339cf";

/// Contoso's security groups: name and members.
pub const GROUPS: &[(&str, &[&str])] = &[
    (
        "Helpdesk agents",
        &[
            "helpdesk@contoso-partner.example",
            "adminagent@contoso-partner.example",
        ],
    ),
    (
        "Security operations",
        &[
            "globaladmin@contoso-partner.example",
            "secops@contoso-partner.example",
        ],
    ),
    (
        "Tier 2 support",
        &[
            "adminagent@contoso-partner.example",
            "tier2@contoso-partner.example",
        ],
    ),
];

/// One demo relationship, its days relative to the seed's now.
pub struct Demo {
    pub name: &'static str,
    pub customer: &'static str,
    pub roles: &'static [&'static str],
    pub duration: i64,
    pub auto_extend: i64,
    /// Days ago it was requested.
    pub requested: i64,
    /// Days ago it was approved, if it was.
    pub approved: Option<i64>,
    /// Days ago it was terminated, if it was.
    pub terminated: Option<i64>,
    /// (group, roles) assignments.
    pub assignments: &'static [(&'static str, &'static [&'static str])],
}

pub const DEMOS: &[Demo] = &[
    // Active, ends in 20 days.
    Demo {
        name: "Helpdesk and licences",
        customer: "Alpine Ski House Kft.",
        roles: &[HELPDESK_ADMIN, USER_ADMIN, LICENSE_ADMIN],
        duration: 365,
        auto_extend: 0,
        requested: 350,
        approved: Some(345),
        terminated: None,
        assignments: &[
            ("Helpdesk agents", &[HELPDESK_ADMIN]),
            ("Tier 2 support", &[USER_ADMIN, LICENSE_ADMIN]),
        ],
    },
    // Active with auto-extend, ends in 80 days.
    Demo {
        name: "Security monitoring",
        customer: "Balaton Vitorlás Zrt.",
        roles: &[SECURITY_READER, SECURITY_OPERATOR, GLOBAL_READER],
        duration: 180,
        auto_extend: 180,
        requested: 102,
        approved: Some(100),
        terminated: None,
        assignments: &[(
            "Security operations",
            &[SECURITY_READER, SECURITY_OPERATOR, GLOBAL_READER],
        )],
    },
    // Active, ends in 670 days.
    Demo {
        name: "Exchange and Teams rollout",
        customer: "Coho Winery Kft.",
        roles: &[EXCHANGE_ADMIN, TEAMS_ADMIN],
        duration: 730,
        auto_extend: 0,
        requested: 61,
        approved: Some(60),
        terminated: None,
        assignments: &[("Tier 2 support", &[EXCHANGE_ADMIN])],
    },
    // Expired 110 days ago.
    Demo {
        name: "Tenant onboarding 2026",
        customer: "Litware Kft.",
        roles: &[GLOBAL_ADMIN],
        duration: 90,
        auto_extend: 0,
        requested: 205,
        approved: Some(200),
        terminated: None,
        assignments: &[],
    },
    // Terminated 10 days ago.
    Demo {
        name: "Temporary billing access",
        customer: "Fourth Coffee Kft.",
        roles: &[BILLING_ADMIN],
        duration: 180,
        auto_extend: 0,
        requested: 52,
        approved: Some(50),
        terminated: Some(10),
        assignments: &[],
    },
    // Waiting for approval; expires unapproved in 87 days.
    Demo {
        name: "Directory review",
        customer: "Humongous Insurance Zrt.",
        roles: &[DIRECTORY_READERS, REPORTS_READER],
        duration: 90,
        auto_extend: 0,
        requested: 3,
        approved: None,
        terminated: None,
        assignments: &[],
    },
];
