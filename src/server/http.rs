//! The axum router around the Leptos app: server functions under `/api`, pages, static files,
//! and the rules every request passes: Origin check on mutating requests, sign-in for pages,
//! a body-size limit, and error answers with the right status and no internals.

use super::auth::{cookie_value, user_from_headers};
use super::state::AppState;
use crate::app::{shell, App};
use crate::error::AppError;
use crate::i18n::Lang;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use http::header::{CONTENT_TYPE, HOST, ORIGIN};
use http::{HeaderName, HeaderValue, Method, StatusCode};
use leptos::prelude::{provide_context, Owner};
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// Set by server_fn on error answers; the browser client decodes their body as `AppError`.
const SERVER_FN_ERROR: &str = "serverfnerror";

/// The app's routes, worked out once per process. Leptos finds them by rendering the app with
/// resource loading switched off by a process-wide flag, so doing it while another router
/// serves pages (tests build one per test) left those pages' resources unloaded and the
/// pages waiting forever.
fn routes() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(state: AppState) -> Router {
    let routes = routes();
    let body_limit = state.config.max_body_kb.max(1) * 1024;
    let file_limit = usize::try_from(state.config.max_file_bytes()).unwrap_or(usize::MAX);
    let ctx = state.clone();
    let api_ctx = state.clone();
    let options = state.leptos_options.clone();
    // File uploads have their own, larger body limit.
    let files = Router::new()
        .route("/files/{key}", get(download_file).post(upload_file))
        .layer(RequestBodyLimitLayer::new(file_limit));
    // The site folder's files (the WebAssembly, its JS, the CSS, the icon); anything else gets
    // the app's "not found" page. Not Leptos's `file_and_error_handler` for the files
    // themselves: it answers a file from inside a new reactive owner, which takes as its parent
    // whatever owner another task left current on the worker thread, and with it that request's
    // `ResponseOptions`. Under load a file then went out with another request's status: 474 of
    // 3,000 CSS requests answered 404 beside concurrent "not found" pages, and a browser test's
    // page never hydrated because its WebAssembly came back 404
    // (`tests/http.rs::static_files_keep_their_status_beside_not_found_pages`).
    // Only GET and HEAD reach a file; any other method there is 405 with `Allow: GET,HEAD`
    // (the fallback used to serve the file to a POST as well).
    let static_files = ServeDir::new(&*state.leptos_options.site_root)
        .append_index_html_on_directories(false)
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell).with_state(state.clone()));
    let app = Router::new()
        .route("/", get(|| async { Redirect::to("/crm/deal") }))
        .route("/crm/{entity}/export.csv", get(export_csv))
        .route("/events/layout/{entity}", get(layout_events))
        .route("/events/layouts", get(layouts_events))
        .route("/language", post(choose_language))
        .route("/i18n/{file}", get(messages_table))
        .route(
            "/api/{*fn_name}",
            post(move |req: Request| {
                let state = api_ctx.clone();
                async move { handle_server_fns_with_context(move || provide_context(state.clone()), req).await }
            }),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(ctx.clone()),
            move || shell(options.clone()),
        )
        .fallback_service(static_files)
        .layer(RequestBodyLimitLayer::new(body_limit));
    let app = files
        .merge(app)
        .layer(from_fn_with_state(state.clone(), require_session_for_pages))
        .layer(from_fn_with_state(state.clone(), api_guard))
        .layer(from_fn_with_state(state.clone(), refuse_blocked_addresses))
        .layer(from_fn_with_state(state.clone(), check_origin))
        .layer(CompressionLayer::new().br(false))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("referrer-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            http::header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(NO_SCRIPT_CSP),
        ))
        .layer(from_fn(no_store))
        .layer(from_fn_with_state(state.clone(), locale_of_request))
        .layer(from_fn_with_state(std::sync::Arc::new(state.config.public_hosts()), check_host));
    // Behind TLS, browsers are told to come back over HTTPS only.
    let app = if state.config.secure_cookies {
        app.layer(SetResponseHeaderLayer::if_not_present(
            http::header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ))
    } else {
        app
    };
    app.layer(from_fn(own_reactive_owner)).with_state(state)
}

/// The Content-Security-Policy of a page: only scripts carrying this response's nonce run
/// (Leptos puts it on every script it writes: the loader, resource data, Suspense swaps), and
/// what they load; WebAssembly may compile; no plugins, no `<base>`, no framing.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    )
}

/// The CSP of answers that are not rendered pages (files, error texts, server functions): no
/// script at all.
const NO_SCRIPT_CSP: &str = "script-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// Puts the page's CSP, with the nonce Leptos made for this render, on its answer. Called by
/// the shell of every rendered page (the "not found" page too).
pub fn set_page_csp() {
    use leptos::prelude::use_context;
    let Some(nonce) = leptos::nonce::use_nonce() else { return };
    if let (Some(res), Ok(v)) =
        (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&page_csp(&nonce)))
    {
        res.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
    }
}

/// Pages and answers that carry CRM data (server functions, event streams, exports, downloads)
/// are never kept by a browser's or a proxy's cache: a shared computer's Back button or a proxy
/// would otherwise show them to the next person. The site's static files keep their caching.
async fn no_store(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let data = path.starts_with("/api/")
        || path.starts_with("/events/")
        || path.ends_with("/export.csv")
        || is_public_page(path)
        || is_page(path);
    let mut res = next.run(req).await;
    if data {
        res.headers_mut().entry(http::header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    }
    res
}

/// Each request keeps its reactive owner to itself, as if it had the worker thread alone.
///
/// Leptos keeps the current reactive owner, and the arena its signals live in, in thread-locals.
/// A page makes its root owner current when it starts rendering (`Owner::new_root` in
/// leptos_integration_utils 0.8.9) and reads it back after later `await`s: leptos_meta writes the
/// `<title>` there, from the card's signals. Between those steps, tokio may poll other requests on
/// that thread and may resume the page on another one. So, unguarded, under concurrent requests:
/// - a page's title was read from another page's arena: empty, or **another card's title**;
/// - or from an arena already gone: the page panicked and the browser got no answer;
/// - a server function or file answer polled after a page made its own owner a child of that
///   page's, inheriting its contexts (files once went out with a "not found" page's status).
///
/// Here every poll of the request, and of writing its answer, first makes current the owner this
/// request left at the end of its previous poll (none at first), and afterwards takes it away
/// again, keeping it for the next poll. Reproduced and checked, on SQLite and PostgreSQL, by
/// `tests/http.rs::concurrent_requests_never_see_each_others_reactive_state_*`. The same panic
/// under a multi-threaded runtime was reported upstream as leptos-rs/leptos#3729 (closed); the
/// versions named above still show it, so this stays until a Leptos release polls a page's
/// later steps inside its own owner.
async fn own_reactive_owner(req: Request, next: Next) -> Response {
    let mut handling = WithOwnOwner { inner: Box::pin(next.run(req)), owner: None };
    let res = (&mut handling).await;
    let owner = handling.owner;
    res.map(|body| Body::new(WithOwnOwner { inner: body, owner }))
}

/// A future or a response body polled with its own reactive owner current, and only then.
struct WithOwnOwner<T> {
    inner: T,
    owner: Option<Owner>,
}

impl<T> WithOwnOwner<T> {
    fn step<R>(&mut self, poll: impl FnOnce(&mut T) -> R) -> R {
        match &self.owner {
            Some(owner) => owner.set(),
            None => clear_reactive_owner(),
        }
        let polled = poll(&mut self.inner);
        self.owner = Owner::current();
        clear_reactive_owner();
        polled
    }
}

fn clear_reactive_owner() {
    if let Some(owner) = Owner::current() {
        owner.unset();
    }
}

impl<F: Future + Unpin> Future for WithOwnOwner<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.step(|inner| Pin::new(inner).poll(cx))
    }
}

impl HttpBody for WithOwnOwner<Body> {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        self.step(|inner| Pin::new(inner).poll_frame(cx))
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// An error answer the browser's server-function client understands.
pub fn error_response(err: &AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(err).unwrap_or_default();
    let mut res = (status, body).into_response();
    res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    res.headers_mut().insert(SERVER_FN_ERROR, HeaderValue::from_static("1"));
    res
}

/// Requests must name one of the server's public host names: a page on another site whose
/// name an attacker points at this server's address (DNS rebinding) sends its own name, so it
/// is refused and cannot read a local instance through the victim's browser.
async fn check_host(State(hosts): State<std::sync::Arc<Vec<String>>>, req: Request, next: Next) -> Response {
    let host = req.headers().get(HOST).and_then(|v| v.to_str().ok()).map(super::config::normal_host);
    match host {
        Some(host) if hosts.contains(&host) => next.run(req).await,
        host => {
            let host = host.unwrap_or_default();
            tracing::warn!(%host, "refused a request for a host name that is not in public_hosts");
            let mut res = (StatusCode::MISDIRECTED_REQUEST, crate::text::err_unknown_host()).into_response();
            res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
            res
        }
    }
}

/// `https://crm.example.com` sent from a page served as Host `crm.example.com`.
pub fn origin_matches_host(origin: &str, host: &str) -> bool {
    origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        .is_some_and(|authority| !host.is_empty() && authority.eq_ignore_ascii_case(host))
}

/// A mutating request must come from a page of this site: browsers send `Origin` with every
/// POST, so a missing or foreign one is refused (cross-site request forgery).
async fn check_origin(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let (origin, host) = {
        let header =
            |name| req.headers().get(name).and_then(|v: &HeaderValue| v.to_str().ok()).unwrap_or_default().to_string();
        (header(ORIGIN).trim_end_matches('/').to_string(), header(HOST))
    };
    let allowed = !origin.is_empty()
        && (origin_matches_host(&origin, &host)
            || state.config.allowed_origins().iter().any(|o| o.eq_ignore_ascii_case(&origin)));
    if allowed {
        next.run(req).await
    } else {
        tracing::warn!(path = %req.uri().path(), %origin, "refused a mutating request from another origin");
        error_response(&AppError::Forbidden)
    }
}

/// A sign-in from a client address this process already found blocked is refused here, before
/// its body is read or anything reaches the database: a flood from one address then costs the
/// server next to nothing, and signed-in people's pages keep their pace (docs/PERFORMANCE.md,
/// P11).
async fn refuse_blocked_addresses(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::POST || req.uri().path() != "/api/login" {
        return next.run(req).await;
    }
    let address = super::auth::client_address_of(req.headers(), req.extensions(), &state.config);
    let key = address.map(|a| super::store::sign_in::key(crate::domain::throttle::Key::Address, &a));
    let Some(wait) = key.and_then(|k| super::auth::address_wait(&k, super::store::now_ms())) else {
        return next.run(req).await;
    };
    let retry_after = crate::domain::throttle::retry_after_secs(wait);
    let err = AppError::TooManyAttempts { retry_after };
    let header = HeaderValue::from(retry_after);
    if is_plain_form_post(&req) {
        let back = same_site_referer(&req).unwrap_or_else(|| "/".to_string());
        return form_error_page(&err, &back, Some(&header));
    }
    let mut res = error_response(&err);
    res.headers_mut().insert(http::header::RETRY_AFTER, header);
    res
}

/// Around every server-function call: the body is read whole within the size limit (with or
/// without a Content-Length), and the answer's status comes from the `AppError` inside
/// (server_fn sends every error as 500). Other failures under `/api` (wrong method, unknown
/// function) become `AppError` answers too, so the browser always gets a clear message.
async fn api_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let limit = state.config.max_body_kb.max(1) * 1024;
    let plain_form = is_plain_form_post(&req);
    let back = same_site_referer(&req).unwrap_or_else(|| "/".to_string());
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return error_response(&AppError::TooLarge);
    };
    let res = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    if res.headers().contains_key(SERVER_FN_ERROR) {
        let (mut parts, body) = res.into_parts();
        let bytes = axum::body::to_bytes(body, 1 << 20).await.unwrap_or_default();
        match serde_json::from_slice::<AppError>(&bytes) {
            Ok(err) if plain_form => {
                return form_error_page(&err, &back, parts.headers.get(http::header::RETRY_AFTER));
            }
            Ok(err) => {
                parts.status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                return Response::from_parts(parts, Body::from(bytes));
            }
            Err(_) => return error_response(&AppError::Internal),
        }
    }
    match res.status() {
        StatusCode::PAYLOAD_TOO_LARGE => error_response(&AppError::TooLarge),
        StatusCode::METHOD_NOT_ALLOWED => {
            let mut r = error_response(&AppError::bad_request());
            *r.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
            r
        }
        s if s.is_client_error() => error_response(&AppError::NotFound),
        s if s.is_server_error() => error_response(&AppError::Internal),
        _ => res,
    }
}

/// A form a browser posts by itself, JavaScript off: it shows the answer as a page.
fn is_plain_form_post(req: &Request) -> bool {
    let header = |name| req.headers().get(name).and_then(|v: &HeaderValue| v.to_str().ok()).unwrap_or_default();
    header(CONTENT_TYPE).starts_with("application/x-www-form-urlencoded")
        && header(http::header::ACCEPT).contains("text/html")
}

/// The path of the page a request came from, when it came from this site.
fn same_site_referer(req: &Request) -> Option<String> {
    let host = req.headers().get(HOST)?.to_str().ok()?;
    let referer = req.headers().get(http::header::REFERER)?.to_str().ok()?;
    let rest = referer.strip_prefix("http://").or_else(|| referer.strip_prefix("https://"))?;
    let path = rest.strip_prefix(host)?;
    // `//elsewhere.example` would be another site's address.
    (path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\")).then(|| path.to_string())
}

/// A server function's refusal of a plain form post, as a page a person can read: the
/// message, and the way back to where the form was. Its status is the error's.
fn form_error_page(err: &AppError, back: &str, retry_after: Option<&HeaderValue>) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let body = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{product}</title>\
         <link rel=\"stylesheet\" href=\"/pkg/crm-card.css\"></head><body><main class=\"login\">\
         <h1>{product}</h1><p class=\"error\" role=\"alert\">{message}</p>\
         <p><a href=\"{href}\">{back}</a></p></main></body></html>",
        lang = crate::i18n::lang().html_lang(),
        product = crate::text::product(),
        message = escape(&err.message()),
        href = escape(back).replace('"', "&quot;"),
        back = crate::text::back(),
    );
    let mut res = (status, body).into_response();
    res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    if let Some(v) = retry_after {
        res.headers_mut().insert(http::header::RETRY_AFTER, v.clone());
    }
    res
}

/// `%E2%82%AC.pdf` → `€.pdf`; invalid escapes and UTF-8 are replaced, never refused.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).and_then(|b| hex(*b)), bytes.get(i + 2).and_then(|b| hex(*b))) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A file name for `Content-Disposition: attachment; filename*=UTF-8''…` (RFC 5987).
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// An answer to a plain (non server-function) request: JSON on success, `AppError` otherwise.
async fn signed_in(state: &AppState, headers: &http::HeaderMap) -> Result<crate::api::types::CurrentUser, AppError> {
    user_from_headers(state, headers).await.map_err(AppError::from)?.ok_or(AppError::Unauthenticated)
}

/// `POST /files/{entity}`: the raw file as the body, its name (percent-encoded) in
/// `X-File-Name`. Answers the uploaded file for the field's next save.
async fn upload_file(
    State(state): State<AppState>,
    axum::extract::Path(entity): axum::extract::Path<String>,
    headers: http::HeaderMap,
    body: Body,
) -> Response {
    let result = async {
        let user = signed_in(&state, &headers).await?;
        let limit = usize::try_from(state.config.max_file_bytes()).unwrap_or(usize::MAX);
        // Too large whether announced by Content-Length (the limit layer answers 413 before
        // this runs) or found while reading.
        let data = axum::body::to_bytes(body, limit).await.map_err(|_| AppError::TooLarge)?;
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        let name = percent_decode(&header("x-file-name"));
        let max_pending = state.config.max_pending_uploads;
        super::service::files::upload(&state.store, max_pending, &user, &entity, &name, &header("content-type"), &data)
            .await
    }
    .await;
    match result {
        Ok(file) => axum::Json(file).into_response(),
        Err(e) => error_response(&e),
    }
}

/// `GET /files/{id}`: the file, as an attachment, to a user who may see its field.
async fn download_file(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
    headers: http::HeaderMap,
) -> Response {
    let result = async {
        let user = signed_in(&state, &headers).await?;
        let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
        super::service::files::download(&state.store, &user, id).await
    }
    .await;
    match result {
        Ok(file) => attachment(file.data, file.content_type, &file.name),
        Err(e) => plain_error(&e),
    }
}

/// A download: the bytes, their type, and the name to save them under (never shown inline).
fn attachment(body: impl IntoResponse, content_type: &'static str, name: &str) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename*=UTF-8''{}", percent_encode(name))) {
        h.insert(http::header::CONTENT_DISPOSITION, v);
    }
    h.insert(http::header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    res
}

/// An error as plain text, for addresses a person opens directly (downloads, exports).
fn plain_error(e: &AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, e.message()).into_response()
}

#[derive(serde::Deserialize)]
struct ExportQuery {
    q: Option<String>,
    stage: Option<i64>,
}

/// `GET /crm/{entity}/export.csv?q=…&stage=…`: the list as CSV, within the user's export scope.
async fn export_csv(
    State(state): State<AppState>,
    axum::extract::Path(entity): axum::extract::Path<String>,
    axum::extract::Query(query): axum::extract::Query<ExportQuery>,
    headers: http::HeaderMap,
) -> Response {
    let (search, stage) = (query.q.filter(|s| !s.trim().is_empty()), query.stage);
    let result = async {
        let user = signed_in(&state, &headers).await?;
        super::service::export::export_csv(&state.store, &user, &entity, search, stage).await
    }
    .await;
    match result {
        Ok((name, csv)) => attachment(csv, "text/csv; charset=utf-8", &name),
        Err(e) => plain_error(&e),
    }
}

/// How often an open card's layout watch looks at the database.
const LAYOUT_POLL: std::time::Duration = std::time::Duration::from_secs(2);
/// How long one event stream lasts; the browser then reconnects by itself (so no stream
/// outlives a deployment by much).
const STREAM_LIFETIME: std::time::Duration = std::time::Duration::from_secs(30 * 60);

static SHUTTING_DOWN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Ends the event streams, so that a graceful shutdown does not wait for open cards forever.
pub fn begin_shutdown() {
    SHUTTING_DOWN.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Which cards a layout event stream follows: of a deal pipeline, of repeat leads.
#[derive(serde::Deserialize)]
struct CardQuery {
    pipeline: Option<i64>,
    repeat_lead: Option<bool>,
}

/// `GET /events/layout/{entity}[?pipeline=N|?repeat_lead=true]`: the layout events of one kind
/// of card ([`layout_stream`]); an event's data is the kind's watch key.
async fn layout_events(
    State(state): State<AppState>,
    axum::extract::Path(entity): axum::extract::Path<String>,
    axum::extract::Query(query): axum::extract::Query<CardQuery>,
    headers: http::HeaderMap,
) -> Response {
    let key = crate::domain::views::watch_key(&entity, query.pipeline, query.repeat_lead);
    layout_stream(state, headers, vec![key], true).await
}

#[derive(serde::Deserialize)]
struct WatchQuery {
    #[serde(default)]
    watch: String,
}

/// Kinds of card one stream may follow.
const MAX_WATCHED: usize = 32;

/// `GET /events/layouts?watch=deal,deal:3,lead:repeat`: the layout events of several kinds of
/// card in one stream: a browser's tabs share it (the tab that leads opens it for all, see
/// `ui::browser::events`), so many open cards never use up the browser's connections to the
/// server. A watch key is `{entity}`, `{entity}:{pipeline}` or `{entity}:repeat`; keys that
/// name nothing (a type deleted since) are left out.
async fn layouts_events(
    State(state): State<AppState>,
    axum::extract::Query(query): axum::extract::Query<WatchQuery>,
    headers: http::HeaderMap,
) -> Response {
    let mut keys: Vec<String> =
        query.watch.split(',').map(str::trim).filter(|k| !k.is_empty()).map(String::from).collect();
    keys.sort();
    keys.dedup();
    if keys.is_empty() || keys.len() > MAX_WATCHED {
        return plain_error(&AppError::bad_request());
    }
    layout_stream(state, headers, keys, false).await
}

/// The card kind a watch key names.
async fn watched_kind(state: &AppState, key: &str) -> Result<crate::domain::views::CardKind, AppError> {
    let (entity, pipeline, repeat_lead) = crate::domain::views::parse_watch_key(key).ok_or(AppError::NotFound)?;
    super::service::watched_kind(&state.store, entity, pipeline, repeat_lead).await
}

/// Server-sent events: a `layout` event, whose data is the watch key, each time the card view
/// the signed-in user sees for a watched kind of card changes: its layout, the view itself (they
/// or an admin switched it), or the views' settings. It reads from the database, not from
/// memory, so a change saved through any app server reaches cards open on every other. The
/// stream ends within a poll once its session does (signed out, switched off, expired), and
/// follows the user's rights as they are now. `strict`: a key naming nothing is an error (one
/// card's own stream) rather than left out (a browser's shared stream).
async fn layout_stream(state: AppState, headers: http::HeaderMap, keys: Vec<String>, strict: bool) -> Response {
    use axum::response::sse::{Event, KeepAlive, Sse};
    use std::sync::Arc;
    let user = match signed_in(&state, &headers).await {
        Ok(user) => Arc::new(user),
        Err(e) => return plain_error(&e),
    };
    let mut watched: Vec<(String, crate::domain::views::CardKind)> = Vec::with_capacity(keys.len());
    for key in keys {
        let seen =
            watched_kind(&state, &key).await.and_then(|kind| super::service::sees_kind(&user, kind).map(|()| kind));
        match seen {
            // Two keys naming one kind (`deal:3`, `deal:03`) are watched once.
            Ok(kind) if watched.iter().any(|(_, k)| *k == kind) => {}
            Ok(kind) => watched.push((key, kind)),
            Err(e) if strict => return plain_error(&e),
            Err(_) => {}
        }
    }
    if watched.is_empty() {
        return plain_error(&AppError::NotFound);
    }
    let tokens = move |store: super::store::Store, user: Arc<crate::api::types::CurrentUser>, watched: Arc<Vec<_>>| async move {
        let kinds: Vec<crate::domain::views::CardKind> = watched.iter().map(|(_, k)| *k).collect::<Vec<_>>();
        super::service::view_tokens(&store, &user, &kinds).await
    };
    let watched = Arc::new(watched);
    let start = tokens(state.store.clone(), user.clone(), watched.clone()).await;
    let until = tokio::time::Instant::now() + STREAM_LIFETIME;
    let pending: std::collections::VecDeque<String> = Default::default();
    let stream = futures::stream::unfold((start, pending), move |(mut seen, mut pending)| {
        let (state, headers, signed, watched) = (state.clone(), headers.clone(), user.id, watched.clone());
        async move {
            loop {
                if let Some(key) = pending.pop_front() {
                    let event = Event::default().event("layout").data(key);
                    return Some((Ok::<_, std::convert::Infallible>(event), (seen, pending)));
                }
                tokio::time::sleep(LAYOUT_POLL).await;
                if SHUTTING_DOWN.load(std::sync::atomic::Ordering::Relaxed) || tokio::time::Instant::now() > until {
                    return None;
                }
                let user = match super::auth::user_from_headers_quietly(&state, &headers).await {
                    Ok(Some(user)) if user.id == signed => Arc::new(user),
                    _ => return None,
                };
                let now = tokens(state.store.clone(), user, watched.clone()).await;
                for (i, token) in now.into_iter().enumerate() {
                    if token.is_some() && token != seen[i] {
                        seen[i] = token;
                        pending.push_back(watched[i].0.clone());
                    }
                }
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

/// The cookie that keeps the language a person chose (on the sign-in page, in their profile).
pub const LANG_COOKIE: &str = "crm_lang";

/// `Set-Cookie` for the chosen language (a year; not a secret, but no script needs it), or
/// to forget the choice (`None`: the browser's language again).
pub fn lang_cookie(lang: Option<Lang>, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    let (value, age) = lang.map_or(("", 0), |l| (l.code(), 31_536_000));
    format!("{LANG_COOKIE}={value}; Path=/; Max-Age={age}; HttpOnly; SameSite=Lax{secure}")
}

/// Every request speaks a language from the start: the one the person chose (the cookie), else
/// their browser's, else the installation's. The page guard then puts a signed-in person's
/// profile (language and time zone) in its place.
async fn locale_of_request(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let lang = cookie_value(req.headers(), LANG_COOKIE)
        .and_then(Lang::from_code)
        .or_else(|| {
            req.headers().get(http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Lang::negotiate)
        })
        .unwrap_or_else(|| state.config.lang());
    let locale = crate::i18n::locale_for(lang, None);
    req.extensions_mut().insert(locale.clone());
    speaking(locale, next.run(req)).await
}

/// Runs a request with `locale` as the request's, while its handler runs and while its answer
/// is written: a page is rendered as its body is polled, after the handler has returned, and
/// then finds its language there at once (`i18n::lang`) instead of up the reactive tree.
async fn speaking(locale: std::sync::Arc<crate::i18n::Locale>, run: impl Future<Output = Response>) -> Response {
    let res = crate::i18n::REQUEST.scope(locale.clone(), run).await;
    res.map(|body| Body::new(Speaking { inner: body, locale }))
}

struct Speaking {
    inner: Body,
    locale: std::sync::Arc<crate::i18n::Locale>,
}

impl HttpBody for Speaking {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        let this = &mut *self;
        crate::i18n::REQUEST.sync_scope(this.locale.clone(), || Pin::new(&mut this.inner).poll_frame(cx))
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// `GET /i18n/ru-<hash>.json`: a language's messages for the browser (`i18n::table_url`). Not a
/// secret, and never different at the same address: kept by browsers for a year.
async fn messages_table(req: Request) -> Response {
    match crate::i18n::table_at(req.uri().path()) {
        Some(table) => (
            [
                (CONTENT_TYPE, HeaderValue::from_static("application/json")),
                (http::header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable")),
            ],
            table,
        )
            .into_response(),
        None => plain_error(&AppError::NotFound),
    }
}

/// `POST /language` (`lang=ru`), the sign-in page's language switch: keeps the choice in a
/// cookie and goes back to the page. Works without JavaScript.
async fn choose_language(State(state): State<AppState>, req: Request) -> Response {
    let back = same_site_referer(&req).unwrap_or_else(|| "/login".into());
    let body = match axum::body::to_bytes(req.into_body(), 1024).await {
        Ok(b) => b,
        Err(_) => return plain_error(&AppError::TooLarge),
    };
    let chosen = std::str::from_utf8(&body)
        .ok()
        .and_then(|b| b.split('&').find_map(|kv| kv.strip_prefix("lang=")))
        .and_then(Lang::from_code);
    let Some(lang) = chosen else {
        return plain_error(&AppError::BadRequest { message: crate::text::err_unknown_language().into() });
    };
    let mut res = Redirect::to(&back).into_response();
    if let Ok(v) = HeaderValue::from_str(&lang_cookie(Some(lang), state.config.secure_cookies)) {
        res.headers_mut().insert(http::header::SET_COOKIE, v);
    }
    res
}

fn is_page(path: &str) -> bool {
    !(path.starts_with("/api/")
        || path.starts_with("/pkg/")
        || is_public_page(path)
        || path.rsplit('/').next().is_some_and(|last| last.contains('.')))
}

/// The pages for people not signed in: sign-in, and the setup page of a new installation.
fn is_public_page(path: &str) -> bool {
    path == "/login" || path == "/setup"
}

/// Pages need a signed-in user; without one the browser goes to the sign-in page, or to the
/// setup page while no user exists. (Server functions check for themselves.)
async fn require_session_for_pages(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if req.method() != Method::GET || !(is_page(path) || is_public_page(path)) {
        return next.run(req).await;
    }
    let unavailable = |e: sqlx::Error| {
        tracing::error!("session lookup failed: {e}");
        (StatusCode::SERVICE_UNAVAILABLE, crate::text::err_internal()).into_response()
    };
    let user = match user_from_headers(&state, req.headers()).await {
        Ok(u) => u,
        Err(e) => return unavailable(e),
    };
    if user.is_none() {
        let mut conn = match state.store.pool.acquire().await {
            Ok(c) => c,
            Err(e) => return unavailable(e),
        };
        match (super::store::users::any_user(&mut conn).await, path == "/setup") {
            (Ok(false), false) => return Redirect::to("/setup").into_response(),
            (Ok(true), true) => return Redirect::to("/login").into_response(),
            (Ok(_), _) => {}
            (Err(e), _) => return unavailable(e),
        }
    }
    match (user, is_public_page(path)) {
        (None, false) => Redirect::to("/login").into_response(),
        (Some(_), true) => Redirect::to("/crm/deal").into_response(),
        (user, _) => {
            // The server functions this page's render calls take the user from here instead
            // of looking the session up again (auth::require_user).
            let Some(user) = user else { return next.run(req).await };
            let chosen = user.language.as_deref().and_then(Lang::from_code);
            let cookie = cookie_value(req.headers(), LANG_COOKIE).and_then(Lang::from_code);
            let lang = chosen.unwrap_or_else(crate::i18n::lang);
            let locale = crate::i18n::locale_for(lang, user.time_zone.as_deref());
            req.extensions_mut().insert(locale.clone());
            req.extensions_mut().insert(super::auth::PageUser(user));
            let mut res = speaking(locale, next.run(req)).await;
            // The profile's language, chosen on another device, wins over this browser's cookie.
            if let Some(chosen) = chosen.filter(|c| cookie != Some(*c)) {
                if let Ok(v) = HeaderValue::from_str(&lang_cookie(Some(chosen), state.config.secure_cookies)) {
                    res.headers_mut().append(http::header::SET_COOKIE, v);
                }
            }
            res
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_must_name_the_host_the_page_came_from() {
        assert!(origin_matches_host("http://127.0.0.1:3000", "127.0.0.1:3000"));
        assert!(origin_matches_host("https://CRM.example.com", "crm.example.com"));
        assert!(!origin_matches_host("http://evil.example", "127.0.0.1:3000"));
        assert!(!origin_matches_host("http://127.0.0.1:3000.evil.example", "127.0.0.1:3000"));
        assert!(!origin_matches_host("null", "127.0.0.1:3000"));
        assert!(!origin_matches_host("http://127.0.0.1:3000", ""));
    }

    #[test]
    fn file_names_travel_percent_encoded_both_ways() {
        assert_eq!(percent_decode("%E2%82%AC%20offer.pdf"), "€ offer.pdf");
        assert_eq!(percent_decode("100%25%zz"), "100%%zz");
        assert_eq!(percent_encode("€ offer\"a.pdf"), "%E2%82%AC%20offer%22a.pdf");
        assert_eq!(percent_decode(&percent_encode("Договор №5.pdf")), "Договор №5.pdf");
    }

    #[test]
    fn the_way_back_from_a_form_error_stays_on_this_site() {
        let req = |referer: &str| {
            Request::builder()
                .header(HOST, "crm.example.com")
                .header(http::header::REFERER, referer)
                .body(Body::empty())
                .unwrap_or_default()
        };
        assert_eq!(same_site_referer(&req("https://crm.example.com/login?error=1")), Some("/login?error=1".into()));
        assert_eq!(same_site_referer(&req("https://crm.example.com//evil.example/x")), None);
        assert_eq!(same_site_referer(&req("https://crm.example.com/\\evil.example")), None);
        assert_eq!(same_site_referer(&req("https://evil.example/login")), None);
        assert_eq!(same_site_referer(&req("https://crm.example.com.evil.example/login")), None);
    }

    #[test]
    fn pages_are_everything_but_the_api_assets_and_sign_in() {
        assert!(is_page("/crm/deal/3"));
        assert!(is_page("/crm/deal"));
        assert!(!is_page("/api/card"));
        assert!(!is_page("/pkg/crm-card.wasm"));
        assert!(!is_page("/favicon.ico"));
        assert!(!is_page("/login"));
        assert!(!is_page("/setup"));
    }
}
