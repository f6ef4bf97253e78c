package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Page is one results file.
type Page struct {
	Title string
	// Command reproduces the page from the repository's root.
	Command string
	Machine Machine
	// Source names the code measured (see Source); left out when empty.
	Source string
	// Setup lines say what else the figures depend on, such as the CLI's version.
	Setup    []string
	Sections []Section
	// At is when the figures were taken.
	At time.Time
}

// Section is a part of a page: a heading, text, and an optional table.
type Section struct {
	Heading string
	Text    string
	Table   *Table
}

// Add appends a section.
func (p *Page) Add(s Section) { p.Sections = append(p.Sections, s) }

// Markdown renders the page.
func (p *Page) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", p.Title)
	fmt.Fprintf(&b, "- Command: `%s`\n", p.Command)
	fmt.Fprintf(&b, "- Machine: %s\n", p.Machine)
	if p.Source != "" {
		fmt.Fprintf(&b, "- Source: %s\n", p.Source)
	}
	for _, s := range p.Setup {
		fmt.Fprintf(&b, "- %s\n", s)
	}
	fmt.Fprintf(&b, "- Taken: %s\n", p.At.UTC().Format("2006-01-02 15:04 UTC"))
	for _, s := range p.Sections {
		if s.Heading != "" {
			fmt.Fprintf(&b, "\n## %s\n", s.Heading)
		}
		if s.Text != "" {
			fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(s.Text))
		}
		if s.Table != nil {
			fmt.Fprintf(&b, "\n%s", s.Table.Markdown())
		}
	}
	return b.String()
}

// Write writes the page to path, creating its directory, and prints it to standard output
// for whoever watches the run.
func (p *Page) Write(path string) error {
	text := p.Markdown()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	fmt.Printf("%s\n(written to %s)\n\n", text, path)
	return nil
}

// GoRunCommand is the command that reruns the calling program, whose package is pkg (such
// as "./bench/load"), with the arguments it was given.
func GoRunCommand(pkg string, args []string) string {
	parts := []string{"go", "run", pkg}
	for _, a := range args {
		if a == "" || strings.ContainsAny(a, " \t'\"$`\\") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		parts = append(parts, a)
	}
	return strings.Join(parts, " ")
}
