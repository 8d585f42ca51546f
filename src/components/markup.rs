//! Many rows as one piece of markup, written in Rust and turned into DOM nodes by the browser's
//! HTML parser: 1,000 rows cross from wasm to JavaScript as one string, where building them
//! node by node takes about ten strings and twenty DOM calls per row across that boundary.
//!
//! Its writer escapes every text and attribute value it puts in ([`push_text`],
//! [`push_attr`]); the markup holds no scripts or handlers (clicks are delegated to a listener
//! on an ancestor), so the CSP has nothing to allow.

use leptos::prelude::document;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::renderer::types;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};
use leptos::wasm_bindgen::JsCast;
use web_sys::{DocumentFragment, HtmlTemplateElement, Node};

/// Appends `text` as an element's text content, escaped.
pub fn push_text(out: &mut String, text: &str) {
    html_escape::encode_text_to_string(text, out);
}

/// Appends `value` as a double-quoted attribute's value, escaped.
pub fn push_attr(out: &mut String, value: &str) {
    html_escape::encode_double_quoted_attribute_to_string(value, out);
}

/// Markup whose every text and attribute value went through [`push_text`] / [`push_attr`].
pub struct Markup(String);

impl Markup {
    /// `html` as its writer built it, escaping what it took from data.
    pub fn escaped(html: String) -> Markup {
        Markup(html)
    }
}

/// The nodes the markup became: the first and last of them (siblings in the document, or in
/// the fragment that holds them while they are out of it).
pub struct MarkupState {
    first: Node,
    last: Node,
    /// The nodes while they are not in the document.
    parked: Option<DocumentFragment>,
}

impl MarkupState {
    /// Takes the nodes out of wherever they are, into one fragment.
    fn take_out(&mut self) -> DocumentFragment {
        if let Some(parked) = self.parked.take() {
            return parked;
        }
        let range = document().create_range().expect("a document makes ranges");
        let _ = range.set_start_before(&self.first);
        let _ = range.set_end_after(&self.last);
        range
            .extract_contents()
            .expect("the nodes are siblings in one parent")
    }
}

impl Render for Markup {
    type State = MarkupState;

    fn build(self) -> MarkupState {
        let template: HtmlTemplateElement = document()
            .create_element("template")
            .expect("a document makes templates")
            .unchecked_into();
        template.set_inner_html(&self.0);
        let fragment = template.content();
        // An empty piece still has a place in the document.
        let first = match fragment.first_child() {
            Some(first) => first,
            None => {
                let empty: Node = document().create_text_node("").into();
                let _ = fragment.append_child(&empty);
                empty
            }
        };
        let last = fragment.last_child().unwrap_or_else(|| first.clone());
        MarkupState {
            first,
            last,
            parked: Some(fragment),
        }
    }

    fn rebuild(self, state: &mut MarkupState) {
        let mut new = self.build();
        if let Some(parent) = state.first.parent_element() {
            new.mount(&parent, Some(&state.first));
            state.unmount();
        }
        *state = new;
    }
}

impl Mountable for MarkupState {
    fn unmount(&mut self) {
        if self.parked.is_none() {
            self.parked = Some(self.take_out());
        }
    }

    fn mount(&mut self, parent: &types::Element, marker: Option<&types::Node>) {
        let nodes = self.take_out();
        let _ = parent.insert_before(&nodes, marker);
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        match (&self.parked, self.first.parent_element()) {
            (None, Some(parent)) => {
                child.mount(&parent, Some(&self.first));
                true
            }
            _ => false,
        }
    }

    fn elements(&self) -> Vec<types::Element> {
        let mut elements = Vec::new();
        let mut node = Some(self.first.clone());
        while let Some(current) = node {
            let at_end = current == self.last;
            node = if at_end { None } else { current.next_sibling() };
            if let Ok(element) = current.dyn_into::<web_sys::Element>() {
                elements.push(element);
            }
        }
        elements
    }
}

impl RenderHtml for Markup {
    type AsyncOutput = Self;
    type Owned = Self;

    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self {
        self
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        _position: &mut Position,
        _escape: bool,
        _mark_branches: bool,
        _extra_attrs: Vec<AnyAttribute>,
    ) {
        // Already markup, escaped where it took text.
        buf.push_str(&self.0);
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        _cursor: &Cursor,
        _position: &PositionState,
    ) -> MarkupState {
        // The app renders in the browser (the `csr` build); there is no server markup to claim.
        unreachable!("the app is rendered in the browser, never hydrated")
    }

    fn into_owned(self) -> Self {
        self
    }
}

leptos::tachys::no_attrs!(Markup);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut out = String::new();
        out.push_str("<a href=\"");
        push_attr(&mut out, "/x\" onclick=\"alert(1)");
        out.push_str("\">");
        push_text(&mut out, "<script>Tom & Jerry</script>");
        out.push_str("</a>");
        assert_eq!(
            out,
            "<a href=\"/x&quot; onclick=&quot;alert(1)\">&lt;script&gt;Tom &amp; Jerry&lt;/script&gt;</a>"
        );
    }
}
