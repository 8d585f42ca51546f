//! Subscriptions: what the customer bought through this partner.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_contract::SubscriptionStatus;

use crate::api::ApiClient;
use crate::components::error_panel::ErrorPanel;
use crate::components::labels;
use crate::format;
use crate::i18n::*;

#[component]
pub fn SubscriptionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let params = use_params_map();
    let subscriptions = LocalResource::new(move || {
        let (api, id) = (
            api.clone(),
            params.with(|p| p.get("id").unwrap_or_default()),
        );
        async move { api.subscriptions(&id).await }
    });
    let locale = move || format::locale_tag(i18n);
    view! {
        <p class="subtitle">{t!(i18n, customer.subscriptions_intro)}</p>
        <Transition fallback=move || view! { <p class="status" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match subscriptions.await {
                    Ok(page) if page.items.is_empty() => {
                        view! { <p class="empty">{t!(i18n, customers.no_subscriptions)}</p> }.into_any()
                    }
                    Ok(page) => view! {
                        <div class="table-wrap" tabindex="0" role="region" aria-label=move || t_string!(i18n, customer.nav_subscriptions).to_string()>
                            <table class="data">
                                <caption class="visually-hidden">{t!(i18n, customer.nav_subscriptions)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, customer.col_offer)}</th>
                                        <th scope="col">{t!(i18n, customer.col_quantity)}</th>
                                        <th scope="col">{t!(i18n, customer.col_status)}</th>
                                        <th scope="col">{t!(i18n, customer.col_term)}</th>
                                        <th scope="col">{t!(i18n, customer.col_created)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {page.items.into_iter().map(|s| {
                                        let (status, cycle) = (s.status, s.billing_cycle);
                                        let (end, created) = (s.commitment_end_date.clone(), s.creation_date.clone());
                                        view! {
                                            <tr>
                                                <th scope="row">{s.offer_name}</th>
                                                <td class="number">{s.quantity}</td>
                                                <td>
                                                    <span class=if status == SubscriptionStatus::Active { "badge ok" } else { "badge warn" }>
                                                        {move || labels::subscription_status(i18n, status)}
                                                    </span>
                                                </td>
                                                <td>{t!(i18n, customers.term_ends, cycle = move || labels::billing_cycle(i18n, cycle), date = move || format::date(&end, locale()))}</td>
                                                <td>{move || format::date(&created, locale())}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                        .into_any(),
                    Err(error) => view! { <ErrorPanel error on_retry=move |_| subscriptions.refetch() /> }.into_any(),
                }
            })}
        </Transition>
    }
}
