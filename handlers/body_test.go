package handlers_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// bigForm is a multipart body whose st field is a file of size bytes: what
// `curl -F st=@60MB.bin` sends. With stall, only its first megabyte comes
// and the rest never does (until the test ends): a server that reads it
// waits for ever.
func bigForm(t *testing.T, size int64, stall bool) (ctype string, length int64, body io.Reader) {
	const boundary = "b0undary"
	head := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"st\"; filename=\"60MB.bin\"\r\n" +
		"Content-Type: application/octet-stream\r\n\r\n"
	tail := "\r\n--" + boundary + "--\r\n"
	length = int64(len(head)) + size + int64(len(tail))
	filler := io.LimitReader(zeros{}, size)
	if stall {
		never := make(chan struct{})
		t.Cleanup(func() { close(never) })
		filler = io.MultiReader(io.LimitReader(zeros{}, 1<<20), blocked(never))
	}
	return "multipart/form-data; boundary=" + boundary, length,
		io.MultiReader(strings.NewReader(head), filler, strings.NewReader(tail))
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// blocked reads nothing until done closes, then ends.
type blocked chan struct{}

func (b blocked) Read([]byte) (int, error) { <-b; return 0, io.EOF }

// raw sends a request over its own connection, its body from a goroutine
// (as a client that keeps sending would, whether or not anyone reads), and
// reads the answer as soon as it comes: never after timeout. It carries
// the browser's cookies.
func (e *env) raw(method, path, ctype string, length int64, body io.Reader, timeout time.Duration) *page {
	e.t.Helper()
	u, _ := url.Parse(e.srv.URL)
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		e.t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(timeout))
	req, _ := http.NewRequest(method, e.srv.URL+path, nil)
	cookie := ""
	if e.browser.Jar != nil {
		for _, c := range e.browser.Jar.Cookies(req.URL) {
			cookie += "Cookie: " + c.String() + "\r\n"
		}
	}
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\n%sContent-Type: %s\r\nContent-Length: %d\r\n\r\n", method, path, u.Host, cookie, ctype, length)
	go io.Copy(conn, body) // fails once the server closes: nobody waits for it
	resp, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		e.t.Fatalf("%s %s with a %d-byte body: no answer within %s: %v", method, path, length, timeout, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	p := &page{t: e.t, status: resp.StatusCode, header: resp.Header, url: req.URL, body: string(b)}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		p.doc, _ = goquery.NewDocumentFromReader(bytes.NewReader(b))
	}
	return p
}

// TestBody_AGETIsAnsweredWithoutReadingItsBody: a GET or HEAD carries
// nothing we read, so a big multipart body on one is never read (a state
// token comes in the query there), and the answer comes at once.
func TestBody_AGETIsAnsweredWithoutReadingItsBody(t *testing.T) {
	var read atomic.Int64
	e := newEnv(t, options{server: func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r = r.WithContext(r.Context()) // not net/http's own request, as in observe
			r.Body = countingBody{r.Body, &read}
			h.ServeHTTP(w, r)
		})
	}})
	for _, path := range []string{"/?label=u42&currency_code=INR", "/status/X", "/lang/en", "/pay/paytm"} {
		want := e.get(path).status
		ctype, length, body := bigForm(t, 60<<20, true)
		p := e.raw("GET", path, ctype, length, body, 10*time.Second)
		if p.status != want {
			t.Errorf("GET %s with a 60 MB body: %d, want %d as without it: %s", path, p.status, want, p.visibleText())
		}
	}
	if n := read.Load(); n != 0 {
		t.Errorf("%d bytes of GET bodies were read, want none", n)
	}
}

type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (b countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n.Add(int64(n))
	return n, err
}

// TestBody_TooBigGetsThe413PageAndNothingIsLeftOnDisk: every route caps
// its body (a form's small, the upload's a little over uploads.max_size),
// a body over the cap ends on the friendly 413 page, and no request, too
// big or not, leaves a multipart-* file in TMPDIR.
func TestBody_TooBigGetsThe413PageAndNothingIsLeftOnDisk(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	e := newEnv(t, options{})
	e.start("u42", "INR")

	// A screenshot under the limit still goes through, over a megabyte:
	// what net/http would have put on disk.
	form := e.get("/pay/staging_b_ml").mustStatus(http.StatusOK)
	shot := append(append([]byte{}, pngBytes...), make([]byte, 3<<20)...)
	if p := e.submit(form, map[string]string{"key1": "UTR12345678", "amount": "750"}, upload{"screenshot", "bill.png", shot}); p.status != http.StatusSeeOther {
		t.Errorf("a 3 MB screenshot: %d, want 303: %s", p.status, p.visibleText())
	}

	for _, tc := range []struct {
		method, path string
		size         int64
		want         int
	}{
		{"POST", "/", 40 << 20, http.StatusRequestEntityTooLarge},
		{"POST", "/lang/en", 40 << 20, http.StatusRequestEntityTooLarge},
		{"POST", "/status/X", 1 << 20, http.StatusRequestEntityTooLarge}, // a form's cap is far below a megabyte
		{"POST", "/pay/staging_b_ml", 40 << 20, http.StatusRequestEntityTooLarge},
		{"GET", "/?label=u42&currency_code=INR", 40 << 20, http.StatusOK},
	} {
		ctype, length, body := bigForm(t, tc.size, false)
		p := e.raw(tc.method, tc.path, ctype, length, body, 20*time.Second)
		if p.status != tc.want {
			t.Errorf("%s %s with %d MB: %d, want %d: %s", tc.method, tc.path, tc.size>>20, p.status, tc.want, p.visibleText())
		}
		if p.status == http.StatusRequestEntityTooLarge && (p.doc == nil || p.text("error-title") == "") {
			t.Errorf("%s %s: 413 without the friendly page: %s", tc.method, tc.path, p.body)
		}
	}

	// The answer may come a moment before the request's last line runs.
	var left []string
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		entries, err := os.ReadDir(tmp)
		if err != nil {
			t.Fatal(err)
		}
		left = left[:0]
		for _, f := range entries {
			left = append(left, f.Name())
		}
		if len(left) == 0 || time.Now().After(deadline) {
			break
		}
	}
	if len(left) > 0 {
		t.Errorf("left in TMPDIR: %v", left)
	}
}

// trickle is a body that never ends, one byte every 100ms: a client
// holding a request open as long as the server lets it.
func trickle(t *testing.T) io.Reader {
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	return trickler(done)
}

type trickler chan struct{}

func (d trickler) Read(p []byte) (int, error) {
	select {
	case <-d:
		return 0, io.EOF
	case <-time.After(100 * time.Millisecond):
		p[0] = 'a'
		return 1, nil
	}
}

// TestBody_ABodySlowerThanItsLimitIsCutOff: a body may take
// limits.body_timeout to arrive (uploads.read_timeout on the upload
// route), not the two minutes the server allows a whole request.
func TestBody_ABodySlowerThanItsLimitIsCutOff(t *testing.T) {
	e := newEnv(t, options{})
	e.cfg.Limits.BodyTimeout, e.cfg.Uploads.ReadTimeout = 300*time.Millisecond, time.Second
	e.start("u42", "INR")
	for _, tc := range []struct {
		path  string
		limit time.Duration
	}{
		{"/status/X", e.cfg.Limits.BodyTimeout},
		{"/pay/staging_b_ml", e.cfg.Uploads.ReadTimeout},
	} {
		start := time.Now()
		p := e.raw("POST", tc.path, "application/x-www-form-urlencoded", 1000, trickle(t), 5*time.Second)
		took := time.Since(start)
		if p.status != http.StatusRequestTimeout || took < tc.limit {
			t.Errorf("POST %s trickled: %d after %s, want 408 after %s", tc.path, p.status, took, tc.limit)
		}
	}
}
