package localserver

import (
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
	err = s.engineTx(ctx, func(tx *sql.Tx, now time.Time) error {
		if _, err := getContact(ctx, tx, contactID); err != nil {
			return err
		}
		if err := recordEvent(ctx, tx, contactID, eventName, now); err != nil {
			return err
		}
		result.Enrolled, err = enrolOnEvent(ctx, tx, now, contactID, eventName)
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, result)
	return nil
}
