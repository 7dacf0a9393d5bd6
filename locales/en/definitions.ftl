# Definitions: actions, options and reasons.

reasons-title = Reasons
reasons-new = New reason
reasons-edit = Edit reason
reasons-empty = No reasons yet.
reasons-text = Text
reasons-code = Code
reasons-languages = Translations
reasons-delete-title = Delete reason
reasons-delete-confirm = Delete the reason “{ $text }”? Actions taken with it keep their record, without the reason.

actions-title = Actions
actions-inactive-title = Inactive actions
actions-new = New action
actions-edit = Edit action
actions-tabs-label = Lists of actions
actions-tab-active = Active
actions-tab-inactive = Inactive
actions-empty = No actions yet.
actions-inactive-empty = No inactive actions.
actions-name = Name
actions-kind = Kind
actions-kind-temporal = Temporal
actions-kind-instantaneous = Instantaneous
actions-prevent-login = Prevents login
actions-options = Options
actions-options-count = { $count ->
    [0] None
    [one] { $count } option
   *[other] { $count } options
}
actions-languages = Translations
actions-tenants = Tenants
actions-tenants-all = All tenants
actions-deactivate = Deactivate
actions-reactivate = Reactivate
actions-deactivate-confirm = Deactivate this action? It can no longer be applied; actions already taken stay in force.
actions-inactive-notice = This action is inactive: it cannot be applied or changed. Reactivate it to edit it.

actions-field-name = Name
actions-behaviour-legend = Behaviour
actions-field-temporal = Temporal: lasts until it expires or is cancelled
actions-field-prevent-login = Prevents the user from signing in while it is in force
actions-field-prevent-login-hint = Only temporal actions can prevent sign-in.
actions-field-send-end-event = Send an event when it ends
actions-field-send-end-event-hint = Only temporal actions end; a new instantaneous action never sends an end event.
actions-field-user-notifications = Users may be notified
actions-emails-legend = Emails
actions-field-user-emailing = Users may be emailed
actions-field-include-email = Include the email in the event JSON
actions-template-start = Email template when applied
actions-template-modify = Email template when changed
actions-template-cancel = Email template when cancelled
actions-template-end = Email template when it ends
actions-template-none = None
actions-template-temporal-hint = The templates for changes, cancellations and ends apply to temporal actions only.
actions-localized-legend = Translations of the name
actions-localized-add = Add a language
actions-options-legend = Options
actions-options-hint = Only instantaneous actions have options, such as the answers of a survey. Empty a row to remove it.
actions-option-name = Option
actions-option-localized = Translations of the option
actions-option-localized-hint = Translations: one per line, a language tag, an equals sign, then the name. For example: de = Glücklich
actions-option-add = Add an option
actions-tenants-legend = Tenants
actions-tenants-every = All tenants
actions-tenants-chosen = Only the tenants checked below
actions-transaction-type = Transaction type
actions-transaction-type-hint = Kept for FusionAuth compatibility; it has no effect.

actions-delete-title = Delete action
actions-delete-confirm = Delete the action “{ $name }” for good?
actions-delete-instances = { $count ->
    [0] It has never been applied to a user.
    [one] This also deletes the { $count } time it was applied to a user.
   *[other] This also deletes the { $count } times it was applied to users.
}
actions-delete-hint = To keep the record of what was done, deactivate the action instead.
actions-deactivate-instead = Deactivate instead

actions-error-prevent-login = Only a temporal action can prevent sign-in.
actions-error-name-inactive = An inactive action has this name; reactivate it instead.
actions-error-name-duplicate = Another action has this name.
actions-error-locale = A language tag is not valid; use tags such as de or fr-CA.
actions-error-locale-duplicate = A language is listed twice.
actions-error-localized-blank = Every language needs a name.
actions-error-options-temporal = A temporal action cannot have options.
actions-error-option-blank = Every option needs a name, and every translation of an option a text.
actions-error-option-duplicate = Two options have the same name, or an option lists a language twice.
actions-error-option-locale = A language tag of an option is not valid; use tags such as de or fr-CA.
actions-error-option-too-long = An option name or translation is longer than 191 characters.
actions-error-start-template = Emailing users, or including the email in events, needs an email template for when it is applied.
actions-error-template-unknown = This email template no longer exists.
actions-error-tenant-unknown = A chosen tenant no longer exists.
actions-error-tenants-none = Check at least one tenant, or choose all tenants.
actions-error-inactive = This action is inactive; reactivate it before changing it.
actions-error-id-taken = An action with this id already exists.

## Beyond FusionAuth's lifecycle: kinds, scheduled starts, reminders, escalation
kind-penalty = Penalty
kind-entitlement = Entitlement
kind-survey = Survey
kind-other = Other
kind-label = Kind
instances-state-scheduled = Scheduled
emails-phase-reminder = Reminder
lifecycle-scheduled-heading = Scheduled to start
lifecycle-starts-at = Starts { $instant }
lifecycle-reminders-heading = Reminders before the end
lifecycle-reminder-before = { $duration } before expiry
lifecycle-reminders-none = No reminders.
lifecycle-escalation-heading = Escalation
lifecycle-escalation-step = Step { $step } of the ladder: { $duration }
lifecycle-escalation-permanent = permanent

## The definition and reason forms: kind, reminders and the escalation ladder
actions-kind-from-shape = From its settings (prevents sign-in: penalty; options: survey; else other)
actions-kind-hint = Pages and searches keep penalties apart from entitlements, so an expired subscription never reads as a punishment.
actions-reminders-hint = Temporal actions only: a reminder event, and an email when a template is chosen, this long before the action ends. Empty a row to remove it.
actions-reminder-before = Time before the end
actions-duration-unit = Unit
actions-reminder-template = Reminder email template
actions-reminder-add = Add a reminder
actions-row-remove = Remove
actions-escalation-hint = Temporal penalties only: applying with “escalate” gives the next step, counted from the user's earlier actions within the window; cancelled ones do not count.
actions-escalation-window = Counted over
actions-escalation-window-unit = Unit of the window
actions-escalation-step = Step duration
actions-escalation-steps-hint = The first row is the first step; the last step repeats for every later one. Empty a row to remove it.
actions-escalation-add = Add a step
lifecycle-unit-weeks = weeks
lifecycle-unit-days = days
lifecycle-unit-hours = hours
lifecycle-unit-minutes = minutes
lifecycle-unit-seconds = seconds
actions-error-kind = Choose penalty, entitlement, survey or other.
actions-error-reminders-temporal = Only a temporal action can remind before its end.
actions-error-reminders-too-many = An action has at most 10 reminders.
actions-error-reminder-duplicate = Two reminders are at the same time before the end.
actions-error-escalation-penalty = Only a temporal action of kind penalty can escalate.
actions-error-escalation-steps = Add at least one step.
actions-error-escalation-too-many = A ladder has at most 20 steps.
actions-error-duration-positive = Enter a whole number greater than zero.
reasons-escalation-hint = Optional. An escalating apply that gives this reason climbs this ladder instead of the action's, counting the user's earlier actions given for this reason.
reasons-error-locale-twice = A language is listed twice; keep one row per language.
actions-error-lifecycle-below = Nothing was saved: correct the kind, reminders or escalation marked below.
reasons-escalation-summary = { $steps ->
    [one] One step over { $window }
   *[other] { $steps } steps over { $window }
}
