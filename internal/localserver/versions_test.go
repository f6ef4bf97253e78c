package localserver_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
)

// An enrolment finishes on the definition version it began under; enrolments after a change
// run the new version.
func TestEnrolmentsKeepTheirDefinitionVersion(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	for _, id := range []string{"tmpl_a", "tmpl_b", "tmpl_de_only"} {
		srv.CreateTemplate(t, id, id, "Subject of "+id)
	}
	srv.CreateSequence(t, "seq_v", "Versions", `{"steps":[
		{"type":"email","templateId":"tmpl_a"},
		{"type":"delay","duration":"9d"},
		{"type":"email","templateId":"tmpl_b"}]}`, signedUp)
	de := map[string]any{"country": "DE"}
	srv.CreateContact(t, "con_early", "early@example.com", de, true)
	srv.CreateContact(t, "con_late", "late@example.com", de, true)
	srv.SendEvent(t, "con_early", "signed_up")
	srv.AdvanceClock(t, "1d")

	// A condition in front: in the new version every step has moved.
	srv.UpdateSequenceRaw(t, "seq_v", map[string]any{"definition": `{"steps":[
		{"type":"condition","if":{"attribute":"country","op":"eq","value":"DE"},
		 "then":[{"type":"email","templateId":"tmpl_de_only"}]},
		{"type":"email","templateId":"tmpl_a"},
		{"type":"delay","duration":"9d"},
		{"type":"email","templateId":"tmpl_b"}]}`})
	srv.SendEvent(t, "con_late", "signed_up")
	srv.AdvanceClock(t, "10d")

	want := map[string][]string{
		"con_early": {"tmpl_a +0s", "tmpl_b +216h0m0s"},
		"con_late":  {"tmpl_de_only +0s", "tmpl_a +0s", "tmpl_b +216h0m0s"},
	}
	if got := sendLog(t, srv, "seq_v"); !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("sends\n got %q\nwant %q", got, want)
	}
	if st := srv.Status(t, "seq_v"); st != (localserver.SequenceStatus{ID: "seq_v", Status: "active", TotalEnrolled: 2, CompletedCount: 2}) {
		t.Errorf("status %+v, want both enrolments completed", st)
	}
}
