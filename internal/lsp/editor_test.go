package lsp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"sync"
	"testing"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// editor is a test client that speaks to a server over pipes as an editor does: JSON-RPC
// messages framed with Content-Length headers. It keeps every notification the server sends.
type editor struct {
	t      testing.TB
	toSrv  *io.PipeWriter
	nextID int
	// served is Serve's answer, once it has returned.
	served chan error

	mu      sync.Mutex
	waiting map[int]chan rpcMessage
	notes   []rpcMessage
	// looked is how many notes diagnostics has looked through: each call waits for a later
	// version than the one before.
	looked int
	// noted is signalled on every notification.
	noted chan struct{}
}

// rpcMessage is any JSON-RPC message.
type rpcMessage struct {
	ID     *int            `json:"id,omitempty"`
	Method string          `json:"method,omitempty"`
	Params json.RawMessage `json:"params,omitempty"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// pipeStream is the server's end of two pipes.
type pipeStream struct {
	io.Reader
	io.Writer
	closers []io.Closer
}

func (p pipeStream) Close() error {
	for _, c := range p.closers {
		c.Close()
	}
	return nil
}

// startEditor starts a server in-process on pipes; configure may change it before it serves.
func startEditor(t testing.TB, opts Options, configure ...func(*server)) *editor {
	t.Helper()
	srvIn, toSrv := io.Pipe()
	fromSrv, srvOut := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	s := newServer(ctx, opts)
	for _, f := range configure {
		f(s)
	}
	e := &editor{t: t, toSrv: toSrv, served: make(chan error, 1), waiting: map[int]chan rpcMessage{}, noted: make(chan struct{}, 1)}
	go func() {
		e.served <- s.serve(ctx, pipeStream{Reader: srvIn, Writer: srvOut, closers: []io.Closer{srvIn, srvOut}})
		srvOut.Close()
	}()
	go e.read(bufio.NewReader(fromSrv))
	t.Cleanup(func() {
		cancel()
		toSrv.Close()
		select {
		case err := <-e.served:
			_ = err // the tests that care about it have read it
		case <-time.After(10 * time.Second):
			t.Error("the server did not stop")
		}
	})
	return e
}

// read takes the server's messages off the pipe until it closes.
func (e *editor) read(r *bufio.Reader) {
	tp := textproto.NewReader(r)
	for {
		header, err := tp.ReadMIMEHeader()
		if err != nil {
			return
		}
		n, err := strconv.Atoi(header.Get("Content-Length"))
		if err != nil {
			e.t.Errorf("a message without a Content-Length: %v", header)
			return
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		var m rpcMessage
		if err := json.Unmarshal(body, &m); err != nil {
			e.t.Errorf("the server sent something that is not JSON: %s", body)
			return
		}
		e.mu.Lock()
		if m.Method == "" && m.ID != nil {
			if ch, ok := e.waiting[*m.ID]; ok {
				ch <- m
				delete(e.waiting, *m.ID)
			}
		} else {
			e.notes = append(e.notes, m)
			select {
			case e.noted <- struct{}{}:
			default:
			}
		}
		e.mu.Unlock()
	}
}

func (e *editor) send(m map[string]any) {
	e.t.Helper()
	m["jsonrpc"] = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := fmt.Fprintf(e.toSrv, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		e.t.Fatalf("write to the server: %v", err)
	}
}

// call sends a request and decodes the result into result; an error answer is returned.
func (e *editor) call(method string, params, result any) error {
	e.t.Helper()
	e.mu.Lock()
	e.nextID++
	id := e.nextID
	ch := make(chan rpcMessage, 1)
	e.waiting[id] = ch
	e.mu.Unlock()
	e.send(map[string]any{"id": id, "method": method, "params": params})
	select {
	case m := <-ch:
		if m.Error != nil {
			return fmt.Errorf("%s: error %d: %s", method, m.Error.Code, m.Error.Message)
		}
		if result != nil {
			if err := json.Unmarshal(m.Result, result); err != nil {
				e.t.Fatalf("%s answered %s: %v", method, m.Result, err)
			}
		}
		return nil
	case <-time.After(10 * time.Second):
		e.t.Fatalf("no answer to %s", method)
		return nil
	}
}

// must is call that fails the test on an error answer.
func (e *editor) must(method string, params, result any) {
	e.t.Helper()
	if err := e.call(method, params, result); err != nil {
		e.t.Fatal(err)
	}
}

func (e *editor) notify(method string, params any) {
	e.t.Helper()
	e.send(map[string]any{"method": method, "params": params})
}

// initialize starts the session as an editor does.
func (e *editor) initialize(params map[string]any) protocol.InitializeResult {
	e.t.Helper()
	if params == nil {
		params = map[string]any{}
	}
	for k, v := range map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}} {
		if _, set := params[k]; !set {
			params[k] = v
		}
	}
	var res protocol.InitializeResult
	e.must("initialize", params, &res)
	e.notify("initialized", map[string]any{})
	return res
}

func (e *editor) open(uri, text string) {
	e.t.Helper()
	e.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "kraiter", "version": 1, "text": text}})
}

// change sends a change of the whole text.
func (e *editor) change(uri string, version int, text string) {
	e.t.Helper()
	e.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": []any{map[string]any{"text": text}},
	})
}

// diagnostics waits for the diagnostics of a version of a document; version 0 takes those
// published without a version (on close).
func (e *editor) diagnostics(uri string, version int) protocol.PublishDiagnosticsParams {
	e.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		e.mu.Lock()
		notes := e.notes[e.looked:]
		e.looked = len(e.notes)
		e.mu.Unlock()
		for _, m := range notes {
			if m.Method != protocol.ServerTextDocumentPublishDiagnostics {
				continue
			}
			var p protocol.PublishDiagnosticsParams
			if err := json.Unmarshal(m.Params, &p); err != nil {
				e.t.Fatal(err)
			}
			if p.URI == uri && (version == 0 && p.Version == nil || p.Version != nil && int(*p.Version) == version) {
				return p
			}
		}
		select {
		case <-e.noted:
		case <-deadline:
			e.t.Fatalf("no diagnostics of %s version %d; notifications: %s", uri, version, e.notesText())
		}
	}
}

// published lists the versions of a document whose diagnostics were published.
func (e *editor) published(uri string) []int {
	e.mu.Lock()
	defer e.mu.Unlock()
	var versions []int
	for _, m := range e.notes {
		var p protocol.PublishDiagnosticsParams
		if m.Method == protocol.ServerTextDocumentPublishDiagnostics && json.Unmarshal(m.Params, &p) == nil && p.URI == uri && p.Version != nil {
			versions = append(versions, int(*p.Version))
		}
	}
	return versions
}

// logged is the text of the server's log messages so far.
func (e *editor) logged() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var b bytes.Buffer
	for _, m := range e.notes {
		var p protocol.LogMessageParams
		if m.Method == protocol.ServerWindowLogMessage && json.Unmarshal(m.Params, &p) == nil {
			b.WriteString(p.Message + "\n")
		}
	}
	return b.String()
}

func (e *editor) notesText() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var b bytes.Buffer
	for _, m := range e.notes {
		fmt.Fprintf(&b, "%s %s\n", m.Method, m.Params)
	}
	return b.String()
}

// exit ends the session and returns Serve's answer.
func (e *editor) exit() error {
	e.t.Helper()
	e.notify("exit", nil)
	select {
	case err := <-e.served:
		e.served <- err // for Cleanup
		return err
	case <-time.After(10 * time.Second):
		e.t.Fatal("the server did not stop after exit")
		return nil
	}
}

// pos is the LSP position of the first occurrence of marker in text, plus skip characters.
func pos(t testing.TB, text, marker string, skip int) map[string]any {
	t.Helper()
	i := bytes.Index([]byte(text), []byte(marker))
	if i < 0 {
		t.Fatalf("%q is not in the text", marker)
	}
	p := newText([]byte(text)).position(i + skip)
	return map[string]any{"line": p.Line, "character": p.Character}
}

func docPos(uri string, p map[string]any) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": p}
}
