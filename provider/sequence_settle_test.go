package provider

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

// settleModel is a kraiter_sequence as configured, for calling Create and Update directly.
func settleModel(id, name string) sequenceModel {
	return sequenceModel{
		ID:                 types.StringValue(id),
		Name:               types.StringValue(name),
		Definition:         newDefinitionValue(canonicalOnboarding),
		Triggers:           types.SetNull(types.ObjectType{AttrTypes: triggerAttrTypes}),
		DeletionProtection: types.BoolValue(false),
		Status:             types.StringUnknown(),
		CreatedAt:          types.StringUnknown(),
		UpdatedAt:          types.StringUnknown(),
		Timeouts:           timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType, "read": types.StringType, "update": types.StringType, "delete": types.StringType})},
	}
}

func schemaOf(t *testing.T, r *sequenceResource) tfsdk.State {
	t.Helper()
	var sch fwresource.SchemaResponse
	r.Schema(context.Background(), fwresource.SchemaRequest{}, &sch)
	return tfsdk.State{Schema: sch.Schema}
}

// create calls the resource's Create with plan, on ctx.
func create(ctx context.Context, t *testing.T, r *sequenceResource, plan sequenceModel) *fwresource.CreateResponse {
	t.Helper()
	st := schemaOf(t, r)
	p := tfsdk.Plan{Schema: st.Schema}
	if diags := p.Set(context.Background(), &plan); diags.HasError() {
		t.Fatal(diags)
	}
	null := tftypes.NewValue(st.Schema.Type().TerraformType(context.Background()), nil)
	resp := &fwresource.CreateResponse{State: tfsdk.State{Schema: st.Schema, Raw: null}}
	r.Create(ctx, fwresource.CreateRequest{Plan: p}, resp)
	return resp
}

func settleClient(t *testing.T, url string) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: url, APIKey: localservertest.APIKey, MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A create cut short by its context (an interrupt, its timeout) is settled on a context of
// its own: the sequence it made is kept, with a warning.
func TestSequenceResource_interruptedCreateIsSettled(t *testing.T) {
	t.Parallel()
	inst := startServer(t)
	inst.SetFaults(t, localservertest.Faults{AnswerLatencyMs: 300})
	r := &sequenceResource{data: newProviderData(settleClient(t, inst.URL))}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	resp := create(ctx, t, r, settleModel("seq_cut", "Cut short"))
	if resp.Diagnostics.HasError() || resp.State.Raw.IsNull() {
		t.Fatalf("an interrupted create that was made: state null %v, diagnostics %v", resp.State.Raw.IsNull(), resp.Diagnostics)
	}
	if w := resp.Diagnostics.Warnings(); len(w) != 1 || w[0].Summary() != "Sequence created, though its answer was lost" {
		t.Errorf("warnings %v", w)
	}
}

// scriptedServer answers each request with the first matching rule.
func scriptedServer(t *testing.T, handle func(w http.ResponseWriter, r *http.Request) bool, next http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !handle(w, r) {
			next.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func answerJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// Every create attempt fails with a server error while another party creates the id with
// other content: that sequence is not taken over.
func TestSequenceResource_failedCreateTakesNothingOver(t *testing.T) {
	t.Parallel()
	inst := startServer(t)
	inst.CreateSequence(t, "seq_theirs", "Someone else's", canonicalOnboarding)
	proxy := proxyTo(t, inst.URL)
	srv := scriptedServer(t, func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodPost {
			answerJSON(w, http.StatusServiceUnavailable, `{"error":{"code":"INTERNAL","message":"try again"}}`)
			return true
		}
		return false
	}, proxy)
	r := &sequenceResource{data: newProviderData(settleClient(t, srv.URL))}
	resp := create(context.Background(), t, r, settleModel("seq_theirs", "Mine"))
	if !resp.Diagnostics.HasError() || !resp.State.Raw.IsNull() {
		t.Fatalf("a create over someone else's sequence: state null %v, diagnostics %v; want an error and no state", resp.State.Raw.IsNull(), resp.Diagnostics)
	}
	if got := resp.Diagnostics.Errors()[0].Detail(); !strings.Contains(got, "does not take it over") || !strings.Contains(got, "name differ") {
		t.Errorf("the error does not say it is not this apply's:\n%s", got)
	}
}

// A create whose outcome stays unknown (the question fails too) keeps the sequence in state,
// tainted by the error, rather than forget it.
func TestSequenceResource_unsettledCreateIsKept(t *testing.T) {
	t.Parallel()
	srv := scriptedServer(t, func(w http.ResponseWriter, r *http.Request) bool {
		answerJSON(w, http.StatusServiceUnavailable, `{"error":{"code":"INTERNAL","message":"down"}}`)
		return true
	}, nil)
	r := &sequenceResource{data: newProviderData(settleClient(t, srv.URL))}
	resp := create(context.Background(), t, r, settleModel("seq_maybe", "Maybe"))
	if !resp.Diagnostics.HasError() || resp.State.Raw.IsNull() {
		t.Fatalf("state null %v, diagnostics %v; want the sequence kept, with an error", resp.State.Raw.IsNull(), resp.Diagnostics)
	}
	var kept sequenceModel
	resp.State.Get(context.Background(), &kept)
	if kept.ID.ValueString() != "seq_maybe" || !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "marked tainted") {
		t.Errorf("kept %+v with %v", kept, resp.Diagnostics)
	}
}

// A delete answered 503, then NOT_FOUND in the API's words, by a server that cannot prove it
// is the API (no listing route): not done, and the sequence stays in state.
func TestSequenceResource_deleteAfterAServerErrorNeedsProof(t *testing.T) {
	t.Parallel()
	var deletes atomic.Int32
	srv := scriptedServer(t, func(w http.ResponseWriter, r *http.Request) bool {
		switch {
		case r.Method == http.MethodDelete && deletes.Add(1) == 1:
			answerJSON(w, http.StatusServiceUnavailable, `{"error":{"code":"INTERNAL","message":"hiccup"}}`)
		case r.URL.Path == "/v1/sequences":
			answerJSON(w, http.StatusNotFound, `{"error":{"code":"ROUTE_NOT_FOUND","message":"no such route"}}`)
		default:
			answerJSON(w, http.StatusNotFound, `{"error":{"code":"NOT_FOUND","message":"no sequence with that id"}}`)
		}
		return true
	}, nil)
	r := &sequenceResource{data: newProviderData(settleClient(t, srv.URL))}
	state := resourceState(t, r, "seq_live")
	del := &fwresource.DeleteResponse{State: state}
	r.Delete(context.Background(), fwresource.DeleteRequest{State: state}, del)
	if !del.Diagnostics.HasError() || deletes.Load() < 2 {
		t.Fatalf("after %d deletes, a NOT_FOUND that follows a server error was taken as done: %v", deletes.Load(), del.Diagnostics)
	}
}

// proxyTo forwards requests to a local server.
func proxyTo(t *testing.T, target string) http.Handler {
	t.Helper()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := http.NewRequestWithContext(r.Context(), r.Method, target+r.URL.RequestURI(), r.Body)
		if err != nil {
			t.Error(err)
			return
		}
		req.Header = r.Header.Clone()
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body)
	})
}

// What a server says reaches Terraform's output without the key, even when it echoes it.
func TestSequenceResource_serverTextNeverCarriesTheKey(t *testing.T) {
	t.Parallel()
	srv := scriptedServer(t, func(w http.ResponseWriter, r *http.Request) bool {
		answerJSON(w, http.StatusBadRequest, `{"error":{"code":"VALIDATION_ERROR","message":"cannot read `+r.Header.Get("Authorization")+`"}}`)
		return true
	}, nil)
	r := &sequenceResource{data: newProviderData(settleClient(t, srv.URL))}
	state := resourceState(t, r, "seq_live")
	read := &fwresource.ReadResponse{State: state}
	r.Read(context.Background(), fwresource.ReadRequest{State: state}, read)
	if !read.Diagnostics.HasError() {
		t.Fatal("Read succeeded")
	}
	for _, d := range read.Diagnostics {
		if text := d.Summary() + d.Detail(); strings.Contains(text, localservertest.APIKey) || !strings.Contains(text, "[redacted]") {
			t.Errorf("diagnostic shows the key, or does not say it was redacted: %s", text)
		}
	}
}
