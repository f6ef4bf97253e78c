# Tests of routing.kraiter.hcl that hold. The demo condition is reached at 2d for pro teams
# and at 2d1h for everyone else, after the upgrade email's hour.

sequence = "routing.kraiter.hcl"
vars     = { locale = "en" }

test "a pro team gets the tips at two days, not the upgrade" {
  contact = { plan = "pro", seats = 12 }

  expect_sends = ["tmpl_welcome_en", "tmpl_pro_tips"]
  expect_send "tmpl_pro_tips" {
    after = "2d"
    path  = "steps[2].then[0]"
  }
  expect_no_send   = ["tmpl_upgrade"]
  expect_completed = true
}

test "seats written as a string are not a number of seats" {
  contact = { plan = "pro", seats = "12" }

  expect_sends = ["tmpl_welcome_en", "tmpl_upgrade"]
  expect_send "tmpl_upgrade" {
    after = "2d1h"
  }
}

test "a demo in the day before the condition is followed up" {
  vars   = { locale = "de" }
  events = [{ name = "demo_booked", after = "1d12h" }]

  expect_sends = ["tmpl_welcome_de", "tmpl_upgrade", "tmpl_demo_follow_up"]
}

test "a demo earlier than that is not" {
  events = [{ name = "demo_booked", after = "1d" }, { name = "demo_booked", before = "3d" }]

  expect_no_send = ["tmpl_demo_follow_up"]
}

test "a demo after the condition does not count" {
  events = [{ name = "demo_booked", after = "2d2h" }]

  expect_sends = ["tmpl_welcome_en", "tmpl_upgrade"]
}

test "an unsubscribed contact passes every step and is sent nothing" {
  contact    = { plan = "pro", seats = 12 }
  subscribed = false

  expect_sends     = []
  expect_completed = true
}

test "until stops the run in the first delay" {
  until = "1d"

  expect_sends     = ["tmpl_welcome_en"]
  expect_completed = false
}

test "the trailing week keeps the sequence running" {
  until = "9d"

  expect_completed = false
}
