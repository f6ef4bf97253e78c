package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// How the API's errors read as diagnostics.

func conflictDetail(id string) string {
	return fmt.Sprintf(`A Kraiter sequence with id %[1]q already exists, so it cannot be created.

To manage the existing sequence with Terraform, import it. With this resource's name in your configuration in place of NAME, either run

  terraform import kraiter_sequence.NAME %[1]s

or add an import block (Terraform 1.5 or later, OpenTofu) and apply:

  import {
    to = kraiter_sequence.NAME
    id = %[1]q
  }

Otherwise choose another id.`, id)
}

// addAPIError turns a client error into a diagnostic: validation problems are listed a line
// each with their paths, on the attribute they concern.
func addAPIError(diags *diag.Diagnostics, op, id string, err error) {
	var apiErr *client.Error
	if errors.As(err, &apiErr) && apiErr.Code == client.CodeValidationError && len(apiErr.Details) > 0 {
		var b strings.Builder
		fmt.Fprintf(&b, "Kraiter refused to %s sequence %q: %s\n", op, id, apiErr.Message)
		for _, d := range apiErr.Details {
			b.WriteString("\n  - ")
			if d.Path != "" {
				b.WriteString(d.Path + ": ")
			}
			b.WriteString(d.Message)
		}
		attr := path.Root("definition")
		if first := apiErr.Details[0].Path; strings.HasPrefix(first, "triggers") || first == "name" || first == "id" {
			attr = path.Root(strings.SplitN(first, "[", 2)[0])
		}
		diags.AddAttributeError(attr, "Invalid sequence", b.String())
		return
	}
	diags.AddError(fmt.Sprintf("Could not %s Kraiter sequence", op), fmt.Sprintf("Sequence %q: %v", id, err))
}

// addSequenceReadError reports a failed read of sequence id. A missing sequence gets its own
// message on the attribute that names it (idAttr), since that is what the configuration has
// to change.
func addSequenceReadError(diags *diag.Diagnostics, err error, idAttr, id, summary string) {
	if errors.Is(err, client.ErrNotFound) {
		diags.AddAttributeError(path.Root(idAttr), "Sequence not found",
			fmt.Sprintf("No sequence has the id %q. Check the id; a sequence must exist (for example as a kraiter_sequence resource) before a data source can read it.", id))
		return
	}
	diags.AddError(summary, err.Error())
}
