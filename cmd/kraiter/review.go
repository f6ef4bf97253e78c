package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/internal/review"
)

func newReviewCmd() *cobra.Command {
	var contactsPath, title string
	cmd := &cobra.Command{
		Use:   "review [--contacts FILE] [--title TEXT] PLAN_JSON",
		Short: "Write a pull-request comment on what a plan does to Kraiter sequences",
		Long: `Read the JSON of a Terraform or OpenTofu plan (terraform show -json PLANFILE; - reads
standard input) and write one Markdown comment for a pull request on its kraiter_sequence
changes: a summary line for each sequence created, updated, replaced or destroyed, then for
each what changes in its name, triggers and steps, the diff of its definition as DSL and
its graph with the changes marked. Values the plan marks sensitive are never written.

--contacts FILE names a file of sample contacts, carried offline through each changed
sequence before and after the change, to show who would get which emails:

  contact "pro team in DE" {
    attributes = { plan = "pro", country = "DE", seats = 12 }
    subscribed = true                                   # the default
    events     = [{ name = "purchased", after = "3d" }] # or before = "40d"
    until      = "30d"                                  # default: run to the end
    sequences  = ["seq_onboarding"]                     # default: every sequence
  }

The comment fits GitHub's limit of 65,536 characters: long parts are folded, and when it is
still too long, graphs, then DSL, then sample contacts, then whole sections are left out,
with a note saying so. --title replaces the heading "Kraiter sequences", to tell the
comments of several configurations apart.

Exits with status 0 when the review is written; 1 when it cannot be: a file that cannot be
read, input that is not a plan or is in a format this version does not read, an invalid
contacts file; and 2 when the command is misused.`,
		Example: `  terraform plan -out plan.tfplan && terraform show -json plan.tfplan > plan.json
  kraiter review --contacts review.contacts.hcl plan.json > review.md
  tofu show -json plan.tfplan | kraiter review --title "Production" -`,
		Args:              oneInput("PLAN_JSON"),
		ValidArgsFunction: completeFiles(1, jsonFileExts...),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := review.Options{Title: title}
			if contactsPath != "" {
				contacts, err := readContacts(cmd, contactsPath)
				if err != nil {
					return err
				}
				opts.Contacts = contacts
			}
			data, name, err := readInput(cmd, args[0])
			if err != nil {
				return err
			}
			plan, err := review.ParsePlan(data)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if _, err := io.WriteString(cmd.OutOrStdout(), review.Render(plan, opts)); err != nil {
				return fmt.Errorf("write the review: %w", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&contactsPath, "contacts", "", "a file of sample contacts to simulate before and after each change")
	cmd.Flags().StringVar(&title, "title", "", `the comment's heading (default "Kraiter sequences")`)
	completeFlagFiles(cmd, "contacts", "hcl")
	completeFlagNothing(cmd, "title")
	return cmd
}

// readContacts reads a contacts file; its problems are printed as diagnostics.
func readContacts(cmd *cobra.Command, path string) ([]review.Contact, error) {
	src, err := os.ReadFile(path) // the error names the operation and the path
	if err != nil {
		return nil, err
	}
	contacts, diags := review.ParseContacts(src, path)
	writeDiagnostics(cmd.ErrOrStderr(), diags, formatText)
	if diags.HasErrors() {
		return nil, exitError{code: exitFailure}
	}
	return contacts, nil
}
