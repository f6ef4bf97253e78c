package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// The key goes with a redirect only within the first request's scheme, host and port.
func TestRedirectsKeepTheKeyWithinItsOrigin(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// secure starts the redirecting server with TLS.
		secure bool
		// sameServer redirects to the redirecting server itself, else to another one.
		sameServer bool
		wantKey    bool
	}{
		{"to the same origin", false, true, true},
		{"to another port", false, false, false},
		{"from https to http on loopback", true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var seen atomic.Value
			target := func(w http.ResponseWriter, r *http.Request) {
				seen.Store(r.Header.Get("Authorization"))
				answer(http.StatusOK, sequenceJSON("seq_a"))(w, r)
			}
			other := httptest.NewServer(http.HandlerFunc(target))
			t.Cleanup(other.Close)
			redirecting := httptest.NewUnstartedServer(nil)
			redirecting.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				rest, moved := strings.CutPrefix(r.URL.Path, "/old")
				switch {
				case !moved:
					target(w, r)
				case tt.sameServer:
					http.Redirect(w, r, rest, http.StatusPermanentRedirect)
				default:
					http.Redirect(w, r, other.URL+rest, http.StatusPermanentRedirect)
				}
			})
			if tt.secure {
				redirecting.StartTLS()
			} else {
				redirecting.Start()
			}
			t.Cleanup(redirecting.Close)

			c := newFakeClient(t, client.Config{BaseURL: redirecting.URL + "/old", HTTPClient: redirecting.Client()})
			if _, err := c.Sequences.Get(context.Background(), "seq_a"); err != nil {
				t.Fatalf("Get through a redirect: %v", err)
			}
			got, _ := seen.Load().(string)
			if want := map[bool]string{true: "Bearer " + fakeKey, false: ""}[tt.wantKey]; got != want {
				t.Fatalf("the redirect's target got Authorization %q, want %q", got, want)
			}
		})
	}
}

func TestRedirectsAreBounded(t *testing.T) {
	t.Parallel()
	for _, hops := range []int{5, 6} {
		t.Run(strconv.Itoa(hops)+" redirects", func(t *testing.T) {
			var requests atomic.Int32
			cfg := serve(t, func(w http.ResponseWriter, r *http.Request) {
				requests.Add(1)
				hop, _ := strconv.Atoi(r.URL.Query().Get("hop"))
				if hop < hops {
					http.Redirect(w, r, r.URL.Path+"?hop="+strconv.Itoa(hop+1), http.StatusFound)
					return
				}
				answer(http.StatusOK, sequenceJSON("seq_a"))(w, r)
			})
			c := newFakeClient(t, cfg)
			_, err := c.Sequences.Get(context.Background(), "seq_a")
			if hops <= 5 {
				if err != nil {
					t.Fatalf("Get through %d redirects: %v", hops, err)
				}
				return
			}
			if !errors.Is(err, client.ErrRedirectRefused) || !strings.Contains(err.Error(), "stopped after 5 redirects") {
				t.Fatalf("Get through %d redirects: %v, want ErrRedirectRefused after 5", hops, err)
			}
			if n := requests.Load(); n != 6 {
				t.Fatalf("%d requests were sent, want 6: the first and 5 redirects, without retries", n)
			}
		})
	}
}

// The client sets its own timeout and redirect policy on a copy of Config.HTTPClient.
func TestConfigHTTPClientIsNotChanged(t *testing.T) {
	t.Parallel()
	hc := &http.Client{}
	if _, err := client.New(client.Config{APIKey: "k", HTTPClient: hc}); err != nil {
		t.Fatal(err)
	}
	if hc.Timeout != 0 || hc.CheckRedirect != nil {
		t.Fatalf("New changed the caller's http.Client: %+v", hc)
	}
}
