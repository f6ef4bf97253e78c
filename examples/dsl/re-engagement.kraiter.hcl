# Re-engagement: win back contacts who stopped logging in. Templates are localised;
# compile with --var locale=en (or de, fr, ...).

locals {
  winback = "tmpl_winback_${lower(var.locale)}"
}

condition {
  # Contacts who logged in recently are not lapsed: the sequence does nothing for them.
  when = !performed("logged_in", "30d") && contact.subscribed_newsletter != false

  then {
    email {
      template = "${local.winback}_we_miss_you"
    }

    delay {
      duration = "5d"
    }

    condition {
      when = performed("logged_in", "5d")

      then {
        email {
          template = "${local.winback}_welcome_back"
        }
      }

      else {
        email {
          template = "${local.winback}_whats_new"
        }

        delay {
          duration = "1w"
        }

        condition {
          when = !performed("logged_in", "1w")

          then {
            email {
              template = "${local.winback}_last_chance"
            }
          }
        }
      }
    }
  }
}
