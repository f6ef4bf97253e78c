package lsp

import (
	"fmt"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

// snapshot is one version of a document. It never changes, so background work reads it
// without locks; what is derived from it is computed once, when first asked for.
type snapshot struct {
	uri     protocol.DocumentUri
	name    string // the document in diagnostics, as kraiter dsl validate names a file
	version protocol.Integer
	text    *text

	analysisOnce sync.Once
	analyzed     *analysis
}

func (sn *snapshot) analysis() *analysis {
	sn.analysisOnce.Do(func() { sn.analyzed = analyze(sn.text, sn.name) })
	return sn.analyzed
}

// document is an open document: its newest version and the work on its diagnostics.
type document struct {
	snap *snapshot
	// pending is the newest version whose diagnostics are still to compute, and running says
	// whether a worker is computing some. One worker a document compiles one version at a
	// time and always the newest next, so that a burst of edits costs two compiles, not one
	// an edit.
	pending *snapshot
	running bool
}

func (s *server) didOpen(_ *glsp.Context, params *protocol.DidOpenTextDocumentParams) error {
	td := params.TextDocument
	snap := &snapshot{uri: td.URI, name: displayName(td.URI), version: td.Version, text: newText([]byte(td.Text))}
	s.mu.Lock()
	doc := &document{snap: snap}
	s.docs[td.URI] = doc
	s.schedule(doc, snap)
	s.mu.Unlock()
	return nil
}

func (s *server) didChange(_ *glsp.Context, params *protocol.DidChangeTextDocumentParams) error {
	uri := params.TextDocument.URI
	s.mu.Lock()
	defer s.mu.Unlock()
	doc, ok := s.docs[uri]
	if !ok {
		return fmt.Errorf("%s changed but is not open", uri)
	}
	t := doc.snap.text
	for _, change := range params.ContentChanges {
		switch c := change.(type) {
		case protocol.TextDocumentContentChangeEvent:
			next, err := t.edit(*c.Range, c.Text)
			if err != nil {
				return fmt.Errorf("change %s to version %d: %w", uri, params.TextDocument.Version, err)
			}
			t = next
		case protocol.TextDocumentContentChangeEventWhole:
			t = newText([]byte(c.Text))
		}
	}
	snap := &snapshot{uri: uri, name: doc.snap.name, version: params.TextDocument.Version, text: t}
	doc.snap = snap
	s.schedule(doc, snap)
	return nil
}

func (s *server) didClose(_ *glsp.Context, params *protocol.DidCloseTextDocumentParams) error {
	uri := params.TextDocument.URI
	s.publishMu.Lock()
	defer s.publishMu.Unlock()
	s.mu.Lock()
	delete(s.docs, uri)
	s.mu.Unlock()
	// The editor keeps a closed file's diagnostics until told otherwise.
	s.notify(protocol.ServerTextDocumentPublishDiagnostics, &protocol.PublishDiagnosticsParams{URI: uri, Diagnostics: []protocol.Diagnostic{}})
	return nil
}

// snapshotOf is the newest version of an open document.
func (s *server) snapshotOf(uri protocol.DocumentUri) (*snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	doc, ok := s.docs[uri]
	if !ok {
		return nil, fmt.Errorf("%s is not open", uri)
	}
	return doc.snap, nil
}

// openAnalyses are the analyses of the open documents, for the names the workspace uses.
func (s *server) openAnalyses() []*analysis {
	s.mu.Lock()
	snaps := make([]*snapshot, 0, len(s.docs))
	for _, doc := range s.docs {
		snaps = append(snaps, doc.snap)
	}
	s.mu.Unlock()
	out := make([]*analysis, 0, len(snaps))
	for _, sn := range snaps {
		out = append(out, sn.analysis())
	}
	return out
}

// schedule queues the diagnostics of a new version; s.mu is held.
func (s *server) schedule(doc *document, snap *snapshot) {
	doc.pending = snap
	if !doc.running {
		doc.running = true
		go s.work(doc)
	}
}

// work computes the diagnostics of a document's versions, newest first, until none is
// pending.
func (s *server) work(doc *document) {
	for {
		s.mu.Lock()
		snap := doc.pending
		doc.pending = nil
		if snap == nil || s.ctx.Err() != nil {
			doc.running = false
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
		s.publish(snap, s.compile(snap))
	}
}

// publish sends the diagnostics of a version unless a newer one has arrived or the document
// was closed meanwhile: the editor never sees the problems of a version it has left.
func (s *server) publish(snap *snapshot, diags []protocol.Diagnostic) {
	s.publishMu.Lock()
	defer s.publishMu.Unlock()
	s.mu.Lock()
	doc, open := s.docs[snap.uri]
	current := open && doc.snap == snap
	s.mu.Unlock()
	if !current {
		return
	}
	version := protocol.UInteger(snap.version)
	s.notify(protocol.ServerTextDocumentPublishDiagnostics, &protocol.PublishDiagnosticsParams{URI: snap.uri, Version: &version, Diagnostics: diags})
}

// diagnostics are the problems of a version: a sequence's as kraiter dsl validate reports
// them, a test file's syntax errors as kraiter dsl fmt reports them (it parses, and formats
// only a file without errors).
func (s *server) diagnostics(snap *snapshot) []protocol.Diagnostic {
	var diags hcl.Diagnostics
	if isTestFile(snap.uri) {
		if _, parsed := dsl.ParseConfig(snap.text.src, snap.name); parsed.HasErrors() {
			diags = parsed
		}
	} else {
		_, diags = dsl.Compile(snap.text.src, dsl.Options{Filename: snap.name, Vars: s.vars})
	}
	return lspDiagnostics(snap.text, diags)
}

// source names the server in the editor's list of problems.
var source = "kraiter"

func lspDiagnostics(t *text, diags hcl.Diagnostics) []protocol.Diagnostic {
	out := make([]protocol.Diagnostic, 0, len(diags))
	for _, d := range diags {
		severity := protocol.DiagnosticSeverityError
		if d.Severity == hcl.DiagWarning {
			severity = protocol.DiagnosticSeverityWarning
		}
		var rng protocol.Range
		if d.Subject != nil {
			rng = t.rangeOf(*d.Subject)
		}
		out = append(out, protocol.Diagnostic{Range: rng, Severity: &severity, Source: &source, Message: dsl.OneLine(d)})
	}
	return out
}
