# The path contact con_ada would take through the onboarding sequence, sending nothing.
data "kraiter_sequence_dry_run" "ada" {
  sequence_id = "seq_onboarding"
  contact_id  = "con_ada"
}

# would_send is null on steps other than emails, hence "== true".
output "ada_would_receive" {
  value = [
    for s in data.kraiter_sequence_dry_run.ada.steps : s.template_id
    if s.would_send == true
  ]
}

check "ada_gets_pro_tips" {
  assert {
    condition = contains([
      for s in data.kraiter_sequence_dry_run.ada.steps : s.template_id if s.would_send == true
    ], "tmpl_pro_tips")
    error_message = "Contact con_ada, on the pro plan, would not receive the pro tips email."
  }
}
