//! Pages that are downloaded the first time they are shown.
//!
//! `lazy_page!(loader, chunk, Page)` declares `async fn loader()`, and `App` routes to it with
//! `view=|| view! { <LazyPage load=loader /> }`. Built with the `split` feature (the release
//! build, `cargo xtask build`), every page of one `chunk` lands in its own wasm file, fetched
//! when the loader first runs; without it (`trunk serve`) the loader is an ordinary function and
//! the app stays one bundle. A chunk that does not arrive is named with a retry, like a failed
//! API call.

use leptos::prelude::*;

use crate::i18n::*;

/// What a chunk hands back: a constructor of its page. A plain `fn` is `Copy` and `Send`, so
/// the loading state is an ordinary signal.
pub type PageFn = fn() -> AnyView;

/// A chunk of the app could not be downloaded (offline, a failed request, a bad answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkError;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// Declares `async fn $loader() -> Result<PageFn, ChunkError>`, which downloads the chunk
/// `$chunk` (with the split build) and answers the constructor of `$page`, a component without
/// props. Pages declared with the same `$chunk` share one file.
#[cfg(feature = "split")]
#[macro_export]
macro_rules! lazy_page {
    ($loader:ident, $chunk:ident, $page:ident) => {
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $loader() -> ::core::result::Result<
            $crate::components::lazy_page::PageFn,
            $crate::components::lazy_page::ChunkError,
        > {
            Ok(|| ::leptos::prelude::IntoAny::into_any(::leptos::prelude::view! { <$page /> }))
        }
    };
}

/// Declares `async fn $loader() -> Result<PageFn, ChunkError>` for the unsplit build: the page
/// is in the one bundle, so it never fails.
#[cfg(not(feature = "split"))]
#[macro_export]
macro_rules! lazy_page {
    ($loader:ident, $chunk:ident, $page:ident) => {
        async fn $loader() -> ::core::result::Result<
            $crate::components::lazy_page::PageFn,
            $crate::components::lazy_page::ChunkError,
        > {
            Ok(|| ::leptos::prelude::IntoAny::into_any(::leptos::prelude::view! { <$page /> }))
        }
    };
}

/// Where a lazily loaded page is.
#[derive(Clone, Copy)]
enum Chunk {
    Loading,
    Ready(PageFn),
    Failed,
}

/// Shows the page `load` answers: the loading text while its chunk is on its way, then the page,
/// or what failed with a retry.
#[component]
pub fn LazyPage<F, Fut>(
    /// A loader declared with [`lazy_page!`].
    load: F,
) -> impl IntoView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<PageFn, ChunkError>> + 'static,
{
    let i18n = use_i18n();
    let state = RwSignal::new(Chunk::Loading);
    let fetch = move || {
        state.set(Chunk::Loading);
        leptos::task::spawn_local(async move {
            let next = match load().await {
                Ok(page) => Chunk::Ready(page),
                Err(ChunkError) => Chunk::Failed,
            };
            // The page may have been left while its chunk was on its way.
            let _ = state.try_set(next);
        });
    };
    fetch();
    move || match state.get() {
        Chunk::Loading => view! {
            <p class="status" role="status">{t!(i18n, common.loading)}</p>
        }
        .into_any(),
        Chunk::Ready(page) => untrack(page),
        // The page's own heading is in the chunk that did not arrive: this one stands in.
        Chunk::Failed => view! {
            <div class="error-panel" role="alert">
                <h1>{t!(i18n, errors.title)}</h1>
                <p>{t!(i18n, errors.chunk)}</p>
                <button type="button" class="button" on:click=move |_| fetch()>
                    {t!(i18n, common.retry)}
                </button>
            </div>
        }
        .into_any(),
    }
}
