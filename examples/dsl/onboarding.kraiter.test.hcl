# Tests of onboarding.kraiter.hcl; run them with kraiter dsl test examples/dsl.
# Everyone gets every email, so these pin the series' order and timing.

sequence = "onboarding.kraiter.hcl"

test "every new user gets the whole series, in order" {
  expect_sends = [
    "tmpl_welcome",
    "tmpl_onboarding_getting_started",
    "tmpl_onboarding_import_contacts",
    "tmpl_onboarding_first_sequence",
    "tmpl_onboarding_check_in",
  ]
  expect_completed = true
}

test "the delays add up: first sequence at 6d12h, check-in a week later" {
  expect_send "tmpl_onboarding_import_contacts" {
    after = "3d"
  }
  expect_send "tmpl_onboarding_first_sequence" {
    after = "6d12h"
  }
  expect_send "tmpl_onboarding_check_in" {
    after = "13d12h"
  }
}

test "a week in, the check-in is still to come" {
  until = "1w"

  expect_sends     = ["tmpl_welcome", "tmpl_onboarding_getting_started", "tmpl_onboarding_import_contacts", "tmpl_onboarding_first_sequence"]
  expect_completed = false
}

test "an unsubscribed user is sent nothing" {
  subscribed = false

  expect_sends = []
}
