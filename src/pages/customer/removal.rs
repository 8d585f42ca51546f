//! Remove reseller relationship, on the Account page: Global admins only, never while a
//! subscription is active (the page says why and links to the subscriptions), and only after a
//! confirmation that says what will happen. The server enforces the same rules.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use portal_contract::{Role, SubscriptionStatus};

use crate::api::{ApiClient, ApiError};
use crate::components::error_panel::error_message;
use crate::flash::{Flash, FlashMessage};
use crate::i18n::*;
use crate::routes;
use crate::session::Session;

#[component]
pub fn RemoveRelationship(customer_id: String, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let is_global_admin = expect_context::<Session>()
        .me()
        .is_some_and(|me| me.has_role(Role::GlobalAdmin));
    let active = LocalResource::new({
        let (api, id) = (api.clone(), customer_id.clone());
        move || {
            let (api, id) = (api.clone(), id.clone());
            async move {
                api.subscriptions(&id).await.map(|p| {
                    p.items
                        .iter()
                        .filter(|s| s.status == SubscriptionStatus::Active)
                        .count()
                })
            }
        }
    });
    let confirming = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let navigate = use_navigate();
    let flash = expect_context::<Flash>();
    let remove = Action::new_local({
        let (id, name) = (customer_id.clone(), name.clone());
        move |_: &()| {
            let (api, id, name, navigate) =
                (api.clone(), id.clone(), name.clone(), navigate.clone());
            async move {
                match api.remove_relationship(&id).await {
                    Ok(()) => {
                        flash.show(FlashMessage::RelationshipRemoved(name));
                        navigate(routes::CUSTOMERS, Default::default());
                    }
                    Err(e) => {
                        failure.set(Some(e));
                        active.refetch();
                    }
                }
            }
        }
    });
    let subscriptions = routes::customer_section(&customer_id, "subscriptions");
    let audit = routes::audit_for_customer(&customer_id);
    let confirm_name = name.clone();
    view! {
        <section aria-labelledby="relationship-heading">
            <h3 id="relationship-heading">{t!(i18n, manage.remove_heading)}</h3>
            {move || {
                if !is_global_admin {
                    return view! {
                        <button type="button" class="button" disabled aria-describedby="remove-reason">
                            {t!(i18n, manage.remove_action)}
                        </button>
                        <p id="remove-reason" class="help">{t!(i18n, manage.remove_only_global_admin)}</p>
                    }
                        .into_any();
                }
                match active.get() {
                    None => view! { <p class="status" role="status">{t!(i18n, common.loading)}</p> }.into_any(),
                    Some(Ok(n)) if n > 0 => {
                        let subscriptions = subscriptions.clone();
                        view! {
                            <button type="button" class="button" disabled aria-describedby="remove-reason">
                                {t!(i18n, manage.remove_action)}
                            </button>
                            <p id="remove-reason" class="help">
                                {t!(i18n, manage.remove_blocked)} " "
                                <A href=subscriptions>{t!(i18n, manage.remove_go_to_subscriptions)}</A>
                            </p>
                        }
                            .into_any()
                    }
                    Some(_) if !confirming.get() => view! {
                        <button type="button" class="button danger" on:click=move |_| confirming.set(true)>
                            {t!(i18n, manage.remove_action)}
                        </button>
                    }
                        .into_any(),
                    Some(_) => {
                        let name = confirm_name.clone();
                        view! {
                            <div class="notice warning" role="alertdialog" aria-labelledby="remove-confirm-title" aria-describedby="remove-confirm-text">
                                <p id="remove-confirm-title"><strong>{t!(i18n, manage.remove_confirm_title, name = move || name.clone())}</strong></p>
                                <p id="remove-confirm-text">{t!(i18n, manage.remove_confirm_text)}</p>
                                <div class="actions">
                                    <button
                                        type="button"
                                        class="button danger"
                                        disabled=move || remove.pending().get()
                                        on:click=move |_| { remove.dispatch(()); }
                                    >
                                        {move || if remove.pending().get() { t_string!(i18n, manage.removing) } else { t_string!(i18n, manage.remove_confirm) }}
                                    </button>
                                    <button type="button" class="button" on:click=move |_| confirming.set(false)>
                                        {t!(i18n, manage.cancel)}
                                    </button>
                                </div>
                            </div>
                        }
                            .into_any()
                    }
                }
            }}
            <div class="form-error" role="alert">
                {move || failure.get().map(|e| {
                    let kind = e.kind();
                    view! { <p>{move || error_message(i18n, kind)}</p> }
                })}
            </div>
            {is_global_admin.then(|| view! { <p><A href=audit>{t!(i18n, manage.audit_for_customer)}</A></p> })}
        </section>
    }
}
