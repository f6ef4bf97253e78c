# Welcome everyone; only contacts with a company get the tips (for teams of ten or more now)
# and the checklist.

email {
  template = "tmpl_welcome"
}

condition {
  when = exists(contact.company)

  then {
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
  }
}
