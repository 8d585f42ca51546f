//! The app's wasm, split by route: cargo builds it with relocations kept
//! (`-Clink-args=--emit-relocs`), `wasm_split_cli_support` cuts out every `lazy_page!` chunk
//! (and the code chunks share) and writes the loader module that fetches them, wasm-bindgen
//! (`--keep-lld-exports`, so the chunks still find what they import) makes the JS glue, and
//! wasm-opt shrinks every wasm file. Each file is then named by its content
//! (`name-<16 hex>.ext`), so a CDN may keep it forever.
//!
//! The customer's portal is a second binary of the app (`customer-portal`, [`build_portal`]):
//! built without the `split` feature (whose exported chunk functions would keep every partner
//! page alive in its wasm), so it is one small wasm file with its glue.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Where the named (unoptimized) wasm files of the last build are, under cargo's target dir.
pub const STAGE: &str = "split";
use std::process::Command;

use crate::{Result, cargo, run};

/// The Rust binary that is the app.
const BIN: &str = "partner-portal";
/// The Rust binary that is the customer's portal.
pub const PORTAL_BIN: &str = "customer-portal";
/// Where the portal's staged files are, under [`STAGE`].
pub const PORTAL_STAGE: &str = "portal";
/// wasm-opt's flags: size, without the `producers` and `target_features` sections (about 300
/// bytes in each of the dozens of files a page fetches; nothing reads them at run time), then
/// the features Rust's wasm32 target uses.
const WASM_OPT: [&str; 9] = [
    "-Oz",
    "--strip-producers",
    "--strip-target-features",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];
/// The chunk loader's name before hashing; the main module imports it by this name.
const LINK: &str = "__wasm_split.js";
/// Added to the chunk loader, which calls it instead of `fetch`: a file the page's inline
/// script already asked for (`page.rs`, under the file's path in the global map) is taken from
/// there, once, so it is not downloaded twice; a retry fetches afresh.
const PREFETCHED: &str = "\nfunction prefetched(url) {\n    \
    const early = globalThis.__prefetched;\n    \
    const answer = early?.get(url.pathname);\n    \
    if (answer) {\n        early.delete(url.pathname);\n        return answer;\n    }\n    \
    return fetch(url);\n}\n";

/// What the page links, by names in `dist/`.
pub struct Bundle {
    pub js: String,
    pub wasm: String,
    pub link: String,
    /// Each chunk name (`lazy_page!`'s second argument) and the files the loader fetches for
    /// it: its own and the shared ones, by names in `dist/`.
    pub chunks: BTreeMap<String, Vec<String>>,
}

/// The customer portal's files, by names in `dist/`.
pub struct Portal {
    pub js: String,
    pub wasm: String,
}

/// `cargo rustc` of the app crate's binary `bin` for the browser (profile `wasm-release`, then
/// `extra`); answers the path of the wasm it linked.
fn cargo_wasm(root: &Path, target: &Path, bin: &str, extra: &[&str]) -> Result<PathBuf> {
    run(
        root,
        cargo()
            .args([
                "rustc",
                "--locked",
                "--package",
                BIN,
                "--bin",
                bin,
                "--target",
                "wasm32-unknown-unknown",
                "--profile",
                "wasm-release",
            ])
            .args(extra),
    )?;
    Ok(target.join(format!("wasm32-unknown-unknown/wasm-release/{bin}.wasm")))
}

/// Builds the customer's portal into `dist`: cargo (the same profile, no `split`),
/// wasm-bindgen, wasm-opt, and the two files named by one hash over both.
pub fn build_portal(root: &Path, target: &Path, stage: &Path, dist: &Path) -> Result<Portal> {
    let input = cargo_wasm(root, target, PORTAL_BIN, &[])?;
    let _ = std::fs::remove_dir_all(stage);
    std::fs::create_dir_all(stage.join("opt")).map_err(|e| e.to_string())?;
    run(
        root,
        Command::new("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-demangle",
                "--no-typescript",
                "--out-name",
                PORTAL_BIN,
                "--out-dir",
            ])
            .arg(stage)
            .arg(&input),
    )?;
    let staged = stage.join(format!("{PORTAL_BIN}_bg.wasm"));
    let optimized = stage.join("opt").join(format!("{PORTAL_BIN}_bg.wasm"));
    run(
        root,
        Command::new("wasm-opt")
            .args(WASM_OPT)
            .arg(&staged)
            .arg("-o")
            .arg(&optimized),
    )?;
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let wasm = read(&optimized)?;
    let glue = read(&stage.join(format!("{PORTAL_BIN}.js")))?;
    let hash = content_hash(&[&wasm, &glue]);
    let portal = Portal {
        js: format!("{PORTAL_BIN}-{hash}.js"),
        wasm: format!("{PORTAL_BIN}-{hash}_bg.wasm"),
    };
    std::fs::write(dist.join(&portal.js), &glue).map_err(|e| e.to_string())?;
    std::fs::write(dist.join(&portal.wasm), &wasm).map_err(|e| e.to_string())?;
    Ok(portal)
}

/// Builds, splits and names the app into `dist`, using `stage` for the intermediate files.
pub fn build(root: &Path, target: &Path, stage: &Path, dist: &Path) -> Result<Bundle> {
    // `cargo rustc` passes the link flag to the app's final link only, so the dependencies
    // stay the ones `trunk` and `cargo check` built.
    let input = cargo_wasm(
        root,
        target,
        BIN,
        &["--features", "split", "--", "-Clink-args=--emit-relocs"],
    )?;
    let input = std::fs::read(&input).map_err(|e| format!("{}: {e}", input.display()))?;

    let _ = std::fs::remove_dir_all(stage);
    std::fs::create_dir_all(stage).map_err(|e| e.to_string())?;
    let main_split = stage.join("main.wasm");
    let main_module = format!("./{BIN}.js");
    let link_name = format!("./{LINK}");
    let split = {
        let mut opts = wasm_split_cli_support::Options::new(&input);
        opts.output_dir = stage;
        opts.main_out_path = &main_split;
        opts.main_module = &main_module;
        opts.link_name = &link_name;
        wasm_split_cli_support::transform(opts).map_err(|e| format!("splitting the wasm: {e:?}"))?
    };
    run(
        root,
        Command::new("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--keep-lld-exports",
                "--no-demangle",
                "--no-typescript",
                "--out-name",
                BIN,
                "--out-dir",
            ])
            .arg(stage)
            .arg(&main_split),
    )?;
    // wasm-opt writes into `opt/`: the staged files keep their names for the bench's
    // breakdown of what each file holds (`bench/contents.rs`).
    let optimized = stage.join("opt");
    std::fs::create_dir_all(&optimized).map_err(|e| e.to_string())?;
    let main_wasm = stage.join(format!("{BIN}_bg.wasm"));
    let mut files = Vec::new();
    for wasm in std::iter::once(&main_wasm).chain(&split.split_modules) {
        let out = optimized.join(wasm.file_name().ok_or("a wasm file without a name")?);
        run(
            root,
            Command::new("wasm-opt")
                .args(WASM_OPT)
                .arg(wasm)
                .arg("-o")
                .arg(&out),
        )?;
        files.push(out);
    }
    let (main, chunks) = files.split_first().ok_or("no main wasm")?;
    name_by_content(stage, main, chunks, &split.prefetch_map, dist)
}

/// Copies the staged files into `dist` under content-hashed names and rewrites the references
/// between them: the loader names the chunks, the glue and the loader import each other.
fn name_by_content(
    stage: &Path,
    main_wasm: &Path,
    chunks: &[PathBuf],
    prefetch: &HashMap<String, Vec<String>>,
    dist: &Path,
) -> Result<Bundle> {
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let text = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    let write = |name: &str, data: &[u8]| {
        std::fs::write(dist.join(name), data).map_err(|e| format!("{name}: {e}"))
    };
    let mut link = text(&stage.join(LINK))?;
    // Every file the loader fetches may already be on its way: see [`PREFETCHED`].
    link = replace_every(&link, "fetch(new URL(", "prefetched(new URL(")?;
    if link.matches("prefetched(new URL(").count() != chunks.len() {
        return Err("the loader does not fetch each chunk once".into());
    }
    link.push_str(PREFETCHED);
    let mut names = HashMap::new();
    // `chunks` are the optimized files; their names are the staged ones.
    for chunk in chunks {
        let stem = chunk
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or("a chunk without a name")?;
        let data = read(chunk)?;
        let name = format!("{stem}-{}.wasm", content_hash(&[&data]));
        link = replace_once(
            &link,
            &format!("\"./{stem}.wasm\""),
            &format!("\"./{name}\""),
        )?;
        write(&name, &data)?;
        names.insert(stem.to_owned(), name);
    }
    let chunk_files = prefetch
        .iter()
        .map(|(chunk, stems)| {
            let files = stems
                .iter()
                .map(|stem| {
                    names
                        .get(stem)
                        .cloned()
                        .ok_or(format!("no file {stem}.wasm"))
                })
                .collect::<Result<Vec<_>>>()?;
            Ok((chunk.clone(), files))
        })
        .collect::<Result<BTreeMap<_, _>>>()?;
    // The app names a chunk that failed to load itself (with a retry); the loader's own console
    // error would only repeat the browser's.
    link = link.replacen("console.error(e);", "", 1);
    let glue = text(&stage.join(format!("{BIN}.js")))?;
    let wasm = read(main_wasm)?;
    // The glue and the loader import each other, so one hash over the three names them all.
    let hash = content_hash(&[&wasm, glue.as_bytes(), link.as_bytes()]);
    let bundle = Bundle {
        js: format!("{BIN}-{hash}.js"),
        wasm: format!("{BIN}-{hash}_bg.wasm"),
        link: format!("__wasm_split-{hash}.js"),
        chunks: chunk_files,
    };
    let link = replace_once(
        &link,
        &format!("\"./{BIN}.js\""),
        &format!("\"./{}\"", bundle.js),
    )?;
    // The glue imports the loader once for each chunk-loading function; the wasm's own import
    // names (the keys of the imports object) stay as they are.
    let glue = replace_every(
        &glue,
        &format!("from \"./{LINK}\""),
        &format!("from \"./{}\"", bundle.link),
    )?;
    write(&bundle.link, link.as_bytes())?;
    write(&bundle.js, glue.as_bytes())?;
    write(&bundle.wasm, &wasm)?;
    Ok(bundle)
}

/// Replaces the one occurrence of `from`; none, or more than one, is an error, because a
/// reference left unrenamed would be a file the browser cannot find.
pub fn replace_once(text: &str, from: &str, to: &str) -> Result<String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => Err(format!(
            "expected one {from} in the generated code, found {n}"
        )),
    }
}

/// Replaces every occurrence of `from`, of which there must be at least one.
pub fn replace_every(text: &str, from: &str, to: &str) -> Result<String> {
    if text.contains(from) {
        Ok(text.replace(from, to))
    } else {
        Err(format!("expected {from} in the generated code"))
    }
}

/// 64-bit FNV-1a over the parts, as 16 hex digits: stable across builds and tool versions.
pub fn content_hash(parts: &[&[u8]]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in *part {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // A separator, so moving bytes between parts changes the hash.
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_names_the_content() {
        assert_eq!(content_hash(&[b"a"]), content_hash(&[b"a"]));
        assert_ne!(content_hash(&[b"a"]), content_hash(&[b"b"]));
        assert_ne!(content_hash(&[b"ab", b""]), content_hash(&[b"a", b"b"]));
        assert_eq!(content_hash(&[b""]).len(), 16);
    }

    #[test]
    fn a_reference_is_renamed_exactly_once() {
        assert_eq!(
            replace_once("x \"./a.wasm\" y", "\"./a.wasm\"", "\"./b\"").unwrap(),
            "x \"./b\" y"
        );
        assert!(replace_once("nothing here", "\"./a.wasm\"", "b").is_err());
        assert!(replace_once("\"./a.wasm\" \"./a.wasm\"", "\"./a.wasm\"", "b").is_err());
        assert_eq!(replace_every("'a' 'a'", "'a'", "'b'").unwrap(), "'b' 'b'");
        assert!(replace_every("'c'", "'a'", "'b'").is_err());
    }
}
