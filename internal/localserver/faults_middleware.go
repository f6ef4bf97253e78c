package localserver

import (
	"bytes"
	"net/http"
	"strconv"
	"time"
)

// How the faults drawn for a /v1 request are applied to it.

func isWrite(method string) bool {
	return method == http.MethodPost || method == http.MethodPatch || method == http.MethodPut || method == http.MethodDelete
}

// withFaults applies the faults in force to a request.
func (s *Server) withFaults(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := s.faults.draw(isWrite(r.Method))
		if p.latency > 0 {
			t := time.NewTimer(p.latency)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		switch {
		case p.failStatus != 0:
			writeError(w, &apiError{status: p.failStatus, body: APIError{Code: CodeInternal,
				Message: "injected fault: the local server failed this request on purpose (failRate); retry it"}})
		case p.rateLimited:
			w.Header().Set("Retry-After", strconv.Itoa(p.retryAfter))
			writeError(w, &apiError{status: http.StatusTooManyRequests, body: APIError{Code: CodeRateLimited,
				Message: "injected fault: too many requests (rateLimitRate); retry after " + strconv.Itoa(p.retryAfter) + " s"}})
		case p.drop:
			s.serveThenDrop(next, w, r)
		case p.answerDelay > 0:
			serveThenWait(next, w, r, p.answerDelay)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// serveThenWait runs the request to the end (its transaction commits), then holds the
// answer back for delay, whether or not the client still waits for it.
func serveThenWait(next http.Handler, w http.ResponseWriter, r *http.Request, delay time.Duration) {
	buf := &bufferedResponse{header: http.Header{}, status: http.StatusOK}
	next.ServeHTTP(buf, r)
	t := time.NewTimer(delay)
	defer t.Stop()
	select {
	case <-t.C:
		buf.copyTo(w)
	case <-r.Context().Done():
	}
}

// serveThenDrop runs the request to the end (its transaction commits) but, when it
// succeeded, closes the connection instead of answering.
func (s *Server) serveThenDrop(next http.Handler, w http.ResponseWriter, r *http.Request) {
	buf := &bufferedResponse{header: http.Header{}, status: http.StatusOK}
	next.ServeHTTP(buf, r)
	if buf.status >= 300 {
		buf.copyTo(w)
		return
	}
	s.log.Debug("injected fault: dropping the connection after commit", "method", r.Method, "path", r.URL.Path)
	s.faults.countDrop()
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// Without hijacking (HTTP/2), aborting the handler resets the stream instead.
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// bufferedResponse holds a response back until it is known whether to send it.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) WriteHeader(status int)      { b.status = status }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }

func (b *bufferedResponse) copyTo(w http.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	w.WriteHeader(b.status)
	_, _ = w.Write(b.body.Bytes())
}
