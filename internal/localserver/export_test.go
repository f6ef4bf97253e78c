package localserver

import (
	"context"
	"fmt"
)

// EnrolmentStatuses lists a contact's enrolments, deleted sequences' included, as
// "sequenceId:status" in the order they began, for tests that look past the API.
func (s *Server) EnrolmentStatuses(ctx context.Context, contactID string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT s.id, e.status FROM enrolments e JOIN sequences s ON s.pk = e.sequence_pk
		 WHERE e.contact_id = ? ORDER BY e.pk`, contactID)
	if err != nil {
		return nil, fmt.Errorf("list enrolments: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id, status string
		if err := rows.Scan(&id, &status); err != nil {
			return nil, fmt.Errorf("list enrolments: %w", err)
		}
		out = append(out, id+":"+status)
	}
	return out, rows.Err()
}
