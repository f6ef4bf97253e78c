# Plan routing: a deeply branched sequence that routes each new customer by plan,
# company size, country and behaviour. It uses every condition form of the DSL.

locals {
  enterprise_seats = 50
}

email {
  template = "tmpl_customer_welcome"
}

condition {
  when = exists(contact.company) && contact.seats >= local.enterprise_seats

  then {
    email {
      template = "tmpl_enterprise_kickoff"
      delay    = "30m"
    }

    condition {
      when = any(contact.country == "DE", contact.country == "FR", contact.country == "NL") || contact["billing region"] == "eu"

      then {
        email {
          template = "tmpl_enterprise_dpa_eu"
        }
      }

      else {
        email {
          template = "tmpl_enterprise_dpa"
        }
      }
    }

    delay {
      duration = "2d"
    }

    condition {
      when = !performed("sso_configured", "2d")

      then {
        email {
          template = "tmpl_enterprise_sso_help"
        }

        delay {
          duration = "3d"
        }

        condition {
          when = !(performed("sso_configured")) && contact.role != "admin"

          then {
            email {
              template = "tmpl_enterprise_find_your_admin"
            }
          }
        }
      }
    }
  }

  else {
    condition {
      when = contact.plan == "pro"

      then {
        condition {
          when = contains(contact.tags, "agency") || (contact.seats > 10 && contact.seats < local.enterprise_seats)

          then {
            email {
              template = "tmpl_pro_team_features"
            }
          }

          else {
            email {
              template = "tmpl_pro_solo_tips"
            }
          }
        }
      }

      else {
        condition {
          when = contact.plan == "free" && !exists(contact.payment_method)

          then {
            delay {
              duration = "1w"
            }

            condition {
              when = performed("limit_reached", "1w") || contact.usage_percent >= 80

              then {
                email {
                  template = "tmpl_free_upgrade_limit"
                }
              }

              else {
                condition {
                  when = all(contact.signup_source == "referral")

                  then {
                    email {
                      template = "tmpl_free_referral_bonus"
                    }
                  }

                  else {
                    email {
                      template = "tmpl_free_feature_tour"
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
