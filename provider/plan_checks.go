package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

// What a plan learns from the live account, when the provider has an API key: how many
// contacts a delete cancels, whether an id to create is taken, and whether the templates a
// definition names exist. Each check reads only for a resource whose plan changes what it
// looks at, so a plan with no change reads nothing more than before.

// templatesTimeout bounds reading the account's templates, once per provider process.
const templatesTimeout = time.Minute

// planChecks is what the checks of one provider process share.
type planChecks struct {
	mu sync.Mutex // guards creates and deletes
	// creates and deletes are the sequence ids this process planned to create and to
	// delete: both for one id means a resource was renamed without a moved block.
	creates, deletes map[string]bool

	templatesOnce sync.Once
	templates     map[string]bool
	// templatesErr says why the templates could not be read; the first check that meets it
	// warns (templatesWarning), the others say nothing.
	templatesErr     error
	templatesWarning sync.Once
}

func newPlanChecks() *planChecks {
	return &planChecks{creates: map[string]bool{}, deletes: map[string]bool{}}
}

// plannedCreate records a planned create of id, and reports whether this process also
// plans to delete id.
func (p *planChecks) plannedCreate(id string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.creates[id] = true
	return p.deletes[id]
}

// plannedDelete records a planned delete of id, and reports whether this process also
// plans to create id.
func (p *planChecks) plannedDelete(id string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.deletes[id] = true
	return p.creates[id]
}

// warnDelete warns that deleting (or replacing) sequence id cancels its active enrolments,
// with the live count; nothing when it has none. verb is "delete" or "replace".
func warnDelete(ctx context.Context, c *client.Client, id, verb string, renamed bool, diags *diag.Diagnostics) {
	doing := map[string]string{"delete": "Deleting", "replace": "Replacing"}[verb]
	st, err := c.Sequences.GetStatus(ctx, id)
	switch {
	case errors.Is(err, client.ErrNotFound):
		return
	case err != nil:
		diags.AddWarning(fmt.Sprintf("Could not read how many contacts are in sequence %s", id), fmt.Sprintf(
			"%s sequence %q cancels the enrolments of the contacts partway through it, and the provider could not read how many there are: %v", doing, id, err))
		return
	case st.ActiveEnrolments == 0:
		return
	}
	detail := fmt.Sprintf("Sequence %q has %s partway through it (%d enrolled in all). %s it cancels their enrolments: "+
		"they receive none of its remaining emails, and Terraform cannot bring them back.\n\n"+
		"To keep the sequence, undo this change, or set deletion_protection = true on it first.",
		id, prose.Count(int(st.ActiveEnrolments), "contact"), st.TotalEnrolled, doing)
	if renamed {
		detail += "\n\n" + renameAdvice(id)
	}
	diags.AddWarning(fmt.Sprintf("%s %s cancels its %d active enrolments", doing, id, st.ActiveEnrolments), detail)
}

// warnExistingID warns when sequence id, planned for creation, already exists in Kraiter:
// the apply would fail with CONFLICT. It offers a moved block for a renamed resource and an
// import block otherwise; renamed says this plan also deletes id elsewhere.
func warnExistingID(ctx context.Context, c *client.Client, id string, renamed bool, diags *diag.Diagnostics) {
	seq, err := c.Sequences.Get(ctx, id)
	if err != nil {
		// NOT_FOUND is the common case; any other failure shows at apply, where it matters.
		return
	}
	summary := fmt.Sprintf("Sequence %s already exists in Kraiter", id)
	detail := fmt.Sprintf("This plan creates sequence %q, but Kraiter already holds a sequence with that id (%q). "+
		"Unless this plan also deletes it at another resource address, the apply fails with \"already exists\".\n\n", id, seq.Name)
	if renamed {
		summary = fmt.Sprintf("Sequence %s is deleted and created again under another resource address", id)
		detail = fmt.Sprintf("This plan deletes sequence %q at one resource address and creates it at another: "+
			"the resource was renamed. Applying it would delete the sequence, cancelling the enrolments of the contacts in it, "+
			"and create an empty one.\n\n", id)
	}
	diags.AddAttributeWarning(path.Root("id"), summary, detail+renameAdvice(id)+"\n\n"+importAdvice(id))
}

func renameAdvice(id string) string {
	return fmt.Sprintf("If you renamed the resource that manages %q, tell Terraform it moved (Terraform 1.1 or later, OpenTofu), "+
		"with the old and the new resource address:\n\n"+
		"  moved {\n    from = kraiter_sequence.OLD_NAME\n    to   = kraiter_sequence.NEW_NAME\n  }", id)
}

func importAdvice(id string) string {
	return fmt.Sprintf("Otherwise, to manage the existing sequence with this resource, import it (Terraform 1.5 or later, OpenTofu):\n\n"+
		"  import {\n    to = kraiter_sequence.NEW_NAME\n    id = %q\n  }", id)
}

// checkTemplates adds an error for each template the definition names that the account
// does not have. The account's templates are read once per provider process; when they
// cannot be (a server without the templates route, or any failure), the check is skipped
// with one warning per process: it never blocks a plan on its own.
func (p *planChecks) checkTemplates(ctx context.Context, c *client.Client, text string, diags *diag.Diagnostics) {
	def, err := definition.ParseString(text)
	if err != nil {
		// ValidateConfig has said what is wrong with it.
		return
	}
	refs := def.TemplateRefs()
	if len(refs) == 0 {
		return
	}
	templates, err := p.accountTemplates(ctx, c)
	if err != nil {
		p.templatesWarning.Do(func() { warnTemplates(c, err, diags) })
		return
	}
	var problems []string
	var known []string // the account's template ids, sorted for suggestions once one is needed
	for _, ref := range refs {
		if !templates[ref.TemplateID] {
			if known == nil {
				known = slices.Sorted(maps.Keys(templates))
			}
			problems = append(problems, fmt.Sprintf("%s: template %q does not exist in Kraiter%s",
				ref.Path, ref.TemplateID, definition.DidYouMean(ref.TemplateID, known)))
		}
	}
	if len(problems) == 0 {
		return
	}
	summary := "Unknown template"
	if len(problems) > 1 {
		summary = "Unknown templates"
	}
	diags.AddAttributeError(path.Root("definition"), summary, fmt.Sprintf(
		"The definition sends templates that Kraiter's account does not have, so the apply would fail:\n\n  - %s\n\n"+
			"Fix the template ids, or create the templates in Kraiter first.", strings.Join(problems, "\n  - ")))
}

// accountTemplates reads the ids of the account's templates, once.
func (p *planChecks) accountTemplates(ctx context.Context, c *client.Client) (map[string]bool, error) {
	p.templatesOnce.Do(func() {
		// Many resources wait for this one listing: no single one's cancellation ends it.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), templatesTimeout)
		defer cancel()
		ids := map[string]bool{}
		for t, err := range c.Templates.List(ctx, client.PageOptions{Limit: client.MaxPageSize}) {
			if err != nil {
				p.templatesErr = err
				return
			}
			ids[t.ID] = true
		}
		tflog.Debug(ctx, "read the Kraiter account's templates", map[string]any{"templates": len(ids)})
		p.templates = ids
	})
	return p.templates, p.templatesErr
}

// warnTemplates warns that the templates could not be read (err), so are not checked.
func warnTemplates(c *client.Client, err error, diags *diag.Diagnostics) {
	why := fmt.Sprintf("Reading Kraiter's templates failed: %v", err)
	if errors.Is(err, client.ErrRouteNotFound) {
		why = fmt.Sprintf("The API at %s does not list templates (GET /v1/templates answered ROUTE_NOT_FOUND).", c.BaseURL())
	}
	diags.AddWarning("Template ids not checked", why+"\n\nThe plan goes on without checking that the templates the definitions send exist; "+
		"an unknown template fails at apply instead.")
}
