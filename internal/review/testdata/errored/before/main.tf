# The configuration applied first.
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
