//! Every invitation with its status, newest first, paged; filtered by status and searched by
//! customer e-mail (all in the URL, [`ListParams`]); Copy link while pending, Revoke with a
//! confirmation.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_contract::customers::DEFAULT_PAGE_SIZE;
use portal_contract::paths;
use portal_contract::validation::EMAIL_MAX_LEN;
use portal_contract::{Invitation, InvitationStatus, Page};

use crate::api::{ApiClient, ApiError};
use crate::clipboard;
use crate::components::confirm::Confirm;
use crate::components::data_table::{Column, DataTable};
use crate::components::error_panel::error_message;
use crate::components::list_parts::{ListShape, NoMatch, PagerLinks};
use crate::components::loaded::LoadedList;
use crate::components::page_title::use_page_title;
use crate::components::search_box::SearchBox;
use crate::format;
use crate::i18n::*;
use crate::invitation_list::ListParams;

type I18n = leptos_i18n::I18nContext<Locale>;
use crate::latest_answer::{LatestAnswer, use_latest_answer};
use crate::routes;

/// The filters the URL names, and the newest answer for them (the request a newer URL
/// replaces is aborted, and a slower earlier answer never replaces a newer one).
pub fn use_invitation_list() -> (Memo<ListParams>, LatestAnswer<Page<Invitation>, ListParams>) {
    let api = StoredValue::new(expect_context::<ApiClient>());
    let query = use_query_map();
    let params = Memo::new(move |_| query.with(|q| ListParams::from_query(|k| q.get(k))));
    let list = use_latest_answer(params, move |p: ListParams, abort| {
        let api = api.get_value();
        async move { api.invitations(&p, abort.as_ref()).await }
    });
    (params, list)
}

#[component]
pub fn InvitationsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || t_string!(i18n, invite.list_title).to_string());
    let (params, list) = use_invitation_list();
    let announcement = RwSignal::new(None::<&'static str>);
    let on_revoked = move || {
        announcement.set(Some("revoked"));
        list.reload();
    };
    let on_copied = move || announcement.set(Some("copied"));
    view! {
        <h1>{t!(i18n, invite.list_title)}</h1>
        <p class="subtitle">{t!(i18n, invite.list_intro)}</p>
        <div class="toolbar">
            <a class="button" href=routes::REQUEST_RELATIONSHIP>{t!(i18n, invite.action_request)}</a>
            <StatusFilter params />
            <SearchBox
                id="invitation-search"
                current=Signal::derive(move || params.with(|p| p.text.clone()))
                url_for=Callback::new(move |text: String| params.with_untracked(|p| p.searching(&text).url()))
                max_len=EMAIL_MAX_LEN
                label=move || t_string!(i18n, invite.search_label).to_string()
                help=move || t_string!(i18n, invite.search_help).to_string()
            />
        </div>
        <p class="status-line" role="status">
            {move || announcement.get().map(|k| match k {
                "revoked" => t_string!(i18n, invite.revoked).to_string(),
                _ => t_string!(i18n, invite.link_copied).to_string(),
            })}
        </p>
        <LoadedList
            answer=list
            loading=move || view! { <p class="status" role="status">{t!(i18n, invite.loading_list)}</p> }
            first_page=Signal::derive(move || params.with(|p| p.page.is_some().then(|| p.at_page(None).url())))
            let:page
        >
            <InvitationList page params busy=list.busy on_revoked on_copied />
        </LoadedList>
    }
}

/// Which status the list shows; a choice opens its first page.
#[component]
fn StatusFilter(params: Memo<ListParams>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let current = move || params.with(|p| p.status);
    view! {
        <label class="page-size">
            {t!(i18n, invite.status_filter)}
            <select on:change=move |ev| {
                let status = InvitationStatus::parse(&event_target_value(&ev));
                navigate(&params.get_untracked().with_status(status).url(), NavigateOptions::default());
            }>
                <option value="" prop:selected=move || current().is_none()>{t!(i18n, invite.status_all)}</option>
                {InvitationStatus::ALL
                    .into_iter()
                    .map(|s| view! {
                        <option value=s.as_str() prop:selected=move || current() == Some(s)>
                            {move || status_label(i18n, s)}
                        </option>
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// The translated name of a status.
fn status_label(i18n: leptos_i18n::I18nContext<Locale>, status: InvitationStatus) -> String {
    match status {
        InvitationStatus::Pending => t_string!(i18n, invite.status_pending).to_string(),
        InvitationStatus::Accepted => t_string!(i18n, invite.status_accepted).to_string(),
        InvitationStatus::Expired => t_string!(i18n, invite.status_expired).to_string(),
        InvitationStatus::Revoked => t_string!(i18n, invite.status_revoked).to_string(),
    }
}

#[component]
fn InvitationList(
    page: Signal<Page<Invitation>>,
    params: Memo<ListParams>,
    busy: RwSignal<bool>,
    on_revoked: impl Fn() + Copy + Send + Sync + 'static,
    on_copied: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    // Follows the answers only: the URL changes before its answer arrives.
    let shape = Memo::new(move |_| {
        let no_rows = page.with(|p| p.items.is_empty());
        params.with_untracked(|p| {
            ListShape::of(no_rows, p.page.is_some(), p.is_filtered().then_some(()))
        })
    });
    move || match shape.get() {
        ListShape::Empty => view! { <p class="empty">{t!(i18n, invite.empty)}</p> }.into_any(),
        ListShape::NoMatch(()) => {
            let cleared = ListParams::default().url();
            view! {
                <NoMatch cleared clear=move || t!(i18n, invite.clear_filters)>
                    {t!(i18n, invite.no_match)}
                </NoMatch>
            }
            .into_any()
        }
        ListShape::Table => {
            let links = Memo::new(move |_| {
                page.with(|page| {
                    params.with_untracked(|p| {
                        PagerLinks::of(page, DEFAULT_PAGE_SIZE, |t| p.at_page(t).url())
                    })
                })
            });
            let column =
                |label: fn(I18n) -> &'static str| Column::new(move || label(i18n).to_owned());
            let columns = vec![
                column(|i| t_string!(i, invite.col_created)),
                column(|i| t_string!(i, invite.col_created_by)),
                column(|i| t_string!(i, invite.col_admin)),
                column(|i| t_string!(i, invite.col_customer_email)),
                column(|i| t_string!(i, invite.col_status)),
                column(|i| t_string!(i, invite.col_expires)),
                column(|i| t_string!(i, invite.col_actions)),
            ];
            view! {
                <DataTable
                    label=Signal::derive(move || t_string!(i18n, invite.list_title).to_string())
                    columns
                    busy=busy
                    items=Signal::derive(move || page.with(|p| p.items.clone()))
                    row=move |inv, index| view! { <InvitationRow invitation=inv index on_revoked on_copied /> }
                    pager=links
                />
            }
            .into_any()
        }
    }
}

#[component]
fn InvitationRow(
    invitation: Invitation,
    /// The row's place in the whole list (`aria-rowindex`).
    index: u64,
    on_revoked: impl Fn() + Copy + Send + Sync + 'static,
    on_copied: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let inv = StoredValue::new(invitation);
    let field = move |f: fn(&Invitation) -> String| inv.with_value(f);
    let date = move |s: String| format::date(&s, format::locale_tag(i18n));
    let created = move || date(field(|i| i.created_at.clone()));
    let expires = move || date(field(|i| i.expires_at.clone()));
    let status = move || {
        inv.with_value(|i| match i.status {
            InvitationStatus::Pending => t_string!(i18n, invite.status_pending)
                .to_string()
                .into_any(),
            InvitationStatus::Expired => t_string!(i18n, invite.status_expired)
                .to_string()
                .into_any(),
            InvitationStatus::Revoked => t_string!(i18n, invite.status_revoked)
                .to_string()
                .into_any(),
            InvitationStatus::Accepted => match (i.accepted_by.clone(), i.accepted_at.clone()) {
                (Some(org), Some(at)) => {
                    let when = date(at);
                    t!(
                        i18n,
                        invite.status_accepted_by,
                        org = move || org.clone(),
                        date = move || when.clone()
                    )
                    .into_any()
                }
                _ => t_string!(i18n, invite.status_accepted)
                    .to_string()
                    .into_any(),
            },
        })
    };
    let admin = move || {
        if inv.with_value(|i| i.allow_delegated_access) {
            t_string!(i18n, invite.admin_requested).to_string()
        } else {
            t_string!(i18n, invite.admin_not_requested).to_string()
        }
    };
    let link = inv.with_value(|i| i.link.clone());
    let copy_failed = RwSignal::new(false);
    let revoke_error = RwSignal::new(None::<ApiError>);
    let revoke = Action::new_local(move |_: &()| {
        let api = api.clone();
        let id = inv.with_value(|i| i.id.clone());
        async move {
            match api
                .act::<Invitation>(&paths::revoke_relationship_request(&id))
                .await
            {
                Ok(_) => on_revoked(),
                Err(e) => revoke_error.set(Some(e)),
            }
        }
    });
    let copy = Action::new_local(move |link: &String| {
        let link = link.clone();
        async move {
            if clipboard::write_text(&link).await {
                on_copied();
            } else {
                copy_failed.set(true);
            }
        }
    });
    let email = field(|i| i.customer_email.clone().unwrap_or_default());
    let has_email = !email.is_empty();
    view! {
        <tr aria-rowindex=index>
            <td>{created}</td>
            <td>{field(|i| i.created_by.clone())}</td>
            <td>{admin}</td>
            <td>{if has_email { email.into_any() } else { view! { <span aria-label="">{t!(i18n, invite.none)}</span> }.into_any() }}</td>
            <td><span class=move || format!("badge {:?}", inv.with_value(|i| i.status)).to_lowercase()>{status}</span></td>
            <td>{expires}</td>
            <td class="row-actions">
                {link.map(|link| {
                    let shown = link.clone();
                    view! {
                        <button type="button" class="button small" on:click=move |_| { copy.dispatch(link.clone()); }>
                            {t!(i18n, invite.copy_link)}
                        </button>
                        <Confirm
                            trigger=Signal::derive(move || t_string!(i18n, invite.revoke).to_string())
                            confirm=Signal::derive(move || if revoke.pending().get() { t_string!(i18n, invite.revoking).to_string() } else { t_string!(i18n, invite.revoke_yes).to_string() })
                            cancel=Signal::derive(move || t_string!(i18n, invite.cancel).to_string())
                            on_confirm=move |()| { revoke.dispatch(()); }
                            pending=revoke.pending()
                            error=Signal::derive(move || revoke_error.get().map(|e| error_message(i18n, e.kind())))
                        >
                            <p>{t!(i18n, invite.revoke_confirm)}</p>
                        </Confirm>
                        {move || copy_failed.get().then(|| view! {
                            <p class="notice">{t!(i18n, invite.copy_link_fallback)} " " <code class="mono">{shown.clone()}</code></p>
                        })}
                    }
                })}
            </td>
        </tr>
    }
}
