# Welcome everyone, tips for teams two days later, then the checklist.

email {
  template = "tmpl_welcome"
}

delay {
  duration = "2d"
}

condition {
  when = contact.seats >= 5

  then {
    email {
      template = "tmpl_team_tips"
    }
  }
}

email {
  template = "tmpl_checklist"
}
