//! The Hungarian strings keep to `locales/GLOSSARY.md`: none contains a term its third column
//! rules out.

use std::path::Path;

/// Every `(term to avoid, the term to use)` pair of the glossary's table.
fn avoided_terms(glossary: &str) -> Vec<(String, String)> {
    glossary
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("| ---") && !l.starts_with("| English"))
        .filter_map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            (cells.len() == 3).then(|| {
                cells[2]
                    .split(", ")
                    .map(|t| (t.to_lowercase(), cells[1].to_owned()))
                    .collect::<Vec<_>>()
            })
        })
        .flatten()
        .collect()
}

/// Every string value of a locale file, with its key.
fn strings(value: &serde_json::Value, key: &str, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::String(s) => out.push((key.to_owned(), s.clone())),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                strings(v, &format!("{key}.{k}"), out);
            }
        }
        _ => {}
    }
}

/// Whether `term` occurs in `text` as whole words ("e-mail cím" is not in "e-mail címzett").
fn contains_word(text: &str, term: &str) -> bool {
    text.match_indices(term).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + term.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn whole_words_only() {
    assert!(contains_word("az e-mail cím hibás", "e-mail cím"));
    assert!(!contains_word("az e-mail címzett sora", "e-mail cím"));
    assert!(contains_word("a(z) contoso", "a(z)"));
}

#[test]
fn hungarian_strings_use_the_glossary_terms() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let glossary = std::fs::read_to_string(root.join("locales/GLOSSARY.md")).unwrap();
    let avoided = avoided_terms(&glossary);
    assert!(avoided.len() > 20, "the glossary's table is read");
    let mut all = Vec::new();
    for entry in std::fs::read_dir(root.join("locales/hu")).unwrap() {
        let path = entry.unwrap().path();
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        strings(&json, &name, &mut all);
    }
    let mut breaches = Vec::new();
    for (key, text) in &all {
        let lower = text.to_lowercase();
        for (bad, good) in &avoided {
            if contains_word(&lower, bad) {
                breaches.push(format!("{key}: “{bad}” (use “{good}”)"));
            }
        }
    }
    assert_eq!(breaches, Vec::<String>::new());
}
