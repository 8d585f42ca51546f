//! Remove reseller relationship, on the Account page: Global admins only, never while a
//! subscription is active (the page says why and links to the subscriptions), and only after a
//! confirmation that says what will happen. The server enforces the same rules.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use portal_contract::{Page, Subscription, paths};
use portal_contract::{Permission, SubscriptionStatus};

use crate::api::{ApiClient, ApiError};
use crate::components::confirm::Confirm;
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
        .is_some_and(|me| me.can(Permission::RemoveCustomerRelationship));
    let active = LocalResource::new({
        let (api, id) = (api.clone(), customer_id.clone());
        move || {
            let (api, id) = (api.clone(), id.clone());
            async move {
                api.get::<Page<Subscription>>(&paths::customer_subscriptions(&id), &[], None)
                    .await
                    .map(|p| {
                        p.items
                            .iter()
                            .filter(|s| s.status == SubscriptionStatus::Active)
                            .count()
                    })
            }
        }
    });
    let failure = RwSignal::new(None::<ApiError>);
    let navigate = use_navigate();
    let flash = expect_context::<Flash>();
    let remove = Action::new_local({
        let (id, name) = (customer_id.clone(), name.clone());
        move |_: &()| {
            let (api, id, name, navigate) =
                (api.clone(), id.clone(), name.clone(), navigate.clone());
            async move {
                match api.act_quietly(&paths::remove_relationship(&id)).await {
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
                    Some(_) => {
                        let name = name.clone();
                        view! {
                            <Confirm
                                trigger=Signal::derive(move || t_string!(i18n, manage.remove_action).to_string())
                                trigger_class="button danger"
                                in_place=true
                                class="notice warning"
                                title=move || {
                                    let name = name.clone();
                                    t!(i18n, manage.remove_confirm_title, name = move || name.clone())
                                }
                                confirm=Signal::derive(move || if remove.pending().get() { t_string!(i18n, manage.removing).to_string() } else { t_string!(i18n, manage.remove_confirm).to_string() })
                                cancel=Signal::derive(move || t_string!(i18n, manage.cancel).to_string())
                                on_confirm=move |()| { remove.dispatch(()); }
                                pending=remove.pending()
                            >
                                <p>{t!(i18n, manage.remove_confirm_text)}</p>
                            </Confirm>
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
