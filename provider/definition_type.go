package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// definitionType is the type of a sequence's definition attribute: a JSON string whose
// equality is the definition's meaning (docs/design/contract.md, section 2), so that whitespace, key order
// and omitted defaults never show as a change, while a real change does.
type definitionType struct {
	basetypes.StringType
}

var _ basetypes.StringTypable = definitionType{}

func (t definitionType) String() string { return "definitionType" }

func (t definitionType) Equal(o attr.Type) bool {
	_, ok := o.(definitionType)
	return ok
}

func (t definitionType) ValueType(context.Context) attr.Value { return definitionValue{} }

func (t definitionType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return definitionValue{StringValue: in}, nil
}

func (t definitionType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return definitionValue{StringValue: s}, nil
}

// definitionValue is a value of definitionType.
type definitionValue struct {
	basetypes.StringValue
}

var _ basetypes.StringValuableWithSemanticEquals = definitionValue{}

func newDefinitionValue(s string) definitionValue {
	return definitionValue{StringValue: basetypes.NewStringValue(s)}
}

func (v definitionValue) Type(context.Context) attr.Type { return definitionType{} }

func (v definitionValue) Equal(o attr.Value) bool {
	other, ok := o.(definitionValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals keeps the prior value when the new one means the same. The same text
// means the same without parsing it (the usual case: Kraiter hands back what was sent); a
// value that does not parse is never equal to another text: validation reports it.
func (v definitionValue) StringSemanticEquals(_ context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := newValuable.(definitionValue)
	if !ok {
		return false, nil
	}
	return sameDefinition(v.ValueString(), other.ValueString()), nil
}

// sameDefinition reports whether two definition texts mean the same.
func sameDefinition(a, b string) bool {
	if a == b {
		return true
	}
	ca, errA := parsedDefinitions.parse(a)
	cb, errB := parsedDefinitions.parse(b)
	return errA == nil && errB == nil && ca == cb
}

// validateDefinition checks a configured definition, reporting every problem with its path.
// The resource calls it from ValidateConfig rather than as an attribute validator, and does
// not make it a validation of definitionValue either: the framework validates a value of a
// custom type each time it reads one (parsing the definition several times in every call),
// and every attribute validator or plan modifier costs two trace lines in every call, which
// the CLI parses, for each resource of a plan.
func validateDefinition(text string, diags *diag.Diagnostics) {
	if _, err := parsedDefinitions.parse(text); err != nil {
		diags.AddAttributeError(path.Root("definition"), "Invalid sequence definition", describeDefinitionError(err))
	}
}

// describeDefinitionError lists a definition's problems a line each, with their paths.
func describeDefinitionError(err error) string {
	var verr *definition.ValidationError
	if !errors.As(err, &verr) {
		return err.Error()
	}
	var b strings.Builder
	b.WriteString("The definition is not a valid Kraiter sequence definition (see the kraiter_sequence documentation for its format):\n")
	for _, p := range verr.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.String())
	}
	return b.String()
}
