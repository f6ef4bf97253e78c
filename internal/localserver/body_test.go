package localserver_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

func TestAcceptedContentTypes(t *testing.T) {
	srv := localservertest.Start(t)
	for i, ct := range []string{"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8", "application/json; charset=utf8"} {
		t.Run(ct, func(t *testing.T) {
			body := strings.NewReader(fmt.Sprintf(`{"id":"tmpl_%d","name":"A","subject":"S"}`, i))
			req, err := http.NewRequest(http.MethodPost, srv.URL+"/v1/templates", body)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer "+srv.APIKey)
			req.Header.Set("Content-Type", ct)
			if resp := srv.DoRequest(t, req); resp.Status != http.StatusCreated {
				t.Errorf("status %d, want 201: %s", resp.Status, resp.Body)
			}
		})
	}
}

// A definition at the size limit fits in a create body even when every byte of it that can
// doubles in escaping.
func TestLargestDefinitionFits(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	prefix := `{"steps":[{"type":"condition","if":{"attribute":"a","op":"eq","value":"`
	suffix := `"},"then":[{"type":"email","templateId":"tmpl_welcome"}]}]`
	// `\"\\` is a quote and a backslash in the value: four bytes that escape to eight.
	room := definition.MaxBytes - len(prefix) - len(suffix) - len("}")
	def := prefix + strings.Repeat(`\"\\`, room/4) + suffix + strings.Repeat("\n", room%4) + "}"
	if len(def) != definition.MaxBytes {
		t.Fatalf("built a definition of %d bytes, want %d", len(def), definition.MaxBytes)
	}
	srv.CreateSequence(t, "seq_largest", "Largest", def)
	if got := srv.GetSequence(t, "seq_largest"); got.Definition != def {
		t.Errorf("stored a definition of %d bytes, not the one sent", len(got.Definition))
	}
}
