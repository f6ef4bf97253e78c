package lsp

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// Bounds of reading the account's templates: the editor waits for them at most
// templatesWait, the first time; a read takes at most templatesTimeout; a failed read is
// tried again no sooner than templatesRetry later; at most maxTemplates are kept.
const (
	templatesWait    = 300 * time.Millisecond
	templatesTimeout = 10 * time.Second
	templatesRetry   = time.Minute
	maxTemplates     = 10000
)

// templates is the account's templates, for the template ids of completion and hover. They
// are read once, when first needed, never per keystroke; offline, or on any error, there are
// none, and the editor's log says why.
type templates struct {
	c   *client.Client
	log func(protocol.MessageType, string, ...any)

	mu sync.Mutex
	// done is closed when the current read ends; nil before the first.
	done   chan struct{}
	ok     bool
	failed time.Time
	list   []client.Template
	byID   map[string]client.Template
	// got holds the templates read one by one, for ids the list lacks; nil for one that
	// does not exist.
	got map[string]*client.Template
}

func newTemplates(c *client.Client, log func(protocol.MessageType, string, ...any)) *templates {
	return &templates{c: c, log: log, got: map[string]*client.Template{}}
}

// all is the account's templates; complete is false while they are being read, so that the
// editor asks again.
func (t *templates) all() (list []client.Template, complete bool) {
	if t.c == nil {
		return nil, true
	}
	if !t.wait() {
		return nil, false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.list, true
}

// get is one template of the account, when it can be read.
func (t *templates) get(id string) (client.Template, bool) {
	if t.c == nil || !t.wait() {
		return client.Template{}, false
	}
	t.mu.Lock()
	tmpl, listed := t.byID[id]
	got, asked := t.got[id]
	ok := t.ok
	t.mu.Unlock()
	switch {
	case listed:
		return tmpl, true
	case asked:
		return derefTemplate(got)
	case !ok:
		return client.Template{}, false
	}
	// Created since the list was read, or beyond maxTemplates.
	ctx, cancel := context.WithTimeout(context.Background(), templatesTimeout)
	defer cancel()
	read, err := t.c.Templates.Get(ctx, id)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		t.log(protocol.MessageTypeWarning, "read template %q: %v", id, err)
		return client.Template{}, false
	}
	t.mu.Lock()
	t.got[id] = read
	t.mu.Unlock()
	return derefTemplate(read)
}

func derefTemplate(t *client.Template) (client.Template, bool) {
	if t == nil {
		return client.Template{}, false
	}
	return *t, true
}

// wait starts a read when none has been made, or the last failed long enough ago, and waits
// for it a little; it reports whether no read is under way.
func (t *templates) wait() bool {
	t.mu.Lock()
	if t.done == nil || (!t.ok && time.Since(t.failed) > templatesRetry && isClosed(t.done)) {
		t.done = make(chan struct{})
		go t.read(t.done)
	}
	done := t.done
	t.mu.Unlock()
	select {
	case <-done:
		return true
	case <-time.After(templatesWait):
		return false
	}
}

func isClosed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// read lists the account's templates.
func (t *templates) read(done chan struct{}) {
	defer close(done)
	ctx, cancel := context.WithTimeout(context.Background(), templatesTimeout)
	defer cancel()
	var list []client.Template
	var err error
	for tmpl, e := range t.c.Templates.List(ctx, client.PageOptions{}) {
		if e != nil {
			err = e
			break
		}
		if len(list) == maxTemplates {
			t.log(protocol.MessageTypeInfo, "the account has more than %d templates; completion offers the first %d", maxTemplates, maxTemplates)
			break
		}
		list = append(list, tmpl)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if err != nil {
		t.ok, t.failed = false, time.Now()
		t.log(protocol.MessageTypeWarning, "template ids are not offered: %v", err)
		return
	}
	slices.SortFunc(list, func(a, b client.Template) int { return strings.Compare(a.ID, b.ID) })
	t.ok, t.list, t.byID = true, list, make(map[string]client.Template, len(list))
	for _, tmpl := range list {
		t.byID[tmpl.ID] = tmpl
	}
	t.log(protocol.MessageTypeInfo, "read %d templates of the account at %s", len(list), t.c.BaseURL())
}
