data "kraiter_sequence_sends" "onboarding" {
  sequence_id = "seq_onboarding"
}

output "onboarding_sends_per_template" {
  value = {
    for s in data.kraiter_sequence_sends.onboarding.sends : s.template_id => s.id...
  }
}

output "onboarding_failed_sends" {
  value = [for s in data.kraiter_sequence_sends.onboarding.sends : s.id if s.status == "failed"]
}
