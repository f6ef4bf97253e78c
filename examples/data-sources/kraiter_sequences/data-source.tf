# Every sequence of the account.
data "kraiter_sequences" "all" {}

# Paused sequences, at most 20 of them.
data "kraiter_sequences" "paused" {
  status = "paused"
  limit  = 20
}

output "sequence_names" {
  value = { for s in data.kraiter_sequences.all.sequences : s.id => s.name }
}

check "nothing_paused" {
  assert {
    condition     = length(data.kraiter_sequences.paused.sequences) == 0
    error_message = "Paused sequences: ${join(", ", data.kraiter_sequences.paused.sequences[*].id)}."
  }
}
