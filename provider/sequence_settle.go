package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// Settling writes whose outcome is unknown. A create, update or delete whose answer was lost,
// which a server error or a rate limit cut short, or which an interrupt (Ctrl-C) or its
// timeout cancelled, may or may not have been made. The provider then asks Kraiter how the
// sequence stands, on a context of its own: the operation's context may be the very thing
// that was cancelled.

// settleTimeout bounds the question that settles a write.
const settleTimeout = time.Minute

// settleContext is a context that outlives ctx's cancellation and deadline, for settling.
func settleContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
}

// settleCreate settles a create whose outcome is unknown (cause). It returns the sequence to
// keep in state, or nil to keep none, and adds what happened to diags:
//   - the sequence exists as sent: it is this create's, and is adopted, with a warning;
//   - it exists with other content: it is not this create's (someone else's, or changed
//     since), so nothing is taken over: an error, and no state;
//   - Kraiter, proven to be the API, says it does not exist: nothing was created;
//   - the question fails too: the sequence may exist, so it is kept in state, marked
//     tainted by the error, and the next apply settles it (its refresh finds the sequence or
//     forgets it; a tainted sequence that exists is replaced).
func (r *sequenceResource) settleCreate(ctx context.Context, in client.CreateSequenceInput, cause error, diags *diag.Diagnostics) (seq *client.Sequence, keep bool) {
	ctx, cancel := settleContext(ctx)
	defer cancel()
	seq, err := r.data.client.Sequences.Get(ctx, in.ID)
	var diffs []string
	if err == nil {
		diffs = differences(seq, in.Name, in.Definition, in.Triggers)
	}
	switch {
	case err == nil && len(diffs) == 0:
		tflog.Warn(ctx, "the create's outcome was unknown, but the sequence exists as sent; keeping it", map[string]any{"id": in.ID})
		diags.AddWarning("Sequence created, though its answer was lost", fmt.Sprintf(
			"The create of sequence %q did not get a clear answer (%v). Asked afterwards, Kraiter holds it exactly as sent, so it is kept in the Terraform state.",
			in.ID, cause))
		return seq, true
	case err == nil:
		diags.AddError("Sequence exists with other content", fmt.Sprintf(
			"The create of sequence %q did not get a clear answer (%v). Asked afterwards, Kraiter holds a sequence with this id whose %s differ from what this apply sent: "+
				"it is not the one this apply created (another party created it, or it was changed since), so Terraform does not take it over, and nothing was added to the state.\n\n"+
				"Check the sequence in Kraiter. To manage it from here, import it (terraform import kraiter_sequence.NAME %s); otherwise choose another id.",
			in.ID, cause, strings.Join(diffs, " and "), in.ID))
		return nil, false
	case errors.Is(err, client.ErrNotFound) && r.data.proof.confirm(ctx, r.data.client) == nil:
		diags.AddError("Could not create Kraiter sequence", fmt.Sprintf(
			"Sequence %q: %v\n\nAsked afterwards, Kraiter answered that no sequence with this id exists: nothing was created. Run apply again.",
			in.ID, cause))
		return nil, false
	}
	diags.AddError("Outcome of the create is unknown", fmt.Sprintf(
		"The create of sequence %q did not get a clear answer (%v), and asking whether it exists failed too (%v).\n\n"+
			"The sequence may exist, so it is kept in the Terraform state, marked tainted: the next apply reads it again, "+
			"forgets it if Kraiter says it does not exist, and replaces it otherwise.",
		in.ID, cause, err))
	return nil, true
}

// settleUpdate settles an update whose outcome is unknown (cause): it returns the sequence
// as Kraiter holds it, for the state, or nil when that could not be read; the caller
// compares it with the plan.
func (r *sequenceResource) settleUpdate(ctx context.Context, id string, cause error, diags *diag.Diagnostics) *client.Sequence {
	ctx, cancel := settleContext(ctx)
	defer cancel()
	seq, err := r.data.client.Sequences.Get(ctx, id)
	if err != nil {
		diags.AddError("Outcome of the update is unknown", fmt.Sprintf(
			"The update of sequence %q did not get a clear answer (%v), and reading it afterwards failed too (%v).\n\n"+
				"The state keeps the sequence as it was before this apply; the next plan reads it again and shows whatever is left to change.",
			id, cause, err))
		return nil
	}
	return seq
}

// settleDelete settles a delete whose outcome is unknown (cause): the sequence is gone only
// when proven to be (the state is then dropped); otherwise it adds an error, which keeps it.
func (r *sequenceResource) settleDelete(ctx context.Context, id string, cause error, diags *diag.Diagnostics) {
	ctx, cancel := settleContext(ctx)
	defer cancel()
	_, err := r.data.client.Sequences.Get(ctx, id)
	switch {
	case errors.Is(err, client.ErrNotFound):
		r.believeNotFound(ctx, id, diags)
	case err == nil:
		diags.AddError("Could not delete Kraiter sequence", fmt.Sprintf(
			"The delete of sequence %q did not get a clear answer (%v), and the sequence still exists. It stays in the Terraform state; run the command again.", id, cause))
	default:
		diags.AddError("Outcome of the delete is unknown", fmt.Sprintf(
			"The delete of sequence %q did not get a clear answer (%v), and reading it afterwards failed too (%v). "+
				"It stays in the Terraform state; the next plan reads it again and forgets it if Kraiter says it is gone.", id, cause, err))
	}
}

// differences names the fields of a stored sequence that differ from what a create or an
// update sent. Definitions are compared by meaning, triggers as sets.
func differences(seq *client.Sequence, name, definition string, triggers []client.Trigger) []string {
	var out []string
	if seq.Name != name {
		out = append(out, "name")
	}
	if !sameDefinition(seq.Definition, definition) {
		out = append(out, "definition")
	}
	if !client.SameTriggers(seq.Triggers, triggers) {
		out = append(out, "triggers")
	}
	return out
}
