# The first 50 contacts going through the onboarding sequence.
data "kraiter_sequence_contacts" "onboarding" {
  sequence_id = "seq_onboarding"
  limit       = 50
}

output "onboarding_contacts" {
  value = [for c in data.kraiter_sequence_contacts.onboarding.contacts : c.email if c.subscribed]
}

# Attributes that are not strings come JSON-encoded: decode them to use them.
output "onboarding_seats" {
  value = {
    for c in data.kraiter_sequence_contacts.onboarding.contacts :
    c.id => jsondecode(c.attributes["seats"]) if contains(keys(c.attributes), "seats")
  }
}
