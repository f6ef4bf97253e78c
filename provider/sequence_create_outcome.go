package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// resolveUnknownCreate settles a create whose answer was lost on every attempt: the sequence
// may exist while Terraform has no state for it, and every later apply would then fail with
// CONFLICT. It asks once more. It returns the sequence to keep in state, or nil when there is
// nothing to keep; any error is added to diags. A sequence that exists and equals what was
// sent is adopted; one that differs is returned with an error, so that Terraform stores it as
// tainted and replaces it on the next apply.
func (r *sequenceResource) resolveUnknownCreate(ctx context.Context, in client.CreateSequenceInput, cause error, diags *diag.Diagnostics) *client.Sequence {
	seq, err := r.data.client.Sequences.Get(ctx, in.ID)
	if err == nil {
		differs := differences(seq, in)
		if len(differs) == 0 {
			tflog.Warn(ctx, "the create's answer was lost, but the sequence exists as sent; keeping it", map[string]any{"id": in.ID})
			return seq
		}
		diags.AddError("Sequence exists with other content", fmt.Sprintf(
			"Kraiter did not answer the create of sequence %q (%v). Asked again, it holds a sequence with this id whose %s differ from the configuration.\n\n"+
				"It is saved in the Terraform state and marked tainted: the next apply replaces it with the configured one. "+
				"If that sequence is not the one this configuration created, remove it from the state instead "+
				"(terraform state rm) and choose another id.",
			in.ID, cause, strings.Join(differs, " and ")))
		return seq
	}
	if errors.Is(err, client.ErrNotFound) && r.data.proof.confirm(ctx, r.data.client) == nil {
		diags.AddError("Could not create Kraiter sequence", fmt.Sprintf(
			"Sequence %q: %v\n\nAsked afterwards, Kraiter answered that no sequence with this id exists: nothing was created. Run apply again.",
			in.ID, cause))
		return nil
	}
	diags.AddError("Outcome of the create is unknown", fmt.Sprintf(
		"Kraiter did not answer the create of sequence %q (%v), and asking whether it exists failed too (%v).\n\n"+
			"The sequence may exist. Check in Kraiter; if it does, bring it under Terraform with an import:\n\n"+
			"  terraform import kraiter_sequence.NAME %s\n\nOtherwise run apply again.",
		in.ID, cause, err, in.ID))
	return nil
}

// differences names the fields of a stored sequence that differ from what a create sent.
// Definitions are compared by meaning, triggers as sets.
func differences(seq *client.Sequence, in client.CreateSequenceInput) []string {
	var out []string
	if seq.Name != in.Name {
		out = append(out, "name")
	}
	if !sameDefinition(seq.Definition, in.Definition) {
		out = append(out, "definition")
	}
	if !client.SameTriggers(seq.Triggers, in.Triggers) {
		out = append(out, "triggers")
	}
	return out
}
