# Planned against the state of before/: the team tips now need ten seats, and a check block
# that promised them to teams of seven fails, a warning that lets the plan go on.
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
}

check "small_teams_get_the_team_tips" {
  assert {
    condition     = contains(data.kraiter_sequence_simulation.small_team.sent_templates, "tmpl_team_tips")
    error_message = "Teams of 7 no longer get the team tips."
  }
}

check "everyone_gets_the_welcome" {
  assert {
    condition     = contains(data.kraiter_sequence_simulation.small_team.sent_templates, "tmpl_welcome")
    error_message = "A small team would miss the welcome."
  }
}
