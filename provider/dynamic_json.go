package provider

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// jsonValueOf turns a Terraform value of any type (an object, a map, a list, a string, a
// number...) into the decoded JSON value the definition interpreter reads: objects and maps as
// map[string]any, lists, sets and tuples as []any, numbers as exact json.Number. known is false
// when any part is not known yet.
func jsonValueOf(v attr.Value) (value any, known bool, err error) {
	if v.IsUnknown() {
		return nil, false, nil
	}
	if v.IsNull() {
		return nil, true, nil
	}
	switch x := v.(type) {
	case basetypes.StringValue:
		return x.ValueString(), true, nil
	case basetypes.BoolValue:
		return x.ValueBool(), true, nil
	case basetypes.NumberValue:
		return json.Number(x.ValueBigFloat().Text('g', -1)), true, nil
	case basetypes.Int64Value:
		return json.Number(fmt.Sprint(x.ValueInt64())), true, nil
	case basetypes.Float64Value:
		return json.Number(fmt.Sprint(x.ValueFloat64())), true, nil
	case basetypes.ObjectValue:
		return jsonObjectOf(x.Attributes())
	case basetypes.MapValue:
		return jsonObjectOf(x.Elements())
	case basetypes.ListValue:
		return jsonListOf(x.Elements())
	case basetypes.SetValue:
		return jsonListOf(x.Elements())
	case basetypes.TupleValue:
		return jsonListOf(x.Elements())
	case basetypes.DynamicValue:
		return jsonValueOf(x.UnderlyingValue())
	}
	return nil, true, fmt.Errorf("a value of type %s cannot be a contact attribute; use strings, numbers, booleans, lists and objects", v.Type(context.Background()))
}

func jsonObjectOf(elems map[string]attr.Value) (any, bool, error) {
	out := make(map[string]any, len(elems))
	for name, e := range elems {
		v, known, err := jsonValueOf(e)
		if err != nil || !known {
			return nil, known, err
		}
		out[name] = v
	}
	return out, true, nil
}

func jsonListOf(elems []attr.Value) (any, bool, error) {
	out := make([]any, 0, len(elems))
	for _, e := range elems {
		v, known, err := jsonValueOf(e)
		if err != nil || !known {
			return nil, known, err
		}
		out = append(out, v)
	}
	return out, true, nil
}
