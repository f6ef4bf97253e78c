package localserver

import (
	"database/sql"
	"net/http"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// The /_local/ routes: the local server's own controls, which Kraiter's API does not have.

// advanceClock moves the virtual clock forward and runs everything that falls due.
func (s *Server) advanceClock(w http.ResponseWriter, r *http.Request) error {
	f, err := readFields(w, r)
	if err != nil {
		return err
	}
	f.allow("duration")
	var d time.Duration
	if text, ok := f.str("duration", `a duration such as "2d"`, true); ok {
		if d, err = definition.ParseDuration(text); err != nil {
			f.add("duration", "%s", err)
		}
	}
	if len(f.problems) > 0 {
		return invalid("clock advance", f.problems)
	}
	ctx := r.Context()
	now, err := s.clock.advance(ctx, s.db, d)
	if err == nil {
		err = s.runDue(ctx)
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ClockState{Now: formatTime(now)})
	return nil
}

func (s *Server) getClock(w http.ResponseWriter, _ *http.Request) error {
	writeJSON(w, http.StatusOK, ClockState{Now: formatTime(s.clock.now())})
	return nil
}

// setSequenceStatus sets a sequence's status, which Kraiter sets in its app. Steps due
// before a pause run first; a sequence that becomes active again goes on from now.
func (s *Server) setSequenceStatus(w http.ResponseWriter, r *http.Request) error {
	f, err := readFields(w, r)
	if err != nil {
		return err
	}
	f.allow("status")
	status, _ := f.statusField("status")
	if len(f.problems) > 0 {
		return invalid("status change", f.problems)
	}
	ctx := r.Context()
	var rec sequenceRecord
	resuming := false
	err = s.engineTx(ctx, func(tx *sql.Tx, now time.Time) error {
		var err error
		if rec, err = getSequence(ctx, tx, r.PathValue("id")); err != nil {
			return err
		}
		resuming = status == StatusActive && rec.Status != StatusActive
		rec.Status = status
		if err := updateSequence(ctx, tx, &rec, now); err != nil {
			return err
		}
		if !resuming {
			return nil
		}
		return resumeEnrolments(ctx, tx, rec.pk, now)
	})
	if err == nil && resuming {
		err = s.runDue(ctx) // what fell due while the sequence was not active is due now
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rec.Sequence)
	return nil
}

// setFaults puts faults in force and starts counting what they inject from zero.
func (s *Server) setFaults(w http.ResponseWriter, r *http.Request) error {
	f, err := readFields(w, r)
	if err != nil {
		return err
	}
	faults := readFaults(f)
	if len(f.problems) > 0 {
		return invalid("faults", f.problems)
	}
	s.faults.set(faults)
	writeJSON(w, http.StatusOK, s.faults.state())
	return nil
}

func (s *Server) getFaults(w http.ResponseWriter, _ *http.Request) error {
	writeJSON(w, http.StatusOK, s.faults.state())
	return nil
}

// clearFaults stops injecting faults; the counts of what was injected stay to be read.
func (s *Server) clearFaults(w http.ResponseWriter, _ *http.Request) error {
	s.faults.stop()
	w.WriteHeader(http.StatusNoContent)
	return nil
}
