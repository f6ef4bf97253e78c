# Sample contacts for the golden reviews: each is carried through every changed sequence (or
# those named in sequences), before and after the change.

contact "small team with a company" {
  attributes = { plan = "pro", company = "Acme", seats = 7 }
}

contact "large team with a company" {
  attributes = { plan = "pro", company = "Globex", seats = 25 }
}

contact "solo user without a company" {
  attributes = { plan = "free", seats = 1 }
}

contact "unsubscribed large team" {
  attributes = { plan = "pro", company = "Initech", seats = 40 }
  subscribed = false
}

contact "renewing customer, first week only" {
  attributes = { plan = "pro" }
  until      = "6d"
  sequences  = ["seq_renewal", "seq_renewal_v2"]
}

contact "dormant user who logs back in" {
  attributes = { plan = "free" }
  events     = [{ name = "logged_in", after = "3d" }]
  sequences  = ["kraiter_sequence.winback"]
}
