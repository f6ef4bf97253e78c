# Welcome at once, then a plan-dependent nudge two days later.

email {
  template = "tmpl_welcome"
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
