# Planned against the state of before/: the team tips now need ten seats, and a postcondition
# that promises them to teams of seven fails, an error that stops the plan. The plan file is
# saved all the same, marked errored.
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

data "kraiter_sequence_simulation" "small_team" {
  source     = file("${path.module}/onboarding.kraiter.hcl")
  filename   = "onboarding.kraiter.hcl"
  attributes = { company = "Acme", seats = 7 }

  lifecycle {
    postcondition {
      condition     = contains(self.sent_templates, "tmpl_team_tips")
      error_message = "Teams of 7 must get the team tips."
    }
  }
}
