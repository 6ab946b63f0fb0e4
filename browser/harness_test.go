package browser_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/paykassma/checkout/config"
	"github.com/paykassma/checkout/paykassma/sandbox"
	"github.com/paykassma/checkout/server"
)

// The phone every test is: a 360 × 800 CSS px viewport, the narrowest
// common Android width.
const (
	phoneWidth  = 360
	phoneHeight = 800
)

var (
	// browserCtx is the one Chromium every test opens its tabs in; nil
	// when the machine has no Chromium (skipReason says why).
	browserCtx context.Context
	skipReason string
	// axeSource is axe-core's axe.min.js, injected into every screen.
	axeSource string
	// shots is where screenshots go, "" unless BROWSER_SCREENSHOTS=1.
	shots string
	// chromeExe is the Chromium binary, for tests that need a browser
	// with another profile.
	chromeExe string
)

// chromePath finds the browser: CHROME_PATH, else Debian's chromium.
func chromePath() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func TestMain(m *testing.M) { os.Exit(runTests(m)) }

func runTests(m *testing.M) int {
	exe := chromePath()
	if exe == "" {
		skipReason = "no chromium on this machine: `apt-get install chromium fonts-noto-core` to run the browser tests (scripts/test.sh does)"
		fmt.Fprintln(os.Stderr, "browser: SKIPPING every test: "+skipReason)
		return m.Run()
	}
	axe, err := os.ReadFile(filepath.Join("node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "browser: axe-core is missing: run `npm ci --omit=dev` in browser/ (scripts/test.sh does):", err)
		return 1
	}
	axeSource = string(axe)
	chromeExe = exe
	if os.Getenv("BROWSER_SCREENSHOTS") == "1" {
		shots = filepath.Join("..", "docs", "screens")
		if err := os.MkdirAll(shots, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "browser:", err)
			return 1
		}
	}

	profile, err := os.MkdirTemp("", "checkout-chromium-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "browser:", err)
		return 1
	}
	defer os.RemoveAll(profile)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromeOptions(exe, profile)...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil { // starts the browser, bound to no test's deadline
		fmt.Fprintf(os.Stderr, "browser: cannot start %s: %v\n", exe, err)
		return 1
	}
	browserCtx = ctx
	return m.Run()
}

// chromeOptions are the flags of a quiet, headless, throwaway Chromium.
func chromeOptions(exe, profile string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // root in CI containers
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(phoneWidth, phoneHeight),
	)
}

// clock is the checkout's clock, moved by hand.
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

// app is the checkout in sandbox mode, wired as main.go wires it with the
// shipped config.ini (public_url empty), on a real port of 127.0.0.1.
type app struct {
	url   string
	sb    *sandbox.Server
	clock *clock
	cfg   *config.Config // read on every request: a test may change it before opening pages
	// seen, when set, is shown each request before the checkout serves it
	// (it may read the body and put it back).
	seen atomic.Pointer[func(*http.Request)]
}

func newApp(t *testing.T, configure ...func(*config.Config)) *app {
	t.Helper()
	// A fixed start, so the screenshots show the same times on every run.
	a := &app{clock: &clock{t: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}}
	// The sandbox needs the public URL before the server has one: the
	// handler is set once the port is known.
	var h http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if f := a.seen.Load(); f != nil {
			(*f)(r)
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	a.url = srv.URL

	cfg := config.Default()
	cfg.Session.Key = "a-browser-test-session-key-of-32-characters-or-more"
	for _, c := range configure {
		c(cfg)
	}
	a.cfg = cfg
	a.sb = sandbox.New(sandbox.Options{PagesURL: srv.URL + "/sandbox"})
	e, err := server.New(cfg, server.Options{Sandbox: a.sb, Now: a.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	h = e
	return a
}

// merchantLink is where the merchant's site sends a depositor.
func (a *app) merchantLink(label, currency string) string {
	return a.url + "/?" + url.Values{"label": {label}, "currency_code": {currency}}.Encode()
}

// tab is one browser tab with its own cookies, used by one test.
type tab struct {
	t     *testing.T
	ctx   context.Context
	app   *app
	noJS  bool
	frame bool // a cross-site iframe's target: no screenshots of its own
	// deadline bounds the test's actions in the tab; 0: 45 s.
	deadline time.Duration
	mu       sync.Mutex
	errors   []string // uncaught exceptions and console.error calls
}

type tabOption func(*tab)

// withoutJavaScript is a browser with JavaScript turned off.
func withoutJavaScript(tb *tab) { tb.noJS = true }

// A heavily loaded machine has made Chromium fail, or stall, while
// creating a tab; a fresh attempt then succeeds. The bound keeps a browser
// that truly cannot open tabs a clear failure, not a hang.
const (
	tabAttempts    = 3
	tabOpenTimeout = 60 * time.Second
)

// openTab opens a tab on the phone in a fresh browser context (no cookies
// shared with other tests), or skips the test when there is no Chromium.
func openTab(t *testing.T, a *app, opts ...tabOption) *tab {
	t.Helper()
	if browserCtx == nil {
		t.Skip(skipReason)
	}
	var errs []error
	for attempt := 1; attempt <= tabAttempts; attempt++ {
		ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
		err := startTab(ctx, cancel)
		if err == nil {
			t.Cleanup(cancel)
			return newTab(t, ctx, a, opts...)
		}
		cancel()
		errs = append(errs, fmt.Errorf("attempt %d: %w", attempt, err))
		if browserCtx.Err() != nil {
			break // the browser itself is gone: retrying cannot help
		}
	}
	t.Fatalf("Chromium could not open a tab: %v", errors.Join(errs...))
	return nil
}

// startTab creates the tab of ctx within tabOpenTimeout. The first Run on
// a tab's context binds the tab's life to the context it is given, so the
// bound cancels the tab rather than passing Run a context with a deadline.
func startTab(ctx context.Context, cancel context.CancelFunc) error {
	timer := time.AfterFunc(tabOpenTimeout, cancel)
	err := chromedp.Do(ctx)
	if !timer.Stop() {
		return fmt.Errorf("no tab after %v", tabOpenTimeout)
	}
	return err
}

// newTab readies a tab context: the phone's viewport, the scripts, a
// deadline, and a record of the page's JavaScript errors.
func newTab(t *testing.T, ctx context.Context, a *app, opts ...tabOption) *tab {
	t.Helper()
	tb := &tab{t: t, app: a}
	for _, o := range opts {
		o(tb)
	}
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulateTouch),
	}
	if tb.noJS {
		steps = append(steps, scripts(false))
	}
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	tb.watch(ctx)
	// A deadline for the test's actions only; the tab outlives it.
	if tb.deadline == 0 {
		tb.deadline = 45 * time.Second
	}
	tctx, tcancel := context.WithTimeout(ctx, tb.deadline)
	t.Cleanup(tcancel)
	tb.ctx = tctx
	return tb
}

// watch records the JavaScript errors of a target and fails the test with
// them at its end.
func (tb *tab) watch(ctx context.Context) {
	tb.t.Helper()
	if err := chromedp.Listen(ctx, tb.listen); err != nil {
		tb.t.Fatal(err)
	}
	tb.t.Cleanup(func() {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		for _, e := range tb.errors {
			tb.t.Errorf("the page's JavaScript: %s", e)
		}
	})
}

// listen notes what the page's scripts got wrong; it runs in the tab's
// event loop, so it only records.
func (tb *tab) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		msg = ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil && ev.ExceptionDetails.Exception.Description != "" {
			msg = ev.ExceptionDetails.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError {
			return
		}
		var parts []string
		for _, a := range ev.Args {
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		}
		msg = "console.error: " + strings.Join(parts, " ")
	default:
		return
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.errors = append(tb.errors, msg)
}

// scripts turns the page's JavaScript on or off.
func scripts(on bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return err
	})
}

// css selects by a CSS selector; tid by data-testid.
func css(sel string) chromedp.CSS { return chromedp.CSS(sel) }
func tid(id string) string        { return `[data-testid="` + id + `"]` }

// do runs steps, failing the test with what it was doing.
func (tb *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, steps...); err != nil {
		tb.t.Fatalf("%s: %v\non %s", what, err, tb.where())
	}
}

// where is the page's URL and main text, for failure messages.
func (tb *tab) where() string {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(tb.ctx), 3*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("main") || document.body || {}).innerText || ""`))
	return loc + "\n" + strings.Join(strings.Fields(text), " ")
}

// open goes to a URL, or a path on the checkout, and waits for its load.
func (tb *tab) open(u string) {
	tb.t.Helper()
	if strings.HasPrefix(u, "/") {
		u = tb.app.url + u
	}
	tb.do("open "+u, chromedp.Navigate(u))
}

// follow clicks a link or a submit button and waits for the page it leads
// to: a new document, not the old one still showing.
func (tb *tab) follow(sel string) {
	tb.t.Helper()
	_, err := chromedp.Run(tb.ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(css(sel), chromedp.NodeVisible)))
	if err != nil {
		tb.t.Fatalf("click %s: %v\non %s", sel, err, tb.where())
	}
}

// waitFor waits until an element is visible.
func (tb *tab) waitFor(sel string) {
	tb.t.Helper()
	tb.do("wait for "+sel, chromedp.WaitVisible(css(sel)))
}

// typeInto types into a field, as a person does, after clearing it.
func (tb *tab) typeInto(sel, text string) {
	tb.t.Helper()
	tb.do("type into "+sel, chromedp.Clear(css(sel)), chromedp.SendKeys(css(sel), text))
}

// text is an element's visible text, spaces collapsed.
func (tb *tab) text(sel string) string {
	tb.t.Helper()
	s, err := chromedp.Run(tb.ctx, chromedp.Text(css(sel)))
	if err != nil {
		tb.t.Fatalf("text of %s: %v\non %s", sel, err, tb.where())
	}
	return strings.Join(strings.Fields(s), " ")
}

// value is a field's current value.
func (tb *tab) value(sel string) string {
	tb.t.Helper()
	s, err := chromedp.Run(tb.ctx, chromedp.Value(css(sel)))
	if err != nil {
		tb.t.Fatalf("value of %s: %v\non %s", sel, err, tb.where())
	}
	return s
}

// attr is an element's attribute ("" when absent).
func (tb *tab) attr(sel, name string) string {
	tb.t.Helper()
	r, err := chromedp.Run(tb.ctx, chromedp.AttributeValue(css(sel), name))
	if err != nil {
		tb.t.Fatalf("attribute %s of %s: %v\non %s", name, sel, err, tb.where())
	}
	return r.Value
}

// eval evaluates JavaScript in the page (DevTools runs it even when the
// page's own scripts are off).
func eval[T any](tb *tab, js string, opts ...chromedp.EvaluateOption) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js, opts...))
	if err != nil {
		tb.t.Fatalf("evaluate %.60q: %v\non %s", js, err, tb.where())
	}
	return v
}

// count is how many elements match, without waiting for any.
func (tb *tab) count(sel string) int {
	tb.t.Helper()
	q, _ := json.Marshal(sel)
	return eval[int](tb, fmt.Sprintf(`document.querySelectorAll(%s).length`, q))
}

// kind is the outcome page's kind: credited, saved, possible, ...
func (tb *tab) kind() string {
	tb.t.Helper()
	tb.waitFor(tid("outcome"))
	return tb.attr(tid("outcome"), "data-kind")
}

// mainText is what the page says, spaces collapsed.
func (tb *tab) mainText() string {
	tb.t.Helper()
	return strings.Join(strings.Fields(eval[string](tb, `document.querySelector("main").innerText`)), " ")
}

// screen checks the screen a person is looking at: no axe violation, no
// horizontal scrolling at phone width; with BROWSER_SCREENSHOTS=1 it saves
// the whole page as docs/screens/<name>.png.
func (tb *tab) screen(name string) {
	tb.t.Helper()
	tb.do("wait for the page", chromedp.WaitReady(css("body")))
	if w := eval[int](tb, `document.documentElement.scrollWidth`); w > phoneWidth {
		tb.t.Errorf("%s: the page is %d px wide on a %d px phone: it scrolls sideways", name, w, phoneWidth)
	}
	tb.axe(name)
	// A frame shows in its parent's screenshot; the pages without
	// JavaScript look the same as with it.
	if shots == "" || tb.frame || tb.noJS {
		return
	}
	png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(shots, name+".png"), shrinkPNG(tb.t, png), 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

// viewShot saves what the phone's screen shows now (not the whole page) as
// docs/screens/<name>.png, with BROWSER_SCREENSHOTS=1: for screens about
// what is in view.
func (tb *tab) viewShot(name string) {
	tb.t.Helper()
	if shots == "" || tb.frame || tb.noJS {
		return
	}
	png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(shots, name+".png"), shrinkPNG(tb.t, png), 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

// axeViolation is one rule axe found broken, and where.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  json.RawMessage `json:"target"`
		Summary string          `json:"summary"`
	} `json:"nodes"`
}

// axeRun runs axe-core over the document for WCAG 2.0 A and AA and 2.1 AA,
// returning only what a report needs. A cross-site frame is its own
// target, checked there (iframes: false spares axe waiting for it).
const axeRun = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"]}, resultTypes: ["violations"], iframes: false})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))})))`

// axe asserts that axe-core finds no violation on the current screen.
func (tb *tab) axe(name string) {
	tb.t.Helper()
	for _, v := range tb.axeViolations(name) {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprintf("\n    %s: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " ")))
		}
		tb.t.Errorf("%s: axe: %s (%s): %s%s", name, v.ID, v.Impact, v.Help, strings.Join(where, ""))
	}
}

// axeViolations runs axe-core in the page.
func (tb *tab) axeViolations(name string) []axeViolation {
	tb.t.Helper()
	var steps []chromedp.Action[chromedp.Void]
	if tb.noJS {
		steps = append(steps, scripts(true)) // axe is JavaScript; the page has loaded without
	}
	steps = append(steps, chromedp.Evaluate[chromedp.Void](axeSource))
	tb.do(name+": load axe-core", steps...)
	violations, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if tb.noJS {
		tb.do(name+": JavaScript off again", scripts(false))
	}
	if err != nil {
		tb.t.Fatalf("%s: axe: %v", name, err)
	}
	return violations
}

// attach attaches files to a file input, as choosing them
// in the phone's picker does.
func attach(sel string, files ...string) chromedp.Action[chromedp.Void] {
	return chromedp.SetUploadFiles(css(sel), files)
}
