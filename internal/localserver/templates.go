package localserver

import (
	"database/sql"
	"net/http"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// readTemplate reads the body of POST /v1/templates.
func readTemplate(f *fields) Template {
	f.allow("id", "name", "subject")
	var t Template
	t.ID, _ = f.idField("id", "tmpl_welcome")
	t.Name, _ = f.textField("name", `a name such as "Welcome"`, client.MaxNameLength, true)
	t.Subject, _ = f.textField("subject", `a subject line such as "Welcome aboard"`, maxSubjectChars, true)
	return t
}

func (s *Server) createTemplate(w http.ResponseWriter, r *http.Request) error {
	f, err := readFields(w, r)
	if err != nil {
		return err
	}
	t := readTemplate(f)
	if len(f.problems) > 0 {
		return invalid("template", f.problems)
	}
	ctx := r.Context()
	err = s.tx(ctx, func(tx *sql.Tx, now time.Time) error {
		exists, err := templateExists(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		if exists {
			return conflict("a template with id %q already exists", t.ID)
		}
		if err := insertTemplate(ctx, tx, t, now); err != nil {
			return err
		}
		t, err = getTemplate(ctx, tx, t.ID)
		return err
	})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/v1/templates/"+t.ID)
	writeJSON(w, http.StatusCreated, t)
	return nil
}

func (s *Server) getTemplate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var t Template
	err := s.tx(ctx, func(tx *sql.Tx, _ time.Time) error {
		var err error
		t, err = getTemplate(ctx, tx, r.PathValue("id"))
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}

func (s *Server) listTemplates(w http.ResponseWriter, r *http.Request) error {
	var problems []definition.Problem
	page := readPage(r.URL.Query(), cursorTemplates, &problems)
	if len(problems) > 0 {
		return invalid("listing", problems)
	}
	ctx := r.Context()
	var ts []Template
	err := s.tx(ctx, func(tx *sql.Tx, _ time.Time) error {
		var err error
		ts, err = listTemplates(ctx, tx, page.after, page.limit+1)
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, pageOf(ts, page.limit, cursorTemplates, func(t Template) string { return t.ID }))
	return nil
}
