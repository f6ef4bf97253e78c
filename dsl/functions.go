package dsl

import (
	"fmt"
	"slices"

	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// functions are the functions an expression known at compile time may call: go-cty's string
// functions plus the conversions and a few number and list helpers that strings from vars
// need (vars are always strings; tonumber and tobool let one feed a comparison).
var functions = map[string]function.Function{
	"abs":           stdlib.AbsoluteFunc,
	"ceil":          stdlib.CeilFunc,
	"chomp":         stdlib.ChompFunc,
	"coalesce":      stdlib.CoalesceFunc,
	"concat":        stdlib.ConcatFunc,
	"floor":         stdlib.FloorFunc,
	"format":        stdlib.FormatFunc,
	"join":          stdlib.JoinFunc,
	"length":        lengthFunc,
	"lower":         stdlib.LowerFunc,
	"max":           stdlib.MaxFunc,
	"min":           stdlib.MinFunc,
	"regex_replace": stdlib.RegexReplaceFunc,
	"replace":       stdlib.ReplaceFunc,
	"split":         stdlib.SplitFunc,
	"strrev":        stdlib.ReverseFunc,
	"substr":        stdlib.SubstrFunc,
	"title":         stdlib.TitleFunc,
	"tobool":        stdlib.MakeToFunc(cty.Bool),
	"tonumber":      stdlib.MakeToFunc(cty.Number),
	"tostring":      stdlib.MakeToFunc(cty.String),
	"trim":          stdlib.TrimFunc,
	"trimprefix":    stdlib.TrimPrefixFunc,
	"trimspace":     stdlib.TrimSpaceFunc,
	"trimsuffix":    stdlib.TrimSuffixFunc,
	"upper":         stdlib.UpperFunc,
}

// lengthFunc is length as Terraform has it: of a string (in characters, as strlen counts them)
// or an object, as well as of a list, a map or a tuple. go-cty's own length refuses strings and
// objects, which surprises anyone who knows Terraform's.
var lengthFunc = function.New(&function.Spec{
	Description: "Returns the number of characters in a string, or of elements in a list, a map, a tuple or an object.",
	Params: []function.Parameter{{
		Name:             "value",
		Type:             cty.DynamicPseudoType,
		AllowDynamicType: true,
		AllowMarked:      true,
	}},
	Type: func(args []cty.Value) (cty.Type, error) {
		if ty := args[0].Type(); ty == cty.String || ty.IsObjectType() {
			return cty.Number, nil
		}
		if _, err := stdlib.LengthFunc.ReturnTypeForValues(args); err != nil {
			return cty.NilType, fmt.Errorf("length takes a string, a list, a map, a tuple or an object, not %s", args[0].Type().FriendlyName())
		}
		return cty.Number, nil
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		switch ty := args[0].Type(); {
		case ty == cty.String:
			return stdlib.Strlen(args[0])
		case ty.IsObjectType():
			return cty.NumberIntVal(int64(len(ty.AttributeTypes()))), nil
		}
		return stdlib.Length(args[0])
	},
})

// functionNames lists the functions in alphabetical order, for messages.
var functionNames = func() []string {
	names := make([]string, 0, len(functions))
	for name := range functions {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}()

// functionHint says what would be right when name is not a function an expression may call.
func functionHint(name string) string {
	if name == fnNumber {
		return `number("TEXT") writes a number exactly and can be used only as a value compared in when, such as contact.score > number("1e999999999").`
	}
	if slices.Contains(ruleFunctions, name) {
		return fmt.Sprintf("%s(...) is a condition, usable only as a part of a when expression, not as a value.", name)
	}
	return "Functions known at compile time are " + prose.Quoted(functionNames, "and") + "." + DidYouMean(name, functionNames)
}
