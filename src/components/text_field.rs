//! A labelled text input with its error message, wired for screen readers (`aria-invalid`,
//! `aria-describedby`).

use leptos::prelude::*;

#[component]
pub fn TextField(
    /// Element id; the error paragraph gets `{id}-error`.
    id: &'static str,
    /// The visible label (translated).
    #[prop(into)]
    label: Signal<String>,
    /// `text`, `email`, `password`, ….
    input_type: &'static str,
    autocomplete: &'static str,
    maxlength: usize,
    /// The value, two-way.
    value: RwSignal<String>,
    /// The error to show, if any (translated).
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Whether the field must be filled.
    #[prop(default = true)]
    required: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                name=id
                type=input_type
                autocomplete=autocomplete
                maxlength=maxlength.to_string()
                required=required
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=error_id.clone()
                bind:value=value
            />
            <p id=error_id class="field-error">
                {move || error.get()}
            </p>
        </div>
    }
}
