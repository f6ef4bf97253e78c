# A sequence managed outside this configuration, such as in Kraiter's app.
data "kraiter_sequence" "onboarding" {
  id = "seq_onboarding"
}

output "onboarding_email_templates" {
  value = [
    for step in jsondecode(data.kraiter_sequence.onboarding.definition).steps :
    step.templateId if step.type == "email"
  ]
}

output "onboarding_events" {
  value = [
    for t in data.kraiter_sequence.onboarding.triggers : t.event_name if t.type == "event"
  ]
}
