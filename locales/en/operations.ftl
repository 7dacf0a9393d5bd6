# Operations: webhooks and their delivery log, email templates. English is the reference.

## Webhooks

webhooks-title = Webhooks
webhooks-new = New webhook
webhooks-edit = Edit webhook
webhooks-empty = No webhooks yet. A webhook receives a user.action event whenever an action is applied, changed, cancelled or ends.
webhooks-url = URL
webhooks-url-hint = An absolute address starting with http:// or https://.
webhooks-description = Description
webhooks-connect-timeout = Connect timeout (milliseconds)
webhooks-read-timeout = Read timeout (milliseconds)
webhooks-scope = Tenants
webhooks-global = All tenants
webhooks-global-label = For all tenants
webhooks-no-tenants = No tenant
webhooks-tenants-hint = Without "For all tenants", only the events of the tenants checked below are sent.
webhooks-events = Events
webhooks-user-action-enabled = Send user.action events
webhooks-user-action-on = user.action
webhooks-user-action-off = Off
webhooks-routing = Actions
webhooks-routing-all = All actions
webhooks-routing-hint = Check the actions whose events go to this webhook. None checked: the events of every action.
webhooks-no-actions = There are no actions yet.
webhooks-headers = Custom headers
webhooks-header-name = Header name
webhooks-header-value = Value
webhooks-header-add = Add a header
webhooks-headers-hint = Sent with every request. Names are letters, digits and - _ . only; Content-Type, Content-Length, Host, X-FusionAuth-Signature-JWT and webhook-… are set by Actioneer. Values may not contain line breaks. Leave a row empty to remove it.
webhooks-auth = HTTP basic authentication
webhooks-auth-username = Username
webhooks-auth-password = Password
webhooks-auth-password-kept = A password is stored. Leave this empty to keep it.
webhooks-auth-password-none = No password is stored.
webhooks-auth-password-remove = Remove the stored password (a password typed above replaces it instead)
webhooks-signing = Signature (X-FusionAuth-Signature-JWT)
webhooks-signing-key = Signing key
webhooks-signing-none = No JWT signature
webhooks-signing-hint = An HMAC key from the keys settings. The Standard Webhooks signature below is sent in any case.
webhooks-secret = Signing secret (Standard Webhooks)
webhooks-secret-hint = Receivers verify the webhook-signature header with this secret. Keep it private.
webhooks-secret-regenerate = Generate a new secret
webhooks-secret-confirm = Receivers that check signatures will refuse events until they have the new secret. Continue?
webhooks-send-test = Send test event
webhooks-health = Deliveries
webhooks-health-none = None yet
webhooks-health-ok = { $count ->
    [one] The last delivery succeeded
   *[other] The last { $count } deliveries succeeded or are under way
}
webhooks-health-failed = { $count ->
    [one] 1 failed
   *[other] { $count } failed
} (of the last { $sampled })
webhooks-health-retrying = { $count ->
    [one] 1 waiting for a retry
   *[other] { $count } waiting for a retry
}
webhooks-delete-title = Delete webhook
webhooks-delete-confirm = Delete the webhook { $url }? Its delivery log is deleted with it.

webhooks-deliveries = Delivery log
webhooks-deliveries-all = Deliveries of all webhooks
webhooks-deliveries-title = Webhook deliveries
webhooks-deliveries-empty = No deliveries.
webhooks-deliveries-count = { $count ->
    [one] 1 delivery
   *[other] { $count } deliveries
}
webhooks-delivery-title = Delivery
webhooks-created = Recorded
webhooks-event = Event
webhooks-event-result = Event result (every webhook)
webhooks-event-running = Running
webhooks-status = Status
webhooks-status-any = Any status
webhooks-status-pending = Pending
webhooks-status-succeeded = Succeeded
webhooks-status-failed = Failed
webhooks-attempts = Attempts
webhooks-next-attempt = Next attempt
webhooks-last-error = Last error
webhooks-attempts-heading = { $count ->
    [one] 1 attempt
   *[other] { $count } attempts
}
webhooks-attempts-none = Not attempted yet.
webhooks-attempt-time = Time
webhooks-attempt-status = HTTP status
webhooks-attempt-error = Error
webhooks-attempt-duration = Duration
webhooks-attempt-no-answer = No answer
webhooks-attempt-ok = Delivered
webhooks-ms = { $ms } ms
webhooks-payload = Body as sent
webhooks-replay = Deliver again
webhooks-replay-not-failed = Only a failed delivery can be delivered again.

## Email templates

templates-title = Email templates
templates-new = New email template
templates-edit = Edit email template
templates-empty = No email templates yet. Actions use them to email the user they are applied to.
templates-name = Name
templates-subject = Subject
templates-html = HTML body
templates-text = Text body
templates-from-email = From address
templates-from-name = From name
templates-languages = Translations
templates-fluent-hint = Subjects and bodies are Fluent patterns: write a variable as { "{ $firstName }" } and a literal brace as { "{\"{\"}" }.
templates-variables-hint = Variables: $action, $actionName, $option, $reason, $reasonCode, $comment, $expiry, $duration, $phase, $firstName, $lastName, $fullName, $email, $username, $tenant, $baseUrl.
templates-parse-error = The template does not work: { $problem }.
templates-localized = Translations
templates-localized-hint = One row per language (a tag such as de or fr-CA). A part left empty uses the default above. Leave a row empty to remove it.
templates-localized-add = Add a language
templates-row-language-missing = Every translation row needs a language.
templates-language-default = Default parts
templates-preview = Preview
templates-preview-language = Language
templates-preview-heading = Preview
templates-preview-hint = Rendered with sample values for Jane Doe, not saved. The HTML body is shown as source.
templates-html-source = HTML body (source)
templates-test-heading = Send a test email
templates-test-hint = The saved template, rendered with the sample values, is queued and sent like any email.
templates-test-to = Recipient
templates-test-send = Send test email
templates-test-no-smtp = No SMTP server is configured (ACTIONEER_SMTP_URL), so test emails cannot be sent.
templates-delete-title = Delete email template
templates-delete-confirm = Delete the email template { $name }?
templates-delete-in-use = This template is still used by an action. Choose another template for that action first.

## Emails sent with the templates

emails-title = Emails
emails-tabs-label = Email templates and the emails sent
emails-tab-templates = Templates
emails-tab-emails = Sent emails
emails-empty = No emails.
emails-count = { $count ->
    [one] 1 email
   *[other] { $count } emails
}
emails-detail-title = Email
emails-created = Queued
emails-from = From
emails-to = To
emails-subject = Subject
emails-action = Action
emails-action-none = No action
emails-phase-start = Applied
emails-phase-modify = Changed
emails-phase-cancel = Cancelled
emails-phase-end = Ended
emails-status = Status
emails-status-any = Any status
emails-status-pending = Pending
emails-status-sent = Sent
emails-status-failed = Failed
emails-attempts = Attempts
emails-next-attempt = Next attempt
emails-next-attempt-at = next attempt { $time }
emails-last-error = Last error
emails-attempt-sent = Sent
emails-text = Text part
emails-html = HTML part (source)
emails-html-hint = The HTML part is shown as source, not rendered.
emails-replay = Send again
emails-replay-not-failed = Only a failed email can be sent again.
workers-title = Background work
workers-hint = The loops that end expired actions and deliver webhooks and emails. One item that fails is recorded and passed over; a loop that stops is restarted.
workers-loop = Loop
workers-loop-ends = Starting, reminding and ending actions on time
workers-loop-webhooks = Webhook deliveries
workers-loop-emails = Emails
workers-status = Status
workers-status-ok = Running
workers-status-not-started = Not started
workers-status-down = Down, restarting
workers-status-failing = Failing
workers-status-stuck = Stuck
workers-last-success = Last round
workers-restarts = Restarts
workers-failed-items = Failed items
workers-backlog = Due now
workers-backlog-capped = { $count } or more
workers-last-error = Last error
workers-never = Never
workers-unknown = Not measured yet
webhooks-silenced = { $event } is off on the tenant { $tenant }: this webhook receives nothing from it.
webhooks-silenced-switch-on = Switch it on
templates-preview-action = For the action
templates-preview-action-sample = An example action
templates-preview-from-name-default = None: the tenant's or the server's sender name is used
templates-preview-from-address = From address
templates-preview-html-rendered = HTML part, as shown
