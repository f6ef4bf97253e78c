package review

import (
	"strings"
	"testing"
)

func TestReadTriggers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		triggers  any
		unknown   any
		sensitive any
		want      string
	}{
		{name: "sorted", triggers: []any{segmentTrigger("seg_trial"), eventTrigger("signed_up")}, want: "event `signed_up`, segment `seg_trial`"},
		{name: "none", triggers: []any{}, want: "none"},
		{name: "null", triggers: nil, want: "none"},
		{name: "an unknown type", triggers: []any{map[string]any{"type": "webhook"}}, want: "`webhook`"},
		{name: "no type", triggers: []any{"signed_up"}, want: "a trigger without a type"},
		{name: "unknown event name", triggers: []any{eventTrigger("x")}, unknown: map[string]any{"triggers": []any{map[string]any{"event_name": true}}}, want: "_known after apply_"},
		{name: "sensitive", triggers: []any{eventTrigger("x")}, sensitive: map[string]any{"triggers": true}, want: "_sensitive, not shown_"},
		{name: "empty marks, as plans write for sets", triggers: []any{eventTrigger("x")}, unknown: map[string]any{"triggers": []any{map[string]any{}}}, want: "event `x`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newObject(map[string]any{"triggers": tt.triggers}, tt.unknown, tt.sensitive)
			if got := readTriggers(o).text(); got != tt.want {
				t.Errorf("text = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTriggersEqual(t *testing.T) {
	t.Parallel()
	known := func(events ...string) triggers {
		list := []any{}
		for _, name := range events {
			list = append(list, eventTrigger(name))
		}
		return readTriggers(newObject(map[string]any{"triggers": list}, nil, nil))
	}
	long := func(middle string) string {
		return strings.Repeat("a", maxName) + middle + strings.Repeat("z", maxName)
	}
	tests := []struct {
		name string
		a, b triggers
		want bool
	}{
		{name: "same", a: known("a"), b: known("a"), want: true},
		{name: "same in another order", a: known("a", "b"), b: known("b", "a"), want: true},
		{name: "both none", a: known(), b: known(), want: true},
		{name: "different", a: known("a"), b: known("b")},
		{name: "one more", a: known("a"), b: known("a", "b")},
		{name: "long names that differ where the comment shortens them", a: known(long("1")), b: known(long("2"))},
		{name: "null is none", a: triggers{state: fieldNull}, b: known(), want: true},
		{name: "null is not some", a: triggers{state: fieldNull}, b: known("a")},
		{name: "unknown is never equal", a: triggers{state: fieldUnknown}, b: triggers{state: fieldUnknown}},
		{name: "sensitive is never equal", a: triggers{state: fieldSensitive}, b: triggers{state: fieldSensitive}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.equal(tt.b); got != tt.want {
				t.Errorf("equal = %v, want %v", got, tt.want)
			}
		})
	}
}
