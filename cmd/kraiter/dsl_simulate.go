package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/stepdiff"
)

func newDSLSimulateCmd() *cobra.Command {
	vars := varFlag{}
	events := &eventFlag{}
	var contact, until, format string
	var subscribed bool
	cmd := &cobra.Command{
		Use:   "simulate FILE [--var NAME=VALUE]... --contact JSON [--subscribed=false] [--event NAME@TIME]... [--until TIME] [--format text|json]",
		Short: "Run one contact through a sequence offline and show what it is sent",
		Long: `Carry one contact through a sequence from its enrolment, on a virtual clock, with the
interpreter of the local server, and print the steps it passes and the emails it is sent.
FILE is a DSL file or a JSON definition (a file whose content is a JSON object), or - for
standard input.

--contact gives the contact's attributes as a JSON object; numbers stay numbers. --event
NAME@TIME says the contact performs NAME at TIME after the enrolment (such as 3d or 2d12h;
-40d is before it); repeat it for more events. Conditions see only the events performed by
the time they are reached. --until stops the run at that time; without it the run goes to
the end.

The text output is a timeline; --format json writes {"sends", "completed", "steps"} with
times in minutes after the enrolment. Exits with status 1 on an invalid file and 2 on a
usage error.`,
		Example: `  kraiter dsl simulate examples/dsl/trial-conversion.kraiter.hcl --contact '{"plan":"trial","project_count":7}'
  kraiter dsl simulate seq.kraiter.hcl --var locale=en --contact '{}' --event logged_in@-40d --until 30d --format json`,
		Args:              oneInput("FILE"),
		ValidArgsFunction: completeFiles(1, sequenceFileExts...),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := definition.SimulationInput{Subscribed: subscribed, Events: events.events}
			var err error
			if in.Attributes, err = contactAttributes(contact); err != nil {
				return usageError(cmd, "--contact: %v", err)
			}
			if in.Until, err = untilFlag(until); err != nil {
				return usageError(cmd, "--until: %v", err)
			}
			def, err := readDefinition(cmd, args[0], vars)
			if err != nil {
				return err
			}
			res := definition.Simulate(def, in)
			if format == formatJSON {
				return writeJSON(cmd.OutOrStdout(), simulationOutput(res))
			}
			return writeSimulationText(cmd.OutOrStdout(), def, res, in.Until)
		},
	}
	addVarFlag(cmd, vars)
	flags := cmd.Flags()
	flags.StringVar(&contact, "contact", "", `the contact's attributes as a JSON object, such as '{"plan":"pro","seats":12}' (required; '{}' for none)`)
	flags.BoolVar(&subscribed, "subscribed", true, "whether the contact accepts email; --subscribed=false sends nothing")
	flags.Var(events, "event", "an event the contact performs, as NAME@TIME after the enrolment, such as purchased@3d or logged_in@-40d (repeatable)")
	flags.StringVar(&until, "until", "", "stop the run at this time after the enrolment, such as 30d (default: run to the end)")
	addEnumFlag(cmd, &format, "format", formatText, "output format: text is a timeline", formatText, formatJSON)
	for _, name := range []string{"contact", "event", "until"} {
		completeFlagNothing(cmd, name)
	}
	return cmd
}

// contactAttributes reads --contact: a JSON object, numbers kept as json.Number.
func contactAttributes(text string) (map[string]any, error) {
	if text == "" {
		return nil, errors.New(`give the contact's attributes as a JSON object, such as --contact '{"plan":"pro"}', or --contact '{}' for none`)
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var attrs map[string]any
	if err := dec.Decode(&attrs); err != nil || attrs == nil {
		return nil, fmt.Errorf(`%q is not a JSON object of attributes, such as '{"plan":"pro","seats":12}'`, text)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%q has more after its JSON object; give one object", text)
	}
	return attrs, nil
}

func untilFlag(text string) (time.Duration, error) {
	if text == "" {
		return 0, nil
	}
	d, err := definition.ParseOffset(text)
	if err != nil {
		return 0, err
	}
	if d == 0 {
		return 0, errors.New(`the run cannot stop at the enrolment itself; give a later time, such as 3d, or leave --until out to run to the end`)
	}
	return d, nil
}

// eventFlag collects --event NAME@TIME flags; a TIME starting with "-" is before the enrolment.
type eventFlag struct{ events []definition.SimulationEvent }

func (e *eventFlag) String() string { return "" }

func (e *eventFlag) Type() string { return "NAME@TIME" }

func (e *eventFlag) Set(s string) error {
	at := strings.LastIndex(s, "@")
	if at <= 0 {
		return fmt.Errorf("%q is not NAME@TIME, such as purchased@3d", s)
	}
	name, when := s[:at], s[at+1:]
	before := strings.HasPrefix(when, "-")
	d, err := definition.ParseOffset(strings.TrimPrefix(when, "-"))
	if err != nil {
		return fmt.Errorf("event %q: %w", name, err)
	}
	if before {
		d = -d
	}
	e.events = append(e.events, definition.SimulationEvent{Name: name, After: d})
	return nil
}

// simulationJSON is the --format json output; times are whole minutes after the enrolment.
type simulationJSON struct {
	Sends     []sendJSON `json:"sends"`
	Completed bool       `json:"completed"`
	Steps     []stepJSON `json:"steps"`
}

type sendJSON struct {
	TemplateID   string `json:"templateId"`
	AfterMinutes int64  `json:"after_minutes"`
	Path         string `json:"path"`
}

type stepJSON struct {
	Path         string `json:"path"`
	Type         string `json:"type"`
	AfterMinutes int64  `json:"after_minutes"`
	TemplateID   string `json:"templateId,omitempty"`
	Matched      *bool  `json:"matched,omitempty"`
	WouldSend    *bool  `json:"would_send,omitempty"`
	Reason       string `json:"reason,omitempty"`
	Duration     string `json:"duration,omitempty"`
}

func simulationOutput(res definition.SimulationResult) simulationJSON {
	out := simulationJSON{Sends: []sendJSON{}, Completed: res.Completed, Steps: []stepJSON{}}
	for _, s := range res.Sends {
		out.Sends = append(out.Sends, sendJSON{TemplateID: s.TemplateID, AfterMinutes: int64(s.After / time.Minute), Path: s.Path})
	}
	for _, s := range res.Steps {
		out.Steps = append(out.Steps, stepJSON{
			Path: s.Path, Type: string(s.Type), AfterMinutes: int64(s.After / time.Minute), TemplateID: s.TemplateID,
			Matched: s.Matched, WouldSend: s.WouldSend, Reason: s.Reason, Duration: s.Duration,
		})
	}
	return out
}

// writeSimulationText writes the timeline, then what was sent and whether the run completed.
func writeSimulationText(w io.Writer, def *definition.Definition, res definition.SimulationResult, until time.Duration) error {
	var b strings.Builder
	for _, line := range stepdiff.Timeline(def, res) {
		b.WriteString(line + "\n")
	}
	sent := make([]string, len(res.Sends))
	for i, s := range res.Sends {
		sent[i] = s.TemplateID
	}
	if len(sent) == 0 {
		sent = []string{"nothing"}
	}
	b.WriteString("sent: " + strings.Join(sent, ", ") + "\n")
	if res.Completed {
		b.WriteString("completed\n")
	} else {
		b.WriteString("not completed by +" + definition.FormatOffset(until) + " (--until)\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
