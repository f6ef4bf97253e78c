# A sequence written in the DSL, managed by Terraform, and watched through the data sources.
# `make demo` runs this against a local Kraiter server; see the README.

terraform {
  required_providers {
    kraiter = { source = "kraiter/kraiter" }
  }
}

# The API key and base URL come from KRAITER_API_KEY and KRAITER_BASE_URL.
provider "kraiter" {}

variable "locale" {
  type    = string
  default = "en"
}

data "kraiter_sequence_definition" "onboarding" {
  filename = "onboarding.kraiter.hcl"
  source   = file("${path.module}/onboarding.kraiter.hcl")
  vars = {
    locale = var.locale
  }
}

resource "kraiter_sequence" "onboarding" {
  id         = "seq_onboarding"
  name       = "Onboarding drip"
  definition = data.kraiter_sequence_definition.onboarding.json

  triggers = [
    { type = "event", event_name = "signed_up" },
  ]
}

data "kraiter_sequence_status" "onboarding" {
  sequence_id = kraiter_sequence.onboarding.id

  # Read after the sequence exists, not at plan time.
  depends_on = [kraiter_sequence.onboarding]
}

data "kraiter_sequence_dry_run" "ada" {
  sequence_id = kraiter_sequence.onboarding.id
  contact_id  = "con_ada"

  depends_on = [kraiter_sequence.onboarding]
}

data "kraiter_sequence_sends" "onboarding" {
  sequence_id = kraiter_sequence.onboarding.id

  depends_on = [kraiter_sequence.onboarding]
}

output "sequence" {
  value = "${kraiter_sequence.onboarding.id} (${kraiter_sequence.onboarding.status})"
}

output "enrolments" {
  value = "${data.kraiter_sequence_status.onboarding.total_enrolled} enrolled, ${data.kraiter_sequence_status.onboarding.active_enrolments} active, ${data.kraiter_sequence_status.onboarding.completed_count} completed"
}

# One line per step the contact would pass through.
output "dry_run_for_ada" {
  value = join("\n", [
    for s in data.kraiter_sequence_dry_run.ada.steps :
    join(" ", compact([s.path, s.type, s.template_id, s.duration, s.matched == null ? "" : "matched=${s.matched}", s.would_send == null ? "" : "would_send=${s.would_send}"]))
  ])
}

# How many of each email the sequence has sent, such as "tmpl_welcome x3, tmpl_pro_tips x1".
output "sends" {
  value = join(", ", [
    for template, sends in { for s in data.kraiter_sequence_sends.onboarding.sends : s.template_id => s... } :
    "${template} x${length(sends)}"
  ])
}
