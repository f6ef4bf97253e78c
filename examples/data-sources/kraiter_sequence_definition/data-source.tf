# Compile a sequence written in the DSL (onboarding.kraiter.hcl beside this file).
# Errors in the file are reported at plan time as onboarding.kraiter.hcl:LINE:COL.
data "kraiter_sequence_definition" "onboarding" {
  filename = "onboarding.kraiter.hcl"
  source   = file("${path.module}/onboarding.kraiter.hcl")
  vars = {
    locale = "en"
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

# DSL text can also be written inline; `$${` keeps Terraform from interpolating.
data "kraiter_sequence_definition" "reminder" {
  source = <<-EOT
    email {
      template = "tmpl_reminder_$${var.locale}"
    }

    delay {
      duration = "3d"
    }

    condition {
      when = !performed("logged_in", "3d")
      then {
        email { template = "tmpl_we_miss_you" }
      }
    }
  EOT
  vars = {
    locale = "de"
  }
}
