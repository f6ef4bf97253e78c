# Or, with Terraform 1.5 or later and OpenTofu, an import block.
import {
  to = kraiter_sequence.onboarding
  id = "seq_onboarding"
}
