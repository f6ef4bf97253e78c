package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
)

// planCase is a plan the benchmark reviews: sequences, each of steps steps, every one
// updated with an edit spread over it.
type planCase struct {
	sequences, steps int
}

func (c planCase) String() string {
	return fmt.Sprintf("%d sequences of %d steps", c.sequences, c.steps)
}

// definitions are the definition of c's steps before and after the edit, compact with keys
// sorted as Terraform's jsonencode writes them: the typical sequence with its digest email's
// template and a delay changed, or gen's generated blocks with two steps of each changed.
func (c planCase) definitions() (before, after string) {
	if c.steps == testgen.TypicalSteps {
		before = testgen.Typical()
		after = strings.Replace(strings.Replace(before, `"tmpl_digest"`, `"tmpl_digest_v2"`, 1), `"duration":"3d"`, `"duration":"4d"`, 1)
		return before, after
	}
	return compact(testgen.Definition(c.steps)), compact(testgen.Changed(c.steps))
}

func compact(definition string) string {
	var v any
	if err := json.Unmarshal([]byte(definition), &v); err != nil {
		panic(fmt.Sprintf("review bench: a generated definition is not JSON: %v", err))
	}
	out, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("review bench: write a generated definition: %v", err))
	}
	return string(out)
}

// writePlan writes the JSON of a plan of c to path as `tofu show -json` writes one: the
// planned values, the resource changes with their before and after values and marks, the
// prior state and the configuration, so that every definition is in it four times. It
// writes a resource at a time, holding no more than one in memory.
func writePlan(path string, c planCase) (size int64, err error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	// A bufio.Writer keeps its first error for Flush, which is checked.
	put := func(text string) { _, _ = w.WriteString(text) }
	before, after := c.definitions()
	list := func(key string, item func(i int) any) {
		put(strconv.Quote(key) + ":[")
		for i := range c.sequences {
			if i > 0 {
				put(",")
			}
			data, merr := json.Marshal(item(i))
			if merr != nil {
				panic(fmt.Sprintf("review bench: write a plan: %v", merr))
			}
			_, _ = w.Write(data)
		}
		put("]")
	}
	resource := func(i int, values map[string]any) map[string]any {
		return map[string]any{"address": address(i), "mode": "managed", "type": "kraiter_sequence", "name": name(i),
			"provider_name": "registry.opentofu.org/kraiter/kraiter", "schema_version": 0, "values": values,
			"sensitive_values": map[string]any{"triggers": []any{map[string]any{}}}}
	}
	put(`{"format_version":"1.2","terraform_version":"1.10.10","planned_values":{"root_module":{`)
	list("resources", func(i int) any { return resource(i, values(i, after)) })
	put(`}},`)
	list("resource_changes", func(i int) any {
		return map[string]any{"address": address(i), "mode": "managed", "type": "kraiter_sequence", "name": name(i),
			"provider_name": "registry.opentofu.org/kraiter/kraiter",
			"change": map[string]any{"actions": []string{"update"}, "before": values(i, before), "after": values(i, after),
				"after_unknown":    map[string]any{"updated_at": true},
				"before_sensitive": map[string]any{"triggers": []any{map[string]any{}}},
				"after_sensitive":  map[string]any{"triggers": []any{map[string]any{}}}}}
	})
	put(`,"prior_state":{"format_version":"1.0","terraform_version":"1.10.10","values":{"root_module":{`)
	list("resources", func(i int) any { return resource(i, values(i, before)) })
	put(`}}},"configuration":{"provider_config":{"kraiter":{"name":"kraiter","full_name":"registry.opentofu.org/kraiter/kraiter"}},"root_module":{`)
	list("resources", func(i int) any {
		return map[string]any{"address": address(i), "mode": "managed", "type": "kraiter_sequence", "name": name(i),
			"provider_config_key": "kraiter", "schema_version": 0,
			"expressions": map[string]any{"id": map[string]any{"constant_value": id(i)}, "name": map[string]any{"constant_value": name(i)},
				"definition": map[string]any{"references": []string{"local.definition"}}}}
	})
	put(`}},"timestamp":"2026-01-01T00:00:00Z","errored":false}`)
	if err := w.Flush(); err != nil {
		return 0, err
	}
	info, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return info.Size(), nil
}

func id(i int) string      { return fmt.Sprintf("seq_%04d", i) }
func name(i int) string    { return fmt.Sprintf("s%04d", i) }
func address(i int) string { return "kraiter_sequence." + name(i) }

// values are a kraiter_sequence's attributes as a plan holds them.
func values(i int, definition string) map[string]any {
	return map[string]any{"id": id(i), "name": "Onboarding " + name(i), "definition": definition, "status": "active", "timeouts": nil,
		"created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
		"triggers": []any{map[string]any{"type": "event", "event_name": "signed_up", "segment_id": nil}}}
}
