# Tests of trial-conversion.kraiter.hcl; run them with kraiter dsl test examples/dsl.
# The first condition is reached on day 3, the second on day 10.

sequence = "trial-conversion.kraiter.hcl"

test "a trial user who has not started gets help, then case studies" {
  contact = { plan = "trial" }

  expect_sends = ["tmpl_trial_started", "tmpl_trial_get_started", "tmpl_trial_case_studies", "tmpl_trial_ends_soon"]
  expect_send "tmpl_trial_case_studies" {
    after = "10d"
  }
  expect_send "tmpl_trial_ends_soon" {
    after = "13d"
  }
}

test "a project in the first three days earns the next steps" {
  contact = { plan = "trial" }
  events  = [{ name = "project_created", after = "2d" }]

  expect_send "tmpl_trial_next_steps" {
    after = "3d"
    path  = "steps[2].else[0]"
  }
  expect_no_send = ["tmpl_trial_get_started"]
}

test "a project from before the trial does not count as a start" {
  contact = { plan = "trial" }
  events  = [{ name = "project_created", before = "1d" }]

  expect_send "tmpl_trial_get_started" {
    after = "3d"
  }
}

test "five projects make a power user" {
  contact = { plan = "trial", project_count = 5 }

  expect_sends = ["tmpl_trial_started", "tmpl_trial_get_started", "tmpl_trial_power_user_offer", "tmpl_trial_ends_soon"]
}

test "so does automation among the features used" {
  contact = { plan = "trial", project_count = 1, features_used = ["forms", "automation"] }

  expect_send "tmpl_trial_power_user_offer" {
    after = "10d"
  }
}

test "a project count written as a string is not a number" {
  contact = { plan = "trial", project_count = "7" }

  expect_send "tmpl_trial_case_studies" {
    after = "10d"
  }
  expect_no_send = ["tmpl_trial_power_user_offer"]
}

test "an upgrade during the trial is thanked an hour after day ten" {
  contact = { plan = "trial" }
  events  = [{ name = "upgraded", after = "5d" }]

  expect_sends = ["tmpl_trial_started", "tmpl_trial_get_started", "tmpl_thanks_for_upgrading"]
  expect_send "tmpl_thanks_for_upgrading" {
    after = "10d1h"
  }
  expect_completed = true
}

test "an upgrade after day ten comes too late for the thanks" {
  contact = { plan = "trial" }
  events  = [{ name = "upgraded", after = "11d" }]

  expect_no_send = ["tmpl_thanks_for_upgrading"]
}

test "a contact without a plan is thanked as if it had upgraded" {
  expect_sends = ["tmpl_trial_started", "tmpl_trial_get_started", "tmpl_thanks_for_upgrading"]
}
