terraform {
  required_providers {
    kraiter = { source = "kraiter/kraiter" }
  }
}

# Customers go through this sequence for weeks before their renewal date. While
# deletion_protection is true, a plan that would delete it (removing this block, or
# terraform destroy) or replace it (changing its id) fails, and the sequence stays.
# To retire it on purpose, set deletion_protection = false and apply that first.
resource "kraiter_sequence" "renewals" {
  id                  = "seq_renewals"
  name                = "Renewal reminders"
  deletion_protection = true

  definition = jsonencode({
    steps = [
      { type = "email", templateId = "tmpl_renewal_soon" },
      { type = "delay", duration = "3w" },
      { type = "email", templateId = "tmpl_renewal_today" },
    ]
  })

  triggers = [
    { type = "event", event_name = "renewal_due" },
  ]
}
