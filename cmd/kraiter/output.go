package main

import (
	"encoding/json"
	"fmt"
	"io"
)

// Output formats, the values of --format.
const (
	formatText     = "text"
	formatGitHub   = "github"   // GitHub Actions workflow commands, which annotate lines
	formatMarkdown = "markdown" // a pull-request comment
	formatJSON     = "json"     // data for scripts
)

// writeJSON writes v as indented JSON, with <, > and & as they are: rules hold them, and
// people read this output too.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}
