package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// Every success must be complete and about what was asked.
func TestAnswersAreChecked(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	name := "N"
	calls := map[string]func(*client.Client) error{
		"Create": func(c *client.Client) error {
			_, err := c.Sequences.Create(ctx, client.CreateSequenceInput{ID: "seq_a", Name: "A", Definition: `{"steps":[]}`})
			return err
		},
		"Get": func(c *client.Client) error { _, err := c.Sequences.Get(ctx, "seq_a"); return err },
		"Update": func(c *client.Client) error {
			_, err := c.Sequences.Update(ctx, "seq_a", client.UpdateSequenceInput{Name: &name})
			return err
		},
		"GetStatus": func(c *client.Client) error { _, err := c.Sequences.GetStatus(ctx, "seq_a"); return err },
		"DryRun":    func(c *client.Client) error { _, err := c.Sequences.DryRun(ctx, "seq_a", "con_a"); return err },
		"List": func(c *client.Client) error {
			n := 0
			for _, err := range c.Sequences.List(ctx, client.ListOptions{}) {
				if err != nil {
					return err
				}
				n++
			}
			if n != 1 {
				return errors.New("List yielded no sequence")
			}
			return nil
		},
		"GetContacts": func(c *client.Client) error {
			for _, err := range c.Sequences.GetContacts(ctx, "seq_a", client.PageOptions{}) {
				return err
			}
			return errors.New("GetContacts yielded nothing")
		},
		"GetSends": func(c *client.Client) error {
			for _, err := range c.Sequences.GetSends(ctx, "seq_a", client.PageOptions{}) {
				return err
			}
			return errors.New("GetSends yielded nothing")
		},
		"GetTemplate": func(c *client.Client) error { _, err := c.Templates.Get(ctx, "tmpl_a"); return err },
		"ListTemplates": func(c *client.Client) error {
			for _, err := range c.Templates.List(ctx, client.PageOptions{}) {
				return err
			}
			return errors.New("ListTemplates yielded nothing")
		},
	}
	const send = `{"id":"snd_1","sequenceId":"%s","contactId":"con_a","templateId":"tmpl_a","status":"sent","createdAt":"2025-01-02T03:04:05Z"}`
	withoutTriggers := strings.Replace(sequenceJSON("seq_a"), `"triggers":[],`, "", 1)
	nullTriggers := strings.Replace(sequenceJSON("seq_a"), `"triggers":[]`, `"triggers":null`, 1)
	tests := []struct {
		name, call, body string
		// says is what the error says; empty when the answer is fine.
		says string
	}{
		{"created another sequence", "Create", sequenceJSON("seq_b"), `/v1/sequences answered sequence "seq_b" instead of "seq_a"`},
		{"created, but incomplete", "Create", `{"id":"seq_a","name":"A"}`, `answered a sequence without definition, status, createdAt, updatedAt`},
		{"read another sequence", "Get", sequenceJSON("seq_b"), `answered sequence "seq_b" instead of "seq_a"`},
		{"read without triggers", "Get", withoutTriggers, ""},
		{"read with null triggers", "Get", nullTriggers, ""},
		{"read with a wrong type", "Get", `{"id":"seq_a","name":7}`, "the body does not have the expected shape"},
		{"updated another sequence", "Update", sequenceJSON("seq_b"), `/v1/sequences/seq_a answered sequence "seq_b" instead of "seq_a"`},
		{"the status of another sequence", "GetStatus", `{"id":"seq_b","status":"active"}`, `answered the status of sequence "seq_b" instead of "seq_a"`},
		{"a status that is not an object", "GetStatus", `[]`, "the body is not a JSON object"},
		{"a dry run of another sequence", "DryRun", `{"sequenceId":"seq_b","contactId":"con_a","steps":[]}`,
			`answered the dry run of sequence "seq_b" for contact "con_a" instead of sequence "seq_a" for contact "con_a"`},
		{"a dry run for another contact", "DryRun", `{"sequenceId":"seq_a","contactId":"con_b","steps":[]}`, `for contact "con_b" instead of`},
		{"a page", "List", `{"data":[` + sequenceJSON("seq_x") + `],"nextCursor":null}`, ""},
		{"a page without data", "List", `{"nextCursor":null}`, "answered a page without a data array"},
		{"a page of null data", "List", `{"data":null,"nextCursor":null}`, "answered a page without a data array"},
		{"a page whose data is an object", "List", `{"data":{},"nextCursor":null}`, "the body does not have the expected shape"},
		{"a page with an incomplete sequence", "List", `{"data":[` + sequenceJSON("seq_x") + `,{"id":"seq_y"}],"nextCursor":null}`,
			"answered a page whose item 1 is a sequence without name, definition, status, createdAt, updatedAt"},
		{"contacts of null data", "GetContacts", `{"data":null,"nextCursor":null}`, "answered a page without a data array"},
		{"a send of another sequence", "GetSends", `{"data":[` + strings.ReplaceAll(send, "%s", "seq_b") + `],"nextCursor":null}`,
			`answered a page whose item 0 is a send of sequence "seq_b" instead of "seq_a"`},
		{"another template", "GetTemplate", `{"id":"tmpl_b","name":"B","subject":"S"}`, `answered template "tmpl_b" instead of "tmpl_a"`},
		{"a template without a name", "GetTemplate", `{"id":"tmpl_a","subject":"S"}`, `answered a template without an id or a name`},
		{"a page with a template without an id", "ListTemplates", `{"data":[{"name":"B"}],"nextCursor":null}`,
			`answered a page whose item 0 is a template without an id or a name`},
		{"a page of templates", "ListTemplates", `{"data":[{"id":"tmpl_b","name":"B","subject":"S"}],"nextCursor":null}`, ""},
		{"a send of this sequence", "GetSends", `{"data":[` + strings.ReplaceAll(send, "%s", "seq_a") + `],"nextCursor":null}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newFakeClient(t, serve(t, answer(http.StatusOK, tt.body)), noRetries)
			err := calls[tt.call](c)
			if tt.says == "" {
				if err != nil {
					t.Fatalf("%s: %v", tt.call, err)
				}
				return
			}
			if !errors.Is(err, client.ErrUnexpectedResponse) || !strings.Contains(err.Error(), tt.says) {
				t.Fatalf("%s: %v, want ErrUnexpectedResponse saying %q", tt.call, err, tt.says)
			}
		})
	}
}
