package localserver

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"
)

// Seed is data applied at Open, idempotently: templates and contacts are created, or updated
// to match when they exist.
type Seed struct {
	Templates []SeedTemplate `json:"templates"`
	Contacts  []SeedContact  `json:"contacts"`
}

// SeedTemplate is a template to create or update.
type SeedTemplate struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Subject string `json:"subject"`
}

// SeedContact is a contact to create or update. In a seed file an omitted "subscribed"
// means true, as it does for POST /v1/contacts.
type SeedContact struct {
	ID         string         `json:"id"`
	Email      string         `json:"email"`
	Attributes map[string]any `json:"attributes,omitempty"`
	Subscribed bool           `json:"subscribed"`
}

// UnmarshalJSON reads a seed contact strictly, with "subscribed" defaulting to true.
func (c *SeedContact) UnmarshalJSON(data []byte) error {
	var raw struct {
		ID         string         `json:"id"`
		Email      string         `json:"email"`
		Attributes map[string]any `json:"attributes"`
		Subscribed *bool          `json:"subscribed"`
	}
	if err := strictDecode(data, &raw); err != nil {
		return err
	}
	*c = SeedContact{ID: raw.ID, Email: raw.Email, Attributes: raw.Attributes, Subscribed: raw.Subscribed == nil || *raw.Subscribed}
	return nil
}

// LoadSeed reads a seed file: {"templates": [{"id", "name", "subject"}], "contacts":
// [{"id", "email", "attributes": {}, "subscribed": true}]}. Unknown fields are errors.
func LoadSeed(path string) (*Seed, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read seed: %w", err)
	}
	var seed Seed
	if err := strictDecode(data, &seed); err != nil {
		return nil, fmt.Errorf("read seed %s: %w", path, err)
	}
	return &seed, nil
}

func strictDecode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("content after the JSON object")
	}
	return nil
}

// applySeed checks every seed entry as the matching POST would, then stores them all in one
// transaction, so that a bad seed changes nothing.
func (s *Server) applySeed(ctx context.Context, seed *Seed) error {
	var problems []string
	templates := make([]Template, 0, len(seed.Templates))
	for i, st := range seed.Templates {
		f, err := seedFields(st)
		if err != nil {
			return fmt.Errorf("seed templates[%d]: %w", i, err)
		}
		t := readTemplate(f)
		for _, p := range f.problems {
			problems = append(problems, fmt.Sprintf("templates[%d].%s", i, p))
		}
		templates = append(templates, t)
	}
	contacts := make([]Contact, 0, len(seed.Contacts))
	for i, sc := range seed.Contacts {
		f, err := seedFields(sc)
		if err != nil {
			return fmt.Errorf("seed contacts[%d]: %w", i, err)
		}
		c := readNewContact(f)
		for _, p := range f.problems {
			problems = append(problems, fmt.Sprintf("contacts[%d].%s", i, p))
		}
		contacts = append(contacts, c)
	}
	if len(problems) > 0 {
		return fmt.Errorf("invalid seed: %s", strings.Join(problems, "; "))
	}
	err := s.tx(ctx, func(tx *sql.Tx, now time.Time) error {
		for _, t := range templates {
			if err := upsertTemplate(ctx, tx, t, now); err != nil {
				return err
			}
		}
		for _, c := range contacts {
			if err := upsertContact(ctx, tx, c, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("apply seed: %w", err)
	}
	return nil
}

// seedFields puts a seed entry through the same field checks as a request body.
func seedFields(v any) (*fields, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return parseFields(data)
}
