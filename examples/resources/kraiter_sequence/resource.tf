terraform {
  required_providers {
    kraiter = { source = "kraiter/kraiter" }
  }
}

# A sequence whose steps are written in the DSL, in a file beside the configuration.
resource "kraiter_sequence" "onboarding" {
  id         = "seq_onboarding"
  name       = "Onboarding drip"
  definition = provider::kraiter::compile_sequence(file("${path.module}/onboarding.kraiter.hcl"), {}, "onboarding.kraiter.hcl")

  triggers = [
    { type = "event", event_name = "signed_up" },
  ]
}

# The same with the definition as JSON; omitted defaults, spacing and key order never show
# as a change.
resource "kraiter_sequence" "trial" {
  id   = "seq_trial"
  name = "Trial conversion"
  definition = jsonencode({
    steps = [
      { type = "email", templateId = "tmpl_trial_started" },
      { type = "delay", duration = "5d" },
      {
        type = "condition"
        if   = { event = "purchased", op = "not_performed", within = "5d" }
        then = [{ type = "email", templateId = "tmpl_trial_ending" }]
      },
    ]
  })

  triggers = [
    { type = "segment", segment_id = "seg_trial" },
  ]
}
