# English: the key language. Every other file has exactly these keys (build.rs checks).
# Syntax and rules: docs/LANGUAGES.md.
product = CRM Card

## Login

login-title = Sign in
email = Email
password = Password
sign-in = Sign in
sign-out = Sign out
sign-out-everywhere = Sign out everywhere
sign-out-everywhere-hint = Ends your sessions in every browser and device, this one too.
login-failed = Wrong email or password.

## Lists

search = Search
search-placeholder = Name, phone, email…
all-stages = All stages
filter = Filter
new = New
nothing-found = Nothing found.
next-page = Next page
first-page = First page
col-name = Name
col-stage = Stage
col-responsible = Responsible
col-updated = Updated
col-amount = Amount

## Card

edit = Edit
save = Save
cancel = Cancel
create = Create
saving = Saving…
add-another = + add
remove = Remove
empty-value = not filled
responsible = Responsible
pipeline = Pipeline
created = Created
yes = Yes
no = No
choose = — choose —
item-search-placeholder = Type to search…
street = Street
city = City
region = Region
postcode = Postcode
country = Country
amount = Amount
currency = Currency
confirm-final-stage = Move the item to the final stage
confirm = Confirm
new-item-title = New
no-relations = No linked items yet.
links-from = This item refers to
links-to = Items referring to this one
no-history = No field has been changed yet.
history-field = Field
history-old = Old value
history-new = New value
history-who = Changed by
history-when = When
loading = Loading…
conflict-take-theirs = Use their value
conflict-keep-mine = Keep mine
conflict-emptied = Someone else emptied this field meanwhile.
saved-merged = Saved. Changes made by others meanwhile are shown too.

## Timeline

timeline = Timeline
comment-placeholder = Leave a comment… (Ctrl+Enter sends)
send = Send
load-more = Load more
event-created = Item created
event-field-changed = Fields changed
event-stage-changed = Stage changed
event-comment = Comment
system-author = System
timeline-empty = Nothing has happened yet.

## Errors (shown to people: clear, and never with internals)

err-unauthenticated = Please sign in again.
err-forbidden = You do not have access to this.
err-not-found = Not found. It may have been deleted, or the address is wrong.
err-bad-request = The request was not understood. Reload the page and try again.
err-too-large = Too much data was sent at once.
back = Back
# An upload refused: too many of the user's uploads wait for a save.
# A personal card view refused a new section.
err-setup-closed = This setup link is used up or out of date. If nobody has signed in yet, restart the server for a new one, or run `crm-card create-admin`.
setup-title = Set up CRM Card
setup-intro = No user exists yet. Create the first administrator: they can then add everybody else in Settings → Access.
setup-needs-token = To create the first administrator, open the setup address the server printed when it started (it holds a one-time token), or run `crm-card create-admin --email EMAIL` on the server.
your-name = Your name
create-admin = Create administrator
# Sign-in refused for a while after too many failures.
err-unknown-host = This server does not answer to that host name. An administrator can add it to public_hosts (CRM_PUBLIC_HOSTS).
err-internal = Something went wrong on our side. Nothing was lost; please try again.
err-network = The server could not be reached. Check the connection and try again.
err-validation = Some fields need attention.
err-conflict = Someone else changed this item meanwhile.
err-required-fields = Fill in the required fields first:
err-unknown-stage = That stage does not belong to this item's pipeline.
err-comment-empty = Write something first.
err-page-not-found = Page not found.
err-not-integer = Enter a whole number, e.g. 42.
err-not-number = Enter a number, e.g. 12.5.
err-not-date = Enter a date.
err-not-datetime = Enter a date and a time.
err-not-amount = Enter an amount, e.g. 1250.00.
err-unknown-currency = Choose a currency from the list.
err-not-url = Enter a web address, e.g. https://example.com.
err-not-email = Enter an email address, e.g. name@example.com.
err-not-phone = Enter a phone number: digits, spaces, + ( ) -.
err-unknown-option = Choose one of the options.
err-unknown-reference = Choose an existing entry.
# An item a field points to that the reader may not open: its title is not theirs to see.
item-hidden = Hidden item
# An item a field points to that is in the recycle bin.
item-deleted = Deleted item
stage-hidden = Hidden stage
pipeline-hidden = Hidden pipeline
err-not-yes-no = Choose yes or no.
err-wrong-input = This value does not fit the field.
err-required = Required.
err-unknown-field = This field does not exist or cannot be edited here.
err-end-before-start = The end must be after the start.
err-already-booked = This resource is already booked at that time.
err-unknown-file = Upload the file again: it was not found.
err-file-too-large = The file is too large.
err-file-empty = The file is empty.

## Field settings errors

err-label-empty = Give the field a name.
err-type-fixed = The type of a field cannot change after it is created.
err-multiple-fixed = Whether a field holds several values cannot change after it is created.
err-not-multiple = A field of this type holds one value.
err-no-options = Add at least one option.
err-option-blank = An option has no text.
err-stage-gone = One of the chosen stages no longer exists.
err-system-restricted = System fields are seen by everybody; only custom fields can be restricted.
err-system-field = System fields cannot be deleted; hide them instead.
err-too-many-fields = This type has as many custom fields as it can hold.
err-unknown-people = Choose existing users and departments.
choose-file = Choose a file
uploading = Uploading…
resource = Resource
booking-start = Start
booking-end = End

## Fields: create, configure, delete (card settings and CRM settings → Custom fields)

settings = Settings
custom-fields = Custom fields
create-field = Create field
configure = Configure
delete-field = Delete field
field-type = Type
field-label = Name
field-kind = Kind
system-field = System
custom-field = Custom
multiple-short = multiple
field-multiple = Several values
field-multiline = Several lines of text
field-item-types = May point to
field-options = Options
field-resources = Resources
field-option = Option
add-option = + Add option
default-currency = Default currency
required-legend = Required
required-always = Always
required-at = At
required-at-stages = Or only from these stages on:
visibility = Visibility
restrict-visibility = Only chosen people see this field
visibility-hint = Administrators always see it. Everybody else sees neither the field nor its values.
everyone = Everyone
admins-only = Administrators only
users = Users
departments = Departments
actions = Actions
export-csv = Export CSV

## CRM settings → Access

access = Access
roles = Roles
role = Role
new-user = New user
new-department = New department
new-role = New role
name = Name
password-keep = New password (empty: unchanged)
department = Department
parent-department = Parent department
head = Head
active = Active
inactive = Inactive
none = —
allow-my-view = Allow my card view
admin-flag = Administrator (CRM settings)
role-pipelines = Pipelines this role sees (untick one to hide its items, board and name)
saved-ok = Saved.
deleted-ok = Deleted.
err-name-empty = Enter a name.
err-email-taken = Another user has this email.
err-role-taken = Another role has this name.
err-deactivate-self = You cannot switch yourself off.
err-department-loop = A department cannot be inside itself.
err-department-not-empty = Move its people and sub-departments elsewhere first.

## Layout editing

configure-card = Card settings
finish-configuration = Finish configuration
save-edit-first = Save or cancel the section you are editing first.
leave-unsaved = Leave this card? What you typed in the section being edited is not saved.
create-section = Create section
section-name = Section name
rename = Rename
delete-section = Delete section
delete = Delete
delete-section-warning = Its fields will be hidden from the card. Their data stays, and they can be shown again.
hide = Hide
show = Show
select-field = Select field
no-hidden-fields = Every field is on the card.
tabs = Tabs
layout-history = Layout history
roll-back = Roll back to this version
saved = Saved
save-failed = Not saved
layout-merged = Changes made by others meanwhile were kept.
layout-partly = Some changes could not be applied:
drag-hint = Space lifts, arrow keys move, Space drops, Escape cancels.
err-layout-admin-only = Only administrators can change the common card view.
err-too-many-ops = Too many changes at once; save in smaller steps.
err-unknown-version = That version of the layout does not exist.

## Card views.

view-initial = Initial view
view-common = Common view
view-mine = My view
view = View
views = Card views
configuring-view = Configuring
enable-common-view = Enable common view
force-common-view = Set common view for all users
reset-common-view = Reset to initial view
confirm-reset-view = Reset the common view to the initial view? The current arrangement stays in the layout history.
enable-my-view = Enable my view
disable-my-view = Back to the common view
my-view-hint = Your own view starts as a copy of what you see now; changing it affects nobody else.
create-view = Create new view
edit-view = Rename and assign
delete-view = Delete view
confirm-delete-view = Delete this view? The people who work with it go back to the common view.
view-name = View name
view-users = Users
view-departments = Departments
initial-view-fixed = Everybody sees the initial view. Enable the common view to arrange the card for everybody.
preview-as = Preview as
preview-choose = Choose a user or department…
exit-preview = Exit preview
err-view-name = Give the view a name (up to 100 characters).
err-view-members = Unknown user or department.
err-view-not-open = That view is not open to you.
err-initial-view = The initial view cannot be changed; enable the common view first.

## Settings → Smart processes

smart-processes = Smart processes
new-smart-process = Create smart process
type-name = Name (one item)
type-plural = Name (several items)
type-code = Code in addresses
type-code-hint = Lowercase letters, digits and hyphens; it cannot change later.
type-id = Id
type-stages-legend = Stages
type-stages = Items move through stages (a pipeline with a stage bar)
smart-process = Smart process
type-several-pipelines = Several pipelines
type-client = Client
type-client-contact = Contact field
type-client-company = Company field
type-links = Items link to
type-in-menu = Show in the main menu
type-system = System type
type-system-hint = System types can be renamed; their options are fixed.
delete-type = Delete smart process
type-deleted = The smart process and everything in it were deleted.
type-created = Smart process created.
type-name-to-confirm = Type its name to confirm
err-type-code = The code needs lowercase letters, digits and single hyphens, starting with a letter (at most 30).
err-type-code-taken = Another entity type has this code.
err-unknown-link = Choose existing entity types (not this one).
err-type-confirm = Type the name of the smart process exactly to delete it.
err-system-type = System types cannot be deleted.

## Recycle bin

recycle-bin = Recycle bin
restore = Restore
delete-permanently = Delete permanently
delete-selected = Delete selected
select-item = Select
confirm-delete-item = Move this item to the recycle bin? It can be restored from there.
confirm-purge = Delete the chosen items for good? Their values, timeline and files cannot be restored.
bin-empty = The recycle bin is empty.
col-type = Type
col-deleted-by = Deleted by
col-deleted-at = Deleted
repeat-lead = Repeat lead
layout-of-repeat-leads = This arranges the cards of repeat leads; who sees which view holds for every lead.
repeat-lead-choice = Repeat lead (a client already known)

## Messages with arguments

conflict-message = Someone else changed this meanwhile to “{ $current }”.
# An upload refused: too many of the user's uploads wait for a save.
err-pending-uploads = { $max ->
    [one] You have { $max } uploaded file waiting to be saved. Save the card it belongs to (or cancel its changes) before uploading more.
   *[other] You have { $max } uploaded files waiting to be saved. Save the card they belong to (or cancel its changes) before uploading more.
}
# A personal card view refused a new section.
err-personal-sections = { $max ->
    [one] A personal card view can have at most { $max } section. Remove or merge one to add another.
   *[other] A personal card view can have at most { $max } sections. Remove or merge one to add another.
}
err-too-many-attempts-seconds = { $seconds ->
    [one] Too many failed sign-ins. Try again in { $seconds } second, or ask an administrator to reset your password.
   *[other] Too many failed sign-ins. Try again in { $seconds } seconds, or ask an administrator to reset your password.
}
err-too-many-attempts-minutes = { $minutes ->
    [one] Too many failed sign-ins. Try again in { $minutes } minute, or ask an administrator to reset your password.
   *[other] Too many failed sign-ins. Try again in { $minutes } minutes, or ask an administrator to reset your password.
}
configure-field = Configure “{ $label }”
field-saved = “{ $label }” saved.
field-deleted = “{ $label }” and its values were deleted.
delete-field-warning = Delete “{ $label }”? Its values in every item and their history are deleted too. This cannot be undone.
err-password-short = { $min ->
    [one] A password needs at least { $min } character.
   *[other] A password needs at least { $min } characters.
}
move-handle = Move { $name }
lifted = { $name } lifted. Space lifts, arrow keys move, Space drops, Escape cancels.
moved-to = { $name }: position { $position } of { $count } in { $section }.
dropped = { $name } dropped in { $section }.
cancelled = Move of { $name } cancelled.
version-label = Version { $version }
rolled-back-to = Rolled back to version { $version }
change-section-added = Section “{ $title }” created
change-section-removed = Section “{ $title }” deleted
change-section-renamed = Section “{ $old }” renamed to “{ $new }”
change-sections-reordered = Sections reordered
change-field-shown = { $field } shown in “{ $section }”
change-field-hidden = { $field } hidden
change-field-moved = { $field } moved to “{ $section }”
change-tab-hidden = Tab { $tab } hidden
change-tab-shown = Tab { $tab } shown
change-tabs-reordered = Tabs reordered
conflict-section-gone = Its section was deleted by someone else meanwhile.
conflict-section-exists = A section with this id exists already.
conflict-field-hidden = The field { $code } was hidden by someone else meanwhile.
conflict-unknown-field = The field { $code } does not exist (any more).
conflict-bad-title = A section title needs 1 to { $max } characters.
conflict-last-tab = At least one tab must stay visible.
err-too-long = Too long: at most { $max } characters.
err-option-twice = The option “{ $label }” is there twice.
err-too-many-entries = Too many entries: at most { $max }.
preview-banner = Preview as { $who } — read-only: this is the card exactly as they see it.
preview-cannot-open = { $who } cannot open this item: for them it does not exist.
layout-of-pipeline = This arranges the cards of the pipeline “{ $pipeline }”; who sees which view holds for every pipeline.
err-type-linked = Other types link to this one ({ $names }); remove those links first.
err-items-in-stages = { $count ->
    [one] { $count } item sits in stages; stages cannot be turned off while items use them.
   *[other] { $count } items sit in stages; stages cannot be turned off while items use them.
}
err-items-in-pipelines = { $count ->
    [one] { $count } item sits in other pipelines; move it to the first pipeline first.
   *[other] { $count } items sit in other pipelines; move them to the first pipeline first.
}
err-values-would-go = { $count ->
    [one] { $count } item has a value in “{ $label }”; clear it first, or it would be lost.
   *[other] { $count } items have a value in “{ $label }”; clear those values first, or they would be lost.
}
delete-type-warning = Delete “{ $name }”? Everything in it is deleted with it: { $items ->
    [one] { $items } item
   *[other] { $items } items
}, { $fields ->
    [one] { $fields } custom field
   *[other] { $fields } custom fields
}, { $files ->
    [one] { $files } file
   *[other] { $files } files
}, and its rights, views and card layouts. This cannot be undone.
bin-hint-everybody = { $days ->
    [one] Everybody's deletions. Items are deleted for good { $days } day after they were deleted.
   *[other] Everybody's deletions. Items are deleted for good { $days } days after they were deleted.
}
bin-hint-own = { $days ->
    [one] What you deleted. Items are deleted for good { $days } day after they were deleted.
   *[other] What you deleted. Items are deleted for good { $days } days after they were deleted.
}
in-recycle-bin = In the recycle bin since { $when }: nobody but administrators sees this item.
# "+ New Delivery": an item of a linked type created from this card.
new-of = + New { $name }
items-chosen = { $count ->
    [one] { $count } item chosen.
   *[other] { $count } items chosen.
}

## Fixed words

tab-general = General
tab-relations = Relations
tab-history = History
field-type-string = String
field-type-integer = Integer
field-type-number = Number
field-type-boolean = Yes / no
field-type-date = Date
field-type-datetime = Date and time
field-type-money = Money
field-type-url = Web address
field-type-email = Email
field-type-phone = Phone
field-type-address = Address
field-type-list = List
field-type-file = File
field-type-user = User
field-type-crm-item = CRM item
field-type-booking = Resource booking
scope-none = None
scope-own = Own
scope-department = Department
scope-all = All
action-read = Read
action-create = Create
action-update = Update
action-delete = Delete
action-export = Export
size-bytes = { $n } B
size-kb = { $n } KB
size-mb = { $n } MB

## The names system types ship with (seeded in the installation's language)

type-lead = Lead
type-leads = Leads
type-deal = Deal
type-deals = Deals
type-contact = Contact
type-contacts = Contacts
type-company = Company
type-companies = Companies
type-invoice = Invoice
type-invoices = Invoices
type-quote = Quote
type-quotes = Quotes

## Languages and places

language = Language
time-zone = Time zone
profile = Profile
profile-saved = Saved. The page reloads in your language.
err-unknown-language = Choose one of the languages.
err-unknown-time-zone = Choose a time zone from the list.
language-browser = Your browser's language

## Pipelines and stages

pipelines-and-stages = Pipelines and stages
pipelines-of = Pipelines and stages: { $name }
pipelines-hint = Items move through the stages from left to right. Drag a stage by its handle to reorder it; the first stage is where new items start.
pipeline-default = Default
make-default = Make default
new-pipeline = Add pipeline
pipeline-name = Pipeline name
rename-pipeline = Rename pipeline
delete-pipeline = Delete pipeline
move-pipeline-up = Move pipeline up
move-pipeline-down = Move pipeline down
stages-in-progress = In progress
stages-final = Final stages
stage-success-hint = The success stage closes an item as won.
stage-failure-hint = Failure stages close an item as lost; there may be several.
stage-name = Stage name
stage-color = Colour
stage-custom-color = Custom colour
add-stage = Add stage
add-failure-stage = Add failure stage
edit-stage = Edit stage
delete-stage = Delete stage
to-failure = Make failure stage
to-in-progress = Make stage in progress
stage-holds = { $count ->
    [one] { $count } item
   *[other] { $count } items
}
stage-delete-question = { $count ->
    [one] One item is in “{ $stage }”. Choose the stage it moves to; the move is logged on its timeline.
   *[other] { $count } items are in “{ $stage }”. Choose the stage they move to; each move is logged on the item's timeline.
}
pipeline-delete-question = { $count ->
    [one] One item is in the pipeline “{ $pipeline }”. Choose the pipeline and stage it moves to.
   *[other] { $count } items are in the pipeline “{ $pipeline }”. Choose the pipeline and stage they move to.
}
pipeline-delete-empty = Delete the pipeline “{ $pipeline }” with its stages?
stage-delete-empty = Delete the stage “{ $stage }”?
move-items-to = Move items to
pipeline-saved = Saved.
stage-deleted = Stage deleted.
pipeline-deleted = Pipeline deleted.
pipeline-created = Pipeline created.
no-stages-here = This type has no stages. Turn them on in Smart processes.
event-pipeline-changed = Pipeline changed
err-stage-name-taken = Another one here already has this name.
err-stage-color = Choose a colour from the palette or type one like #39a8ef.
err-one-pipeline-only = This type has one pipeline. Allow several pipelines in Smart processes first.
err-default-pipeline = The default pipeline cannot be deleted. Make another pipeline the default first.
err-first-stage = The first stage cannot be deleted: new items start there.
err-success-stage = The success stage stays: it can be renamed and recoloured only.
err-last-failure-stage = A pipeline keeps at least one failure stage.
err-last-in-progress = A pipeline keeps at least one stage in progress.
err-stage-needs-target = { $count ->
    [one] One item is there. Choose where it moves.
   *[other] { $count } items are there. Choose where they move.
}
err-stage-bad-target = Choose a stage to move the items to: of the same pipeline for a stage, of another pipeline for a pipeline.
err-stage-bad-place = Stages in progress stay before the success stage, failure stages after it.
change-pipeline = Change pipeline
change-pipeline-hint = Choose a stage of another pipeline. Fields required at that stage must be filled first; the card then opens in its new pipeline.
change-pipeline-move = Move

## Kanban

view-mode = View
view-list = List
view-kanban = Kanban
board-finals-as-columns = Final stages as columns
board-quick-add = Quick add: title, then Enter
board-lifted = { $title } lifted. Arrow keys choose the stage, Space drops, Escape cancels.
board-over = { $title } over { $stage }: stage { $position } of { $count }.
board-moved = { $title } moved to { $stage }.
required-grid = Required fields by stage
required-grid-hint = A click on a stage makes the field required from that stage on; a click on its first required stage clears it. “Always” is required at every stage.
required-at-stage = { $field } required: { $stage }
board-needs-fields = To move “{ $title }” to { $stage }, fill in:
board-save-and-move = Save and move
board-needs-fields-new = To add “{ $title }”, fill in:
