package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

// TestAccSequence_wrongBaseURLLosesNothing: with state holding sequences, plan and destroy
// against a wrong base_url fail with a message about the URL, and the sequences stay, in
// Kraiter and in the state.
func TestAccSequence_wrongBaseURLLosesNothing(t *testing.T) {
	testAccPreCheck(t)
	htmlProxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, "<html><body><h1>404 Not Found</h1></body></html>")
	}))
	t.Cleanup(htmlProxy.Close)

	cases := []struct {
		name    string
		wrongAt func(inst *localservertest.Instance) string
	}{
		{"path under the server", func(inst *localservertest.Instance) string { return inst.URL + "/api" }},
		{"proxy answering HTML 404", func(*localservertest.Instance) string { return htmlProxy.URL }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inst := startServer(t)
			config := func(baseURL string) string {
				return fmt.Sprintf(`
provider "kraiter" {
  base_url    = %q
  api_key     = %q
  max_retries = 2
}

resource "kraiter_sequence" "test" {
  count      = 2
  id         = "seq_kept_${count.index}"
  name       = "Kept"
  definition = %s
}
`, baseURL, inst.APIKey, onboardingHCL)
			}
			wrong := tc.wrongAt(inst)
			urlError := regexp.MustCompile(`(?s)base URL.*looks\s+wrong`)
			bothExist := func(*terraform.State) error {
				for i := range 2 {
					if _, err := apiClient(t, inst).Sequences.Get(context.Background(), fmt.Sprintf("seq_kept_%d", i)); err != nil {
						return fmt.Errorf("sequence seq_kept_%d is gone: %w", i, err)
					}
				}
				return nil
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{
					{Config: config(inst.URL)},
					{Config: config(wrong), PlanOnly: true, ExpectError: urlError},
					{Config: config(wrong), Destroy: true, ExpectError: urlError},
					{
						// A trailing /v1 means the API's root too.
						Config: config(inst.URL + "/v1/"),
						Check:  bothExist,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue("kraiter_sequence.test[1]", tfjsonpath.New("id"), knownvalue.StringExact("seq_kept_1")),
						},
					},
				},
			})
		})
	}
}

// loseCreateAnswers is middleware that, while armed, lets a create reach the server (changing
// its name first when alter is set) and then closes the connection without an answer, as a
// network failure after the server acted would.
type loseCreateAnswers struct {
	armed atomic.Bool
	alter bool
}

func (l *loseCreateAnswers) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !l.armed.Load() || r.Method != http.MethodPost || r.URL.Path != "/v1/sequences" {
			next.ServeHTTP(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		if l.alter {
			var in map[string]any
			if err := json.Unmarshal(body, &in); err == nil {
				in["name"] = "Changed while the answer was lost"
				body, _ = json.Marshal(in)
			}
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		next.ServeHTTP(httptest.NewRecorder(), r)
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close()
		}
	})
}

// TestAccSequence_createWithLostAnswer: a create whose answer is lost (no retries left) leaves
// no orphan: a sequence stored as sent is adopted; one stored differently is not this
// create's, so nothing takes it over: the apply fails saying so, the state stays empty, and
// the next apply meets "already exists" rather than deleting it.
func TestAccSequence_createWithLostAnswer(t *testing.T) {
	testAccPreCheck(t)
	for _, alter := range []bool{false, true} {
		t.Run(fmt.Sprintf("stored_differently=%v", alter), func(t *testing.T) {
			lose := &loseCreateAnswers{alter: alter}
			lose.armed.Store(true)
			inst := startServer(t, localservertest.WithMiddleware(lose.wrap))
			config := strings.Replace(sequenceConfig(inst, `
  id         = "seq_lost"
  name       = "Lost answer"
  definition = `+onboardingHCL+"\n"), "max_retries = 8", "max_retries = 0", 1)
			named := func(want string) resource.TestCheckFunc {
				return func(*terraform.State) error {
					seq, err := apiClient(t, inst).Sequences.Get(context.Background(), "seq_lost")
					if err != nil {
						return err
					}
					if seq.Name != want {
						return fmt.Errorf("the server holds %q, want %q", seq.Name, want)
					}
					return nil
				}
			}
			steps := []resource.TestStep{{
				Config: config,
				Check:  named("Lost answer"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			}}
			if alter {
				steps = []resource.TestStep{
					{Config: config, ExpectError: regexp.MustCompile(`(?s)Sequence exists with other content.*name differ.*does not take it\s+over`)},
					{
						PreConfig: func() {
							lose.armed.Store(false)
							// Not taken over: still as the other party left it.
							if err := named("Changed while the answer was lost")(nil); err != nil {
								t.Fatal(err)
							}
						},
						Config: config,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(seqAddr, plancheck.ResourceActionCreate)},
						},
						ExpectError: regexp.MustCompile(`Sequence already exists`),
					},
				}
			}
			resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProviders, Steps: steps})
		})
	}
}

// liarServer answers NOT_FOUND in the API's own words for every sequence, but is not the API:
// its listing route does not exist.
func liarServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		if r.URL.Path == "/v1/sequences" {
			_, _ = io.WriteString(w, `{"error":{"code":"ROUTE_NOT_FOUND","message":"no such route"}}`)
			return
		}
		_, _ = io.WriteString(w, `{"error":{"code":"NOT_FOUND","message":"no sequence with that id"}}`)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestSequenceResource_notFoundNeedsProof: a server that says NOT_FOUND in the API's words
// but cannot prove it is the API makes neither Read drop the state nor Delete succeed.
func TestSequenceResource_notFoundNeedsProof(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, err := client.New(client.Config{BaseURL: liarServer(t).URL, APIKey: "k", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	r := &sequenceResource{data: newProviderData(c)}
	state := resourceState(t, r, "seq_live")

	read := &fwresource.ReadResponse{State: state}
	r.Read(ctx, fwresource.ReadRequest{State: state}, read)
	if !read.Diagnostics.HasError() || read.State.Raw.IsNull() {
		t.Fatalf("Read dropped the state on an unproven NOT_FOUND (diagnostics: %v)", read.Diagnostics)
	}
	if got := read.Diagnostics.Errors()[0].Detail(); !strings.Contains(got, "Nothing was removed from the Terraform state") {
		t.Errorf("Read's error does not say the state was kept:\n%s", got)
	}

	del := &fwresource.DeleteResponse{State: state}
	r.Delete(ctx, fwresource.DeleteRequest{State: state}, del)
	if !del.Diagnostics.HasError() {
		t.Fatal("Delete counted an unproven NOT_FOUND as done")
	}
}

// TestSequenceResource_notFoundWithProofDropsState: against the real API shape, a sequence
// deleted outside Terraform is forgotten.
func TestSequenceResource_notFoundWithProofDropsState(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	inst := localservertest.Start(t)
	c := apiClient(t, inst)
	r := &sequenceResource{data: newProviderData(c)}
	state := resourceState(t, r, "seq_live")
	read := &fwresource.ReadResponse{State: state}
	r.Read(ctx, fwresource.ReadRequest{State: state}, read)
	if read.Diagnostics.HasError() {
		t.Fatalf("Read: %v", read.Diagnostics)
	}
	if !read.State.Raw.IsNull() {
		t.Fatal("Read kept a sequence the API proved is gone")
	}
}
