# The sequence that the tests of sequence test files run: a welcome, two days, a branch on
# the plan and the team size, then a follow-up for contacts who booked a demo in the last
# day, and a week of quiet before the end.

email {
  template = "tmpl_welcome_${var.locale}"
}

delay {
  duration = "2d"
}

condition {
  when = contact.plan == "pro" && contact.seats >= 5

  then {
    email {
      template = "tmpl_pro_tips"
    }
  }

  else {
    email {
      template = "tmpl_upgrade"
      delay    = "1h"
    }
  }
}

condition {
  when = performed("demo_booked", "1d")

  then {
    email {
      template = "tmpl_demo_follow_up"
    }
  }
}

delay {
  duration = "1w"
}
