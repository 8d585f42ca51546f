//! Subscriptions: what the customer bought through this partner, with Suspend / Reactivate
//! (Admin agent, Global admin) and the designated support partner (any partner role but User).

use leptos::prelude::*;
use portal_contract::paths;
use portal_contract::{
    ErrorCode, IndirectReseller, Page, Permission, SetSupportPartner, Subscription,
    SubscriptionStatus,
};

use super::hooks::{use_customer_id, use_customer_resource};
use crate::api::{ApiClient, StatusChange};
use crate::components::data_table::{Column, DataTable};
use crate::components::error_panel::error_message;
use crate::components::labels;
use crate::components::loaded::Loaded;
use crate::format;
use crate::hungarian::in_sentence;
use crate::i18n::*;
use crate::session::Session;

type I18n = leptos_i18n::I18nContext<Locale>;

/// What the signed-in user may change here.
#[derive(Clone, Copy)]
struct Rights {
    status: bool,
    support: bool,
}

#[component]
pub fn SubscriptionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let customer_id = use_customer_id();
    let subscriptions = use_customer_resource::<Page<Subscription>>(paths::customer_subscriptions);
    let api = expect_context::<ApiClient>();
    let resellers = LocalResource::new(move || {
        let api = api.clone();
        async move {
            api.get::<Page<IndirectReseller>>(paths::INDIRECT_RESELLERS, &[], None)
                .await
                .map(|p| p.items)
                .unwrap_or_default()
        }
    });
    let me = expect_context::<Session>().me();
    let can = |p: Permission| me.as_ref().is_some_and(|m| m.can(p));
    let rights = Rights {
        status: can(Permission::ChangeSubscriptionStatus),
        support: can(Permission::ChangeSupportPartner),
    };
    // What the last change did, announced to screen readers.
    let note = RwSignal::new(None::<Note>);
    view! {
        <p class="subtitle">{t!(i18n, customer.subscriptions_intro)}</p>
        <div role="status" class="status-line">
            {move || note.get().map(|n| view! { <p class="confirmation">{n.view(i18n)}</p> })}
        </div>
        <Loaded
            resource=subscriptions
            loading=move || view! { <p class="status" role="status">{t!(i18n, common.loading)}</p> }
            empty=move || view! { <p class="empty">{t!(i18n, customers.no_subscriptions)}</p> }
            is_empty={|page: &Page<Subscription>| page.items.is_empty()}
            let:page
        >
            <SubscriptionTable page resellers customer_id rights note on_stale=move || subscriptions.refetch() />
        </Loaded>
    }
}

/// The subscriptions, once the resellers to choose from are known too.
#[component]
fn SubscriptionTable(
    page: Page<Subscription>,
    resellers: LocalResource<Vec<IndirectReseller>>,
    customer_id: Memo<String>,
    rights: Rights,
    note: RwSignal<Option<Note>>,
    on_stale: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let column = |label: fn(I18n) -> &'static str| Column::new(move || label(i18n).to_owned());
    let mut columns = vec![
        column(|i| t_string!(i, customer.col_offer)),
        column(|i| t_string!(i, customer.col_quantity)),
        column(|i| t_string!(i, customer.col_status)),
        column(|i| t_string!(i, customer.col_term)),
        column(|i| t_string!(i, manage.col_support)),
    ];
    if rights.status {
        columns.push(column(|i| t_string!(i, manage.col_actions)));
    }
    let items = page.items;
    Suspend::new(async move {
        let resellers = resellers.await;
        view! {
            <DataTable
                label=Signal::derive(move || t_string!(i18n, customer.nav_subscriptions).to_string())
                columns
                items
                row=move |s, index| view! {
                    <SubscriptionRow
                        subscription=s
                        index
                        customer_id=customer_id.get_untracked()
                        resellers=resellers.clone()
                        rights
                        note
                        on_stale
                    />
                }
            />
        }
    })
}

#[component]
fn SubscriptionRow(
    subscription: Subscription,
    /// The row's place in the list (`aria-rowindex`).
    index: u64,
    customer_id: String,
    resellers: Vec<IndirectReseller>,
    rights: Rights,
    note: RwSignal<Option<Note>>,
    on_stale: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(subscription);
    let field = move |f: fn(&Subscription) -> String| current.with(f);
    let offer = move || field(|s| s.offer_name.clone());
    let choice = RwSignal::new(current.with_untracked(|s| {
        s.support_partner
            .as_ref()
            .map(|r| r.id.clone())
            .unwrap_or_default()
    }));
    let select_id = format!("support-{}", current.with_untracked(|s| s.id.clone()));
    let names = StoredValue::new(resellers.clone());
    let partner_name = move |id: &str| {
        names
            .with_value(|r| r.iter().find(|r| r.id == id).map(|r| r.name.clone()))
            .unwrap_or_else(|| t_string!(i18n, manage.support_self).to_owned())
    };

    let (change, error) =
        use_subscription_change(customer_id, current, partner_name, note, on_stale);

    let status = move || current.with(|s| s.status);
    let end = move || field(|s| s.commitment_end_date.clone());
    view! {
        <tr aria-rowindex=index>
            <th scope="row">{offer}</th>
            <td class="number">{move || current.with(|s| s.quantity)}</td>
            <td>
                <span class=move || if status() == SubscriptionStatus::Active { "badge ok" } else { "badge warn" }>
                    {move || labels::subscription_status(i18n, status())}
                </span>
            </td>
            <td>
                {move || {
                    let cycle = current.with(|s| s.billing_cycle);
                    t!(i18n, customers.term_ends, cycle = move || labels::billing_cycle(i18n, cycle), date = move || format::date(&end(), format::locale_tag(i18n)))
                }}
            </td>
            <td>
                {if rights.support {
                    let select_id = select_id.clone();
                    view! {
                        <form class="inline-form" on:submit=move |ev| {
                            ev.prevent_default();
                            let r = choice.get_untracked();
                            change.dispatch(Change::Support((!r.is_empty()).then_some(r)));
                        }>
                            <label for=select_id.clone() class="visually-hidden">
                                {t!(i18n, manage.support_label, offer = offer)}
                            </label>
                            <select id=select_id on:change=move |ev| choice.set(event_target_value(&ev)) prop:value=move || choice.get()>
                                <option value="">{t!(i18n, manage.support_self)}</option>
                                {resellers.into_iter().map(|r| view! { <option value=r.id.clone()>{r.name.clone()}</option> }).collect_view()}
                            </select>
                            <button type="submit" class="button small" disabled=move || change.pending().get()>
                                {t!(i18n, manage.submit)}
                                <span class="visually-hidden">" " {offer}</span>
                            </button>
                        </form>
                    }
                        .into_any()
                } else {
                    view! {
                        <span>{move || current.with(|s| s.support_partner.as_ref().map(|r| r.name.clone()))
                            .unwrap_or_else(|| t_string!(i18n, manage.support_self).to_owned())}</span>
                    }
                        .into_any()
                }}
                <p class="field-error">{move || error.get()}</p>
            </td>
            {rights.status.then(|| view! {
                <td>
                    <button
                        type="button"
                        class="button small"
                        disabled=move || change.pending().get()
                        on:click=move |_| {
                            let action = if status() == SubscriptionStatus::Active { StatusChange::Suspend } else { StatusChange::Reactivate };
                            change.dispatch(Change::Status(action));
                        }
                    >
                        {move || if status() == SubscriptionStatus::Active { t_string!(i18n, manage.suspend) } else { t_string!(i18n, manage.reactivate) }}
                        <span class="visually-hidden">" " {offer}</span>
                    </button>
                </td>
            })}
        </tr>
    }
}

/// Sends a row's changes. On success the row shows the subscription as the server returned
/// it and the live region says what changed; a stale version reloads the list (`on_stale`);
/// any other failure is the returned message, shown at the row.
fn use_subscription_change(
    customer_id: String,
    current: RwSignal<Subscription>,
    partner_name: impl Fn(&str) -> String + Copy + 'static,
    note: RwSignal<Option<Note>>,
    on_stale: impl Fn() + Copy + 'static,
) -> (Action<Change, ()>, RwSignal<Option<String>>) {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let error = RwSignal::new(None::<String>);
    let change = Action::new_local(move |what: &Change| {
        let (api, customer_id, what) = (api.clone(), customer_id.clone(), what.clone());
        let (id, version) = current.with_untracked(|s| (s.id.clone(), s.version));
        async move {
            let result = match &what {
                Change::Status(action) => api.change_subscription(&customer_id, &id, *action).await,
                Change::Support(reseller) => {
                    let body = SetSupportPartner {
                        reseller_id: reseller.clone(),
                        version,
                    };
                    api.set_support_partner(&customer_id, &id, &body).await
                }
            };
            match result {
                Ok(updated) => {
                    error.set(None);
                    note.set(Some(Note::after(&what, &updated, partner_name)));
                    current.set(updated);
                }
                Err(e) if e.code() == Some(ErrorCode::Stale) => {
                    note.set(Some(Note::Stale));
                    on_stale();
                }
                Err(e) => error.set(Some(error_message(i18n, e.kind()))),
            }
        }
    });
    (change, error)
}

/// What the last change did, for the live region.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Note {
    Suspended(String),
    Reactivated(String),
    /// Offer, support partner.
    SupportSaved(String, String),
    Stale,
}

impl Note {
    /// What `change` did, now that the server answered with `updated`; `partner_name` names
    /// a reseller by id (the partner itself for none).
    fn after(
        change: &Change,
        updated: &Subscription,
        partner_name: impl Fn(&str) -> String,
    ) -> Note {
        let offer = updated.offer_name.clone();
        match change {
            Change::Status(_) if updated.status == SubscriptionStatus::Suspended => {
                Note::Suspended(offer)
            }
            Change::Status(_) => Note::Reactivated(offer),
            Change::Support(r) => {
                Note::SupportSaved(offer, partner_name(r.as_deref().unwrap_or("")))
            }
        }
    }

    fn view(self, i18n: leptos_i18n::I18nContext<Locale>) -> AnyView {
        match self {
            Note::Suspended(o) => {
                t!(i18n, manage.suspended_note, offer = move || o.clone()).into_any()
            }
            Note::Reactivated(o) => {
                t!(i18n, manage.reactivated_note, offer = move || o.clone()).into_any()
            }
            Note::SupportSaved(o, p) => t!(
                i18n,
                manage.support_saved,
                offer = move || in_sentence(i18n.get_locale(), &o, true),
                partner = move || p.clone()
            )
            .into_any(),
            Note::Stale => t!(i18n, manage.stale).into_any(),
        }
    }
}

/// A change a row can ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Change {
    Status(StatusChange),
    /// The reseller's id, or `None` for the partner itself.
    Support(Option<String>),
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_contract::BillingCycle;

    fn subscription(status: SubscriptionStatus) -> Subscription {
        Subscription {
            id: "s1".into(),
            offer_name: "Microsoft 365 E3".into(),
            quantity: 10,
            status,
            billing_cycle: BillingCycle::Monthly,
            creation_date: String::new(),
            commitment_end_date: String::new(),
            support_partner: None,
            version: 2,
        }
    }

    #[test]
    fn the_note_says_what_the_server_did() {
        let name = |id: &str| {
            if id.is_empty() {
                "us".to_owned()
            } else {
                format!("reseller {id}")
            }
        };
        let offer = || "Microsoft 365 E3".to_owned();
        let suspended = subscription(SubscriptionStatus::Suspended);
        let active = subscription(SubscriptionStatus::Active);
        assert_eq!(
            Note::after(&Change::Status(StatusChange::Suspend), &suspended, name),
            Note::Suspended(offer())
        );
        assert_eq!(
            Note::after(&Change::Status(StatusChange::Reactivate), &active, name),
            Note::Reactivated(offer())
        );
        assert_eq!(
            Note::after(&Change::Support(Some("r1".into())), &active, name),
            Note::SupportSaved(offer(), "reseller r1".into())
        );
        assert_eq!(
            Note::after(&Change::Support(None), &active, name),
            Note::SupportSaved(offer(), "us".into())
        );
    }
}
