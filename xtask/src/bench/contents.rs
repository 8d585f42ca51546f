//! What each wasm file of the split build holds: code bytes by crate, read from the name
//! section of the files as wasm-bindgen left them (before wasm-opt drops the names), and the
//! functions a chunk holds that the main file has too (a copy the split should not make).
//! twiggy does not read bulk-memory wasm, hence this small reader.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use wasmparser::{KnownCustom, Name, Parser, Payload, TypeRef};

use crate::Result;

/// One file's code by crate, largest first.
#[derive(Debug, Clone, PartialEq)]
pub struct FileContents {
    pub file: String,
    pub code_bytes: u64,
    pub data_bytes: u64,
    /// `(crate, bytes)`, largest first.
    pub by_crate: Vec<(String, u64)>,
    /// Functions also in the main file, and their bytes here.
    pub shared_with_main: (usize, u64),
}

/// Function bodies by name, and the data segments' size.
struct Module {
    functions: Vec<(String, u64)>,
    data_bytes: u64,
}

fn read(wasm: &[u8]) -> Result<Module> {
    let mut imported = 0u32;
    let mut sizes = Vec::new();
    let mut names = HashMap::new();
    let mut data_bytes = 0;
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(|e| e.to_string())? {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    if matches!(import.map_err(|e| e.to_string())?.ty, TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => sizes.push(span(body.range())),
            Payload::DataSection(reader) => data_bytes += span(reader.range()),
            Payload::CustomSection(section) => {
                if let KnownCustom::Name(reader) = section.as_known() {
                    for name in reader.into_iter().flatten() {
                        if let Name::Function(map) = name {
                            for naming in map.into_iter().flatten() {
                                names.insert(naming.index, naming.name.to_owned());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let functions = sizes
        .into_iter()
        .enumerate()
        .map(|(i, size)| {
            let name = names
                .get(&(imported + i as u32))
                .cloned()
                .unwrap_or_default();
            (name, size)
        })
        .collect();
    Ok(Module {
        functions,
        data_bytes,
    })
}

/// A byte range's length (wasmparser's offsets are `u64` or `usize`, by reader).
fn span<T: Into<u64>>(range: std::ops::Range<T>) -> u64 {
    range.end.into() - range.start.into()
}

/// The crate a (mangled) function name belongs to: the first path segment, or for an `impl`
/// block the crate of the type or trait it names; `?` when it cannot tell.
pub fn crate_of(symbol: &str) -> String {
    if let Some(rest) = symbol.strip_prefix("_ZN") {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let Ok(len) = digits.parse::<usize>() else {
            return "?".into();
        };
        let ident = rest.get(digits.len()..digits.len() + len).unwrap_or("");
        if !ident.starts_with("_$LT$") {
            return ident.to_owned();
        }
        // `<T as tachys::…>`, `<reactive_graph::…>`: the first path inside.
        return ident
            .split("$u20$")
            .flat_map(|part| part.split("$LT$"))
            .find_map(|part| {
                part.split_once("..")
                    .map(|(c, _)| c.trim_start_matches('_'))
            })
            .filter(|c| !c.is_empty())
            .unwrap_or("?")
            .to_owned();
    }
    if let Some(at) = symbol.find("Cs") {
        // v0 mangling: `…Cs<hash>_<len><crate>…`.
        let rest = &symbol[at + 2..];
        if let Some((_, tail)) = rest.split_once('_') {
            let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(len) = digits.parse::<usize>()
                && let Some(name) = tail.get(digits.len()..digits.len() + len)
            {
                return name.to_owned();
            }
        }
    }
    if symbol.starts_with("__wbg") || symbol.starts_with("__wbindgen") {
        return "wasm-bindgen glue".into();
    }
    "?".into()
}

/// Every `.wasm` in `stage` (the split build's named files), the main one first.
pub fn of_split_build(stage: &Path, main: &str) -> Result<Vec<FileContents>> {
    let mut files: Vec<String> = std::fs::read_dir(stage)
        .map_err(|e| format!("{}: {e}", stage.display()))?
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|n| n.ends_with(".wasm") && n != "main.wasm")
        .collect();
    files.sort_by_key(|n| (n != main, n.clone()));
    let main_module = read(&std::fs::read(stage.join(main)).map_err(|e| e.to_string())?)?;
    let in_main: HashSet<&str> = main_module
        .functions
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| !n.is_empty())
        .collect();
    let mut out = Vec::new();
    for file in files {
        let module = read(&std::fs::read(stage.join(&file)).map_err(|e| e.to_string())?)?;
        let mut by_crate: BTreeMap<String, u64> = BTreeMap::new();
        let mut shared = (0, 0);
        for (name, size) in &module.functions {
            *by_crate.entry(crate_of(name)).or_default() += size;
            if file != main && in_main.contains(name.as_str()) {
                shared.0 += 1;
                shared.1 += size;
            }
        }
        let mut by_crate: Vec<_> = by_crate.into_iter().collect();
        by_crate.sort_by_key(|(_, bytes)| std::cmp::Reverse(*bytes));
        out.push(FileContents {
            code_bytes: module.functions.iter().map(|(_, s)| s).sum(),
            data_bytes: module.data_bytes,
            file,
            by_crate,
            shared_with_main: shared,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::crate_of;

    #[test]
    fn names_the_crate_of_a_symbol() {
        assert_eq!(
            crate_of("_ZN14reactive_graph6effect6effect17h0123E"),
            "reactive_graph"
        );
        assert_eq!(
            crate_of("_ZN53_$LT$T$u20$as$u20$tachys..view..Render$GT$5build17h01E"),
            "tachys"
        );
        assert_eq!(
            crate_of("_RNvMs0_NtCsjqx8TIyZbP9_8dlmalloc6malloc"),
            "dlmalloc"
        );
        assert_eq!(crate_of("__wbg_new_0123"), "wasm-bindgen glue");
        assert_eq!(crate_of("memcpy"), "?");
    }
}
