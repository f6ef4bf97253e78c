# Welcome at once (in the locale given as a var), then a plan-dependent nudge two days later.

email {
  template = "tmpl_welcome_${var.locale}"
}

delay {
  duration = "2d"
}

condition {
  when = contact.plan == "pro"
  then {
    email { template = "tmpl_pro_tips" }
  }
  else {
    email { template = "tmpl_upgrade" }
  }
}
