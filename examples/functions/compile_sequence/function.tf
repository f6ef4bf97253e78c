terraform {
  required_providers {
    kraiter = { source = "kraiter/kraiter" }
  }
}

variable "locale" {
  type    = string
  default = "en"
}

# Compile a DSL file to the JSON definition a sequence takes. The last argument, optional,
# names the file in error messages (onboarding.kraiter.hcl:6:23: ...).
resource "kraiter_sequence" "onboarding" {
  id   = "seq_onboarding"
  name = "Onboarding drip"
  definition = provider::kraiter::compile_sequence(
    file("${path.module}/onboarding.kraiter.hcl"),
    { locale = var.locale },
    "onboarding.kraiter.hcl",
  )

  triggers = [
    { type = "event", event_name = "signed_up" },
  ]
}

# A source without variables takes an empty map.
output "welcome_only" {
  value = provider::kraiter::compile_sequence("email {\n  template = \"tmpl_welcome\"\n}\n", {})
}
