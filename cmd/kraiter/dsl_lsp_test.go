package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

// frames writes JSON-RPC messages as an editor sends them, each after its Content-Length.
func frames(t *testing.T, messages ...map[string]any) string {
	t.Helper()
	var b strings.Builder
	for _, m := range messages {
		m["jsonrpc"] = "2.0"
		body, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}
	return b.String()
}

// answers reads the server's messages from its output, by id.
func answers(t *testing.T, out string) map[int]json.RawMessage {
	t.Helper()
	got := map[int]json.RawMessage{}
	for _, part := range strings.Split(out, "Content-Length: ")[1:] {
		_, body, ok := strings.Cut(part, "\r\n\r\n")
		if !ok {
			t.Fatalf("a message without its blank line: %q", part)
		}
		var m struct {
			ID     *int            `json:"id"`
			Result json.RawMessage `json:"result"`
		}
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			t.Fatalf("not JSON: %q", body)
		}
		if m.ID != nil {
			got[*m.ID] = m.Result
		}
	}
	return got
}

var initialize = map[string]any{"id": 1, "method": "initialize", "params": map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}}

// TestDSLLSP runs kraiter dsl lsp on standard input and output, with the API key and base
// URL from the environment: the account's template ids are offered.
func TestDSLLSP(t *testing.T) {
	inst := localservertest.Start(t)
	inst.CreateTemplate(t, "tmpl_welcome", "Welcome", "Welcome aboard")
	t.Setenv(envAPIKey, inst.APIKey)
	t.Setenv(envBaseURL, inst.URL)
	uri := "file:///tmp/a.kraiter.hcl"
	src := "email {\n  template = \"\"\n}\n"
	stdin := frames(t, initialize,
		map[string]any{"method": "initialized", "params": map[string]any{}},
		map[string]any{"method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "kraiter", "version": 1, "text": src}}},
		map[string]any{"id": 2, "method": "textDocument/completion", "params": map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 1, "character": 14}}},
		map[string]any{"id": 3, "method": "shutdown"},
		map[string]any{"method": "exit"},
	)
	out, errOut, code := runKraiter(t, stdin, "dsl", "lsp")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	got := answers(t, out)
	if !strings.Contains(string(got[1]), `"name":"kraiter dsl lsp","version":"`+readVersion().Version+`"`) {
		t.Errorf("initialize answered %s, want the server named with kraiter's version, %s", got[1], readVersion().Version)
	}
	if !strings.Contains(string(got[2]), `"label":"tmpl_welcome"`) {
		t.Errorf("completion in a template's string answered %s, without the account's template", got[2])
	}
	if string(got[3]) != "null" {
		t.Errorf("shutdown answered %s", got[3])
	}
}

// TestDSLLSPExitWithoutShutdown checks the status the protocol asks for.
func TestDSLLSPExitWithoutShutdown(t *testing.T) {
	t.Setenv(envAPIKey, "")
	_, errOut, code := runKraiter(t, frames(t, initialize, map[string]any{"method": "exit"}), "dsl", "lsp")
	if code != exitFailure {
		t.Errorf("exit %d, stderr %q; want %d", code, errOut, exitFailure)
	}
}
