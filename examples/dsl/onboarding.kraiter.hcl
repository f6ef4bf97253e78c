# Onboarding drip: a welcome email at sign-up, then one email every few days that
# walks a new user through the product. No conditions: everyone gets every email.

locals {
  # Template ids share a prefix so that the series is easy to find in the template list.
  series = "tmpl_onboarding"
}

email {
  template = "tmpl_welcome"
}

delay {
  duration = "1d"
}

email {
  template = "${local.series}_getting_started"
}

delay {
  duration = "2d"
}

email {
  template = "${local.series}_import_contacts"
}

delay {
  duration = "3d"
}

email {
  template = "${local.series}_first_sequence"
  # Send in the morning rather than at the exact hour the contact signed up.
  delay = "12h"
}

delay {
  duration = "1w"
}

email {
  template = "tmpl_onboarding_check_in"
}
