package exportconfig

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// appendSequence writes the import block and the resource of one sequence, and with
// CompileDataSource the data source that compiles its DSL file.
func appendSequence(body *hclwrite.Body, seq client.Sequence, name, dslFile string, compile Compile) {
	if len(body.Blocks()) > 0 {
		body.AppendNewline()
	}
	imp := body.AppendNewBlock("import", nil).Body()
	imp.SetAttributeTraversal("to", hcl.Traversal{hcl.TraverseRoot{Name: "kraiter_sequence"}, hcl.TraverseAttr{Name: name}})
	imp.SetAttributeValue("id", cty.StringVal(seq.ID))
	body.AppendNewline()

	// dslFile is an id and a suffix: nothing in it needs escaping inside the template.
	fileCall := fmt.Sprintf(`file("${path.module}/%s")`, dslFile)
	// The third argument names the file in DSL errors.
	definitionExpr := fmt.Sprintf("provider::kraiter::compile_sequence(%s, {}, %s)", fileCall, hclString(dslFile))
	if compile == CompileDataSource {
		data := body.AppendNewBlock("data", []string{"kraiter_sequence_definition", name}).Body()
		data.SetAttributeValue("filename", cty.StringVal(dslFile))
		data.SetAttributeRaw("source", rawExpression(fileCall))
		body.AppendNewline()
		definitionExpr = "data.kraiter_sequence_definition." + name + ".json"
	}

	res := body.AppendNewBlock("resource", []string{"kraiter_sequence", name}).Body()
	res.SetAttributeValue("id", cty.StringVal(seq.ID))
	res.SetAttributeValue("name", cty.StringVal(seq.Name))
	res.SetAttributeRaw("definition", rawExpression(definitionExpr))
	if len(seq.Triggers) > 0 {
		res.AppendNewline()
		res.SetAttributeRaw("triggers", rawExpression(triggersExpression(seq.Triggers)))
	}
}

// triggersExpression writes triggers the way the documentation does, one object a line:
// [{ type = "event", event_name = "signed_up" }, ...].
func triggersExpression(triggers []client.Trigger) string {
	var b strings.Builder
	b.WriteString("[\n")
	for _, t := range triggers {
		b.WriteString("{ type = " + hclString(t.Type))
		if t.EventName != "" {
			b.WriteString(", event_name = " + hclString(t.EventName))
		}
		if t.SegmentID != "" {
			b.WriteString(", segment_id = " + hclString(t.SegmentID))
		}
		b.WriteString(" },\n")
	}
	b.WriteString("]")
	return b.String()
}

// hclString quotes s as an HCL string literal, escaping template sequences.
func hclString(s string) string {
	return string(hclwrite.TokensForValue(cty.StringVal(s)).Bytes())
}

// rawExpression is an expression written as it is; hclwrite.Format lays it out.
func rawExpression(expr string) hclwrite.Tokens {
	return hclwrite.Tokens{{Type: hclsyntax.TokenIdent, Bytes: []byte(expr)}}
}
