# Settings for administrators: tenants, applications, API keys, staff members.

settings-title = Settings
settings-tenants-count = { $count ->
    [one] { $count } tenant
   *[other] { $count } tenants
}
settings-applications-count = { $count ->
    [one] { $count } application, active or not
   *[other] { $count } applications, active or not
}
settings-api-keys-count = { $count ->
    [one] { $count } API key
   *[other] { $count } API keys
}
settings-staff-count = { $count ->
    [one] { $count } staff member
   *[other] { $count } staff members
}

tenants-title = Tenants
tenants-new = New tenant
tenants-edit = Edit tenant
tenants-name = Name
tenants-default = Default
tenants-on = On
tenants-off = Off
tenants-not-set = Not set
tenants-events = Events
tenants-events-user-action = Send user.action events to this tenant's webhooks
tenants-events-hint = Webhooks receive an event each time an action is applied, changed, cancelled or ends for a user of this tenant.
tenants-email = Email
tenants-email-hint = Leave the host empty to send this tenant's emails through the server-wide SMTP setting.
tenants-email-server-wide = Server-wide
tenants-smtp-host = SMTP host
tenants-smtp-port = Port
tenants-smtp-security = Security
tenants-security-none = None
tenants-security-ssl = SSL (TLS from the start)
tenants-security-tls = STARTTLS (required)
tenants-smtp-username = SMTP user name
tenants-smtp-password = SMTP password
tenants-smtp-password-kept = A password is stored. It is never shown; leave the field empty to keep it.
tenants-smtp-password-none = No password is stored.
tenants-smtp-password-remove = Remove the stored SMTP password (a password typed above replaces it instead)
tenants-from-email = Default sender email
tenants-from-name = Default sender name
tenants-lockout = Failed sign-ins
tenants-lockout-hint = After too many wrong passwords within the time window, the chosen action is applied to the user for the given duration.
tenants-lockout-action = Lockout action
tenants-lockout-none = No lockout
tenants-lockout-attempts = Wrong passwords before the lockout
tenants-lockout-window = Count them within (seconds)
tenants-lockout-duration = Lockout duration
tenants-lockout-unit = Unit
tenants-lockout-email-user = Email the user when they are locked out
tenants-unit-minutes = Minutes
tenants-unit-hours = Hours
tenants-unit-days = Days
tenants-unit-weeks = Weeks
tenants-unit-months = Months
tenants-unit-years = Years
tenants-delete-title = Delete tenant
tenants-delete-confirm = Delete the tenant “{ $name }” and everything in it:
tenants-delete-users = { $count ->
    [one] { $count } user
   *[other] { $count } users
}
tenants-delete-applications = { $count ->
    [one] { $count } application
   *[other] { $count } applications
}
tenants-delete-instances = { $count ->
    [one] { $count } action taken on its users
   *[other] { $count } actions taken on its users
}
tenants-delete-api-keys = { $count ->
    [one] { $count } API key limited to it
   *[other] { $count } API keys limited to it
}
tenants-delete-definitions = Actions and webhooks limited to this tenant alone are deactivated. This cannot be undone.
tenants-delete-default = The default tenant cannot be deleted: the staff of the admin app and the API's fallback live in it.

applications-title = Applications
applications-new = New application
applications-edit = Edit application
applications-empty = There are no applications yet.
applications-name = Name
applications-tenant = Tenant
applications-tenant-fixed = An application stays in the tenant it was created in.
applications-state = State
applications-active = Active
applications-inactive = Inactive
applications-deactivate = Deactivate
applications-reactivate = Reactivate
applications-delete-title = Delete application
applications-delete-confirm = Delete the application “{ $name }” of the tenant “{ $tenant }”?
applications-delete-hint = Actions already taken keep the application's id. To keep the application but stop its use, deactivate it instead.

api-keys-title = API keys
api-keys-intro = Keys let programs call the API. A key is shown only once, when it is created; only a fingerprint of it is stored.
api-keys-new = New API key
api-keys-create = Create the key
api-keys-empty = There are no API keys.
api-keys-description = Description
api-keys-no-description = No description
api-keys-id = Id
api-keys-scope = Tenant
api-keys-scope-hint = A key limited to one tenant sees only that tenant's users and cannot manage tenants or keys.
api-keys-global = All tenants (global)
api-keys-created = Created
api-keys-configured = From ACTIONEER_API_KEY
api-keys-created-title = API key created
api-keys-created-once = Copy the key now. It is not stored and will not be shown again.
api-keys-created-shown = This key was shown once and cannot be shown again. If it was not copied, delete it and create another.
api-keys-back = Back to the API keys
api-keys-key = Key
api-keys-created-scoped = This key is limited to the tenant “{ $tenant }”.
api-keys-created-global = This key works for all tenants.
api-keys-done = I have copied it
api-keys-delete-title = Delete API key
api-keys-delete-confirm = Delete the API key “{ $description }”?
api-keys-delete-confirm-id = Delete the API key { $id }?
api-keys-delete-effect = Programs that use it can no longer call the API.
api-keys-delete-configured = This key comes from ACTIONEER_API_KEY: the server creates it again at its next start unless the setting changes.

staff-title = Staff
staff-new = New staff member
staff-edit = Edit staff member
staff-name = Name
staff-email = Email
staff-role = Role
staff-role-admin = Administrator
staff-role-support = Support agent
staff-role-translator = Translator
staff-role-hint = Administrators may do everything; support agents find users and act on them; translators edit translations.
staff-language = Language
staff-language-browser = As their browser asks
staff-time-zone = Time zone
staff-time-zone-hint = An IANA name such as Europe/Berlin; empty for UTC.
staff-password = Password
staff-password-hint = At least 8 characters.
staff-new-password = New password
staff-new-password-hint = Leave empty to keep the current password. A new password signs them out of every session.
staff-last-admin-role = This is the last administrator: make someone else an administrator first.
staff-remove = Remove access
staff-delete-title = Remove staff access
staff-delete-confirm = Remove the admin app access of { $name } ({ $email })?
staff-delete-effect = They are signed out at once. Their user account stays.
staff-delete-last-admin = This is the last administrator, so their access cannot be removed. Make someone else an administrator first.
tenants-webhook-silenced = The webhook { $url } waits for { $event }, which is off here: it receives nothing from this tenant.
tenants-webhook-silenced-open = Open the webhook
signing-keys-title = Signing keys
signing-keys-intro = HMAC keys a webhook can sign its events with (a JWT in a header). The secret is shown once, when the key is generated.
signing-keys-new = New signing key
signing-keys-generate = Generate the key
signing-keys-empty = There are no signing keys.
signing-keys-name = Name
signing-keys-algorithm = Algorithm
signing-keys-kid = Key id (kid)
signing-keys-created = Created
signing-keys-secret = Secret
signing-keys-created-title = Signing key generated
signing-keys-created-once = Copy the secret now: the receiver needs it to check signatures, and this page will not show it again.
signing-keys-created-shown = This secret was shown once and is not shown again. If it was not copied, delete the key and generate another.
signing-keys-back = Back to the signing keys
signing-keys-delete-title = Delete signing key
signing-keys-delete-named = Delete { $name }
signing-keys-delete-confirm = Delete the signing key “{ $name }”?
signing-keys-delete-effect = Receivers that check signatures made with it must be given another key.
signing-keys-in-use = A webhook still signs with this key: choose another key on that webhook first.
