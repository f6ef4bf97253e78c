package localserver

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// handlerFunc is a route's handler; an error it returns becomes the error response.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// methods maps an HTTP method to its handler on one path.
type methods map[string]handlerFunc

func (s *Server) routes() http.Handler {
	v1 := http.NewServeMux()
	s.route(v1, "/v1/sequences", methods{"GET": s.listSequences, "POST": s.createSequence})
	s.route(v1, "/v1/sequences/{id}", methods{"GET": s.getSequence, "PATCH": s.patchSequence, "DELETE": s.deleteSequence})
	s.route(v1, "/v1/sequences/{id}/status", methods{"GET": s.sequenceStatus})
	s.route(v1, "/v1/sequences/{id}/dry-run", methods{"POST": s.dryRun})
	s.route(v1, "/v1/sequences/{id}/contacts", methods{"GET": s.sequenceContacts})
	s.route(v1, "/v1/sequences/{id}/sends", methods{"GET": s.sequenceSends})
	s.route(v1, "/v1/templates", methods{"GET": s.listTemplates, "POST": s.createTemplate})
	s.route(v1, "/v1/templates/{id}", methods{"GET": s.getTemplate})
	s.route(v1, "/v1/contacts", methods{"POST": s.createContact})
	s.route(v1, "/v1/contacts/{id}", methods{"GET": s.getContact, "PATCH": s.patchContact})
	s.route(v1, "/v1/events", methods{"POST": s.postEvent})
	v1.HandleFunc("/", unknownRoute)

	admin := http.NewServeMux()
	s.route(admin, "/_local/clock", methods{"GET": s.getClock})
	s.route(admin, "/_local/clock/advance", methods{"POST": s.advanceClock})
	s.route(admin, "/_local/sequences/{id}/status", methods{"POST": s.setSequenceStatus})
	s.route(admin, "/_local/faults", methods{"GET": s.getFaults, "POST": s.setFaults, "DELETE": s.clearFaults})
	admin.HandleFunc("/", unknownRoute)

	root := http.NewServeMux()
	root.Handle("/v1/", s.withAuth(s.withFaults(v1)))
	root.Handle("/_local/", s.withAuth(admin))
	root.HandleFunc("/", unknownRoute)
	return s.withLogging(root)
}

// route serves a path's methods, answering 405 with the allowed ones for any other.
func (s *Server) route(mux *http.ServeMux, pattern string, ms methods) {
	allowed := make([]string, 0, len(ms))
	for m := range ms {
		allowed = append(allowed, m)
	}
	slices.Sort(allowed)
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		h, ok := ms[r.Method]
		if !ok {
			w.Header().Set("Allow", strings.Join(allowed, ", "))
			writeError(w, &apiError{status: http.StatusMethodNotAllowed, body: APIError{Code: CodeMethodNotAllowed,
				Message: r.Method + " is not allowed on " + r.URL.Path + "; use " + strings.Join(allowed, " or ")}})
			return
		}
		if err := h(w, r); err != nil {
			e, expected := asAPIError(err)
			if !expected && !errors.Is(err, context.Canceled) {
				s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "error", err)
			}
			writeError(w, e)
		}
	})
}

func unknownRoute(w http.ResponseWriter, r *http.Request) {
	writeError(w, &apiError{status: http.StatusNotFound, body: APIError{Code: CodeRouteNotFound, Message: fmt.Sprintf(
		"there is no route %s %s; the API lives under /v1/ (sequences, templates, contacts, events), the local server's controls under /_local/",
		r.Method, r.URL.Path)}})
}
