//! Uploading and downloading the files of file fields. Plain HTTP (not server functions): a
//! file travels as the raw request or response body, not inside JSON.

use super::{entity_of, fields_for, known_fresh};
use crate::api::types::CurrentUser;
use crate::domain::access::{Action, Scope};
use crate::domain::FileRef;
use crate::error::AppError;
use crate::server::store::files::{self, NewFile};
use crate::server::store::{items, now_ms, Store};
use crate::text;

/// Longest file name kept.
const MAX_NAME: usize = 200;

/// A file name as stored: no path, no control characters, not empty.
pub fn clean_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let name: String = base.chars().filter(|c| !c.is_control()).take(MAX_NAME).collect();
    let name = name.trim().to_string();
    if name.is_empty() || name == "." || name == ".." {
        "file".into()
    } else {
        name
    }
}

/// Stores an upload for a save to come. At most `max_pending` uploads of a user may wait for
/// their save (configuration `max_pending_uploads`).
pub async fn upload(
    store: &Store,
    max_pending: i64,
    user: &CurrentUser,
    entity: &str,
    name: &str,
    content_type: &str,
    data: &[u8],
) -> Result<FileRef, AppError> {
    let entity = entity_of(entity)?;
    known_fresh(store, entity).await?;
    // A file is uploaded to be put in an item being created or changed.
    let scope = |a| user.rights.scope(entity, a);
    if scope(Action::Create) == Scope::None && scope(Action::Update) == Scope::None {
        return Err(AppError::Forbidden);
    }
    if data.is_empty() {
        return Err(AppError::BadRequest { message: text::err_file_empty().into() });
    }
    let name = clean_name(name);
    let content_type: String = content_type.chars().filter(|c| c.is_ascii_graphic() || *c == ' ').take(100).collect();
    let mut conn = store.pool.acquire().await?;
    let new = NewFile { entity, name: &name, content_type: &content_type, data, user_id: user.id, now: now_ms() };
    let id = files::insert(&mut conn, new, max_pending)
        .await?
        .ok_or_else(|| AppError::Limit { message: text::err_pending_uploads(max_pending) })?;
    Ok(FileRef { id, name, size: data.len() as i64 })
}

/// A file to send: who may have it is decided here.
pub struct Download {
    pub name: String,
    pub content_type: &'static str,
    pub data: Vec<u8>,
}

/// Types a browser may show inline without risk; everything else is sent as bytes to save.
fn safe_type(stored: &str) -> &'static str {
    const SAFE: [&str; 7] =
        ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain", "text/csv"];
    SAFE.into_iter().find(|t| stored.eq_ignore_ascii_case(t)).unwrap_or("application/octet-stream")
}

/// The file, for a user who may see the field it belongs to on an existing item, or for its
/// uploader before it is attached. Anything else is "not found".
pub async fn download(store: &Store, user: &CurrentUser, id: i64) -> Result<Download, AppError> {
    let mut conn = store.pool.acquire().await?;
    let file = files::file(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let allowed = match (file.item_id, &file.field_code) {
        (Some(item_id), Some(code)) => {
            let readable = items::item(&mut conn, file.entity, item_id)
                .await?
                .is_some_and(|row| super::may(user, file.entity, crate::domain::access::Action::Read, &row.owner()));
            let cfg = store.config.fresh(&mut conn).await?;
            readable && fields_for(&cfg, &mut conn, file.entity, user).await?.visible.iter().any(|f| f.code == *code)
        }
        _ => file.created_by == Some(user.id),
    };
    if !allowed {
        return Err(AppError::NotFound);
    }
    Ok(Download { name: file.name, content_type: safe_type(&file.content_type), data: file.data })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_their_path_and_control_characters() {
        assert_eq!(clean_name("C:\\Users\\anna\\offer.pdf"), "offer.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\u{0}b\nc.txt"), "abc.txt");
        assert_eq!(clean_name(".."), "file");
        assert_eq!(clean_name(""), "file");
    }

    #[test]
    fn only_harmless_types_are_sent_as_themselves() {
        assert_eq!(safe_type("image/PNG"), "image/png");
        assert_eq!(safe_type("text/html"), "application/octet-stream");
        assert_eq!(safe_type("image/svg+xml"), "application/octet-stream");
    }
}
