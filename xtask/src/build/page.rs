//! `index.html` for the split build: the template's Trunk links (`<link data-trunk …>`) become
//! the built files — the style sheet, the copied files, and the one inline module script that
//! starts the app (the server allows it in the CSP by its hash).

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
    pub js: &'a str,
    pub wasm: &'a str,
    /// Modules the app's script imports at once (the chunk loader), fetched beside it.
    pub preload_modules: &'a [String],
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

/// The page with the built files linked before `</head>`.
pub fn index_html(page: &str, a: &Assets) -> Result<String> {
    let mut head = format!(
        "    <link rel=\"stylesheet\" href=\"/{css}\" />\n    \
         <link rel=\"modulepreload\" href=\"/{js}\" />\n",
        css = a.css,
        js = a.js
    );
    for module in a.preload_modules {
        head.push_str(&format!(
            "    <link rel=\"modulepreload\" href=\"/{module}\" />\n"
        ));
    }
    head.push_str(&format!(
        "    <link rel=\"preload\" href=\"/{wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin />\n    \
         <script type=\"module\">{}</script>\n",
        loader(a.js, a.wasm),
        wasm = a.wasm
    ));
    let at = page.find("</head>").ok_or("index.html: no </head>")?;
    Ok(format!("{}{head}{}", &page[..at], &page[at..]))
}

/// The inline loader. It announces the started app with the event Trunk's loader sends, so the
/// bench reads the wasm memory the same way from either build.
fn loader(js: &str, wasm: &str) -> String {
    format!(
        "import init from '/{js}';\
         const wasm = await init({{ module_or_path: '/{wasm}' }});\
         dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm }} }}));"
    )
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
                js: "app-0123456789abcdef.js",
                wasm: "app-0123456789abcdef_bg.wasm",
                preload_modules: &["__wasm_split-0123456789abcdef.js".into()],
            },
        )
        .unwrap();
        assert!(html.contains("<link rel=\"stylesheet\" href=\"/main-0123456789abcdef.css\" />"));
        assert!(
            html.contains(
                "<link rel=\"modulepreload\" href=\"/__wasm_split-0123456789abcdef.js\" />"
            )
        );
        assert!(html.contains("module_or_path: '/app-0123456789abcdef_bg.wasm'"));
        assert_eq!(html.matches("<script").count(), 1);
        assert!(html.find("<script").unwrap() < html.find("</head>").unwrap());
    }
}
