package providerbench_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// toTerraform converts a Go value (string, bool, nil, []any, map[string]any) into a value of typ;
// attributes an object's map leaves out are null.
func toTerraform(typ tftypes.Type, v any) (tftypes.Value, error) {
	if v == nil {
		return tftypes.NewValue(typ, nil), nil
	}
	switch t := typ.(type) {
	case tftypes.Object:
		m, ok := v.(map[string]any)
		if !ok {
			return tftypes.Value{}, fmt.Errorf("want an object for %s, got %T", typ, v)
		}
		attrs := map[string]tftypes.Value{}
		for name, at := range t.AttributeTypes {
			val, err := toTerraform(at, m[name])
			if err != nil {
				return tftypes.Value{}, fmt.Errorf("%s: %w", name, err)
			}
			attrs[name] = val
		}
		for name := range m {
			if _, ok := t.AttributeTypes[name]; !ok {
				return tftypes.Value{}, fmt.Errorf("the type has no attribute %q", name)
			}
		}
		return tftypes.NewValue(t, attrs), nil
	case tftypes.Set, tftypes.List:
		elemType := elementType(t)
		items, ok := v.([]any)
		if !ok {
			return tftypes.Value{}, fmt.Errorf("want a list for %s, got %T", typ, v)
		}
		elems := make([]tftypes.Value, len(items))
		for i, item := range items {
			val, err := toTerraform(elemType, item)
			if err != nil {
				return tftypes.Value{}, err
			}
			elems[i] = val
		}
		return tftypes.NewValue(t, elems), nil
	}
	if typ.Is(tftypes.String) || typ.Is(tftypes.Bool) {
		return tftypes.NewValue(typ, v), nil
	}
	return tftypes.Value{}, fmt.Errorf("no conversion to %s", typ)
}

func elementType(t tftypes.Type) tftypes.Type {
	if s, ok := t.(tftypes.Set); ok {
		return s.ElementType
	}
	return t.(tftypes.List).ElementType
}

// fromTerraform converts a known value back into Go values, as toTerraform takes them.
func fromTerraform(v tftypes.Value) (any, error) {
	if v.IsNull() {
		return nil, nil
	}
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		err := v.As(&s)
		return s, err
	case v.Type().Is(tftypes.Bool):
		var b bool
		err := v.As(&b)
		return b, err
	case v.Type().Is(tftypes.Object{}):
		var attrs map[string]tftypes.Value
		if err := v.As(&attrs); err != nil {
			return nil, err
		}
		out := map[string]any{}
		for _, name := range slices.Sorted(maps.Keys(attrs)) {
			val, err := fromTerraform(attrs[name])
			if err != nil {
				return nil, err
			}
			out[name] = val
		}
		return out, nil
	case v.Type().Is(tftypes.Set{}), v.Type().Is(tftypes.List{}):
		var elems []tftypes.Value
		if err := v.As(&elems); err != nil {
			return nil, err
		}
		out := make([]any, len(elems))
		for i, e := range elems {
			val, err := fromTerraform(e)
			if err != nil {
				return nil, err
			}
			out[i] = val
		}
		return out, nil
	}
	return nil, fmt.Errorf("no conversion from %s", v.Type())
}

// stateJSON is a state value as the CLI stores it, for UpgradeResourceState.
func stateJSON(v tftypes.Value) ([]byte, error) {
	goValue, err := fromTerraform(v)
	if err != nil {
		return nil, err
	}
	return json.Marshal(goValue)
}
