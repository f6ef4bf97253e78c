# The configuration applied first. Then outside.calls edits two sequences through the API,
# as someone would in Kraiter's app, and after/ is planned against that.
terraform {
  required_providers {
    kraiter = { source = "kraiter/kraiter" }
  }
}

provider "kraiter" {} # KRAITER_BASE_URL and KRAITER_API_KEY come from the environment

resource "kraiter_sequence" "onboarding" {
  id   = "seq_onboarding"
  name = "Onboarding drip"
  definition = jsonencode({
    steps = [
      { type = "email", templateId = "tmpl_welcome" },
      { type = "delay", duration = "2d" },
      { type = "email", templateId = "tmpl_checklist" },
    ]
  })
  triggers = [{ type = "event", event_name = "signed_up" }]
}

resource "kraiter_sequence" "newsletter" {
  id         = "seq_newsletter"
  name       = "Monthly newsletter"
  definition = jsonencode({ steps = [{ type = "email", templateId = "tmpl_newsletter" }] })
  triggers   = [{ type = "event", event_name = "newsletter_opt_in" }]
}

resource "kraiter_sequence" "trial" {
  id         = "seq_trial"
  name       = "Trial"
  definition = jsonencode({ steps = [{ type = "delay", duration = "10d" }, { type = "email", templateId = "tmpl_trial_ending" }] })
  triggers   = [{ type = "event", event_name = "trial_started" }]
}
