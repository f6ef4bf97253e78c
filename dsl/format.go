package dsl

import (
	"bytes"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// Format lays DSL source out canonically (indentation, spacing, aligned equals signs), as
// hclwrite does for Terraform files, keeping comments. Only syntax is checked: a file with
// syntax errors is returned as nil with the errors.
func Format(src []byte, filename string) ([]byte, hcl.Diagnostics) {
	if filename == "" {
		filename = defaultFilename
	}
	if _, diags := ParseConfig(src, filename); diags.HasErrors() {
		return nil, diags
	}
	out := hclwrite.Format(src)
	// hclwrite.Format settles in one pass for nearly every file; a second pass catches the
	// rest, so that formatting formatted text changes nothing.
	if again := hclwrite.Format(out); !bytes.Equal(again, out) {
		out = again
	}
	return out, nil
}
