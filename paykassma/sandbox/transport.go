package sandbox

import (
	"bytes"
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
)

// Client returns an HTTP client whose requests never touch a socket: each
// is served in memory by this sandbox, whatever host the URL names. It
// honours the request context, and returns redirects instead of following
// them (the only ones, from the wallet pages, point out of the sandbox).
func (s *Server) Client() *http.Client {
	return &http.Client{
		Transport: &memTransport{h: s},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// memTransport is an http.RoundTripper that calls a handler directly.
type memTransport struct{ h http.Handler }

func (t *memTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	var body []byte
	if req.Body != nil {
		var err error
		body, err = io.ReadAll(req.Body)
		req.Body.Close() // a RoundTripper must close the body, even on error
		if err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// The handler gets a server-side request of its own, as net/http would
	// give it: its own body, RequestURI set, a URL with path and query only.
	sr := req.Clone(ctx)
	sr.Body = io.NopCloser(bytes.NewReader(body))
	sr.ContentLength = int64(len(body))
	sr.GetBody = nil
	sr.Host = req.Host
	if sr.Host == "" {
		sr.Host = req.URL.Host
	}
	sr.URL = &url.URL{Path: req.URL.Path, RawPath: req.URL.RawPath, RawQuery: req.URL.RawQuery}
	sr.RequestURI = sr.URL.RequestURI()
	sr.RemoteAddr = "127.0.0.1:0"
	sr.Proto, sr.ProtoMajor, sr.ProtoMinor = "HTTP/1.1", 1, 1
	if req.URL.Scheme == "https" {
		sr.TLS = &tls.ConnectionState{}
	}

	rec := &memResponse{header: http.Header{}}
	done := make(chan error, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Errorf("sandbox: handler panicked: %v", p)
			}
		}()
		t.h.ServeHTTP(rec, sr)
		done <- nil
	}()
	select {
	case <-ctx.Done():
		// The handler finishes into its own recorder, which nobody reads.
		return nil, ctx.Err()
	case err := <-done:
		if err != nil {
			return nil, err
		}
	}

	code, header := rec.code, rec.sent
	if code == 0 { // the handler wrote nothing at all
		code, header = http.StatusOK, rec.header.Clone()
	}
	if header.Get("Content-Type") == "" && rec.body.Len() > 0 {
		header.Set("Content-Type", http.DetectContentType(rec.body.Bytes()))
	}
	out := bytes.Clone(rec.body.Bytes())
	if req.Method == http.MethodHead {
		out = nil
	}
	res := &http.Response{
		Status:        strconv.Itoa(code) + " " + http.StatusText(code),
		StatusCode:    code,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        header,
		Body:          io.NopCloser(bytes.NewReader(out)),
		ContentLength: int64(len(out)),
		Request:       req,
	}
	res.Header.Set("Content-Length", strconv.Itoa(len(out)))
	return res, nil
}

// memResponse is the handler's http.ResponseWriter: headers, status and
// body in memory, with net/http's semantics (first WriteHeader wins; a
// Write without one means 200; header changes after that are ignored).
type memResponse struct {
	header http.Header
	sent   http.Header // a snapshot taken at WriteHeader
	code   int
	body   bytes.Buffer
}

func (m *memResponse) Header() http.Header { return m.header }

func (m *memResponse) WriteHeader(code int) {
	if m.code != 0 || code < 200 { // informational answers are not the answer
		return
	}
	m.code = code
	m.sent = m.header.Clone()
}

func (m *memResponse) Write(p []byte) (int, error) {
	if m.code == 0 {
		m.WriteHeader(http.StatusOK)
	}
	return m.body.Write(p)
}

// Flush is a no-op: the whole answer is handed over at once.
func (m *memResponse) Flush() {}
