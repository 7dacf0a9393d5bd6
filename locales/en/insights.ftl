# Dashboard, happiness survey and the list of applied actions. English is the reference.

dashboard-translator = Your role covers translations. Continue there to see what is missing in each language.
dashboard-current = Currently active
dashboard-current-total = { $count ->
    [one] active instance of a temporal action
   *[other] active instances of temporal actions
}
dashboard-preventing-login = { $count ->
    [one] of them prevents login
   *[other] of them prevent login
}
dashboard-prevents-login = prevents login
dashboard-expiring = Expiring in the next 7 days
dashboard-expiring-none = Nothing expires in the next 7 days.
dashboard-expiring-count = { $count ->
    [one] One action expires in the next 7 days.
   *[other] { $count } actions expire in the next 7 days; the soonest are listed.
}
dashboard-left = Time left
dashboard-survey = Happiness survey
dashboard-survey-choice = Survey
dashboard-show = Show
dashboard-chart-title = Answers to { $survey } per week
dashboard-chart-desc = Answers per week over the last { $weeks } weeks. Totals: { $totals }.
dashboard-chart-total = { $option }: { $count }
dashboard-option = Answer
dashboard-total = Total
dashboard-by-agent = Answers per agent (last 8 weeks)
dashboard-no-answers = No answers in the last 8 weeks.
dashboard-comments = Recent comments
dashboard-no-comments = No comments yet.
dashboard-record = Record survey answers
dashboard-all-answers = All answers
dashboard-no-option = (no answer)
dashboard-no-agent = (no agent)

survey-title = Happiness survey
survey-none = No survey is set up: a survey is an active instantaneous action with options, such as happy, indifferent and frustrated.
survey-define = Create an action
survey-find-user = Find the user
survey-find-hint = Type part of the name or email, or paste the user's id.
survey-recorded-for = Answer recorded for { $user }.
survey-recorded-open = Open their page
survey-no-users = No user matches.
survey-user-email = Email
survey-user-name = Name
survey-ask = Record answer
survey-asking = Answer of { $user }
survey-other-user = Another user
survey-choose = Which survey?
survey-change = Choose another survey
survey-question = { $survey }: how does the user feel?
survey-comment = Comment (optional)

instances-title = Actions taken
instances-csv = Download CSV
instances-filters = Filters
instances-any = Any
instances-expires-after = Expiring after
instances-expires-before = Expiring before
instances-apply-filters = Filter
instances-clear-filters = Clear filters
instances-empty = No action matches these filters.
instances-pages = Pages
instances-first-page = First page
instances-state-active = Active
instances-state-ended = Expired
instances-state-cancelled = Cancelled
instances-state-instant = Instantaneous
instances-col-id = Id
instances-col-action = Action
instances-col-option = Option
instances-col-state = State
instances-col-user-id = User id
instances-col-user = User
instances-col-agent-id = Agent id
instances-col-agent = Agent
instances-col-reason = Reason
instances-col-reason-code = Reason code
instances-col-comment = Comment
instances-col-created = Applied
instances-col-expiry = Expires
instances-range-reversed = “Expiring before” must be later than “Expiring after”: the range is the wrong way round.
instances-user-hint = Name, email or id
instances-user-too-many = More than { $count } users match: type more of the name or email.
instances-applied-from = Applied from
instances-applied-to = Applied until
instances-applied-reversed = “Applied until” must not be before “Applied from”: the range is the wrong way round.
dashboard-kind-penalty = { $count ->
    [one] active penalty
   *[other] active penalties
}
dashboard-kind-entitlement = { $count ->
    [one] active entitlement
   *[other] active entitlements
}
dashboard-kind-survey = { $count ->
    [one] active survey action
   *[other] active survey actions
}
dashboard-kind-other = { $count ->
    [one] other active action
   *[other] other active actions
}

bulk-title = Bulk change
bulk-select = Select
bulk-select-instance = Select { $action } of { $user }
bulk-apply = Apply an action to the selected users…
bulk-bound = Up to { $count } at a time.
bulk-with-selected = With the selected actions (up to { $count })
bulk-days = Days to add
bulk-extend = Extend…
bulk-cancel = Cancel them…
bulk-none-selected = Nothing is selected: tick the boxes of the rows to change, then try again.
bulk-too-many = More than { $count } are selected: one bulk change takes at most { $count }. Narrow the selection and try again.
bulk-choose = Choose…
bulk-choose-action = Choose the action to apply.
bulk-choose-option = This action needs one of its options: choose one.
bulk-choose-duration = Choose how long the action lasts.
bulk-choose-operation = Choose whether to extend or cancel the selected actions.
bulk-days-invalid = The days to add must be a whole number from 1 to 3650.
bulk-selected-users = { $count ->
    [one] One user selected
   *[other] { $count } users selected
}
bulk-no-option = No option
bulk-option-hint = Only for actions with options, such as a survey.
bulk-duration = How long (temporal actions)
bulk-duration-hint = Counted from the moment you confirm.
bulk-review = Review
bulk-apply-title = Apply an action to several users
bulk-apply-summary = { $action } will be applied to { $count ->
    [one] one user
   *[other] { $count } users
}, each as a change of its own, with its own events.
bulk-apply-button = { $count ->
    [one] Apply to one user
   *[other] Apply to { $count } users
}
bulk-until = until { $date }
bulk-extend-title = Extend several actions
bulk-extend-summary = { $count ->
    [one] One action
   *[other] { $count } actions
} will end { $days ->
    [one] one day
   *[other] { $days } days
} later, each as a change of its own, with its own events.
bulk-extend-button = { $count ->
    [one] Extend one action
   *[other] Extend { $count } actions
}
bulk-extend-what = Ends { $to } instead of { $from }
bulk-cancel-title = Cancel several actions
bulk-cancel-summary = { $count ->
    [one] One action
   *[other] { $count } actions
} will be cancelled now, each as a change of its own, with its own events.
bulk-cancel-button = { $count ->
    [one] Cancel one action
   *[other] Cancel { $count } actions
}
bulk-cancel-what = Cancelled now
bulk-will-refuse = { $count ->
    [one] One of them cannot be changed as things stand; it will be reported, not changed.
   *[other] { $count } of them cannot be changed as things stand; they will be reported, not changed.
}
bulk-col-what = What will happen
bulk-col-result = Result
bulk-comment = Comment (optional)
bulk-comment-hint = Replaces each action's comment; left empty, each keeps its own.
bulk-report-counts = Done: { $done }. Refused: { $refused }.
bulk-refused = Refused: { $reason }
bulk-done-apply = Applied
bulk-done-extend = Extended
bulk-done-cancel = Cancelled
bulk-refused-instantaneous = an instantaneous action happened once and has no end to change.
bulk-refused-not-running = it has ended or was cancelled already.
bulk-refused-stale = it changed after the confirm page showed it.
bulk-refused-permanent = a permanent action has no end to extend.
bulk-refused-duplicate = the user already has this action running.
bulk-refused-unavailable = this action is not available to the user.
bulk-refused-gone = it no longer exists.
bulk-refused-invalid = the change was not valid for it.
bulk-no-reason = No reason
dashboard-by-kind = By kind
