//! A customer row's text and markup, built once per row and language in plain Rust: the table
//! follows the language by building its rows again, so a row needs no signal, closure or
//! translation lookup of its own, and a page of rows reaches the document as one piece of
//! markup.

use portal_contract::{AdminPrivileges, Customer, Relationship};

use crate::components::markup::{push_attr, push_text};
use crate::i18n::*;
use crate::routes;

/// Everything one row shows, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowText {
    /// The language it is written in (the row's translated phrases with a name or a date).
    pub language: Locale,
    pub id: String,
    pub name: String,
    /// The id of the disclosure button's hidden label ("Details for <name>").
    pub details_label_id: String,
    /// The customer's Account tab.
    pub account_href: String,
    pub tenant_id: String,
    pub domain: String,
    pub relationship: &'static str,
    pub admin: &'static str,
    /// The active granular roles at a glance, when there are any.
    pub granular: Option<Granular>,
    pub since: String,
}

/// What the granular roles' link under the admin privileges says, and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Granular {
    /// The customer's Admin relationships tab.
    pub href: String,
    pub role_count: u32,
    /// The earliest end among them, as a date in the language.
    pub ends: String,
}

impl RowText {
    /// The row of `customer` in `locale`; `date` writes an RFC 3339 time as a date in the
    /// language (the browser's `Intl` in the app).
    pub fn new(customer: Customer, locale: Locale, date: &impl Fn(&str) -> String) -> RowText {
        let profile = customer.company_profile;
        let granular = customer.granular_admin.map(|g| Granular {
            href: routes::customer_admin_relationships(&customer.id),
            role_count: g.role_count,
            ends: date(&g.ends),
        });
        RowText {
            language: locale,
            details_label_id: format!("details-label-{}", customer.id),
            account_href: routes::customer_section(&customer.id, "account"),
            name: profile.company_name,
            tenant_id: profile.tenant_id,
            domain: profile.domain,
            relationship: relationship(locale, customer.relationship_to_partner),
            admin: admin_privileges(locale, customer.admin_privileges),
            granular,
            since: date(&customer.customer_since),
            id: customer.id,
        }
    }
}

impl RowText {
    /// The RFC 3339 times a customer's row shows as dates, for formatting a page's at once.
    pub fn times(customer: &Customer) -> impl Iterator<Item = &str> {
        let ends = customer.granular_admin.as_ref().map(|g| g.ends.as_str());
        std::iter::once(customer.customer_since.as_str()).chain(ends)
    }

    /// Appends the row as a `<tbody>` (its details row goes below it when opened), the
    /// `aria-rowindex`th row of the list: a disclosure button named by a hidden "Details for
    /// <name>", the name linking to the Account tab, and the granular roles' link under the
    /// admin privileges.
    pub fn write_row(&self, index: u64, out: &mut String) {
        let details_for = td_string!(self.language, customers.details_for, name = &self.name);
        out.push_str("<tbody data-id=\"");
        push_attr(out, &self.id);
        out.push_str("\"><tr aria-rowindex=\"");
        out.push_str(&index.to_string());
        out.push_str("\"><th scope=\"row\"><div class=\"name-cell\">");
        out.push_str("<button type=\"button\" class=\"disclosure\" aria-expanded=\"false\" aria-labelledby=\"");
        push_attr(out, &self.details_label_id);
        out.push_str("\"><span aria-hidden=\"true\">▾</span></button><span id=\"");
        push_attr(out, &self.details_label_id);
        out.push_str("\" hidden>");
        push_text(out, &details_for.to_string());
        // A plain link: the router still handles the click.
        out.push_str("</span><a href=\"");
        push_attr(out, &self.account_href);
        out.push_str("\">");
        push_text(out, &self.name);
        out.push_str("</a></div></th><td class=\"mono\">");
        push_text(out, &self.tenant_id);
        out.push_str("</td><td class=\"domain\">");
        push_text(out, &self.domain);
        out.push_str("</td><td>");
        push_text(out, self.relationship);
        out.push_str("</td><td>");
        push_text(out, self.admin);
        if let Some(granular) = &self.granular {
            out.push_str("<br><a class=\"granular\" href=\"");
            push_attr(out, &granular.href);
            out.push_str("\">");
            push_text(out, &granular.summary(self.language));
            out.push_str("</a>");
        }
        out.push_str("</td><td>");
        push_text(out, &self.since);
        out.push_str("</td></tr></tbody>");
    }
}

impl Granular {
    /// "GDAP: 3 roles, ends 30 Jun 2026", in the language.
    fn summary(&self, language: Locale) -> String {
        let ends = &self.ends;
        if self.role_count == 1 {
            td_string!(language, gdap.granular_summary_one, date = ends).to_string()
        } else {
            let count = self.role_count;
            td_string!(language, gdap.granular_summary, count = count, date = ends).to_string()
        }
    }
}

fn relationship(locale: Locale, r: Relationship) -> &'static str {
    match r {
        Relationship::Reseller => td_string!(locale, customers.relationship_reseller),
    }
}

fn admin_privileges(locale: Locale, p: AdminPrivileges) -> &'static str {
    match p {
        AdminPrivileges::Granted => td_string!(locale, customers.admin_granted),
        AdminPrivileges::NotRequested => td_string!(locale, customers.admin_not_requested),
        AdminPrivileges::RemovedByCustomer => td_string!(locale, customers.admin_removed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_contract::CompanyProfile;
    use portal_contract::gdap::GranularAdminSummary;

    fn customer(role_count: Option<u32>) -> Customer {
        Customer {
            id: "c-1".into(),
            company_profile: CompanyProfile {
                tenant_id: "tenant-1".into(),
                domain: "adatum.example".into(),
                company_name: "Adatum".into(),
                country: "HU".into(),
            },
            relationship_to_partner: Relationship::Reseller,
            allow_delegated_access: true,
            admin_privileges: AdminPrivileges::Granted,
            customer_since: "2024-03-01T00:00:00Z".into(),
            granular_admin: role_count.map(|role_count| GranularAdminSummary {
                role_count,
                ends: "2026-06-30T00:00:00Z".into(),
            }),
        }
    }

    /// Stands in for the browser's date format: the date part, marked.
    fn date(rfc3339: &str) -> String {
        format!("<{}>", &rfc3339[..10])
    }

    #[test]
    fn a_row_is_written_in_english() {
        let row = RowText::new(customer(Some(3)), Locale::en, &date);
        assert_eq!(row.name, "Adatum");
        assert_eq!(row.details_label_id, "details-label-c-1");
        assert_eq!(row.account_href, "/customers/c-1/account");
        assert_eq!(
            (row.tenant_id.as_str(), row.domain.as_str()),
            ("tenant-1", "adatum.example")
        );
        assert_eq!((row.relationship, row.admin), ("Reseller", "Granted"));
        assert_eq!(row.since, "<2024-03-01>");
        assert_eq!(
            row.granular,
            Some(Granular {
                href: "/customers/c-1/relationships".to_owned(),
                role_count: 3,
                ends: "<2026-06-30>".to_owned(),
            })
        );
    }

    #[test]
    fn a_row_is_markup_with_its_text_escaped() {
        let mut c = customer(Some(3));
        c.company_profile.company_name = "Tom & <b>Jerry</b>".into();
        let row = RowText::new(c, Locale::en, &date);
        let mut out = String::new();
        row.write_row(7, &mut out);
        assert!(out.starts_with("<tbody data-id=\"c-1\"><tr aria-rowindex=\"7\">"));
        assert!(out.contains(
            "aria-labelledby=\"details-label-c-1\"><span aria-hidden=\"true\">▾</span></button>\
             <span id=\"details-label-c-1\" hidden>Details for Tom &amp; &lt;b&gt;Jerry&lt;/b&gt;</span>\
             <a href=\"/customers/c-1/account\">Tom &amp; &lt;b&gt;Jerry&lt;/b&gt;</a>"
        ));
        assert!(out.contains(
            "<td>Granted<br><a class=\"granular\" href=\"/customers/c-1/relationships\">\
             GDAP: 3 roles, ends &lt;2026-06-30&gt;</a></td><td>&lt;2024-03-01&gt;</td></tr></tbody>"
        ));
        assert!(!out.contains("<b>"));
    }

    #[test]
    fn a_hungarian_row_names_its_details_and_one_role() {
        let row = RowText::new(customer(Some(1)), Locale::hu, &date);
        let mut out = String::new();
        row.write_row(2, &mut out);
        assert!(out.contains(">Adatum részletei</span>"));
        assert!(out.contains(">GDAP: 1 szerepkör, vége: &lt;2026-06-30&gt;</a>"));
    }

    #[test]
    fn a_row_is_written_in_hungarian() {
        let row = RowText::new(customer(None), Locale::hu, &date);
        assert_eq!((row.relationship, row.admin), ("Viszonteladó", "Megadva"));
        assert_eq!(row.granular, None);
    }
}
