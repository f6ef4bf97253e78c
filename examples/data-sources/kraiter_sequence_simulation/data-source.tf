# What would a pro contact and a free contact receive from onboarding.kraiter.hcl (beside this
# file)? Computed at plan time, offline: no API key, nothing deployed.
data "kraiter_sequence_simulation" "pro" {
  source     = file("${path.module}/onboarding.kraiter.hcl")
  filename   = "onboarding.kraiter.hcl"
  attributes = { plan = "pro", seats = 12 }
}

data "kraiter_sequence_simulation" "free" {
  source     = file("${path.module}/onboarding.kraiter.hcl")
  filename   = "onboarding.kraiter.hcl"
  attributes = { plan = "free" }
  events     = [{ name = "purchased", after = "3d" }]

  # A postcondition fails the plan of a change that breaks the promise.
  lifecycle {
    postcondition {
      condition     = contains(self.sent_templates, "tmpl_upgrade")
      error_message = "Free contacts must be offered the upgrade."
    }
  }
}

# A check block reports a broken promise in the plan, as a warning.
check "pro_contacts_get_tips" {
  assert {
    condition     = contains(data.kraiter_sequence_simulation.pro.sent_templates, "tmpl_pro_tips")
    error_message = "Pro contacts must get tmpl_pro_tips: ${jsonencode(data.kraiter_sequence_simulation.pro.sends)}"
  }
}

output "free_timeline" {
  value = [for s in data.kraiter_sequence_simulation.free.sends : "${s.after}: ${s.template_id}"]
}
