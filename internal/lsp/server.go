// Package lsp is the language server of the sequence DSL, which kraiter dsl lsp runs over
// standard input and output: diagnostics as kraiter dsl validate reports them, completion,
// hover, formatting as kraiter dsl fmt does it, the steps as an outline, and go to definition
// for local.NAME, in *.kraiter.hcl files. Test files (*.kraiter.test.hcl) get their syntax
// checked and formatting.
//
// The protocol's types and dispatch are github.com/tliron/glsp's, and its JSON-RPC is
// github.com/sourcegraph/jsonrpc2, which glsp is built on. Serve takes any stream rather than
// glsp's own server, which serves only the process's standard input and output or a socket,
// so that tests drive the very same server over pipes.
package lsp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/sourcegraph/jsonrpc2"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/dsltest"
)

// Options configure a server.
type Options struct {
	// Vars are the values of var.NAME, as kraiter dsl validate's --var gives them. The
	// editor's initializationOptions may add {"vars": {"NAME": "VALUE"}}.
	Vars map[string]string
	// Client reads the account's templates, for the template ids of completion and hover;
	// nil works offline.
	Client *client.Client
	// Version is reported to the editor as the server's.
	Version string
	// Log receives the JSON-RPC layer's own complaints (a malformed message); nil discards
	// them. What the user should see goes to the editor's log instead (window/logMessage).
	Log io.Writer
}

// ErrExitWithoutShutdown is Serve's answer when the editor sent exit without shutdown first;
// the protocol says the server then exits with status 1.
var ErrExitWithoutShutdown = errors.New("the editor sent exit without shutdown")

// server holds the state of one editor's session.
type server struct {
	opts      Options
	vars      map[string]string
	handler   protocol.Handler
	conn      atomic.Pointer[jsonrpc2.Conn]
	templates *templates
	workspace *workspace

	mu   sync.Mutex
	docs map[protocol.DocumentUri]*document
	// publishMu orders the publication of diagnostics with the closing of documents, so that
	// no diagnostics of a closed or superseded version reach the editor.
	publishMu sync.Mutex

	shutdown atomic.Bool
	exited   atomic.Bool
	// ctx ends with the session, and with it any background work.
	ctx    context.Context
	cancel context.CancelFunc

	// compile is the diagnostics of one version; tests replace it to hold a version back.
	compile func(*snapshot) []protocol.Diagnostic
}

// Serve answers one editor on stream until it sends exit or the stream closes.
func Serve(ctx context.Context, stream io.ReadWriteCloser, opts Options) error {
	return newServer(ctx, opts).serve(ctx, stream)
}

func (s *server) serve(ctx context.Context, stream io.ReadWriteCloser) error {
	defer s.cancel()
	logOut := s.opts.Log
	if logOut == nil {
		logOut = io.Discard
	}
	conn := jsonrpc2.NewConn(s.ctx, jsonrpc2.NewBufferedStream(stream, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(s.handle), jsonrpc2.SetLogger(log.New(logOut, "kraiter dsl lsp: ", log.LstdFlags)))
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		conn.Close()
	}
	if s.exited.Load() && !s.shutdown.Load() {
		return ErrExitWithoutShutdown
	}
	return nil
}

func newServer(ctx context.Context, opts Options) *server {
	s := &server{opts: opts, vars: map[string]string{}, docs: map[protocol.DocumentUri]*document{}}
	s.ctx, s.cancel = context.WithCancel(ctx)
	for k, v := range opts.Vars {
		s.vars[k] = v
	}
	s.templates = newTemplates(opts.Client, s.logMessage)
	s.workspace = newWorkspace()
	s.compile = s.diagnostics
	s.handler = protocol.Handler{
		Initialize:  s.initialize,
		Initialized: func(*glsp.Context, *protocol.InitializedParams) error { return nil },
		Shutdown: func(*glsp.Context) error {
			s.shutdown.Store(true)
			return nil
		},
		Exit:                            func(*glsp.Context) error { return nil },
		SetTrace:                        func(*glsp.Context, *protocol.SetTraceParams) error { return nil },
		CancelRequest:                   func(*glsp.Context, *protocol.CancelParams) error { return nil },
		TextDocumentDidOpen:             s.didOpen,
		TextDocumentDidChange:           s.didChange,
		TextDocumentDidClose:            s.didClose,
		TextDocumentDidSave:             func(*glsp.Context, *protocol.DidSaveTextDocumentParams) error { return nil },
		TextDocumentCompletion:          s.completion,
		TextDocumentHover:               s.hover,
		TextDocumentFormatting:          s.formatting,
		TextDocumentDocumentSymbol:      s.documentSymbol,
		TextDocumentDefinition:          s.definition,
		WorkspaceDidChangeConfiguration: func(*glsp.Context, *protocol.DidChangeConfigurationParams) error { return nil },
	}
	return s
}

// Error codes of the protocol that JSON-RPC does not define.
const (
	codeServerNotInitialized = -32002
	codeRequestFailed        = -32803
)

// handle answers one message through glsp's dispatch, as glsp's own server does, with the
// protocol's error codes.
func (s *server) handle(_ context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	s.conn.Store(conn)
	gctx := &glsp.Context{Method: req.Method, Notify: s.notify}
	if req.Params != nil {
		gctx.Params = *req.Params
	}
	initialized := s.handler.IsInitialized()
	result, validMethod, validParams, err := s.handler.Handle(gctx)
	switch {
	case req.Method == protocol.MethodExit:
		s.exited.Store(true)
		s.cancel()
		return nil, conn.Close()
	case !initialized && req.Method != protocol.MethodInitialize && req.Method != protocol.MethodShutdown:
		return nil, &jsonrpc2.Error{Code: codeServerNotInitialized, Message: "the server is not initialized: send initialize first"}
	case !validMethod:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "method not supported: " + req.Method}
	case !validParams:
		msg := "invalid params of " + req.Method
		if err != nil {
			msg += ": " + err.Error()
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: msg}
	case err != nil:
		return nil, &jsonrpc2.Error{Code: codeRequestFailed, Message: err.Error()}
	}
	return result, nil
}

// notify sends a notification to the editor, from a handler or from background work.
func (s *server) notify(method string, params any) {
	conn := s.conn.Load()
	if conn == nil {
		return
	}
	// A notification that cannot be written is lost with the connection, which Serve sees.
	_ = conn.Notify(s.ctx, method, params)
}

// maxLogMessage bounds a line of the editor's log: errors can carry a server's text.
const maxLogMessage = 1000

// logMessage writes a line to the editor's log, never a pop-up: what works offline is no
// error to the user.
func (s *server) logMessage(typ protocol.MessageType, format string, args ...any) {
	msg := boundedTo(fmt.Sprintf(format, args...), maxLogMessage)
	s.notify(protocol.ServerWindowLogMessage, &protocol.LogMessageParams{Type: typ, Message: "kraiter: " + msg})
}

func (s *server) initialize(_ *glsp.Context, params *protocol.InitializeParams) (any, error) {
	if opts, ok := params.InitializationOptions.(map[string]any); ok {
		if vars, ok := opts["vars"].(map[string]any); ok {
			for k, v := range vars {
				if text, ok := v.(string); ok {
					s.vars[k] = text
				}
			}
		}
	}
	var roots []string
	for _, f := range params.WorkspaceFolders {
		roots = append(roots, f.URI)
	}
	if len(roots) == 0 && params.RootURI != nil {
		roots = append(roots, *params.RootURI)
	}
	for _, root := range roots {
		if dir, ok := uriPath(root); ok {
			s.workspace.scan(s.ctx, dir)
		}
	}
	sync := protocol.TextDocumentSyncKindIncremental
	yes := true
	version := s.opts.Version
	return protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			TextDocumentSync:           protocol.TextDocumentSyncOptions{OpenClose: &yes, Change: &sync},
			CompletionProvider:         &protocol.CompletionOptions{TriggerCharacters: []string{".", "\""}},
			HoverProvider:              true,
			DocumentFormattingProvider: true,
			DocumentSymbolProvider:     true,
			DefinitionProvider:         true,
		},
		ServerInfo: &protocol.InitializeResultServerInfo{Name: "kraiter dsl lsp", Version: &version},
	}, nil
}

// uriPath is the file path of a file: URI.
func uriPath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return "", false
	}
	return filepath.FromSlash(u.Path), true
}

// displayName names a document in diagnostics as kraiter dsl validate names a file: its path,
// or the URI when it is not a file.
func displayName(uri protocol.DocumentUri) string {
	if path, ok := uriPath(uri); ok {
		return path
	}
	return uri
}

// isTestFile reports whether a document is a sequence test file, which is not a sequence.
func isTestFile(uri protocol.DocumentUri) bool {
	return strings.HasSuffix(uri, dsltest.FileSuffix)
}
