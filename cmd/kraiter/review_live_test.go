package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

var update = flag.Bool("update", false, "rewrite the live golden reviews of internal/review/testdata from the current output")

const reviewTestdata = "../../internal/review/testdata"

// TestReviewLive renders the real plans of two scenarios with live figures from a local
// Kraiter server that holds the plans' sequences with contacts enrolled, and compares them
// with the golden reviews *.live.review.md, and in JSON *.live.review.json: enrolments of
// what is updated, replaced or destroyed, the templates swapped, whether created ids exist.
func TestReviewLive(t *testing.T) {
	seed, err := localserver.LoadSeed(filepath.Join(reviewTestdata, "seed.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, scenario := range []string{"changes", "rename"} {
		t.Run(scenario, func(t *testing.T) {
			plans, err := filepath.Glob(filepath.Join(reviewTestdata, scenario, "*.plan.json"))
			if err != nil || len(plans) < 2 {
				t.Fatalf("want the plans of OpenTofu and Terraform in %s, found %v (%v); run scripts/review-testdata.sh", scenario, plans, err)
			}
			reviews := map[string]string{}
			for _, path := range plans {
				name := strings.TrimSuffix(filepath.Base(path), ".plan.json")
				srv := localservertest.Start(t, localservertest.WithSeed(seed))
				enrolPlanned(t, srv, path)
				t.Setenv(envAPIKey, srv.APIKey)
				t.Setenv(envBaseURL, srv.URL)
				for _, format := range []string{formatMarkdown, formatJSON} {
					out, errOut, code := runKraiter(t, "", "review", "--format", format, "--contacts", filepath.Join(reviewTestdata, "review.contacts.hcl"), path)
					if code != 0 || errOut != "" {
						t.Fatalf("%s, --format %s: exit %d, stderr %q", name, format, code, errOut)
					}
					if strings.Contains(out, srv.URL) {
						t.Errorf("%s, --format %s: the review names the server's address, which changes from run to run", name, format)
					}
					ext := map[string]string{formatMarkdown: "md", formatJSON: "json"}[format]
					checkReviewGolden(t, filepath.Join(reviewTestdata, scenario, name+".live.review."+ext), out)
					reviews[name+"."+ext] = out
				}
			}
			for _, ext := range []string{"md", "json"} {
				if tofu, terraform := reviews["tofu-1.10.10."+ext], reviews["terraform-1.5.7."+ext]; tofu != terraform {
					t.Errorf("the %s reviews of OpenTofu and Terraform differ; both plan the same change", ext)
				}
			}
		})
	}
}

// enrolPlanned creates in the server every sequence the plan updates, replaces or destroys,
// as it is before the change, with an event trigger of its own, and enrols contacts: five
// who have finished, and three in flight in the sequences that wait before their end.
func enrolPlanned(t *testing.T, srv *localservertest.Instance, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var plan struct {
		ResourceChanges []struct {
			Type   string `json:"type"`
			Change struct {
				Actions []string       `json:"actions"`
				Before  map[string]any `json:"before"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal(data, &plan); err != nil {
		t.Fatal(err)
	}
	var events []string
	for _, rc := range plan.ResourceChanges {
		before := rc.Change.Before
		if rc.Type != "kraiter_sequence" || before == nil || rc.Change.Actions[0] == "no-op" {
			continue
		}
		id, _ := before["id"].(string)
		name, _ := before["name"].(string)
		def, _ := before["definition"].(string)
		event := "enrol_" + id
		srv.CreateSequence(t, id, name, def, localserver.Trigger{Type: "event", EventName: event})
		events = append(events, event)
	}
	for n := 1; n <= 8; n++ {
		srv.CreateContact(t, fmt.Sprintf("contact_%d", n), fmt.Sprintf("contact%d@example.com", n), map[string]any{"plan": "pro", "seats": n}, true)
	}
	enrol := func(from, to int) {
		for n := from; n <= to; n++ {
			for _, event := range events {
				srv.SendEvent(t, fmt.Sprintf("contact_%d", n), event)
			}
		}
	}
	enrol(1, 5)
	srv.AdvanceClock(t, "60d")
	enrol(6, 8)
}

func checkReviewGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; run go test ./cmd/kraiter -run TestReviewLive -update to write it", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the output; if the change is intended, run go test ./cmd/kraiter -run TestReviewLive -update\ngot:\n%s", path, got)
	}
}
