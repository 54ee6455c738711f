//! Every string the product shows. The messages are in `locales/<lang>.ftl` (English defines
//! them); `build.rs` makes one function per message here, `text::sign_in()` or
//! `text::items_chosen(n)`, which speaks the language of the request being served
//! (`crate::i18n`). The functions below put together what needs more than one message. User
//! data (labels, section names, values) is never translated.

use crate::domain::{EntityType, TabCode};

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// The browser tab's title for a page about `subject` (user data allowed).
///
/// leptos_meta 0.8.7 writes `<Title>` text into the server's HTML unescaped, so a title
/// holding `</title><script>` would run as script. Inside `<title>` only `<` can start that
/// break-out; it is shown as the look-alike `‹`, the same on the server and in the browser.
pub fn page_title(subject: &str) -> String {
    format!("{} — {}", subject.replace('<', "‹"), product())
}

/// The singular and plural names the system types ship with, in the language of the request
/// (admins may rename them; the registry keeps the names in force).
pub fn system_type_names(e: EntityType) -> Option<(&'static str, &'static str)> {
    Some(match e {
        EntityType::LEAD => (type_lead(), type_leads()),
        EntityType::DEAL => (type_deal(), type_deals()),
        EntityType::CONTACT => (type_contact(), type_contacts()),
        EntityType::COMPANY => (type_company(), type_companies()),
        EntityType::INVOICE => (type_invoice(), type_invoices()),
        EntityType::QUOTE => (type_quote(), type_quotes()),
        _ => return None,
    })
}

/// Whether `name`/`plural` are the names a system type was installed with, in any language.
pub fn is_installed_type_name(e: EntityType, name: &str, plural: &str) -> bool {
    #[cfg(feature = "ssr")]
    let installed = crate::i18n::Lang::ALL
        .into_iter()
        .any(|l| crate::i18n::with_lang(l, || system_type_names(e)) == Some((name, plural)));
    #[cfg(not(feature = "ssr"))]
    let installed = system_type_names(e) == Some((name, plural));
    installed
}

pub fn tab(t: TabCode) -> &'static str {
    match t {
        TabCode::General => tab_general(),
        TabCode::Relations => tab_relations(),
        TabCode::History => tab_history(),
    }
}

/// Sign-in refused for a while after too many failures.
pub fn err_too_many_attempts(retry_after_secs: i64) -> String {
    if retry_after_secs <= 90 {
        err_too_many_attempts_seconds(retry_after_secs.max(1))
    } else {
        err_too_many_attempts_minutes((retry_after_secs + 59) / 60)
    }
}

pub fn field_type_name(t: crate::domain::FieldType) -> &'static str {
    use crate::domain::FieldType as T;
    match t {
        T::String => field_type_string(),
        T::Integer => field_type_integer(),
        T::Number => field_type_number(),
        T::Boolean => field_type_boolean(),
        T::Date => field_type_date(),
        T::DateTime => field_type_datetime(),
        T::Money => field_type_money(),
        T::Url => field_type_url(),
        T::Email => field_type_email(),
        T::Phone => field_type_phone(),
        T::Address => field_type_address(),
        T::List => field_type_list(),
        T::File => field_type_file(),
        T::User => field_type_user(),
        T::CrmItem => field_type_crm_item(),
        T::Booking => field_type_booking(),
    }
}

pub fn scope(s: crate::domain::access::Scope) -> &'static str {
    use crate::domain::access::Scope;
    match s {
        Scope::None => scope_none(),
        Scope::Own => scope_own(),
        Scope::Department => scope_department(),
        Scope::All => scope_all(),
    }
}

pub fn action(a: crate::domain::access::Action) -> &'static str {
    use crate::domain::access::Action;
    match a {
        Action::Read => action_read(),
        Action::Create => action_create(),
        Action::Update => action_update(),
        Action::Delete => action_delete(),
        Action::Export => action_export(),
    }
}

pub fn change_text(c: &crate::domain::layout_ops::LayoutChange, label: &dyn Fn(&str) -> String) -> String {
    use crate::domain::layout_ops::LayoutChange as C;
    match c {
        C::SectionAdded { title } => change_section_added(title),
        C::SectionRemoved { title } => change_section_removed(title),
        C::SectionRenamed { from, to } => change_section_renamed(from, to),
        C::SectionsReordered => change_sections_reordered().into(),
        C::FieldShown { code, section } => change_field_shown(label(code), section),
        C::FieldHidden { code } => change_field_hidden(label(code)),
        C::FieldMoved { code, section } => change_field_moved(label(code), section),
        C::TabHidden { tab } => change_tab_hidden(self::tab(*tab)),
        C::TabShown { tab } => change_tab_shown(self::tab(*tab)),
        C::TabsReordered => change_tabs_reordered().into(),
    }
}

pub fn layout_conflict(c: &crate::domain::layout_ops::OpConflict) -> String {
    use crate::domain::layout_ops::OpConflict as C;
    match c {
        C::SectionGone { .. } => conflict_section_gone().into(),
        C::SectionExists { .. } => conflict_section_exists().into(),
        C::FieldHidden { code } => conflict_field_hidden(code),
        C::UnknownField { code } => conflict_unknown_field(code),
        C::BadTitle => conflict_bad_title(crate::domain::layout_ops::MAX_SECTION_TITLE),
        C::LastTab => conflict_last_tab().into(),
    }
}

pub fn bin_hint(everybody: bool, days: i64) -> String {
    if everybody {
        bin_hint_everybody(days)
    } else {
        bin_hint_own(days)
    }
}

pub fn yes_no(b: bool) -> &'static str {
    if b {
        yes()
    } else {
        no()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_title_cannot_close_the_title_element() {
        let t = page_title("Deal </title><script>alert(1)</script>");
        assert!(!t.contains('<'), "{t}");
        assert_eq!(page_title("Acme & Co"), "Acme & Co — CRM Card");
    }
}
