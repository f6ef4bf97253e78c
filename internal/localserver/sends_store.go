package localserver

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// A send's id is "snd_" and its row number, so ids follow the order sends were recorded and
// the number is the key a page of sends continues after.
const sendIDPrefix = "snd_"

func sendID(pk int64) string { return sendIDPrefix + strconv.FormatInt(pk, 10) }

func sendKey(s Send) string { return strings.TrimPrefix(s.ID, sendIDPrefix) }

// listSends pages a sequence's sends in the order they were recorded.
func listSends(ctx context.Context, tx *sql.Tx, rec sequenceRecord, afterPK int64, limit int) ([]Send, error) {
	rows, err := tx.QueryContext(ctx,
		`SELECT pk, contact_id, template_id, status, created_at FROM sends
		 WHERE sequence_pk = ? AND pk > ? ORDER BY pk LIMIT ?`, rec.pk, afterPK, limit)
	if err != nil {
		return nil, fmt.Errorf("list sends of sequence %q: %w", rec.ID, err)
	}
	defer rows.Close()
	sends := []Send{}
	for rows.Next() {
		var pk, created int64
		s := Send{SequenceID: rec.ID}
		if err := rows.Scan(&pk, &s.ContactID, &s.TemplateID, &s.Status, &created); err != nil {
			return nil, fmt.Errorf("list sends of sequence %q: %w", rec.ID, err)
		}
		s.ID = sendID(pk)
		s.CreatedAt = formatTime(fromMillis(created))
		sends = append(sends, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list sends of sequence %q: %w", rec.ID, err)
	}
	return sends, nil
}
