//! The role catalogue as the role dialog and the pages show it: names in the reader's
//! language, grouped as the server lists them, narrowed by a search.

use portal_contract::Language;
use portal_contract::gdap::{Localized, RoleDefinition};

/// A catalogue text in `language`.
pub fn text(l: &Localized, language: Language) -> &str {
    match language {
        Language::En => &l.en,
        Language::Hu => &l.hu,
    }
}

/// One group of the dialog, with its roles in catalogue order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleGroup<'a> {
    pub name: &'a str,
    pub roles: Vec<&'a RoleDefinition>,
}

/// Lower case without the accents Hungarian writes, so "felhasznalo" finds "Felhasználó".
fn folded(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' => 'a',
            'é' => 'e',
            'í' => 'i',
            'ó' | 'ö' | 'ő' => 'o',
            'ú' | 'ü' | 'ű' => 'u',
            other => other,
        })
        .collect()
}

/// Whether a role matches the search: a part of its name or description in `language`, or of
/// its English name (the one Microsoft's documentation uses).
fn matches(role: &RoleDefinition, needle: &str, language: Language) -> bool {
    needle.is_empty()
        || [
            text(&role.display_name, language),
            text(&role.description, language),
            &role.display_name.en,
        ]
        .iter()
        .any(|t| folded(t).contains(needle))
}

/// The roles matching `search`, in groups in the order the catalogue first names them; a
/// group without a match is left out.
pub fn grouped<'a>(
    catalogue: &'a [RoleDefinition],
    search: &str,
    language: Language,
) -> Vec<RoleGroup<'a>> {
    let needle = folded(search.trim());
    let mut groups: Vec<RoleGroup<'a>> = Vec::new();
    for role in catalogue.iter().filter(|r| matches(r, &needle, language)) {
        let name = text(&role.group, language);
        match groups.iter_mut().find(|g| g.name == name) {
            Some(group) => group.roles.push(role),
            None => groups.push(RoleGroup {
                name,
                roles: vec![role],
            }),
        }
    }
    groups
}

/// The role of a template id, if the catalogue has it.
pub fn find<'a>(catalogue: &'a [RoleDefinition], id: &str) -> Option<&'a RoleDefinition> {
    catalogue.iter().find(|r| r.id == id)
}

/// The names of `ids` in `language`, in their order; an id the catalogue lacks stays an id.
pub fn names(catalogue: &[RoleDefinition], ids: &[String], language: Language) -> Vec<String> {
    ids.iter()
        .map(|id| {
            find(catalogue, id).map_or_else(
                || id.clone(),
                |r| text(&r.display_name, language).to_owned(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(id: &str, en: &str, hu: &str, group: (&str, &str)) -> RoleDefinition {
        let l = |en: &str, hu: &str| Localized {
            en: en.into(),
            hu: hu.into(),
        };
        RoleDefinition {
            id: id.into(),
            display_name: l(en, hu),
            description: l(&format!("Manages {en}"), &format!("Kezeli: {hu}")),
            group: l(group.0, group.1),
        }
    }

    fn catalogue() -> Vec<RoleDefinition> {
        vec![
            role(
                "1",
                "User Administrator",
                "Felhasználói rendszergazda",
                ("Identity", "Identitás"),
            ),
            role(
                "2",
                "Exchange Administrator",
                "Exchange-rendszergazda",
                ("Collaboration", "Együttműködés"),
            ),
            role(
                "3",
                "Helpdesk Administrator",
                "Ügyfélszolgálati rendszergazda",
                ("Identity", "Identitás"),
            ),
        ]
    }

    #[test]
    fn groups_keep_the_catalogues_order() {
        let c = catalogue();
        let groups = grouped(&c, "", Language::En);
        assert_eq!(
            groups.iter().map(|g| g.name).collect::<Vec<_>>(),
            ["Identity", "Collaboration"]
        );
        assert_eq!(
            groups[0]
                .roles
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
            ["1", "3"]
        );
        assert_eq!(grouped(&c, "", Language::Hu)[1].name, "Együttműködés");
    }

    #[test]
    fn search_ignores_case_and_accents_and_knows_the_english_names() {
        let c = catalogue();
        let ids = |search, lang| {
            grouped(&c, search, lang)
                .iter()
                .flat_map(|g| g.roles.iter().map(|r| r.id.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("EXCHANGE", Language::En), ["2"]);
        assert_eq!(ids("felhasznaloi", Language::Hu), ["1"]);
        assert_eq!(ids("helpdesk", Language::Hu), ["3"]);
        assert!(ids("nothing like it", Language::En).is_empty());
    }

    #[test]
    fn names_follow_the_language_and_keep_unknown_ids() {
        let c = catalogue();
        let ids = vec!["3".to_owned(), "x".to_owned()];
        assert_eq!(
            names(&c, &ids, Language::Hu),
            ["Ügyfélszolgálati rendszergazda", "x"]
        );
    }
}
