// Command gobench turns go test -bench output (on standard input, any -count) into a results
// page of medians: the DSL's compile against hclsyntax's parse, the growth of whole-definition
// operations per step, the language server's latencies, or the provider's calls against the
// floor's.
//
//	go test -run '^$' -bench . -benchmem ./dsl | go run ./bench/gobench -table compile -command '...' -out bench/results/dsl-compile.md
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/bench/report"
)

// pages are the tables gobench writes, with their titles and what they say.
var pages = map[string]struct {
	title, text string
	table       func(results) (*report.Table, error)
}{
	"compile": {
		title: "DSL compile against HCL's parse",
		text: "dsl.Compile of generated files of 10, 100 and 1,000 steps against hclsyntax.ParseConfig of the same file " +
			"alone, the first thing Compile does: the ratio is what the DSL adds to reading HCL. Medians per operation.",
		table: compileTable,
	},
	"growth": {
		title: "Growth: whole-definition operations per step",
		text: "Nanoseconds per step at 10, 100 and 1,000 steps (generated definitions of one realistic 10-step block " +
			"repeated). A flat row, a last-to-first ratio near 1x, means the cost grows linearly with the definition. Equal " +
			"compares the API's indented text with jsonencode's compact one, as the provider does on every plan; Diff is " +
			"an edit touching every block.",
		table: growthTable,
	},
	"lsp": {
		title: "Language server: latency on a 1,000-step file",
		text: "kraiter dsl lsp's server (internal/lsp) driven over pipes as an editor drives it, on a generated sequence of 1,000 steps " +
			"(about 70 KB of DSL). Diagnostics: from a one-character change to the publication of that version's diagnostics, a whole " +
			"compile included. Completion: the answer to a completion request sent right after a one-character change, while that " +
			"version compiles on the other core, at step level at the end of the file and inside its last block. Medians per operation.",
		table: lspTable,
	},
	"provider": {
		title: "Provider calls: kraiter_sequence against floor_sequence",
		text: "What the CLI asks the provider about one resource, through the plugin protocol in one process (bench/providerbench): " +
			"RefreshPlan is Validate, Upgrade, Read and Plan; NoRefreshPlan leaves out Read. The API's answers are replayed " +
			"by a canned server, so the figures are the provider's and the client's. Medians per call.",
		table: providerTable,
	},
}

func main() {
	table := flag.String("table", "", "the table to write: compile, growth, lsp or provider")
	command := flag.String("command", "", "the go test command whose output is read, shown on the page")
	out := flag.String("out", "", "the page to write, such as bench/results/growth.md")
	flag.Parse()
	if err := run(*table, *command, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gobench:", err)
		os.Exit(1)
	}
}

func run(table, command, out string) error {
	page, ok := pages[table]
	if !ok || command == "" || out == "" {
		return fmt.Errorf("usage: gobench -table compile|growth|lsp|provider -command 'go test ...' -out FILE < go-test-output")
	}
	rs, err := parse(os.Stdin)
	if err != nil {
		return err
	}
	t, err := page.table(rs)
	if err != nil {
		return err
	}
	shown := fmt.Sprintf("%s | go run ./bench/gobench -table %s -out %s", command, table, out)
	p := &report.Page{Title: page.title, Command: shown, Machine: report.ThisMachine(), Source: report.Source(), At: time.Now()}
	p.Add(report.Section{Text: page.text, Table: t})
	return p.Write(out)
}
