data "kraiter_sequence_status" "onboarding" {
  sequence_id = "seq_onboarding"
}

output "onboarding_enrolments" {
  value = {
    status    = data.kraiter_sequence_status.onboarding.status
    enrolled  = data.kraiter_sequence_status.onboarding.total_enrolled
    active    = data.kraiter_sequence_status.onboarding.active_enrolments
    completed = data.kraiter_sequence_status.onboarding.completed_count
  }
}
