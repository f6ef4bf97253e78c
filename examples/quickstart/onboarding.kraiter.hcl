# Onboarding: welcome at once, tips a day later, then a nudge that depends on the plan.

email {
  template = "tmpl_welcome"
}

delay {
  duration = "1d"
}

email {
  template = "tmpl_getting_started_${var.locale}"
}

delay {
  duration = "2d"
}

condition {
  when = contact.plan == "pro" && !performed("invited_teammate", "3d")
  then {
    email { template = "tmpl_pro_tips" }
  }
  else {
    email { template = "tmpl_upgrade" }
  }
}
