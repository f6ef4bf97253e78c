# Planned after outside.calls edited seq_onboarding (name and a delay) and seq_newsletter
# (name) in Kraiter. This pull request renames seq_trial only; it keeps the newsletter's new
# name, and leaves seq_onboarding as it was, so the plan reverts the edits made to it.
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
  name       = "Monthly newsletter (new)"
  definition = jsonencode({ steps = [{ type = "email", templateId = "tmpl_newsletter" }] })
  triggers   = [{ type = "event", event_name = "newsletter_opt_in" }]
}

resource "kraiter_sequence" "trial" {
  id         = "seq_trial"
  name       = "Trial conversion"
  definition = jsonencode({ steps = [{ type = "delay", duration = "10d" }, { type = "email", templateId = "tmpl_trial_ending" }] })
  triggers   = [{ type = "event", event_name = "trial_started" }]
}
