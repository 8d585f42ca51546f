//! `index.html` for the split build: the template's Trunk links (`<link data-trunk …>`) become
//! the built files — the style sheet, the copied files, and the one inline module script that
//! starts the app (the server allows it in the CSP by its hash).
//!
//! One page serves every path, so a CDN needs no rules of its own: the script starts the
//! customer's portal under its two prefixes and the partner portal everywhere else, fetching
//! the entry's glue and wasm side by side. An entry that does not arrive leaves no blank page:
//! the script names the failure in the visitor's language, with a retry.
//!
//! The script also cuts the chain a first visit used to wait through (entry, then `config.json`,
//! then the session, then the page's chunks): beside the entry it asks for every chunk file the
//! path's page will load, `config.json` and then the session. The
//! app and the chunk loader take these answers from the global map `__prefetched` (address →
//! `Promise<Response>`) instead of asking again; each answer is taken once.

use std::collections::BTreeMap;

use crate::Result;

/// Which `lazy_page!` chunk (`src/app.rs`) each partner-portal path shows, first match first;
/// `*` is one path segment. A path left out only loses the head start: the loader fetches what
/// is not prefetched.
pub const ROUTE_CHUNKS: [(&str, &[&str]); 5] = [
    ("customers", &["/", "/customers"]),
    (
        "invitations",
        &[
            "/customers/request-relationship",
            "/customers/invitations",
            "/customers/invitations/*/email",
        ],
    ),
    ("customer", &["/customers/*", "/customers/*/*"]),
    ("audit", &["/audit"]),
    (
        "admin_relationships",
        &[
            "/admin-relationships",
            "/admin-relationships/*",
            "/admin-relationships/*/email",
        ],
    ),
];

/// The chunk files of an entry's pages: every file once, and per path pattern (a JavaScript
/// regular expression) the indices of the files its page loads.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Prefetch {
    pub files: Vec<String>,
    pub routes: Vec<(String, Vec<usize>)>,
}

impl Prefetch {
    /// From the build's chunk → files map, for the paths of [`ROUTE_CHUNKS`]. A chunk the build
    /// did not make is an error: the table names one that was renamed or removed.
    pub fn for_routes(chunks: &BTreeMap<String, Vec<String>>) -> Result<Prefetch> {
        let mut prefetch = Prefetch::default();
        for (chunk, patterns) in ROUTE_CHUNKS {
            let files = chunks.get(chunk).ok_or(format!(
                "page.rs names the chunk {chunk}, which the build did not make"
            ))?;
            let indices = files
                .iter()
                .map(|file| match prefetch.files.iter().position(|f| f == file) {
                    Some(i) => i,
                    None => {
                        prefetch.files.push(file.clone());
                        prefetch.files.len() - 1
                    }
                })
                .collect();
            prefetch.routes.push((path_regex(patterns), indices));
        }
        Ok(prefetch)
    }
}

/// One regular expression for the paths: `*` is a segment, a trailing slash is allowed.
pub fn path_regex(patterns: &[&str]) -> String {
    let alternatives: Vec<String> = patterns
        .iter()
        .map(|p| {
            p.trim_end_matches('/')
                .split('/')
                .map(|segment| match segment {
                    "*" => "[^\\/]+".to_owned(),
                    s => s
                        .chars()
                        .map(|c| {
                            if c.is_ascii_alphanumeric() || c == '_' {
                                c.to_string()
                            } else {
                                format!("\\{c}")
                            }
                        })
                        .collect(),
                })
                .collect::<Vec<_>>()
                .join("\\/")
        })
        .collect();
    format!("^(?:{})\\/?$", alternatives.join("|"))
}

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
    /// The pages' chunk files, for an entry split by page.
    pub prefetch: Option<&'a Prefetch>,
}

/// The path prefixes of the customer's portal (the app's `customer_portal::is_portal_path`).
pub const PORTAL_PREFIXES: [&str; 2] = ["/m365-admin", "/office-admin"];

/// What the script shows, in each language the app speaks: the header's name while the entry
/// loads, and the error panel when it does not arrive.
pub struct Words {
    pub language: &'static str,
    /// The partner portal's name, then the customer portals' (as [`PORTAL_PREFIXES`]).
    pub names: [String; 3],
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
pub fn index_html(page: &str, a: &Assets, words: &[Words]) -> Result<String> {
    let head = format!(
        "    <link rel=\"stylesheet\" href=\"/{css}\" />\n    \
         <script type=\"module\">{}</script>\n",
        loader(a, words)?,
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
    let prefetch = e.prefetch.map_or(String::new(), |p| {
        let files: Vec<String> = p
            .files
            .iter()
            .map(|f| js_string(&format!("/{f}")))
            .collect();
        let routes: Vec<String> = p
            .routes
            .iter()
            .map(|(regex, files)| {
                let files: Vec<String> = files.iter().map(usize::to_string).collect();
                format!("[/{regex}/,[{}]]", files.join(","))
            })
            .collect();
        format!(",f:[{}],r:[{}]", files.join(","), routes.join(","))
    });
    format!(
        "{{m:[{}],w:{}{prefetch}}}",
        modules.join(","),
        js_string(&format!("/{}", e.wasm))
    )
}

/// The inline loader. It picks the entry by path, starts the wasm download at once beside the
/// modules, then the answers the app asks for first (`config.json`, then the session, and the
/// chunk files of the path's page; see the module's comment), and
/// announces the started app with the event Trunk's loader sends, so the bench
/// reads the wasm memory the same way from either build.
///
/// Until the app shows a page (its `<main>`), the top bar with the portal's name stands in for
/// it, so a phone on a slow network shows the product at once instead of a blank page while the
/// wasm arrives. It is the app's bar without its controls, hidden from assistive technology
/// (it says nothing the page will not), and removed in the same turn the page arrives.
///
/// On a failure it shows the error panel whose Try again loads the page afresh. Both speak the
/// saved language, else the browser's.
fn loader(a: &Assets, words: &[Words]) -> Result<String> {
    let first = words.first().ok_or("no words for the page's script")?;
    // Each language's whole panel as markup: brotli keeps one copy of what they share.
    let panels: Vec<String> = words
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
    let names: Vec<String> = words
        .iter()
        .map(|w| {
            let names: Vec<String> = w.names.iter().map(|n| js_string(n)).collect();
            format!("{}:[{}]", w.language, names.join(","))
        })
        .collect();
    let prefixes: Vec<String> = PORTAL_PREFIXES.iter().map(|p| js_string(p)).collect();
    // The entry's wasm and modules are asked for first: over HTTP/1.1 a browser opens six
    // connections to a host and serves requests in the order they were made, so the page's dozens
    // of chunk files asked for before them held back the file every page needs (Customers' first
    // paint 484 → 1,416 ms in the cold-load bench). The chunk files follow at once, not after
    // the session's answer: waiting for it lost the race to the app's own loader under load (both
    // asked), and a visitor who is not signed in yet needs them right after signing in.
    // `config.json` is cloned in the first callback on its promise, before the app can read it.
    // `config.json`'s `apiBase` as the app keeps it (`config.rs`: trimmed, without trailing
    // slashes, empty unless http(s)); a different reading only costs the head start.
    // The stand-in bar goes when the app's page (or the error panel) brings a `<main>`: a
    // MutationObserver's callback runs before the browser paints or runs another task, so the
    // two bars are never seen together.
    Ok(format!(
        "const p=location.pathname;\
         const k=[{prefixes}].findIndex(b=>p===b||p.startsWith(b+'/'));\
         const e=k<0?{app}:{portal};\
         const L={{{names}}};\
         const s=(document.cookie.match(/(?:^|; )i18n_pref_locale=([^;]*)/)||[])[1];\
         const l=[s,...navigator.languages.map(x=>x.slice(0,2))].find(x=>x in L)||{first};\
         const h=document.createElement('header');\
         h.className=k<0?'top-bar boot':'top-bar portal-bar boot';h.setAttribute('aria-hidden','true');\
         h.append(Object.assign(document.createElement('span'),{{className:'product',textContent:L[l][k+1]}}));\
         document.body.prepend(h);\
         new MutationObserver((_,o)=>{{if(document.querySelector('main')){{h.remove();o.disconnect();}}}})\
         .observe(document.body,{{childList:true,subtree:true}});\
         const q=new Map();globalThis.__prefetched=q;\
         const g=(u,o)=>{{const r=fetch(u,o);r.catch(()=>{{}});q.set(u,r);return r;}};\
         const w=fetch(e.w);w.catch(()=>{{}});\
         const n=Promise.all(e.m.map(m=>import(m)));n.catch(()=>{{}});\
         g('/config.json').then(r=>r.ok?r.clone().json():{{}}).then(c=>{{\
         let b=typeof c.apiBase=='string'?c.apiBase.trim().replace(/\\/+$/,''):'';\
         if(!/^https?:\\/\\//.test(b))b='';\
         g(b+{session},{{credentials:'include'}});\
         }}).catch(()=>{{}});\
         const r=e.r?.find(([x])=>x.test(p));\
         if(r)for(const i of r[1])g(e.f[i]);\
         try{{\
         const[{{default:init}}]=await n;\
         const wasm=await init({{module_or_path:w}});\
         dispatchEvent(new CustomEvent('TrunkApplicationStarted',{{detail:{{wasm}}}}));\
         }}catch(_){{\
         const t={{{panels}}};\
         document.documentElement.lang=l;\
         document.body.insertAdjacentHTML('beforeend',t[l]);\
         document.querySelector('#main button').onclick=()=>location.reload();\
         }}",
        prefixes = prefixes.join(","),
        portal = js_entry(&a.portal),
        app = js_entry(&a.app),
        first = js_string(first.language),
        names = names.join(","),
        panels = panels.join(","),
        session = js_string(portal_contract::paths::SESSION),
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
    fn a_path_pattern_is_one_regular_expression() {
        assert_eq!(path_regex(&["/"]), "^(?:)\\/?$");
        assert_eq!(
            path_regex(&["/customers/*/email", "/a-b"]),
            "^(?:\\/customers\\/[^\\/]+\\/email|\\/a\\-b)\\/?$"
        );
    }

    #[test]
    fn every_route_chunk_lists_its_files_once() {
        let chunks: BTreeMap<String, Vec<String>> = ROUTE_CHUNKS
            .iter()
            .map(|(c, _)| {
                (
                    c.to_string(),
                    vec![format!("split_{c}.wasm"), "chunk_1.wasm".into()],
                )
            })
            .collect();
        let p = Prefetch::for_routes(&chunks).unwrap();
        assert_eq!(p.files.len(), ROUTE_CHUNKS.len() + 1);
        assert_eq!(p.routes[0].1, vec![0, 1]);
        assert_eq!(p.routes[1].1, vec![2, 1]);
        // A table naming a chunk the build did not make is an error.
        let mut fewer = chunks.clone();
        fewer.remove("audit");
        assert!(Prefetch::for_routes(&fewer).is_err());
    }

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
                    prefetch: Some(&Prefetch {
                        files: vec!["split_a-0123456789abcdef.wasm".into()],
                        routes: vec![(path_regex(&["/a"]), vec![0])],
                    }),
                },
                portal: Entry {
                    js: "portal-fedcba9876543210.js",
                    wasm: "portal-fedcba9876543210_bg.wasm",
                    modules: &[],
                    prefetch: None,
                },
            },
            &[Words {
                language: "en",
                names: ["Partner <Center>".into(), "M365".into(), "Office".into()],
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
            "{m:[\"/app-0123456789abcdef.js\",\"/__wasm_split-0123456789abcdef.js\"],w:\"/app-0123456789abcdef_bg.wasm\",\
             f:[\"/split_a-0123456789abcdef.wasm\"],r:[[/^(?:\\/a)\\/?$/,[0]]]}"
        ));
        // The session is asked for where the app asks (its API origin), once the config says where.
        assert!(html.contains("g(b+\"/api/v1/auth/session\",{credentials:'include'});"));
        assert!(html.contains(
            "{m:[\"/portal-fedcba9876543210.js\"],w:\"/portal-fedcba9876543210_bg.wasm\"}"
        ));
        assert!(html.contains("[\"/m365-admin\",\"/office-admin\"]"));
        // The names go in as text (`textContent`), whatever they hold.
        assert!(html.contains("L={en:[\"Partner <Center>\",\"M365\",\"Office\"]};"));
        // The failure's text is text, and the markup cannot end the script early.
        assert!(html.contains("<p>Not \\\"downloaded\\\" &lt;/script&gt;<\\/p>"));
        assert!(html.contains("w.catch(()=>{});"));
        assert_eq!(html.matches("<script").count(), 1);
        assert_eq!(html.matches("</script>").count(), 1);
        assert!(html.find("<script").unwrap() < html.find("</head>").unwrap());
    }
}
