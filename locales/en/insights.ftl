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
