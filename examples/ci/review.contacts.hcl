# Sample contacts for `kraiter review --contacts review.contacts.hcl plan.json`: each is
# carried offline through every sequence the plan changes, before and after the change, and
# the pull-request comment shows what each would be sent. Pick contacts whose paths through
# your sequences matter: the ones a change could move.

contact "pro user who invites a teammate" {
  attributes = { plan = "pro", country = "DE", seats = 12 }
  events     = [{ name = "invited_teammate", after = "2d" }]
}

contact "pro user working alone" {
  attributes = { plan = "pro", seats = 1 }
}

contact "free user" {
  attributes = { plan = "free" }
}

contact "contact without a plan" {
  attributes = {}
}

contact "unsubscribed pro user" {
  attributes = { plan = "pro" }
  subscribed = false
}

contact "first day only" {
  attributes = { plan = "pro" }
  until      = "1d"
  sequences  = ["seq_onboarding"] # ids or resource addresses; every sequence without it
}
