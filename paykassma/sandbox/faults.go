package sandbox

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FaultKind is a way the API can misbehave.
type FaultKind string

// The faults the sandbox can be told to show.
const (
	FaultNone      FaultKind = ""          // clears the fault
	FaultSlow      FaultKind = "slow"      // answers after Delay, or never if the caller gives up first
	FaultStatus    FaultKind = "status"    // an HTTP 5xx (Status) with an HTML body, as a proxy in front would
	FaultHTML      FaultKind = "html"      // HTTP 200 with an HTML maintenance page instead of JSON
	FaultTruncated FaultKind = "truncated" // HTTP 200 JSON cut off half way
	FaultReset     FaultKind = "reset"     // the connection is closed with no answer (a TCP reset over a socket)
	FaultNotFound  FaultKind = "notfound"  // HTTP 404, as the API answers a missing secret
)

// Fault tells the sandbox to misbehave on one endpoint.
type Fault struct {
	Kind   FaultKind
	Status int           // FaultStatus: the code; 0 means 503
	Delay  time.Duration // FaultSlow: how long before answering; 0 means a minute
	// After makes the endpoint do its work first (record the payment, create
	// the order) and only then misbehave: the call went through, but its
	// caller cannot know.
	After bool
	// Times is how many requests the fault affects before it clears itself;
	// 0 means until it is cleared.
	Times int
}

// faultTable holds the faults set, by path.
type faultTable struct {
	mu sync.Mutex
	m  map[string]*Fault
}

// SetFault makes requests to path misbehave as f says; a FaultNone clears
// it. path is the endpoint's path as the client calls it, e.g.
// "/api/v1/transaction/activate"; a path ending in "/" covers every path
// under it ("/api/v1/transaction/create/"), and "*" every API path. Also
// POST /_sandbox/fault?path=...&kind=...&status=...&delay=...&after=1&times=N.
func (s *Server) SetFault(path string, f Fault) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	if s.faults.m == nil {
		s.faults.m = map[string]*Fault{}
	}
	if f.Kind == FaultNone {
		delete(s.faults.m, path)
		return
	}
	s.faults.m[path] = &f
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.m = nil
}

// takeFault finds the fault for a request path and counts one use of it.
func (s *Server) takeFault(path string) (Fault, bool) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	if len(s.faults.m) == 0 || !isAPIPath(path) {
		return Fault{}, false
	}
	key := ""
	if _, ok := s.faults.m[path]; ok {
		key = path
	} else {
		for k := range s.faults.m {
			if (strings.HasSuffix(k, "/") && strings.HasPrefix(path, k) && len(k) > len(key)) || (k == "*" && key == "") {
				key = k
			}
		}
	}
	f, ok := s.faults.m[key]
	if !ok {
		return Fault{}, false
	}
	if f.Times > 0 {
		if f.Times--; f.Times == 0 {
			delete(s.faults.m, key)
		}
	}
	return *f, true
}

// isAPIPath says whether a path is the API's (faults never touch the
// wallet pages, assets or the sandbox's own controls).
func isAPIPath(path string) bool {
	return strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/v2/") ||
		strings.HasPrefix(path, "/wallet-type/") || path == "/wallet-type" || strings.HasPrefix(path, "/payment-plugin/")
}

// serveFault answers a request as the fault says.
func (s *Server) serveFault(w http.ResponseWriter, r *http.Request, f Fault) {
	// Read the body first, as the API would: net/http notices a caller that
	// hangs up (and cancels r's context) only once the body is read.
	if body, err := io.ReadAll(io.LimitReader(r.Body, 64<<20)); err == nil {
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	var done *memResponse
	if f.After {
		done = &memResponse{header: http.Header{}}
		s.mux.ServeHTTP(done, r)
	}
	switch f.Kind {
	case FaultSlow:
		d := f.Delay
		if d <= 0 {
			d = time.Minute
		}
		if !sleep(r.Context(), d) {
			return // the caller gave up: nobody reads an answer
		}
		if done != nil {
			replay(w, done)
			return
		}
		s.mux.ServeHTTP(w, r)
	case FaultStatus:
		code := f.Status
		if code == 0 {
			code = http.StatusServiceUnavailable
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(code)
		fmt.Fprintf(w, "<html><body><h1>%d %s</h1><hr>nginx</body></html>\n", code, http.StatusText(code))
	case FaultHTML:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		fmt.Fprint(w, "<!doctype html><title>Maintenance</title><p>We are updating our systems. Back soon.</p>\n")
	case FaultTruncated:
		body := []byte(`{"status":"ok","data":{"wallets":[{"type":"pay`)
		if done != nil && done.body.Len() > 2 {
			body = done.body.Bytes()[:done.body.Len()/2]
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		w.Write(body)
	case FaultReset:
		reset(w)
	case FaultNotFound:
		notFound(w)
	default:
		s.mux.ServeHTTP(w, r)
	}
}

// reset drops the connection without an answer. Over a socket it hijacks
// the connection and closes it with SO_LINGER 0, so the client sees a TCP
// reset; in memory (Client) the request fails the same way a reset would.
func reset(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		tcp.SetLinger(0)
	}
	conn.Close()
}

// replay writes an answer recorded earlier.
func replay(w http.ResponseWriter, m *memResponse) {
	for k, v := range m.sent {
		w.Header()[k] = v
	}
	code := m.code
	if code == 0 {
		code = http.StatusOK
	}
	w.WriteHeader(code)
	w.Write(m.body.Bytes())
}

// sleep waits d, or less if ctx ends first; it reports whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// handleAdminFault is SetFault over HTTP, for trying the checkout's fault
// pages by hand. Like /_sandbox/credit it takes no secret.
func (s *Server) handleAdminFault(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	path := q.Get("path")
	if path == "" {
		failFields(w, "path", "The path field is required.")
		return
	}
	f := Fault{Kind: FaultKind(q.Get("kind")), After: q.Get("after") == "1" || q.Get("after") == "true"}
	switch f.Kind {
	case FaultNone, FaultSlow, FaultStatus, FaultHTML, FaultTruncated, FaultReset, FaultNotFound:
	default:
		failFields(w, "kind", "The kind must be one of slow, status, html, truncated, reset, notfound, or empty.")
		return
	}
	var err error
	if v := q.Get("status"); v != "" {
		if f.Status, err = strconv.Atoi(v); err != nil || f.Status < 500 || f.Status > 599 {
			failFields(w, "status", "The status must be a 5xx code.")
			return
		}
	}
	if v := q.Get("delay"); v != "" {
		if f.Delay, err = time.ParseDuration(v); err != nil || f.Delay < 0 {
			failFields(w, "delay", "The delay must be a duration such as 20s.")
			return
		}
	}
	if v := q.Get("times"); v != "" {
		if f.Times, err = strconv.Atoi(v); err != nil || f.Times < 0 {
			failFields(w, "times", "The times must be a count.")
			return
		}
	}
	s.SetFault(path, f)
	ok(w)
}
