# Dormant contacts: a nudge, and an offer a week later unless they came back.

email {
  template = "tmpl_we_miss_you"
}

delay {
  duration = "7d"
}

condition {
  when = !performed("logged_in", "7d")

  then {
    email {
      template = "tmpl_comeback_offer"
    }
  }
}
