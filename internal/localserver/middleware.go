package localserver

import (
	"crypto/subtle"
	"net/http"
	"strings"
	"time"
)

// withAuth lets through only requests that carry "Authorization: Bearer <the API key>".
func (s *Server) withAuth(next http.Handler) http.Handler {
	want := []byte(s.apiKey)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="kraiter-local"`)
			msg := "missing API key; send the header \"Authorization: Bearer <key>\" with the key the server was started with"
			if ok {
				msg = "wrong API key; send the key the local server was started with (--api-key or KRAITER_API_KEY)"
			}
			writeError(w, &apiError{status: http.StatusUnauthorized, body: APIError{Code: CodeUnauthorized, Message: msg}})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// withLogging logs each request at debug level: method, path, status and time taken.
func (s *Server) withLogging(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", time.Since(start))
	})
}

// statusRecorder notes the status written; Unwrap lets the fault injector hijack through it.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *statusRecorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(p)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
