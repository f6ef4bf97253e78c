# Tests of re-engagement.kraiter.hcl; run them with kraiter dsl test examples/dsl.
# The sequence checks the last 30 days of logins at once, the 5 days after the first email,
# and the week after that.

sequence = "re-engagement.kraiter.hcl"
vars     = { locale = "EN" }

test "a lapsed contact gets the whole win-back" {
  events = [{ name = "logged_in", before = "40d" }]

  expect_sends = ["tmpl_winback_en_we_miss_you", "tmpl_winback_en_whats_new", "tmpl_winback_en_last_chance"]
  expect_send "tmpl_winback_en_last_chance" {
    after = "12d"
  }
  expect_completed = true
}

test "a contact who logged in recently is left alone" {
  events = [{ name = "logged_in", before = "10d" }]

  expect_sends = []
}

test "a contact who comes back after the first email is welcomed back" {
  events = [{ name = "logged_in", before = "40d" }, { name = "logged_in", after = "3d" }]

  expect_sends = ["tmpl_winback_en_we_miss_you", "tmpl_winback_en_welcome_back"]
  expect_send "tmpl_winback_en_welcome_back" {
    after = "5d"
  }
}

test "a login in the second week spares the last chance" {
  events = [{ name = "logged_in", after = "8d" }]

  expect_sends = ["tmpl_winback_en_we_miss_you", "tmpl_winback_en_whats_new"]
}

test "a contact who opted out of the newsletter is left alone" {
  contact = { subscribed_newsletter = false }

  expect_sends = []
}

test "a contact without the newsletter attribute is not opted out" {
  expect_send "tmpl_winback_en_we_miss_you" {
    after = "0m"
  }
}

test "the templates follow the locale" {
  vars = { locale = "de" }

  expect_send "tmpl_winback_de_we_miss_you" {
    after = "0m"
  }
}
