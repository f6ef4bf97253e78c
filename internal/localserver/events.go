package localserver

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

// postEvent records an event in the contact's history and enrols the contact in every active
// sequence triggered by it.
func (s *Server) postEvent(w http.ResponseWriter, r *http.Request) error {
	f, err := readFields(w, r)
	if err != nil {
		return err
	}
	f.allow("contactId", "eventName")
	contactID, _ := f.str("contactId", `a contact id such as "con_ada"`, true)
	eventName, _ := f.eventNameField("eventName")
	if len(f.problems) > 0 {
		return invalid("event", f.problems)
	}
	ctx := r.Context()
	var result EventResult
	var stopped string // the last sequence gone through when a slice ended, "" when done
	err = s.engineTx(ctx, func(tx *sql.Tx, now time.Time) error {
		if _, err := getContact(ctx, tx, contactID); err != nil {
			return err
		}
		if err := recordEvent(ctx, tx, contactID, eventName, now); err != nil {
			return err
		}
		result.Enrolled, stopped, err = enrolOnEvent(ctx, tx, now, contactID, eventName, "", time.Now().Add(engineSlice))
		return err
	})
	// The event is recorded: its enrolments go on, a slice per transaction, even if the
	// client stops waiting for them.
	ctx = context.WithoutCancel(ctx)
	for err == nil && stopped != "" {
		err = s.tx(ctx, func(tx *sql.Tx, now time.Time) error {
			enrolled, next, err := enrolOnEvent(ctx, tx, now, contactID, eventName, stopped, time.Now().Add(engineSlice))
			if err != nil {
				return err
			}
			result.Enrolled, stopped = append(result.Enrolled, enrolled...), next
			return nil
		})
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, result)
	return nil
}
