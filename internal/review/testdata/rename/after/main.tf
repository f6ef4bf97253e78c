# Planned against the state of before/: the resource of seq_trial is renamed from trial to
# trial_conversion, without a moved block, so the plan destroys it and creates it again.
terraform {
  required_providers {
    kraiter = { source = "kraiter/kraiter" }
  }
}

provider "kraiter" {} # KRAITER_BASE_URL and KRAITER_API_KEY come from the environment

resource "kraiter_sequence" "trial_conversion" {
  id         = "seq_trial"
  name       = "Trial"
  definition = jsonencode({ steps = [{ type = "delay", duration = "10d" }, { type = "email", templateId = "tmpl_trial_ending" }] })
  triggers   = [{ type = "event", event_name = "trial_started" }]
}
