# The configuration applied first; after/ is then planned against its state.
terraform {
  required_providers {
    kraiter = { source = "kraiter/kraiter" }
  }
}

provider "kraiter" {} # KRAITER_BASE_URL and KRAITER_API_KEY come from the environment

data "kraiter_sequence_definition" "onboarding" {
  filename = "onboarding.kraiter.hcl"
  source   = file("${path.module}/onboarding.kraiter.hcl")
}

resource "kraiter_sequence" "onboarding" {
  id         = "seq_onboarding"
  name       = "Onboarding"
  definition = data.kraiter_sequence_definition.onboarding.json
  triggers   = [{ type = "event", event_name = "signed_up" }]
}

resource "kraiter_sequence" "trial" {
  id   = "seq_trial"
  name = "Trial"
  definition = jsonencode({
    steps = [
      { type = "delay", duration = "10d" },
      {
        type = "condition"
        if   = { event = "purchased", op = "not_performed" }
        then = [{ type = "email", templateId = "tmpl_trial_ending" }]
      },
    ]
  })
  triggers = [{ type = "segment", segment_id = "seg_trial" }]
}

resource "kraiter_sequence" "newsletter" {
  id         = "seq_newsletter"
  name       = "Monthly newsletter"
  definition = jsonencode({ steps = [{ type = "email", templateId = "tmpl_newsletter" }] })
  triggers   = [{ type = "event", event_name = "newsletter_opt_in" }]
}

resource "kraiter_sequence" "renewal" {
  id   = "seq_renewal"
  name = "Renewal reminders"
  definition = jsonencode({
    steps = [
      { type = "email", templateId = "tmpl_renewal_due" },
      { type = "delay", duration = "7d" },
      { type = "email", templateId = "tmpl_renewal_last_call" },
    ]
  })
  triggers = [{ type = "event", event_name = "renewal_upcoming" }]
}
