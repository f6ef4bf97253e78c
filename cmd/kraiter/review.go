package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/dsltest"
	"github.com/kraiter/terraform-provider-kraiter/internal/review"
)

type reviewOptions struct {
	api                 apiFlags
	contactsPath, title string
	marker              string
	format              string
	offline             bool
	failed              []string
	liveTimeout         time.Duration
}

func newReviewCmd(version string) *cobra.Command {
	var o reviewOptions
	cmd := &cobra.Command{
		Use:   "review [flags] PLAN_JSON",
		Short: "Write a pull-request comment on what a plan does to Kraiter sequences",
		Long: `Read the JSON of a Terraform or OpenTofu plan (terraform show -json PLANFILE; - reads
standard input) and write one Markdown comment for a pull request on its kraiter_sequence
changes. It opens with what must be seen first: a banner when the plan errored and is
incomplete, the steps of the checks that failed (--failed), the failed check blocks,
preconditions and postconditions, and a warning with a ready moved block when a sequence
is destroyed at one address and created with the same id at another. Then a summary line
for each sequence created, updated, replaced or destroyed; what was changed in Kraiter
outside Terraform since the last apply, and whether the plan reverts it (the summary marks
such reverts with ↩); and for each change what it does to the name, triggers and steps,
the diff of its definition as DSL and its graph with the changes marked. Values the plan
marks sensitive are never written.

With an API key (KRAITER_API_KEY, --api-key-file or --api-key, and KRAITER_BASE_URL or
--base-url for anything but api.kraiter.com, read as the provider reads them), the comment
shows who a change affects: the active and total enrolments of each sequence updated,
replaced or destroyed, the names and subjects of templates swapped, and whether a created
id exists already (when every change creates an existing id, it asks whether the state
backend is configured). The calls are bounded (one per sequence, four at a time, ` + review.DefaultLiveTimeout.String() + ` in
all); one that fails leaves its figure out with the reason, and never fails the review.
--offline makes no call. Without a key, one line says the figures were not fetched.

--contacts FILE names a file of sample contacts, carried offline through each changed
sequence before and after the change, to show who would get which emails:

  contact "pro team in DE" {
    attributes = { plan = "pro", country = "DE", seats = 12 }
    subscribed = true                                   # the default
    events     = [{ name = "purchased", after = "3d" }] # or before = "40d"
    until      = "30d"                                  # default: run to the end
    sequences  = ["seq_onboarding"]                     # default: every sequence
  }

--failed NAME=FILE (repeatable) names a step of the pull request's checks that failed and
the file of its output, listed at the top with the end of that output; with --failed,
PLAN_JSON may be left out when the plan itself did not finish.

The comment fits GitHub's limit of 65,536 characters: long names and addresses are
shortened, long parts are folded, and when it is still too long, graphs, then DSL, then
sample contacts, then templates, then whole sections are left out, with a note saying so.
--title replaces the heading "Kraiter sequences", to tell the comments of several
configurations apart. --marker TEXT opens the comment with the hidden line <!-- TEXT -->,
counted within the limit, by which a bot finds its comment to update it; TEXT is letters,
digits, spaces and _ . : / - (no two - in a row). --format json writes the same content
as data, for other bots.

Exits with status 0 when the review is written; 1 when it cannot be: a file that cannot be
read, input that is not a plan or is in a format this version does not read, an invalid
contacts file; and 2 when the command is misused.`,
		Example: `  terraform plan -out plan.tfplan && terraform show -json plan.tfplan > plan.json
  kraiter review --contacts review.contacts.hcl plan.json > review.md
  tofu show -json plan.tfplan | kraiter review --offline --title "Production" -
  kraiter review --failed "dsl test=test.log" --failed "terraform plan=plan.log"`,
		Args:              reviewArgs(&o),
		ValidArgsFunction: completeFiles(1, jsonFileExts...),
		RunE:              func(cmd *cobra.Command, args []string) error { return runReview(cmd, o, args, version) },
	}
	f := cmd.Flags()
	o.api.add(cmd)
	f.StringVar(&o.contactsPath, "contacts", "", "a file of sample contacts to simulate before and after each change")
	f.StringVar(&o.title, "title", "", `the comment's heading (default "Kraiter sequences")`)
	f.StringVar(&o.marker, "marker", "", "open the comment with the hidden line <!-- MARKER -->, for a bot to find it by")
	f.BoolVar(&o.offline, "offline", false, "make no call to Kraiter: leave out live figures")
	f.StringArrayVar(&o.failed, "failed", nil, "NAME=FILE: a failed step of the checks and its output, listed first (repeatable)")
	f.DurationVar(&o.liveTimeout, "live-timeout", review.DefaultLiveTimeout, "time limit of all calls to Kraiter together")
	addEnumFlag(cmd, &o.format, "format", formatMarkdown, "output format", formatMarkdown, formatJSON)
	completeFlagFiles(cmd, "contacts", "hcl")
	completeFlagNothing(cmd, "title")
	completeFlagNothing(cmd, "marker")
	completeFlagFiles(cmd, "failed")
	completeFlagNothing(cmd, "live-timeout")
	return cmd
}

// reviewArgs takes one PLAN_JSON, or none when --failed says why there is no plan.
func reviewArgs(o *reviewOptions) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 && len(o.failed) > 0 {
			return nil
		}
		return oneInput("PLAN_JSON")(cmd, args)
	}
}

func runReview(cmd *cobra.Command, o reviewOptions, args []string, version string) error {
	opts := review.Options{Title: o.title, LiveTimeout: o.liveTimeout}
	if o.liveTimeout <= 0 {
		return usageError(cmd, "--live-timeout must be positive, such as 30s, not %s", o.liveTimeout)
	}
	if o.marker != "" {
		if o.format == formatJSON {
			return usageError(cmd, "--marker marks a Markdown comment; --format json has no place for it")
		}
		if !validMarker(o.marker) {
			return usageError(cmd, "--marker %q: use at most %d letters, digits, spaces and _ . : / -, with no two - in a row, such as \"kraiter-review production\"", o.marker, maxMarker)
		}
	}
	account, noAccount, err := reviewAccount(cmd, o, version)
	if err != nil {
		return err
	}
	opts.Account, opts.NoAccount = account, noAccount
	for _, spec := range o.failed {
		step, err := readFailedStep(cmd, spec)
		if err != nil {
			return err
		}
		opts.Failed = append(opts.Failed, step)
	}
	if o.contactsPath != "" {
		contacts, err := readContacts(cmd, o.contactsPath)
		if err != nil {
			return err
		}
		opts.Contacts = contacts
	}
	plan := &review.Plan{}
	if len(args) == 1 {
		data, name, err := readInput(cmd, args[0])
		if err != nil {
			return err
		}
		if plan, err = review.ParsePlan(data); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	} else {
		opts.NoPlan = true
	}
	if o.format == formatJSON {
		return writeJSON(cmd.OutOrStdout(), review.NewReport(cmd.Context(), plan, opts))
	}
	if _, err := io.WriteString(cmd.OutOrStdout(), renderReview(cmd.Context(), plan, opts, o.marker)); err != nil {
		return fmt.Errorf("write the review: %w", err)
	}
	return nil
}

// renderReview writes the review in Markdown, opened by the line of the marker when there is
// one, within opts.MaxLength bytes in all (GitHub's limit when zero).
func renderReview(ctx context.Context, plan *review.Plan, opts review.Options, marker string) string {
	if marker == "" {
		return review.Render(ctx, plan, opts)
	}
	line := "<!-- " + marker + " -->\n"
	opts.MaxLength = cmp.Or(opts.MaxLength, review.GitHubCommentLimit) - len(line)
	return line + review.Render(ctx, plan, opts)
}

// maxMarker bounds --marker, which is an id rather than text.
const maxMarker = 100

// markerPattern is what --marker may hold: nothing that could end the HTML comment (-->) or
// break it (--), nor anything to escape.
var markerPattern = regexp.MustCompile(`^[A-Za-z0-9_.:/ -]+$`)

func validMarker(marker string) bool {
	return len(marker) <= maxMarker && markerPattern.MatchString(marker) &&
		!strings.Contains(marker, "--") && !strings.HasPrefix(marker, "-") && !strings.HasSuffix(marker, "-")
}

// reviewAccount is the account the review reads, or why there is none.
func reviewAccount(cmd *cobra.Command, o reviewOptions, version string) (review.Account, string, error) {
	if o.offline {
		return nil, "--offline", nil
	}
	cfg, err := o.api.config(cmd, version, false)
	if err != nil {
		return nil, "", err
	}
	if cfg.APIKey == "" {
		return nil, "no API key (set " + envAPIKey + " to show enrolments and templates)", nil
	}
	// A review waits on its calls: a few short retries, not the provider's two minutes.
	cfg.MaxRetries = reviewRetries
	cfg.RequestTimeout = reviewRequestTimeout
	cfg.RetryMaxTotal = reviewRetryMaxTotal
	api, err := o.api.client(cmd, cfg)
	if err != nil {
		return nil, "", err
	}
	return &clientAccount{api: api}, "", nil
}

// Retry budget of the review's calls.
const (
	reviewRetries        = 2
	reviewRequestTimeout = 10 * time.Second
	reviewRetryMaxTotal  = 15 * time.Second
)

// clientAccount is review.Account over Kraiter's API, whose errors never carry the key (the
// client redacts what servers say).
type clientAccount struct {
	api *client.Client
}

func (a *clientAccount) SequenceStatus(ctx context.Context, id string) (review.SequenceStatus, error) {
	st, err := a.api.Sequences.GetStatus(ctx, id)
	if err != nil {
		return review.SequenceStatus{}, err
	}
	return review.SequenceStatus{ActiveEnrolments: st.ActiveEnrolments, TotalEnrolled: st.TotalEnrolled}, nil
}

func (a *clientAccount) SequenceExists(ctx context.Context, id string) (bool, error) {
	_, err := a.api.Sequences.Get(ctx, id)
	switch {
	case errors.Is(err, client.ErrNotFound):
		return false, nil
	case err != nil:
		return false, err
	}
	return true, nil
}

func (a *clientAccount) Template(ctx context.Context, id string) (*review.Template, error) {
	t, err := a.api.Templates.Get(ctx, id)
	switch {
	case errors.Is(err, client.ErrNotFound):
		return nil, nil
	case err != nil:
		return nil, err
	}
	return &review.Template{Name: t.Name, Subject: t.Subject}, nil
}

// maxFailedOutput bounds what --failed reads of a file; the review shows its end only.
const maxFailedOutput = 1 << 20

// readFailedStep reads --failed NAME=FILE: the end of the file, at most maxFailedOutput.
func readFailedStep(cmd *cobra.Command, spec string) (review.FailedStep, error) {
	name, path, ok := strings.Cut(spec, "=")
	if !ok || strings.TrimSpace(name) == "" || path == "" {
		return review.FailedStep{}, usageError(cmd, "--failed takes NAME=FILE, such as \"dsl test=test.log\", not %q", spec)
	}
	f, err := os.Open(path)
	if err != nil {
		return review.FailedStep{}, fmt.Errorf("--failed %s: %w", name, err)
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Size() > maxFailedOutput {
		if _, err := f.Seek(info.Size()-maxFailedOutput, io.SeekStart); err != nil {
			return review.FailedStep{}, fmt.Errorf("--failed %s: %w", name, err)
		}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFailedOutput))
	if err != nil {
		return review.FailedStep{}, fmt.Errorf("--failed %s: %w", name, err)
	}
	return review.FailedStep{Name: strings.TrimSpace(name), Output: string(data)}, nil
}

// readContacts reads a contacts file; its problems are printed as diagnostics.
func readContacts(cmd *cobra.Command, path string) ([]dsltest.Contact, error) {
	src, err := os.ReadFile(path) // the error names the operation and the path
	if err != nil {
		return nil, err
	}
	contacts, diags := dsltest.ParseContacts(src, path)
	writeDiagnostics(cmd.ErrOrStderr(), diags, formatText)
	if diags.HasErrors() {
		return nil, exitError{code: exitFailure}
	}
	return contacts, nil
}
