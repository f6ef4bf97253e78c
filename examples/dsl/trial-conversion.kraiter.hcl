# Trial conversion: nudge trial users towards a paid plan, with different messages
# for people who already use the product heavily and for those who have not started.

locals {
  trial_plan = "trial"
  active_use = 5 # projects after which a trial user counts as engaged
}

email {
  template = "tmpl_trial_started"
}

delay {
  duration = "3d"
}

condition {
  # Someone who has not created a project after three days needs help to start.
  when = !performed("project_created", "3d")

  then {
    email {
      template = "tmpl_trial_get_started"
    }
  }

  else {
    email {
      template = "tmpl_trial_next_steps"
    }
  }
}

delay {
  duration = "7d"
}

condition {
  when = contact.plan == local.trial_plan && !performed("upgraded")

  then {
    condition {
      when = contact.project_count >= local.active_use || contains(contact.features_used, "automation")

      then {
        email {
          template = "tmpl_trial_power_user_offer"
        }
      }

      else {
        email {
          template = "tmpl_trial_case_studies"
        }
      }
    }

    delay {
      duration = "3d"
    }

    email {
      template = "tmpl_trial_ends_soon"
    }
  }

  else {
    email {
      template = "tmpl_thanks_for_upgrading"
      delay    = "1h"
    }
  }
}
