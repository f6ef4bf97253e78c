# Tests of routing.kraiter.hcl with wrong expectations: the tests of the test runner check
# each failure's line and message.

sequence = "routing.kraiter.hcl"
vars     = { locale = "en" }

test "the upgrade is expected where the tips are sent" {
  contact = { plan = "pro", seats = 12 }

  expect_sends = ["tmpl_welcome_en", "tmpl_upgrade"]
  expect_send "tmpl_pro_tips" {
    after = "3d"
  }
  expect_no_send = ["tmpl_welcome_en", "tmpl_demo_follow_up"]
}

test "an unsubscribed contact is expected to get mail" {
  subscribed = false

  expect_sends = ["tmpl_welcome_en"]
  expect_send "tmpl_upgrade" {
    path = "steps[2].else[0]"
  }
}

test "the run is cut short" {
  until = "2d"

  expect_sends     = ["tmpl_welcome_en", "tmpl_upgrade"]
  expect_completed = true
}

test "this one holds" {
  expect_no_send = ["tmpl_pro_tips"]
}
