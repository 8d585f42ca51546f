//! `index.html` for the split build: the template's Trunk links (`<link data-trunk …>`) become
//! the built files — the style sheet, the copied files, and the one inline module script that
//! starts the app (the server allows it in the CSP by its hash).
//!
//! One page serves every path, so a CDN needs no rules of its own: the script starts the
//! customer's portal under its two prefixes and the partner portal everywhere else, fetching
//! the entry's glue and wasm side by side. An entry that does not arrive leaves no blank page:
//! the script names the failure in the visitor's language, with a retry.

use crate::Result;

/// One `<link data-trunk rel=… href=…>` of the template.
#[derive(Debug, PartialEq, Eq)]
pub struct TrunkLink {
    pub rel: String,
    pub href: Option<String>,
}

/// The built files the page refers to, by their names in `dist/`.
pub struct Assets<'a> {
    pub css: &'a str,
    /// The partner portal.
    pub app: Entry<'a>,
    /// The customer's portal.
    pub portal: Entry<'a>,
}

/// One entry of the app: its JS glue, its main wasm and the modules the glue imports at once
/// (the chunk loader), which the script fetches beside it.
pub struct Entry<'a> {
    pub js: &'a str,
    pub wasm: &'a str,
    pub modules: &'a [String],
}

/// The path prefixes of the customer's portal (the app's `customer_portal::is_portal_path`).
pub const PORTAL_PREFIXES: [&str; 2] = ["/m365-admin", "/office-admin"];

/// What the script shows when the entry does not arrive, in each language the app speaks.
pub struct Failure {
    pub language: &'static str,
    pub title: String,
    pub text: String,
    pub retry: String,
}

/// The template's Trunk links, in order, and the template without them.
pub fn trunk_links(template: &str) -> Result<(Vec<TrunkLink>, String)> {
    let mut links = Vec::new();
    let mut rest = template;
    let mut page = String::with_capacity(template.len());
    while let Some(start) = rest.find("<link data-trunk") {
        let end = rest[start..]
            .find('>')
            .map(|e| start + e + 1)
            .ok_or("index.html: unclosed <link data-trunk")?;
        let tag = &rest[start..end];
        links.push(TrunkLink {
            rel: attribute(tag, "rel").ok_or("index.html: a Trunk link without rel")?,
            href: attribute(tag, "href"),
        });
        page.push_str(rest[..start].trim_end_matches([' ', '\t']));
        rest = rest[end..].strip_prefix('\n').unwrap_or(&rest[end..]);
    }
    page.push_str(rest);
    Ok((links, page))
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[at..].find('"')?;
    Some(tag[at..at + len].to_owned())
}

/// The page with the built files linked before `</head>`. Nothing of either entry is linked
/// statically (a preload would fetch the partner portal on the customer's pages too): the
/// script fetches the one it starts.
pub fn index_html(page: &str, a: &Assets, failures: &[Failure]) -> Result<String> {
    let head = format!(
        "    <link rel=\"stylesheet\" href=\"/{css}\" />\n    \
         <script type=\"module\">{}</script>\n",
        loader(a, failures)?,
        css = a.css,
    );
    let at = page.find("</head>").ok_or("index.html: no </head>")?;
    Ok(format!("{}{head}{}", &page[..at], &page[at..]))
}

/// A JavaScript string literal (JSON's quoting is JavaScript's), safe inside `<script>`: no
/// `</` or `<!` in it.
fn js_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out.replace("</", "<\\/").replace("<!", "\\u003c!")
}

/// Text as HTML character data.
fn html_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn js_entry(e: &Entry) -> String {
    let modules: Vec<String> = std::iter::once(e.js)
        .chain(e.modules.iter().map(String::as_str))
        .map(|m| js_string(&format!("/{m}")))
        .collect();
    format!(
        "{{m:[{}],w:{}}}",
        modules.join(","),
        js_string(&format!("/{}", e.wasm))
    )
}

/// The inline loader. It picks the entry by path, starts the wasm download at once beside the
/// modules, and announces the started app with the event Trunk's loader sends, so the bench
/// reads the wasm memory the same way from either build. On a failure it shows the error
/// panel (in the saved language, else the browser's) whose Try again loads the page afresh.
fn loader(a: &Assets, failures: &[Failure]) -> Result<String> {
    let first = failures.first().ok_or("no failure text")?;
    // Each language's whole panel as markup: brotli keeps one copy of what they share.
    let panels: Vec<String> = failures
        .iter()
        .map(|f| {
            let panel = format!(
                "<main id=\"main\" class=\"narrow\"><div class=\"error-panel\" role=\"alert\">\
                 <h1>{}</h1><p>{}</p><button type=\"button\" class=\"button\">{}</button></div></main>",
                html_text(&f.title),
                html_text(&f.text),
                html_text(&f.retry)
            );
            format!("{}:{}", f.language, js_string(&panel))
        })
        .collect();
    let prefixes: Vec<String> = PORTAL_PREFIXES.iter().map(|p| js_string(p)).collect();
    Ok(format!(
        "const p=location.pathname;\
         const e=[{prefixes}].some(b=>p===b||p.startsWith(b+'/'))?{portal}:{app};\
         try{{\
         const w=fetch(e.w);w.catch(()=>{{}});\
         const[{{default:init}}]=await Promise.all(e.m.map(m=>import(m)));\
         const wasm=await init({{module_or_path:w}});\
         dispatchEvent(new CustomEvent('TrunkApplicationStarted',{{detail:{{wasm}}}}));\
         }}catch(_){{\
         const t={{{panels}}};\
         const s=(document.cookie.match(/(?:^|; )i18n_pref_locale=([^;]*)/)||[])[1];\
         const l=[s,...navigator.languages.map(x=>x.slice(0,2))].find(x=>x in t)||{first};\
         document.documentElement.lang=l;\
         document.body.insertAdjacentHTML('beforeend',t[l]);\
         document.querySelector('#main button').onclick=()=>location.reload();\
         }}",
        prefixes = prefixes.join(","),
        portal = js_entry(&a.portal),
        app = js_entry(&a.app),
        first = js_string(first.language),
        panels = panels.join(","),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "<html>\n  <head>\n    <title>T</title>\n    \
        <link data-trunk rel=\"rust\" data-bin=\"app\"\n      data-wasm-opt=\"z\" />\n    \
        <link data-trunk rel=\"css\" href=\"style/main.css\" />\n    \
        <link data-trunk rel=\"copy-file\" href=\"public/config.json\" />\n  </head>\n</html>\n";

    #[test]
    fn reads_the_trunk_links_and_removes_them() {
        let (links, page) = trunk_links(TEMPLATE).unwrap();
        assert_eq!(
            links,
            vec![
                TrunkLink {
                    rel: "rust".into(),
                    href: None
                },
                TrunkLink {
                    rel: "css".into(),
                    href: Some("style/main.css".into())
                },
                TrunkLink {
                    rel: "copy-file".into(),
                    href: Some("public/config.json".into())
                },
            ]
        );
        assert_eq!(
            page,
            "<html>\n  <head>\n    <title>T</title>\n  </head>\n</html>\n"
        );
    }

    #[test]
    fn links_the_built_files_and_one_inline_script() {
        let (_, page) = trunk_links(TEMPLATE).unwrap();
        let html = index_html(
            &page,
            &Assets {
                css: "main-0123456789abcdef.css",
                app: Entry {
                    js: "app-0123456789abcdef.js",
                    wasm: "app-0123456789abcdef_bg.wasm",
                    modules: &["__wasm_split-0123456789abcdef.js".into()],
                },
                portal: Entry {
                    js: "portal-fedcba9876543210.js",
                    wasm: "portal-fedcba9876543210_bg.wasm",
                    modules: &[],
                },
            },
            &[Failure {
                language: "en",
                title: "Something went wrong".into(),
                text: "Not \"downloaded\" </script>".into(),
                retry: "Try again".into(),
            }],
        )
        .unwrap();
        assert!(html.contains("<link rel=\"stylesheet\" href=\"/main-0123456789abcdef.css\" />"));
        // Neither entry is fetched before the script has chosen one.
        assert!(!html.contains("modulepreload"));
        assert!(html.contains(
            "{m:[\"/app-0123456789abcdef.js\",\"/__wasm_split-0123456789abcdef.js\"],w:\"/app-0123456789abcdef_bg.wasm\"}"
        ));
        assert!(html.contains(
            "{m:[\"/portal-fedcba9876543210.js\"],w:\"/portal-fedcba9876543210_bg.wasm\"}"
        ));
        assert!(html.contains("[\"/m365-admin\",\"/office-admin\"]"));
        // The failure's text is text, and the markup cannot end the script early.
        assert!(html.contains("<p>Not \\\"downloaded\\\" &lt;/script&gt;<\\/p>"));
        assert!(html.contains("w.catch(()=>{});"));
        assert_eq!(html.matches("<script").count(), 1);
        assert_eq!(html.matches("</script>").count(), 1);
        assert!(html.find("<script").unwrap() < html.find("</head>").unwrap());
    }
}
