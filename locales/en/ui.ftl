# The admin app's frame: navigation, sign-in, errors, shared words. English is the reference.

app-name = Actioneer
# The language's own name, shown in language pickers.
language-name = English

format-datetime = %Y-%m-%d %H:%M
format-date = %Y-%m-%d
expiry-forever = Never

nav-skip = Skip to content
nav-label = Main
nav-dashboard = Dashboard
nav-users = Users
nav-survey = Survey
nav-instances = Actions taken
nav-actions = Actions
nav-reasons = Reasons
nav-webhooks = Webhooks
nav-email-templates = Email templates
nav-settings = Settings
nav-translations = Translations
nav-sign-out = Sign out

login-title = Sign in
login-email = Email
login-password = Password
login-submit = Sign in
login-failed = The email or password is wrong, or this account has no access to the admin app.
login-throttled = { $minutes ->
    [0] Too many failed sign-in attempts for this email address or from this network. Try again in a moment.
    [one] Too many failed sign-in attempts for this email address or from this network. Try again in { $minutes } minute.
   *[other] Too many failed sign-in attempts for this email address or from this network. Try again in { $minutes } minutes.
}

setup-title = Create the first administrator
setup-intro = Nobody can sign in yet. Choose the email and password of the first administrator.
setup-name = Name
setup-submit = Create and sign in

account-title = Your settings
account-language = Language
account-language-browser = As my browser asks
account-time-zone = Time zone
account-time-zone-hint = An IANA name such as Europe/Berlin; empty for UTC. Times are shown and entered in this zone.
account-password-title = Password
account-current-password = Current password
account-new-password = New password
account-new-password-hint = At least 8 characters. Your other sessions are signed out; this one stays.
account-password-submit = Change password

home-welcome = Welcome, { $name }.

action-save = Save
action-cancel = Cancel
action-delete = Delete
action-edit = Edit
action-search = Search
action-back = Back
table-actions = Actions
pager-previous = Previous
pager-next = Next
yes = Yes
no = No

notice-created = Created.
notice-saved = Saved.
notice-deleted = Deleted.
notice-deactivated = Deactivated.
notice-reactivated = Reactivated.
notice-applied = Action applied.
notice-modified = Action changed.
notice-cancelled = Action cancelled.
notice-recorded = Recorded.
notice-sent = Sent.
notice-replayed = Queued for delivery again.
notice-signed-out = You are signed out.
notice-imported = Imported.

form-error-blank = This field is required.
form-error-missing = This field is required.
form-error-invalid = This value is not valid.
form-error-duplicate = This value is already in use.
form-error-inactive = This is inactive.
form-error-notAllowed = This is not allowed here.
form-error-tooLong = This is too long.
form-error-tooShort = This is too short.
form-error-tooSmall = This must be greater than zero.
form-error-inPast = This must be in the future.
form-error-disabled = This is turned off for this action.
form-error-emailingNotSupported = This action does not email users.
form-error-actionIsMissingTemplateDefinition = This action has no email template for this step.
form-error-inUse = This is still in use.
form-error-cannotDelete = This cannot be deleted.
form-error-other-field = { $field }: { $message }

localized-legend = Translations
localized-locale = Language
localized-text = Translated text
localized-hint = A language tag such as de or fr-CA. Leave both empty to remove a row.

error-forbidden-title = No access
error-forbidden-text = Your role does not include this page.
error-not-found-title = Not found
error-not-found-text = There is no such page, or what it showed was deleted.
error-csrf-title = The form could not be sent
error-csrf-text = The form was old or did not come from this site. Go back, reload the page and try again.
error-bad-request-title = Bad request
error-bad-request-text = The request could not be understood.
error-unavailable-title = The server is busy
error-unavailable-text = The server could not answer in time. Please try again in a moment.
error-internal-title = Something went wrong
error-internal-text = The error was logged. Please try again.
error-back-home = Back to the dashboard
