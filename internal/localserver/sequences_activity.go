package localserver

import (
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// The routes that read what a sequence did: they first run every step that is due, so that
// what they show is up to date with the virtual clock.

// withDueSequence runs read in one transaction with the route's sequence, after every step
// due by now has run.
func (s *Server) withDueSequence(r *http.Request, read func(tx *sql.Tx, now time.Time, rec sequenceRecord) error) error {
	ctx := r.Context()
	return s.engineTx(ctx, func(tx *sql.Tx, now time.Time) error {
		rec, err := getSequence(ctx, tx, r.PathValue("id"))
		if err != nil {
			return err
		}
		return read(tx, now, rec)
	})
}

func (s *Server) sequenceStatus(w http.ResponseWriter, r *http.Request) error {
	var st SequenceStatus
	err := s.withDueSequence(r, func(tx *sql.Tx, _ time.Time, rec sequenceRecord) (err error) {
		st, err = sequenceStatus(r.Context(), tx, rec)
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, st)
	return nil
}

// dryRun walks a contact through the sequence from now on and records nothing.
func (s *Server) dryRun(w http.ResponseWriter, r *http.Request) error {
	f, err := readFields(w, r)
	if err != nil {
		return err
	}
	f.allow("contactId")
	contactID, _ := f.str("contactId", `a contact id such as "con_ada"`, true)
	if len(f.problems) > 0 {
		return invalid("dry run", f.problems)
	}
	result := DryRunResult{ContactID: contactID, Steps: []DryRunStep{}}
	err = s.withDueSequence(r, func(tx *sql.Tx, now time.Time, rec sequenceRecord) error {
		result.SequenceID = rec.ID
		contact, err := interpreterContact(r.Context(), tx, contactID)
		if err != nil {
			return err
		}
		def, err := definition.ParseString(rec.Definition)
		if err != nil {
			return err
		}
		for _, v := range definition.Compile(def).DryRun(now, contact) {
			result.Steps = append(result.Steps, DryRunStep{
				Path: v.Path, Type: string(v.Type), TemplateID: v.TemplateID, WouldSend: v.WouldSend,
				Duration: v.Duration, Matched: v.Matched, Reason: v.Reason,
			})
		}
		return nil
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, result)
	return nil
}

// sequenceContacts pages the contacts with an active enrolment in the sequence.
func (s *Server) sequenceContacts(w http.ResponseWriter, r *http.Request) error {
	var problems []definition.Problem
	page := readPage(r.URL.Query(), cursorContacts, &problems)
	if len(problems) > 0 {
		return invalid("listing", problems)
	}
	var contacts []Contact
	err := s.withDueSequence(r, func(tx *sql.Tx, _ time.Time, rec sequenceRecord) (err error) {
		contacts, err = enrolledContacts(r.Context(), tx, rec.pk, page.after, page.limit+1)
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, pageOf(contacts, page.limit, cursorContacts, func(c Contact) string { return c.ID }))
	return nil
}

// sequenceSends pages the sends of the sequence in the order they were recorded.
func (s *Server) sequenceSends(w http.ResponseWriter, r *http.Request) error {
	var problems []definition.Problem
	page := readPage(r.URL.Query(), cursorSends, &problems)
	var afterPK int64
	if page.after != "" {
		n, err := strconv.ParseInt(page.after, 10, 64)
		if err != nil {
			problems = append(problems, definition.Problem{Path: "cursor",
				Message: "not a cursor of this listing; pass the nextCursor of the previous page unchanged, or none for the first page"})
		}
		afterPK = n
	}
	if len(problems) > 0 {
		return invalid("listing", problems)
	}
	var sends []Send
	err := s.withDueSequence(r, func(tx *sql.Tx, _ time.Time, rec sequenceRecord) (err error) {
		sends, err = listSends(r.Context(), tx, rec, afterPK, page.limit+1)
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, pageOf(sends, page.limit, cursorSends, sendKey))
	return nil
}
