package review

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/hashicorp/go-version"
	tfjson "github.com/hashicorp/terraform-json"
)

// NotPlanError is input that is not the JSON of a plan; Reason says what it is instead.
type NotPlanError struct {
	Reason string
}

func (e *NotPlanError) Error() string {
	return "not the JSON of a plan (" + e.Reason + "); give the output of `terraform show -json PLANFILE` (or `tofu show -json PLANFILE`) for a plan saved with `plan -out PLANFILE`"
}

// UnsupportedFormatError is a plan whose format_version this build does not read.
type UnsupportedFormatError struct {
	Version string
}

func (e *UnsupportedFormatError) Error() string {
	return fmt.Sprintf("the plan's format_version is %q; kraiter review reads versions %s, written by Terraform 0.12 and later and by OpenTofu. Upgrade kraiter to read a newer format",
		e.Version, tfjson.PlanFormatVersionConstraints)
}

// Plan is what the review reads of a plan's JSON (terraform show -json PLANFILE): the
// changes of resources, the changes made outside Terraform that the refresh found, the
// results of conditions and check blocks, and whether the plan errored. Everything else
// (planned values, prior state, configuration) is skipped while decoding, not held.
type Plan struct {
	FormatVersion    string
	TerraformVersion string
	// Errored is set when planning stopped at an error, by the CLIs that write it (OpenTofu
	// does; Terraform 1.5.7 does not, and a failed condition tells it instead).
	Errored         bool
	ResourceChanges []*tfjson.ResourceChange
	// ResourceDrift are the changes made outside Terraform since the last apply.
	ResourceDrift []*tfjson.ResourceChange
	Checks        []tfjson.CheckResultStatic
}

// planJSON is the shape Plan is decoded from; present marks the keys that tell a plan from
// a state without decoding their values.
type planJSON struct {
	FormatVersion    *string                    `json:"format_version"`
	TerraformVersion string                     `json:"terraform_version"`
	Errored          bool                       `json:"errored"`
	PlannedValues    present                    `json:"planned_values"`
	Values           present                    `json:"values"`
	ResourceChanges  []*tfjson.ResourceChange   `json:"resource_changes"`
	ResourceDrift    []*tfjson.ResourceChange   `json:"resource_drift"`
	Checks           []tfjson.CheckResultStatic `json:"checks"`
}

// present records that a key is there, skipping its value.
type present bool

func (p *present) UnmarshalJSON([]byte) error {
	*p = true
	return nil
}

// ParsePlan reads the JSON of a plan. Input that is not a plan is a *NotPlanError, and a plan
// in a format this build does not read an *UnsupportedFormatError.
func ParsePlan(data []byte) (*Plan, error) {
	var in planJSON
	if err := json.Unmarshal(data, &in); err != nil {
		return nil, &NotPlanError{Reason: jsonProblem(err)}
	}
	switch {
	case in.FormatVersion == nil:
		return nil, &NotPlanError{Reason: "it has no format_version"}
	case !bool(in.PlannedValues) && bool(in.Values):
		return nil, &NotPlanError{Reason: "it is the JSON of a state, from show -json without a plan file"}
	case !bool(in.PlannedValues):
		return nil, &NotPlanError{Reason: "it has no planned_values"}
	}
	if err := checkFormat(*in.FormatVersion); err != nil {
		return nil, err
	}
	return &Plan{
		FormatVersion:    *in.FormatVersion,
		TerraformVersion: in.TerraformVersion,
		Errored:          in.Errored,
		ResourceChanges:  in.ResourceChanges,
		ResourceDrift:    in.ResourceDrift,
		Checks:           in.Checks,
	}, nil
}

func checkFormat(v string) error {
	parsed, err := version.NewVersion(v)
	if err != nil {
		return &UnsupportedFormatError{Version: v}
	}
	supported, err := version.NewConstraint(tfjson.PlanFormatVersionConstraints)
	if err != nil {
		return fmt.Errorf("read the supported plan formats %q: %w", tfjson.PlanFormatVersionConstraints, err)
	}
	if !supported.Check(parsed) {
		return &UnsupportedFormatError{Version: v}
	}
	return nil
}

// jsonProblem says what is wrong with JSON that does not decode, with the byte offset of a
// syntax error.
func jsonProblem(err error) string {
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		return fmt.Sprintf("invalid JSON at byte %d: %v", syntax.Offset, err)
	}
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		if typeErr.Field == "" {
			return "it is a JSON " + typeErr.Value + ", not an object"
		}
		return fmt.Sprintf("%s is a JSON %s, where a plan has %s", typeErr.Field, typeErr.Value, kindName(typeErr.Type.Kind()))
	}
	return err.Error()
}

// kindName names what a plan has where a JSON value did not fit.
func kindName(k reflect.Kind) string {
	switch k {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	}
	return "a number"
}
