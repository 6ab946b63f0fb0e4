package handlers_test

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/paykassma/checkout/config"
	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/metrics"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/paykassma/sandbox"
	"github.com/paykassma/checkout/server"
)

// TestMain fails the package when any page asked for a message that has no
// English text (keys built at run time escape the catalog's static check).
func TestMain(m *testing.M) {
	code := m.Run()
	if missing := i18n.Missing(); len(missing) > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: pages used messages without English text: %v\n", missing)
		code = 1
	}
	os.Exit(code)
}

const sessionKey = "a-test-session-key-of-at-least-32-characters"

// clock is a fake clock the tests move by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is a checkout over the sandbox, and a browser to use it.
type env struct {
	t       *testing.T
	sb      *sandbox.Server
	cfg     *config.Config
	clock   *clock
	srv     *httptest.Server
	browser *http.Client
	logs    *syncBuffer
}

type options struct {
	noCookies bool
	api       func(real paykassma.API) paykassma.API // wraps the client, below the logging and the cache (server.Options.Upstream)
	secret    string                                 // the checkout's, when not the sandbox's: it calls the sandbox over a socket as Paykassma
	metrics   *metrics.Metrics                       // nil: none recorded
	server    func(h http.Handler) http.Handler      // wraps the checkout as the browser reaches it
	noCache   bool                                   // server.Options.NoCache: only where the test says why
	ocr       string                                 // [ocr] command: a stand-in for tesseract; "" = the default
}

func testConfig() *config.Config {
	cfg := config.Default()
	cfg.Session.Key = sessionKey
	return cfg
}

func newEnv(t *testing.T, o options) *env {
	t.Helper()
	e := &env{t: t, cfg: testConfig(), clock: &clock{t: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}, logs: &syncBuffer{}}
	e.sb = sandbox.New(sandbox.Options{PagesURL: "/sandbox"})
	if o.ocr != "" {
		e.cfg.OCR.Command = o.ocr
	}
	if o.secret != "" {
		// Configured with a secret the sandbox does not accept, as a
		// checkout would be with Paykassma.
		upstream := httptest.NewServer(e.sb)
		t.Cleanup(upstream.Close)
		e.cfg.Paykassma.BaseURL, e.cfg.Paykassma.Secret = upstream.URL, o.secret
	}
	h, err := server.New(e.cfg, server.Options{
		Sandbox: e.sb, Upstream: o.api, Now: e.clock.Now, Metrics: o.metrics, NoCache: o.noCache,
		Logger: slog.New(slog.NewTextHandler(io.MultiWriter(e.logs, t.Output()), nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	var served http.Handler = h
	if o.server != nil {
		served = o.server(h)
	}
	e.srv = httptest.NewServer(served)
	t.Cleanup(e.srv.Close)
	e.browser = newBrowser(!o.noCookies)
	return e
}

// outlastCache moves the clock past all the cache may serve (apicache's
// 5 minutes fresh and 30 stale), so the next page asks Paykassma: for a
// fault to reach a page the depositor has seen before.
func (e *env) outlastCache() { e.clock.Advance(36 * time.Minute) }

// newBrowser is an HTTP client that shows each redirect instead of
// following it, with or without a cookie jar.
func newBrowser(cookies bool) *http.Client {
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if cookies {
		c.Jar, _ = cookiejar.New(nil)
	}
	return c
}

// page is a response as the person sees it.
type page struct {
	t      *testing.T
	status int
	header http.Header
	url    *url.URL
	body   string
	doc    *goquery.Document
}

func (p *page) id(testid string) *goquery.Selection {
	return p.doc.Find(`[data-testid="` + testid + `"]`)
}

func (p *page) text(testid string) string {
	return strings.Join(strings.Fields(p.id(testid).First().Text()), " ")
}

func (p *page) texts(testid string) []string {
	var out []string
	p.id(testid).Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.Join(strings.Fields(s.Text()), " "))
	})
	return out
}

func (p *page) mustStatus(want int) *page {
	p.t.Helper()
	if p.status != want {
		p.t.Fatalf("%s: status %d, want %d\n%s", p.url, p.status, want, p.visibleText())
	}
	return p
}

// visibleText is the page's main text, for failure messages.
func (p *page) visibleText() string {
	if p.doc == nil {
		return p.body
	}
	return strings.Join(strings.Fields(p.doc.Find("main").Text()), " ")
}

func (p *page) location() string { return p.header.Get("Location") }

// do sends a request through the browser, from a base URL.
func (e *env) do(base string, req *http.Request) *page {
	e.t.Helper()
	resp, err := e.browser.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	p := &page{t: e.t, status: resp.StatusCode, header: resp.Header, url: req.URL, body: string(b)}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		p.doc, err = goquery.NewDocumentFromReader(bytes.NewReader(b))
		if err != nil {
			e.t.Fatal(err)
		}
	}
	return p
}

func (e *env) resolve(base, ref string) string {
	b, _ := url.Parse(base)
	r, err := b.Parse(ref)
	if err != nil {
		e.t.Fatalf("bad URL %q: %v", ref, err)
	}
	return r.String()
}

// get opens a path or URL on the checkout.
func (e *env) get(path string) *page {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.resolve(e.srv.URL, path), nil)
	return e.do(e.srv.URL, req)
}

// follow follows 303s (and other redirects) to the final page.
func (e *env) follow(p *page) *page {
	e.t.Helper()
	for i := 0; i < 5 && p.status >= 300 && p.status < 400; i++ {
		p = e.get(e.resolve(p.url.String(), p.location()))
	}
	return p
}

// click follows the link with a data-testid.
func (e *env) click(p *page, testid string) *page {
	e.t.Helper()
	href, ok := p.id(testid).First().Attr("href")
	if !ok {
		e.t.Fatalf("%s: no link %q on the page: %s", p.url, testid, p.visibleText())
	}
	return e.get(e.resolve(p.url.String(), href))
}

// clickMethod follows the choose page's link to a PS.
func (e *env) clickMethod(p *page, walletType string) *page {
	e.t.Helper()
	href, ok := p.doc.Find(`[data-testid="method"][data-type="` + walletType + `"] [data-testid="method-link"]`).Attr("href")
	if !ok {
		e.t.Fatalf("no method %s on %s: %s", walletType, p.url, p.visibleText())
	}
	return e.get(e.resolve(p.url.String(), href))
}

// upload is a file to attach to a form.
type upload struct {
	field, name string
	data        []byte
}

// submit sends a page's form as a browser would: its hidden fields, the
// values given, and files (multipart when the form says so). The page's
// POST form is the one sent (a pay page also has "How much will you send?").
func (e *env) submit(p *page, values map[string]string, files ...upload) *page {
	e.t.Helper()
	form := p.doc.Find(`form[method="post"]`).First()
	if form.Length() == 0 {
		form = p.doc.Find("form").First()
	}
	if form.Length() == 0 {
		e.t.Fatalf("%s: no form: %s", p.url, p.visibleText())
	}
	action, _ := form.Attr("action")
	fields := url.Values{}
	form.Find("input[type=hidden]").Each(func(_ int, s *goquery.Selection) {
		fields.Add(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	for k, v := range values {
		fields.Set(k, v)
	}
	target := e.resolve(p.url.String(), action)
	var req *http.Request
	if form.AttrOr("enctype", "") == "multipart/form-data" {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for k, vs := range fields {
			for _, v := range vs {
				mw.WriteField(k, v)
			}
		}
		for _, f := range files {
			fw, _ := mw.CreateFormFile(f.field, f.name)
			fw.Write(f.data)
		}
		mw.Close()
		req, _ = http.NewRequest("POST", target, &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
	} else {
		if len(files) > 0 {
			e.t.Fatalf("%s: the form is not multipart, cannot attach files", p.url)
		}
		req, _ = http.NewRequest("POST", target, strings.NewReader(fields.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return e.do(e.srv.URL, req)
}

// start opens the checkout as the merchant's link does.
func (e *env) start(label, currency string) *page {
	e.t.Helper()
	return e.get("/?" + url.Values{"label": {label}, "currency_code": {currency}}.Encode()).mustStatus(200)
}

// refOf is the reference the page's P2P form, sent with the transaction ID
// key1, pays under (no merchant prefix): deposit.Reference of its nonce.
func refOf(p *page, key1 string) string {
	return deposit.Reference("", nonceOf(p), key1)
}

// redirectRefOf is the reference the page's redirect form, sent with the
// amount (as the API gets it, "500.00") and account, pays under.
func redirectRefOf(p *page, prefix, amount, account string) string {
	return deposit.Reference(prefix, nonceOf(p), amount+"\x00"+account)
}

// nonceOf is the nonce of the page's form.
func nonceOf(p *page) string {
	return p.doc.Find(`form input[name="nonce"]`).AttrOr("value", "")
}

// statusRef is the reference a 303 to /status/… names.
func statusRef(t *testing.T, p *page) string {
	t.Helper()
	if p.status != http.StatusSeeOther {
		t.Fatalf("%s: status %d, want 303: %s", p.url, p.status, p.visibleText())
	}
	u, _ := url.Parse(p.location())
	ref, ok := strings.CutPrefix(u.Path, "/status/")
	if !ok {
		t.Fatalf("303 to %s, want /status/…", p.location())
	}
	return ref
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// pngBytes is the start of a real PNG: what http.DetectContentType reads.
var pngBytes = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
