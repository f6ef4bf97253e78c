package localserver

import (
	"fmt"
	"net/mail"
	"slices"
	"unicode/utf8"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// maxSubjectChars is the longest subject line: the longest line RFC 5322 allows.
const maxSubjectChars = 998

// idField reads a required id field: 1 to 64 letters, digits, "_" or "-".
func (f *fields) idField(name, example string) (string, bool) {
	id, ok := f.str(name, "an id such as "+fmt.Sprintf("%q", example), true)
	if !ok {
		return "", false
	}
	if !client.IDPattern.MatchString(id) {
		f.add(name, "%q is not a valid id; use 1 to 64 letters, digits, \"_\" or \"-\", such as %q", id, example)
		return "", false
	}
	return id, true
}

// eventNameField reads a required event name.
func (f *fields) eventNameField(name string) (string, bool) {
	s, ok := f.str(name, `an event name such as "signed_up"`, true)
	if !ok {
		return "", false
	}
	if !client.EventNamePattern.MatchString(s) {
		f.add(name, "%q is not an event name; use 1 to %d letters, digits, \"_\", \"-\", \".\" or \":\", starting with a letter or digit, such as \"signed_up\" or \"trial.started\"",
			s, client.MaxNameLength)
		return "", false
	}
	return s, true
}

// textField reads a text field of 1 to maxLen characters.
func (f *fields) textField(name, want string, maxLen int, required bool) (string, bool) {
	s, ok := f.str(name, want, required)
	if !ok {
		return "", false
	}
	if n := utf8.RuneCountInString(s); n == 0 || n > maxLen {
		f.add(name, "must be 1 to %d characters long, not %d", maxLen, n)
		return "", false
	}
	return s, true
}

// emailField reads an email address.
func (f *fields) emailField(name string, required bool) (string, bool) {
	s, ok := f.str(name, `an email address such as "ada@example.com"`, required)
	if !ok {
		return "", false
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s {
		f.add(name, "%q is not an email address; write one such as \"ada@example.com\"", s)
		return "", false
	}
	return s, true
}

// statusField reads a sequence status.
func (f *fields) statusField(name string) (string, bool) {
	s, ok := f.str(name, quoteList(client.Statuses), true)
	if !ok {
		return "", false
	}
	if !slices.Contains(client.Statuses, s) {
		f.add(name, "unknown status %q; expected %s%s", s, quoteList(client.Statuses), definition.DidYouMean(s, client.Statuses))
		return "", false
	}
	return s, true
}
