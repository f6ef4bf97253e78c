# Tests of plan-routing.kraiter.hcl; run them with kraiter dsl test examples/dsl.
# Enterprise customers (a company and at least 50 seats) get the kickoff 30 minutes in, the
# SSO check 2 days after that and the admin check 3 days later; free customers are looked at
# after a week.

sequence = "plan-routing.kraiter.hcl"

test "an EU enterprise that never sets up SSO gets every enterprise email" {
  contact = { company = "Acme", seats = 120, country = "DE", role = "marketer" }

  expect_sends = [
    "tmpl_customer_welcome",
    "tmpl_enterprise_kickoff",
    "tmpl_enterprise_dpa_eu",
    "tmpl_enterprise_sso_help",
    "tmpl_enterprise_find_your_admin",
  ]
  expect_send "tmpl_enterprise_kickoff" {
    after = "30m"
  }
  expect_send "tmpl_enterprise_find_your_admin" {
    after = "5d30m"
  }
}

test "an EU billing region gets the EU data processing agreement" {
  contact = { company = "Acme", seats = 50, country = "US", "billing region" = "eu" }

  expect_send "tmpl_enterprise_dpa_eu" {
    after = "30m"
  }
  expect_no_send = ["tmpl_enterprise_dpa"]
}

test "an admin who sets up SSO late gets help once, not the admin hunt" {
  contact = { company = "Acme", seats = 80, country = "US", role = "admin" }
  events  = [{ name = "sso_configured", after = "3d" }]

  expect_sends = ["tmpl_customer_welcome", "tmpl_enterprise_kickoff", "tmpl_enterprise_dpa", "tmpl_enterprise_sso_help"]
}

test "SSO set up on day one needs no help" {
  contact = { company = "Acme", seats = 80, country = "US" }
  events  = [{ name = "sso_configured", after = "1d" }]

  expect_sends = ["tmpl_customer_welcome", "tmpl_enterprise_kickoff", "tmpl_enterprise_dpa"]
}

test "many seats without a company is not enterprise" {
  contact = { plan = "pro", seats = 120 }

  expect_sends = ["tmpl_customer_welcome", "tmpl_pro_solo_tips"]
}

test "an agency on pro gets the team features" {
  contact = { plan = "pro", seats = 2, tags = ["agency", "beta"] }

  expect_sends = ["tmpl_customer_welcome", "tmpl_pro_team_features"]
}

test "a free customer who hits the limit is offered the upgrade after a week" {
  contact = { plan = "free" }
  events  = [{ name = "limit_reached", after = "3d" }]

  expect_send "tmpl_free_upgrade_limit" {
    after = "1w"
  }
}

test "heavy free usage counts as hitting the limit" {
  contact = { plan = "free", usage_percent = 80 }

  expect_sends = ["tmpl_customer_welcome", "tmpl_free_upgrade_limit"]
}

test "a referred free customer gets the referral bonus" {
  contact = { plan = "free", signup_source = "referral" }

  expect_sends = ["tmpl_customer_welcome", "tmpl_free_referral_bonus"]
}

test "a free customer with a payment method gets only the welcome" {
  contact = { plan = "free", payment_method = "card" }

  expect_sends     = ["tmpl_customer_welcome"]
  expect_completed = true
}
