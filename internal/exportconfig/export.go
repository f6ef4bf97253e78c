// Package exportconfig turns an account's sequences into what kraiter export writes: each
// sequence's definition as a DSL file, one Terraform configuration file with an import block
// and a kraiter_sequence resource for each, and the provider requirement, so that terraform
// init and plan in the folder import them all and show no changes.
package exportconfig

import (
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

// Compile says how the configuration compiles a DSL file into a definition.
type Compile string

const (
	// CompileFunction calls provider::kraiter::compile_sequence (Terraform >= 1.8,
	// OpenTofu >= 1.7).
	CompileFunction Compile = "function"
	// CompileDataSource reads the kraiter_sequence_definition data source, for older CLIs.
	CompileDataSource Compile = "data-source"
)

// ConfigFile is the configuration file of an export, beside the DSL files.
const ConfigFile = "sequences.tf"

// VersionsFile requires the kraiter/kraiter provider. Without it terraform init takes the
// resources' prefix for hashicorp/kraiter, which does not exist.
const VersionsFile = "versions.tf"

// versions is the content of VersionsFile.
const versions = `# The provider that manages the sequences. When you move the other files into a
# configuration that requires kraiter/kraiter already, leave this file out.
terraform {
  required_providers {
    kraiter = {
      source = "kraiter/kraiter"
    }
  }
}
`

// DSLFileSuffix ends the name of each sequence's DSL file, which starts with its id.
const DSLFileSuffix = ".kraiter.hcl"

// SequenceError is a sequence that cannot be exported.
type SequenceError struct {
	ID  string
	Err error
}

func (e *SequenceError) Error() string { return fmt.Sprintf("sequence %q: %v", e.ID, e.Err) }

func (e *SequenceError) Unwrap() error { return e.Err }

// Export gathers the files of an export, sequence by sequence, in the order they are added.
type Export struct {
	compile   Compile
	config    *hclwrite.File
	ids       map[string]bool
	dsl       map[string][]byte // DSL files by name
	fileNames map[string]bool   // DSL file names in use, in lower case
	names     map[string]bool   // resource names in use
}

// New starts an export whose configuration compiles DSL as compile says.
func New(compile Compile) (*Export, error) {
	if compile != CompileFunction && compile != CompileDataSource {
		return nil, fmt.Errorf("compile mode %q: use %q or %q", compile, CompileFunction, CompileDataSource)
	}
	return &Export{
		compile: compile, config: hclwrite.NewEmptyFile(),
		ids: map[string]bool{}, dsl: map[string][]byte{}, fileNames: map[string]bool{}, names: map[string]bool{},
	}, nil
}

// Add writes a sequence's definition as DSL and its import block and resource. A sequence
// whose id cannot name a file, that was added already, or whose definition cannot be read
// fails with a *SequenceError and leaves the export as it was.
func (e *Export) Add(seq client.Sequence) error {
	// The id names a file in the export's folder: only the API's id form keeps it there.
	if !client.IDPattern.MatchString(seq.ID) {
		return &SequenceError{ID: seq.ID, Err: errors.New("its id is not 1 to 64 letters, digits, _ or -, so it cannot name a file")}
	}
	if e.ids[seq.ID] {
		return &SequenceError{ID: seq.ID, Err: errors.New("listed twice; export once more, in case sequences changed while they were listed")}
	}
	text, err := dsl.DecompileJSON([]byte(seq.Definition))
	if err != nil {
		return &SequenceError{ID: seq.ID, Err: fmt.Errorf("its definition cannot be read as DSL: %w", err)}
	}
	e.ids[seq.ID] = true
	// Files named after ids that differ only in case would be one file on macOS and Windows.
	file := uniqueName(seq.ID, e.fileNames, strings.ToLower) + DSLFileSuffix
	e.dsl[file] = text
	appendSequence(e.config.Body(), seq, uniqueName(resourceName(seq.ID), e.names, identity), file, e.compile)
	return nil
}

// Len is the number of sequences added.
func (e *Export) Len() int { return len(e.dsl) }

// Files are the files to write, by name: a DSL file for each sequence, ConfigFile and
// VersionsFile, laid out as terraform fmt would.
func (e *Export) Files() map[string][]byte {
	files := maps.Clone(e.dsl)
	files[ConfigFile] = hclwrite.Format(e.config.Bytes())
	files[VersionsFile] = []byte(versions)
	return files
}
