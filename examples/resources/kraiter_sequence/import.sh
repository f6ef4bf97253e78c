# Import an existing sequence by its id.
terraform import kraiter_sequence.onboarding seq_onboarding
