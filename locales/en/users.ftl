# Users: search, a user's page (details, current actions, history), applying and changing actions.

users-title = Users
users-search-label = Email, name or id
users-search-hint = Part of an email address or a name (first, last or full), or a user's exact id. Every tenant is searched.
users-none-found = No user matches.
users-found = { $count ->
    [one] One user found.
   *[other] { $count } users found.
}
users-page-of = Page { $page } of { $pages }.
users-pages = Result pages

users-email = Email
users-name = Name
users-id = Id
users-tenant = Tenant
users-languages = Preferred languages
users-time-zone = Time zone
users-active = Active
users-last-login = Last sign-in
users-never = Never
users-back-to-search = Back to the search
users-back-to-user = Back to { $user }
users-details = Details
# A person who acted: their name and email.
users-person = { $name } ({ $email })
# Who acted when no person did (the failed-login lockout, the end at expiry).
users-actioneer = Actioneer

users-current = Current actions
users-current-empty = No action is running for this user.
users-col-action = Action
users-col-reason = Reason
users-col-expiry = Expiry
users-col-applied-by = Applied by
users-col-comment = Comment
users-remaining = { $duration } left
users-change = Change
users-cancel-comment = Comment on the cancellation
users-cancel-confirm = Cancel this action now?
users-cancel-submit = Cancel action

users-apply = Apply an action
users-apply-none = No active action is available in this user's tenant.
users-apply-action = Action
users-apply-choose = Choose an action…
# An action that lasts until its expiry.
users-apply-temporal = { $name } (until expiry)
users-apply-option = Option
users-apply-option-none = No option
users-apply-option-hint = Only for instantaneous actions that have options.
users-apply-reason = Reason
users-apply-reason-none = No reason
users-comment = Comment
users-expiry = Expiry
users-expiry-at = Ends at
users-expiry-hint = Only for actions that last until expiry. Times are in your time zone ({ $zone }). A date typed here wins over a duration chosen below.
users-preset-legend = Or choose a duration from now
users-preset-1d = 1 day
users-preset-7d = 7 days
users-preset-30d = 30 days
users-preset-forever = Forever
users-preset-keep = Keep the current expiry
users-shift-legend = Or move the current expiry
users-preset-ext-1d = 1 day later
users-preset-ext-7d = 7 days later
users-preset-ext-30d = 30 days later
users-preset-cut-1d = 1 day earlier
users-preset-cut-7d = 7 days earlier
users-email-user = Email the user
users-notify-user = Notify the user
users-apply-submit = Apply

users-history = History
users-history-empty = Nothing has happened to this user yet.
users-step-applied = Applied
users-step-instant = Applied (instantaneous)
users-step-modified = Changed
users-step-cancelled = Cancelled
users-step-ended = Ended at expiry
users-step-by = by { $who }
users-step-until = Until { $expiry }
users-step-expiry-change = Expiry: { $old } → { $new }
users-step-was-until = Was to end { $expiry }
users-step-reason = Reason: { $reason }
users-step-option = Option: { $option }
users-step-comment = Comment: { $comment }

users-change-title = Change: { $action }
users-change-now = Now
users-change-heading = Change the expiry or comment
users-change-comment-hint = The comment as it will be after saving; empty it to remove it.
users-change-submit = Save changes
users-change-leave = Back without saving
users-change-expiry-hint = Times are in your time zone ({ $zone }). The field shows when the action ends now: type another date, or leave it as it is and choose below.
users-cancel-heading = Cancel the action
users-not-running = This action is no longer running: it cannot be changed or cancelled.

users-stale = This action was changed after you opened this page. Nothing was saved.
users-stale-hint = The page now shows the action as it is. Check your change and save again if it is still wanted.
users-stale-line = { $who }: { $what }
users-stale-expiry = moved the end from { $before } to { $after }
users-stale-comment = set the comment to “{ $comment }”
users-stale-cancelled = cancelled it
users-email-unavailable = No SMTP server is set up for this user’s tenant or this server: “Email the user” will send nothing.

## Kinds, scheduled starts, escalation and staff notes on the user's page
users-kind-penalty = Penalties
users-kind-entitlement = Entitlements
users-kind-survey = Surveys
users-kind-other = Other actions
users-col-start = Starts
users-change-scheduled = Change or cancel
users-start = Start
users-start-at = Starts at
users-start-hint = Only for actions that last until expiry. Leave it empty to start now; a time in the future schedules the action, and durations below count from it. Times are in your time zone ({ $zone }).
users-change-start-hint = The action has not started yet. Type another time to move its start ({ $zone }), or cancel it below before it starts.
users-escalate = Escalate: take the duration from the action's ladder
users-escalate-hint = Leave the expiry empty: the step is counted from this user's history, and you see it before anything is applied.
users-escalate-preview = Step to apply
users-escalate-confirm-hint = Nothing has been applied yet. Check the step and confirm.
users-escalate-confirm = Confirm and apply
users-notes = Staff notes
users-notes-empty = No staff note yet.
users-note = Staff note
users-note-hint = Only staff see notes: they are never sent to the user, to webhooks or to API clients.
users-note-submit = Add note
users-note-delete = Delete note
users-note-delete-confirm = Delete this note?
users-step-note = Staff note
users-change-heading-scheduled = Change the start, expiry or comment
