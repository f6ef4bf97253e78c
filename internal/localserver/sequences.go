package localserver

import (
	"database/sql"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/definition"
)

func (s *Server) createSequence(w http.ResponseWriter, r *http.Request) error {
	f, err := readFields(w, r)
	if err != nil {
		return err
	}
	in := readSequenceInput(f, true)
	ctx := r.Context()
	var rec sequenceRecord
	err = s.tx(ctx, func(tx *sql.Tx, now time.Time) error {
		missing, err := checkTemplates(ctx, tx, in)
		if err != nil {
			return err
		}
		if problems := append(f.problems, missing...); len(problems) > 0 {
			return invalid("sequence", problems)
		}
		exists, err := sequenceExists(ctx, tx, in.id)
		if err != nil {
			return err
		}
		if exists {
			return conflict("a sequence with id %q already exists", in.id)
		}
		seq := Sequence{ID: in.id, Name: in.name, Definition: in.text, Triggers: in.triggers, Status: StatusActive}
		if _, err := insertSequence(ctx, tx, seq, now); err != nil {
			return err
		}
		rec, err = getSequence(ctx, tx, in.id)
		return err
	})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/v1/sequences/"+rec.ID)
	writeJSON(w, http.StatusCreated, rec.Sequence)
	return nil
}

func (s *Server) getSequence(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var rec sequenceRecord
	err := s.tx(ctx, func(tx *sql.Tx, _ time.Time) error {
		var err error
		rec, err = getSequence(ctx, tx, r.PathValue("id"))
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rec.Sequence)
	return nil
}

func (s *Server) listSequences(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var problems []definition.Problem
	page := readPage(q, cursorSequences, &problems)
	status := q.Get("status")
	if status != "" && !slices.Contains(client.Statuses, status) {
		problems = append(problems, definition.Problem{Path: "status",
			Message: fmt.Sprintf("unknown status %q; expected %s%s", status, quoteList(client.Statuses), definition.DidYouMean(status, client.Statuses))})
	}
	if len(problems) > 0 {
		return invalid("listing", problems)
	}
	ctx := r.Context()
	var recs []sequenceRecord
	err := s.tx(ctx, func(tx *sql.Tx, _ time.Time) error {
		var err error
		recs, err = listSequences(ctx, tx, page.after, status, page.limit+1)
		return err
	})
	if err != nil {
		return err
	}
	seqs := make([]Sequence, len(recs))
	for i := range recs {
		seqs[i] = recs[i].Sequence
	}
	writeJSON(w, http.StatusOK, pageOf(seqs, page.limit, cursorSequences, func(s Sequence) string { return s.ID }))
	return nil
}

// patchSequence changes only the fields present. Steps due before the change run first.
// Enrolments in progress finish on the definition version they began under; a new
// definition is a new version, which later enrolments take.
func (s *Server) patchSequence(w http.ResponseWriter, r *http.Request) error {
	f, err := readFields(w, r)
	if err != nil {
		return err
	}
	in := readSequenceInput(f, false)
	ctx := r.Context()
	var rec sequenceRecord
	err = s.engineTx(ctx, func(tx *sql.Tx, now time.Time) error {
		var err error
		if rec, err = getSequence(ctx, tx, r.PathValue("id")); err != nil {
			return err
		}
		missing, err := checkTemplates(ctx, tx, in)
		if err != nil {
			return err
		}
		if problems := append(f.problems, missing...); len(problems) > 0 {
			return invalid("sequence update", problems)
		}
		if in.hasName {
			rec.Name = in.name
		}
		if in.hasDef && in.text != rec.Definition {
			rec.Definition = in.text
			if err := addSequenceVersion(ctx, tx, rec, now); err != nil {
				return err
			}
		}
		if in.hasTrigger {
			if err := replaceTriggers(ctx, tx, rec.pk, in.triggers); err != nil {
				return err
			}
			rec.Triggers = in.triggers
		}
		return updateSequence(ctx, tx, &rec, now)
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rec.Sequence)
	return nil
}

func (s *Server) deleteSequence(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	err := s.engineTx(ctx, func(tx *sql.Tx, now time.Time) error {
		rec, err := getSequence(ctx, tx, r.PathValue("id"))
		if err != nil {
			return err
		}
		return deleteSequence(ctx, tx, rec, now)
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
