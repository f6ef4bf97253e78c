package localserver

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"time"
)

// readNewContact reads the body of POST /v1/contacts: attributes default to {} and
// subscribed to true.
func readNewContact(f *fields) Contact {
	f.allow("id", "email", "attributes", "subscribed")
	c := Contact{Attributes: json.RawMessage("{}"), Subscribed: true}
	c.ID, _ = f.idField("id", "con_ada")
	c.Email, _ = f.emailField("email", true)
	if attrs, ok := f.object("attributes"); ok {
		c.Attributes = attrs
	}
	if sub, ok := f.boolean("subscribed"); ok {
		c.Subscribed = sub
	}
	return c
}

func (s *Server) createContact(w http.ResponseWriter, r *http.Request) error {
	f, err := readFields(w, r)
	if err != nil {
		return err
	}
	c := readNewContact(f)
	if len(f.problems) > 0 {
		return invalid("contact", f.problems)
	}
	ctx := r.Context()
	err = s.tx(ctx, func(tx *sql.Tx, now time.Time) error {
		exists, err := contactExists(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if exists {
			return conflict("a contact with id %q already exists", c.ID)
		}
		if err := insertContact(ctx, tx, c, now); err != nil {
			return err
		}
		c, err = getContact(ctx, tx, c.ID)
		return err
	})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/v1/contacts/"+c.ID)
	writeJSON(w, http.StatusCreated, c)
	return nil
}

func (s *Server) getContact(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var c Contact
	err := s.tx(ctx, func(tx *sql.Tx, _ time.Time) error {
		var err error
		c, err = getContact(ctx, tx, r.PathValue("id"))
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}

// patchContact changes the fields present; attributes are replaced as a whole. Steps due
// before the change run first, so they see the contact as it was.
func (s *Server) patchContact(w http.ResponseWriter, r *http.Request) error {
	f, err := readFields(w, r)
	if err != nil {
		return err
	}
	f.allow("email", "attributes", "subscribed")
	email, hasEmail := f.emailField("email", false)
	attrs, hasAttrs := f.object("attributes")
	sub, hasSub := f.boolean("subscribed")
	if len(f.problems) > 0 {
		return invalid("contact", f.problems)
	}
	ctx := r.Context()
	var c Contact
	err = s.engineTx(ctx, func(tx *sql.Tx, _ time.Time) error {
		var err error
		if c, err = getContact(ctx, tx, r.PathValue("id")); err != nil {
			return err
		}
		if hasEmail {
			c.Email = email
		}
		if hasAttrs {
			c.Attributes = attrs
		}
		if hasSub {
			c.Subscribed = sub
		}
		return updateContact(ctx, tx, c)
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}
