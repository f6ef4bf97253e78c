# Planned against the state of before/: seq_onboarding is updated (steps wrapped in a
# condition, a threshold raised), seq_trial renamed with a new trigger and another template,
# seq_renewal replaced (new id), seq_winback created and seq_newsletter destroyed.
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
  name = "Trial conversion"
  definition = jsonencode({
    steps = [
      { type = "delay", duration = "10d" },
      {
        type = "condition"
        if   = { event = "purchased", op = "not_performed" }
        then = [{ type = "email", templateId = "tmpl_trial_last_chance" }]
      },
    ]
  })
  triggers = [
    { type = "segment", segment_id = "seg_trial" },
    { type = "event", event_name = "trial_started" },
  ]
}

resource "kraiter_sequence" "renewal" {
  id   = "seq_renewal_v2"
  name = "Renewal reminders"
  definition = jsonencode({
    steps = [
      { type = "email", templateId = "tmpl_renewal_due" },
      { type = "delay", duration = "5d" },
      { type = "email", templateId = "tmpl_renewal_last_call" },
    ]
  })
  triggers = [{ type = "event", event_name = "renewal_upcoming" }]
}

data "kraiter_sequence_definition" "winback" {
  filename = "winback.kraiter.hcl"
  source   = file("${path.module}/winback.kraiter.hcl")
}

resource "kraiter_sequence" "winback" {
  id         = "seq_winback"
  name       = "Win back"
  definition = data.kraiter_sequence_definition.winback.json
  triggers   = [{ type = "segment", segment_id = "seg_dormant" }]
}
