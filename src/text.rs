//! Every string the product shows, in one place, so that translation is a table and not a hunt.
//! English for now; Russian, Portuguese and Italian will replace these constants with a lookup
//! by the user's language. User data (labels, section names, values) is never translated.

use crate::domain::{EntityType, TabCode};

pub const PRODUCT: &str = "CRM Card";

/// The browser tab's title for a page about `subject` (user data allowed).
///
/// leptos_meta 0.8.7 writes `<Title>` text into the server's HTML unescaped, so a title
/// holding `</title><script>` would run as script. Inside `<title>` only `<` can start that
/// break-out; it is shown as the look-alike `‹`, the same on the server and in the browser.
pub fn page_title(subject: &str) -> String {
    format!("{} — {PRODUCT}", subject.replace('<', "‹"))
}

/// The singular and plural names the system types ship with (admins may rename them; the
/// registry keeps the names in force).
pub fn system_type_names(e: EntityType) -> Option<(&'static str, &'static str)> {
    Some(match e {
        EntityType::LEAD => ("Lead", "Leads"),
        EntityType::DEAL => ("Deal", "Deals"),
        EntityType::CONTACT => ("Contact", "Contacts"),
        EntityType::COMPANY => ("Company", "Companies"),
        EntityType::INVOICE => ("Invoice", "Invoices"),
        EntityType::QUOTE => ("Quote", "Quotes"),
        _ => return None,
    })
}

pub fn tab(t: TabCode) -> &'static str {
    match t {
        TabCode::General => "General",
        TabCode::Relations => "Relations",
        TabCode::History => "History",
    }
}

// Login
pub const LOGIN_TITLE: &str = "Sign in";
pub const EMAIL: &str = "Email";
pub const PASSWORD: &str = "Password";
pub const SIGN_IN: &str = "Sign in";
pub const SIGN_OUT: &str = "Sign out";
pub const SIGN_OUT_EVERYWHERE: &str = "Sign out everywhere";
pub const SIGN_OUT_EVERYWHERE_HINT: &str = "Ends your sessions in every browser and device, this one too.";
pub const LOGIN_FAILED: &str = "Wrong email or password.";

// Lists
pub const SEARCH: &str = "Search";
pub const SEARCH_PLACEHOLDER: &str = "Name, phone, email…";
pub const ALL_STAGES: &str = "All stages";
pub const FILTER: &str = "Filter";
pub const NEW: &str = "New";
pub const NOTHING_FOUND: &str = "Nothing found.";
pub const NEXT_PAGE: &str = "Next page";
pub const FIRST_PAGE: &str = "First page";
pub const COL_NAME: &str = "Name";
pub const COL_STAGE: &str = "Stage";
pub const COL_RESPONSIBLE: &str = "Responsible";
pub const COL_UPDATED: &str = "Updated";
pub const COL_AMOUNT: &str = "Amount";

// Card
pub const EDIT: &str = "Edit";
pub const SAVE: &str = "Save";
pub const CANCEL: &str = "Cancel";
pub const CREATE: &str = "Create";
pub const SAVING: &str = "Saving…";
pub const ADD_ANOTHER: &str = "+ add";
pub const REMOVE: &str = "Remove";
pub const EMPTY_VALUE: &str = "not filled";
pub const RESPONSIBLE: &str = "Responsible";
pub const PIPELINE: &str = "Pipeline";
pub const CREATED: &str = "Created";
pub const YES: &str = "Yes";
pub const NO: &str = "No";
pub const CHOOSE: &str = "— choose —";
pub const ITEM_SEARCH_PLACEHOLDER: &str = "Type to search…";
pub const STREET: &str = "Street";
pub const CITY: &str = "City";
pub const REGION: &str = "Region";
pub const POSTCODE: &str = "Postcode";
pub const COUNTRY: &str = "Country";
pub const AMOUNT: &str = "Amount";
pub const CURRENCY: &str = "Currency";
pub const CONFIRM_FINAL_STAGE: &str = "Move the item to the final stage";
pub const CONFIRM: &str = "Confirm";
pub const NEW_ITEM_TITLE: &str = "New";
pub const NO_RELATIONS: &str = "No linked items yet.";
pub const LINKS_FROM: &str = "This item refers to";
pub const LINKS_TO: &str = "Items referring to this one";
pub const NO_HISTORY: &str = "No field has been changed yet.";
pub const HISTORY_FIELD: &str = "Field";
pub const HISTORY_OLD: &str = "Old value";
pub const HISTORY_NEW: &str = "New value";
pub const HISTORY_WHO: &str = "Changed by";
pub const HISTORY_WHEN: &str = "When";
pub const LOADING: &str = "Loading…";
pub const CONFLICT_TAKE_THEIRS: &str = "Use their value";
pub const CONFLICT_KEEP_MINE: &str = "Keep mine";
pub fn conflict_message(current: &str) -> String {
    format!("Someone else changed this meanwhile to “{current}”.")
}
pub const CONFLICT_EMPTIED: &str = "Someone else emptied this field meanwhile.";
pub const SAVED_MERGED: &str = "Saved. Changes made by others meanwhile are shown too.";

// Timeline
pub const TIMELINE: &str = "Timeline";
pub const COMMENT_PLACEHOLDER: &str = "Leave a comment… (Ctrl+Enter sends)";
pub const SEND: &str = "Send";
pub const LOAD_MORE: &str = "Load more";
pub const EVENT_CREATED: &str = "Item created";
pub const EVENT_FIELD_CHANGED: &str = "Fields changed";
pub const EVENT_STAGE_CHANGED: &str = "Stage changed";
pub const EVENT_COMMENT: &str = "Comment";
pub const SYSTEM_AUTHOR: &str = "System";
pub const TIMELINE_EMPTY: &str = "Nothing has happened yet.";

// Errors (shown to people: clear, and never with internals)
pub const ERR_UNAUTHENTICATED: &str = "Please sign in again.";
pub const ERR_FORBIDDEN: &str = "You do not have access to this.";
pub const ERR_NOT_FOUND: &str = "Not found. It may have been deleted, or the address is wrong.";
pub const ERR_BAD_REQUEST: &str = "The request was not understood. Reload the page and try again.";
pub const ERR_TOO_LARGE: &str = "Too much data was sent at once.";
pub const BACK: &str = "Back";
/// An upload refused: too many of the user's uploads wait for a save.
pub fn err_pending_uploads(max: i64) -> String {
    format!(
        "You have {max} uploaded files waiting to be saved. Save the card they belong to (or cancel its \
         changes) before uploading more."
    )
}
/// A personal card view refused a new section.
pub fn err_personal_sections(max: usize) -> String {
    format!("A personal card view can have at most {max} sections. Remove or merge one to add another.")
}
pub const ERR_SETUP_CLOSED: &str = "This setup link is used up or out of date. If nobody has signed in yet, \
     restart the server for a new one, or run `crm-card create-admin`.";
pub const SETUP_TITLE: &str = "Set up CRM Card";
pub const SETUP_INTRO: &str = "No user exists yet. Create the first administrator: they can then add everybody \
     else in Settings → Access.";
pub const SETUP_NEEDS_TOKEN: &str = "To create the first administrator, open the setup address the server printed \
     when it started (it holds a one-time token), or run `crm-card create-admin --email EMAIL` on the server.";
pub const YOUR_NAME: &str = "Your name";
pub const CREATE_ADMIN: &str = "Create administrator";
/// Sign-in refused for a while after too many failures.
pub fn err_too_many_attempts(retry_after_secs: i64) -> String {
    let wait = if retry_after_secs <= 90 {
        format!("{} seconds", retry_after_secs.max(1))
    } else {
        format!("{} minutes", (retry_after_secs + 59) / 60)
    };
    format!("Too many failed sign-ins. Try again in {wait}, or ask an administrator to reset your password.")
}
pub const ERR_UNKNOWN_HOST: &str = "This server does not answer to that host name. An administrator can add it to \
     public_hosts (CRM_PUBLIC_HOSTS).";
pub const ERR_INTERNAL: &str = "Something went wrong on our side. Nothing was lost; please try again.";
pub const ERR_NETWORK: &str = "The server could not be reached. Check the connection and try again.";
pub const ERR_VALIDATION: &str = "Some fields need attention.";
pub const ERR_CONFLICT: &str = "Someone else changed this item meanwhile.";
pub const ERR_REQUIRED_FIELDS: &str = "Fill in the required fields first:";
pub const ERR_UNKNOWN_STAGE: &str = "That stage does not belong to this item's pipeline.";
pub const ERR_COMMENT_EMPTY: &str = "Write something first.";
pub const ERR_PAGE_NOT_FOUND: &str = "Page not found.";

pub const ERR_NOT_INTEGER: &str = "Enter a whole number, e.g. 42.";
pub const ERR_NOT_NUMBER: &str = "Enter a number, e.g. 12.5.";
pub const ERR_NOT_DATE: &str = "Enter a date.";
pub const ERR_NOT_DATETIME: &str = "Enter a date and a time.";
pub const ERR_NOT_AMOUNT: &str = "Enter an amount, e.g. 1250.00.";
pub const ERR_UNKNOWN_CURRENCY: &str = "Choose a currency from the list.";
pub const ERR_NOT_URL: &str = "Enter a web address, e.g. https://example.com.";
pub const ERR_NOT_EMAIL: &str = "Enter an email address, e.g. name@example.com.";
pub const ERR_NOT_PHONE: &str = "Enter a phone number: digits, spaces, + ( ) -.";
pub const ERR_UNKNOWN_OPTION: &str = "Choose one of the options.";
pub const ERR_UNKNOWN_REFERENCE: &str = "Choose an existing entry.";
/// An item a field points to that the reader may not open: its title is not theirs to see.
pub const ITEM_HIDDEN: &str = "Hidden item";
/// An item a field points to that is in the recycle bin.
pub const ITEM_DELETED: &str = "Deleted item";
pub const ERR_NOT_YES_NO: &str = "Choose yes or no.";
pub const ERR_WRONG_INPUT: &str = "This value does not fit the field.";
pub const ERR_REQUIRED: &str = "Required.";
pub const ERR_UNKNOWN_FIELD: &str = "This field does not exist or cannot be edited here.";
pub const ERR_END_BEFORE_START: &str = "The end must be after the start.";
pub const ERR_ALREADY_BOOKED: &str = "This resource is already booked at that time.";
pub const ERR_UNKNOWN_FILE: &str = "Upload the file again: it was not found.";
pub const ERR_FILE_TOO_LARGE: &str = "The file is too large.";
pub const ERR_FILE_EMPTY: &str = "The file is empty.";

// Field settings errors
pub const ERR_LABEL_EMPTY: &str = "Give the field a name.";
pub const ERR_TYPE_FIXED: &str = "The type of a field cannot change after it is created.";
pub const ERR_MULTIPLE_FIXED: &str = "Whether a field holds several values cannot change after it is created.";
pub const ERR_NOT_MULTIPLE: &str = "A field of this type holds one value.";
pub const ERR_NO_OPTIONS: &str = "Add at least one option.";
pub const ERR_OPTION_BLANK: &str = "An option has no text.";
pub const ERR_STAGE_GONE: &str = "One of the chosen stages no longer exists.";
pub const ERR_SYSTEM_RESTRICTED: &str = "System fields are seen by everybody; only custom fields can be restricted.";
pub const ERR_SYSTEM_FIELD: &str = "System fields cannot be deleted; hide them instead.";
pub const ERR_TOO_MANY_FIELDS: &str = "This type has as many custom fields as it can hold.";
pub const ERR_UNKNOWN_PEOPLE: &str = "Choose existing users and departments.";

pub const CHOOSE_FILE: &str = "Choose a file";
pub const UPLOADING: &str = "Uploading…";
pub const RESOURCE: &str = "Resource";
pub const BOOKING_START: &str = "Start";
pub const BOOKING_END: &str = "End";

// Fields: create, configure, delete (card settings and CRM settings → Custom fields)
pub const SETTINGS: &str = "Settings";
pub const CUSTOM_FIELDS: &str = "Custom fields";
pub const CREATE_FIELD: &str = "Create field";
pub const CONFIGURE: &str = "Configure";
pub const DELETE_FIELD: &str = "Delete field";
pub const FIELD_TYPE: &str = "Type";
pub const FIELD_LABEL: &str = "Name";
pub const FIELD_KIND: &str = "Kind";
pub const SYSTEM_FIELD: &str = "System";
pub const CUSTOM_FIELD: &str = "Custom";
pub const MULTIPLE_SHORT: &str = "multiple";
pub const FIELD_MULTIPLE: &str = "Several values";
pub const FIELD_MULTILINE: &str = "Several lines of text";
pub const FIELD_ITEM_TYPES: &str = "May point to";
pub const FIELD_OPTIONS: &str = "Options";
pub const FIELD_RESOURCES: &str = "Resources";
pub const FIELD_OPTION: &str = "Option";
pub const ADD_OPTION: &str = "+ Add option";
pub const DEFAULT_CURRENCY: &str = "Default currency";
pub const REQUIRED_LEGEND: &str = "Required";
pub const REQUIRED_ALWAYS: &str = "Always";
pub const REQUIRED_AT: &str = "At";
pub const REQUIRED_AT_STAGES: &str = "Or only from these stages on:";
pub const VISIBILITY: &str = "Visibility";
pub const RESTRICT_VISIBILITY: &str = "Only chosen people see this field";
pub const VISIBILITY_HINT: &str = "Administrators always see it. Everybody else sees neither the field nor its values.";
pub const EVERYONE: &str = "Everyone";
pub const ADMINS_ONLY: &str = "Administrators only";
pub const USERS: &str = "Users";
pub const DEPARTMENTS: &str = "Departments";
pub const ACTIONS: &str = "Actions";

pub fn configure_field(label: &str) -> String {
    format!("Configure “{label}”")
}

pub fn field_saved(label: &str) -> String {
    format!("“{label}” saved.")
}

pub fn field_deleted(label: &str) -> String {
    format!("“{label}” and its values were deleted.")
}

pub fn delete_field_warning(label: &str) -> String {
    format!("Delete “{label}”? Its values in every item and their history are deleted too. This cannot be undone.")
}

pub fn field_type(t: crate::domain::FieldType) -> &'static str {
    use crate::domain::FieldType as T;
    match t {
        T::String => "String",
        T::Integer => "Integer",
        T::Number => "Number",
        T::Boolean => "Yes / no",
        T::Date => "Date",
        T::DateTime => "Date and time",
        T::Money => "Money",
        T::Url => "Web address",
        T::Email => "Email",
        T::Phone => "Phone",
        T::Address => "Address",
        T::List => "List",
        T::File => "File",
        T::User => "User",
        T::CrmItem => "CRM item",
        T::Booking => "Resource booking",
    }
}

pub const EXPORT_CSV: &str = "Export CSV";

// CRM settings → Access
pub const ACCESS: &str = "Access";
pub const ROLES: &str = "Roles";
pub const ROLE: &str = "Role";
pub const NEW_USER: &str = "New user";
pub const NEW_DEPARTMENT: &str = "New department";
pub const NEW_ROLE: &str = "New role";
pub const NAME: &str = "Name";
pub const PASSWORD_KEEP: &str = "New password (empty: unchanged)";
pub const DEPARTMENT: &str = "Department";
pub const PARENT_DEPARTMENT: &str = "Parent department";
pub const HEAD: &str = "Head";
pub const ACTIVE: &str = "Active";
pub const INACTIVE: &str = "Inactive";
pub const NONE: &str = "—";
pub const ALLOW_MY_VIEW: &str = "Allow my card view";
pub const ADMIN_FLAG: &str = "Administrator (CRM settings)";
pub const SAVED_OK: &str = "Saved.";
pub const DELETED_OK: &str = "Deleted.";
pub const ERR_NAME_EMPTY: &str = "Enter a name.";
pub const ERR_EMAIL_TAKEN: &str = "Another user has this email.";
pub const ERR_ROLE_TAKEN: &str = "Another role has this name.";
pub const ERR_DEACTIVATE_SELF: &str = "You cannot switch yourself off.";
pub const ERR_DEPARTMENT_LOOP: &str = "A department cannot be inside itself.";
pub const ERR_DEPARTMENT_NOT_EMPTY: &str = "Move its people and sub-departments elsewhere first.";

pub fn err_password_short(min: usize) -> String {
    format!("A password needs at least {min} characters.")
}

pub fn scope(s: crate::domain::access::Scope) -> &'static str {
    use crate::domain::access::Scope;
    match s {
        Scope::None => "None",
        Scope::Own => "Own",
        Scope::Department => "Department",
        Scope::All => "All",
    }
}

pub fn action(a: crate::domain::access::Action) -> &'static str {
    use crate::domain::access::Action;
    match a {
        Action::Read => "Read",
        Action::Create => "Create",
        Action::Update => "Update",
        Action::Delete => "Delete",
        Action::Export => "Export",
    }
}

// Layout editing
pub const CONFIGURE_CARD: &str = "Card settings";
pub const FINISH_CONFIGURATION: &str = "Finish configuration";
pub const SAVE_EDIT_FIRST: &str = "Save or cancel the section you are editing first.";
pub const LEAVE_UNSAVED: &str = "Leave this card? What you typed in the section being edited is not saved.";
pub const CREATE_SECTION: &str = "Create section";
pub const SECTION_NAME: &str = "Section name";
pub const RENAME: &str = "Rename";
pub const DELETE_SECTION: &str = "Delete section";
pub const DELETE: &str = "Delete";
pub const DELETE_SECTION_WARNING: &str =
    "Its fields will be hidden from the card. Their data stays, and they can be shown again.";
pub const HIDE: &str = "Hide";
pub const SHOW: &str = "Show";
pub const SELECT_FIELD: &str = "Select field";
pub const NO_HIDDEN_FIELDS: &str = "Every field is on the card.";
pub const TABS: &str = "Tabs";
pub const LAYOUT_HISTORY: &str = "Layout history";
pub const ROLL_BACK: &str = "Roll back to this version";
pub const SAVED: &str = "Saved";
pub const SAVE_FAILED: &str = "Not saved";
pub const LAYOUT_MERGED: &str = "Changes made by others meanwhile were kept.";
pub const LAYOUT_PARTLY: &str = "Some changes could not be applied:";
pub const DRAG_HINT: &str = "Space lifts, arrow keys move, Space drops, Escape cancels.";
pub fn move_handle(name: &str) -> String {
    format!("Move {name}")
}
pub fn lifted(name: &str) -> String {
    format!("{name} lifted. {DRAG_HINT}")
}
pub fn moved_to(name: &str, position: usize, count: usize, section: &str) -> String {
    format!("{name}: position {position} of {count} in {section}.")
}
pub fn dropped(name: &str, section: &str) -> String {
    format!("{name} dropped in {section}.")
}
pub fn cancelled(name: &str) -> String {
    format!("Move of {name} cancelled.")
}
pub fn version_label(version: i64) -> String {
    format!("Version {version}")
}
pub fn rolled_back_to(version: i64) -> String {
    format!("Rolled back to version {version}")
}
pub fn change_text(c: &crate::domain::layout_ops::LayoutChange, label: &dyn Fn(&str) -> String) -> String {
    use crate::domain::layout_ops::LayoutChange as C;
    match c {
        C::SectionAdded { title } => format!("Section “{title}” created"),
        C::SectionRemoved { title } => format!("Section “{title}” deleted"),
        C::SectionRenamed { from, to } => format!("Section “{from}” renamed to “{to}”"),
        C::SectionsReordered => "Sections reordered".into(),
        C::FieldShown { code, section } => format!("{} shown in “{section}”", label(code)),
        C::FieldHidden { code } => format!("{} hidden", label(code)),
        C::FieldMoved { code, section } => format!("{} moved to “{section}”", label(code)),
        C::TabHidden { tab } => format!("Tab {} hidden", self::tab(*tab)),
        C::TabShown { tab } => format!("Tab {} shown", self::tab(*tab)),
        C::TabsReordered => "Tabs reordered".into(),
    }
}
pub const ERR_LAYOUT_ADMIN_ONLY: &str = "Only administrators can change the common card view.";
pub const ERR_TOO_MANY_OPS: &str = "Too many changes at once; save in smaller steps.";
pub const ERR_UNKNOWN_VERSION: &str = "That version of the layout does not exist.";
pub fn layout_conflict(c: &crate::domain::layout_ops::OpConflict) -> String {
    use crate::domain::layout_ops::OpConflict as C;
    match c {
        C::SectionGone { .. } => "Its section was deleted by someone else meanwhile.".into(),
        C::SectionExists { .. } => "A section with this id exists already.".into(),
        C::FieldHidden { code } => format!("The field {code} was hidden by someone else meanwhile."),
        C::UnknownField { code } => format!("The field {code} does not exist (any more)."),
        C::BadTitle => {
            format!("A section title needs 1 to {} characters.", crate::domain::layout_ops::MAX_SECTION_TITLE)
        }
        C::LastTab => "At least one tab must stay visible.".into(),
    }
}

pub fn err_too_long(max: usize) -> String {
    format!("Too long: at most {max} characters.")
}

pub fn err_option_twice(label: &str) -> String {
    format!("The option \"{label}\" is there twice.")
}

pub fn err_too_many_entries(max: usize) -> String {
    format!("Too many entries: at most {max}.")
}

// Card views.
pub const VIEW_INITIAL: &str = "Initial view";
pub const VIEW_COMMON: &str = "Common view";
pub const VIEW_MINE: &str = "My view";
pub const VIEW: &str = "View";
pub const VIEWS: &str = "Card views";
pub const CONFIGURING_VIEW: &str = "Configuring";
pub const ENABLE_COMMON_VIEW: &str = "Enable common view";
pub const FORCE_COMMON_VIEW: &str = "Set common view for all users";
pub const RESET_COMMON_VIEW: &str = "Reset to initial view";
pub const CONFIRM_RESET_VIEW: &str =
    "Reset the common view to the initial view? The current arrangement stays in the layout history.";
pub const ENABLE_MY_VIEW: &str = "Enable my view";
pub const DISABLE_MY_VIEW: &str = "Back to the common view";
pub const MY_VIEW_HINT: &str = "Your own view starts as a copy of what you see now; changing it affects nobody else.";
pub const CREATE_VIEW: &str = "Create new view";
pub const EDIT_VIEW: &str = "Rename and assign";
pub const DELETE_VIEW: &str = "Delete view";
pub const CONFIRM_DELETE_VIEW: &str = "Delete this view? The people who work with it go back to the common view.";
pub const VIEW_NAME: &str = "View name";
pub const VIEW_USERS: &str = "Users";
pub const VIEW_DEPARTMENTS: &str = "Departments";
pub const INITIAL_VIEW_FIXED: &str =
    "Everybody sees the initial view. Enable the common view to arrange the card for everybody.";
pub const PREVIEW_AS: &str = "Preview as";
pub const PREVIEW_CHOOSE: &str = "Choose a user or department…";
pub const EXIT_PREVIEW: &str = "Exit preview";
pub const ERR_VIEW_NAME: &str = "Give the view a name (up to 100 characters).";
pub const ERR_VIEW_MEMBERS: &str = "Unknown user or department.";
pub const ERR_VIEW_NOT_OPEN: &str = "That view is not open to you.";
pub const ERR_INITIAL_VIEW: &str = "The initial view cannot be changed; enable the common view first.";

pub fn preview_banner(who: &str) -> String {
    format!("Preview as {who} — read-only: this is the card exactly as they see it.")
}

pub fn preview_cannot_open(who: &str) -> String {
    format!("{who} cannot open this item: for them it does not exist.")
}

pub fn layout_of_pipeline(pipeline: &str) -> String {
    format!("This arranges the cards of the pipeline “{pipeline}”; who sees which view holds for every pipeline.")
}

// Settings → Smart processes
pub const SMART_PROCESSES: &str = "Smart processes";
pub const NEW_SMART_PROCESS: &str = "Create smart process";
pub const TYPE_NAME: &str = "Name (one item)";
pub const TYPE_PLURAL: &str = "Name (several items)";
pub const TYPE_CODE: &str = "Code in addresses";
pub const TYPE_CODE_HINT: &str = "Lowercase letters, digits and hyphens; it cannot change later.";
pub const TYPE_ID: &str = "Id";
pub const TYPE_STAGES_LEGEND: &str = "Stages";
pub const TYPE_STAGES: &str = "Items move through stages (a pipeline with a stage bar)";
pub const SMART_PROCESS: &str = "Smart process";
pub const TYPE_SEVERAL_PIPELINES: &str = "Several pipelines";
pub const TYPE_CLIENT: &str = "Client";
pub const TYPE_CLIENT_CONTACT: &str = "Contact field";
pub const TYPE_CLIENT_COMPANY: &str = "Company field";
pub const TYPE_LINKS: &str = "Items link to";
pub const TYPE_IN_MENU: &str = "Show in the main menu";
pub const TYPE_SYSTEM: &str = "System type";
pub const TYPE_SYSTEM_HINT: &str = "System types can be renamed; their options are fixed.";
pub const DELETE_TYPE: &str = "Delete smart process";
pub const TYPE_DELETED: &str = "The smart process and everything in it were deleted.";
pub const TYPE_CREATED: &str = "Smart process created.";
pub const TYPE_NAME_TO_CONFIRM: &str = "Type its name to confirm";
pub const ERR_TYPE_CODE: &str =
    "The code needs lowercase letters, digits and single hyphens, starting with a letter (at most 30).";
pub const ERR_TYPE_CODE_TAKEN: &str = "Another entity type has this code.";
pub const ERR_UNKNOWN_LINK: &str = "Choose existing entity types (not this one).";
pub const ERR_TYPE_CONFIRM: &str = "Type the name of the smart process exactly to delete it.";
pub const ERR_SYSTEM_TYPE: &str = "System types cannot be deleted.";
pub fn err_type_linked(names: &[String]) -> String {
    format!("Other types link to this one ({}); remove those links first.", names.join(", "))
}

pub fn err_items_in_stages(n: i64) -> String {
    format!("{n} item(s) sit in stages; stages cannot be turned off while items use them.")
}

pub fn err_items_in_pipelines(n: i64) -> String {
    format!("{n} item(s) sit in other pipelines; move them to the first pipeline first.")
}

pub fn err_values_would_go(label: &str, n: i64) -> String {
    format!("{n} item(s) have a value in “{label}”; clear those values first, or they would be lost.")
}

pub fn delete_type_warning(name: &str, items: i64, fields: i64, files: i64) -> String {
    format!(
        "Delete “{name}”? {items} item(s), {fields} custom field(s) and {files} file(s) are deleted with it, \
         and its rights, views and card layouts. This cannot be undone."
    )
}

// Recycle bin
pub const RECYCLE_BIN: &str = "Recycle bin";
pub const RESTORE: &str = "Restore";
pub const DELETE_PERMANENTLY: &str = "Delete permanently";
pub const DELETE_SELECTED: &str = "Delete selected";
pub const SELECT_ITEM: &str = "Select";
pub const CONFIRM_DELETE_ITEM: &str = "Move this item to the recycle bin? It can be restored from there.";
pub const CONFIRM_PURGE: &str =
    "Delete the chosen items for good? Their values, timeline and files cannot be restored.";
pub const BIN_EMPTY: &str = "The recycle bin is empty.";
pub fn bin_hint(everybody: bool, days: i64) -> String {
    let whose = if everybody { "Everybody's deletions" } else { "What you deleted" };
    format!("{whose}. Items are deleted for good {days} days after they were deleted.")
}
pub const COL_TYPE: &str = "Type";
pub const COL_DELETED_BY: &str = "Deleted by";
pub const COL_DELETED_AT: &str = "Deleted";

pub fn in_recycle_bin(when: &str) -> String {
    format!("In the recycle bin since {when}: nobody but administrators sees this item.")
}

/// "+ New Delivery": an item of a linked type created from this card.
pub fn new_of(name: &str) -> String {
    format!("+ {NEW} {name}")
}

pub fn items_chosen(n: usize) -> String {
    format!("{n} item(s) chosen.")
}

pub const REPEAT_LEAD: &str = "Repeat lead";
pub const LAYOUT_OF_REPEAT_LEADS: &str =
    "This arranges the cards of repeat leads; who sees which view holds for every lead.";
pub const REPEAT_LEAD_CHOICE: &str = "Repeat lead (a client already known)";

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
