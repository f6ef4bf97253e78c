# Welcome everyone, tips for teams of ten or more two days later, then the checklist.

email {
  template = "tmpl_welcome"
}

delay {
  duration = "2d"
}

condition {
  when = contact.seats >= 10

  then {
    email {
      template = "tmpl_team_tips"
    }
  }
}

email {
  template = "tmpl_checklist"
}
