// Command loadbench measures how close the checkout's choose page comes to a
// bare Echo handler serving the same bytes, and, as a rung between the two,
// to Echo rendering that same page with the checkout's templates from a
// view model in memory and nothing else (templ.go). Each runs in a process
// of its own (this binary re-executed with -role), on 127.0.0.1 only, and
// they are driven in alternating rounds (A B T, T B A, …) so machine noise
// hits all alike:
//
//	go run ./cmd/loadbench                      # about 2 minutes
//	go run ./cmd/loadbench -profile /tmp/prof   # also CPU and allocs profiles of the checkout
//	go run ./cmd/loadbench -pages all           # every page a depositor GETs (pages.go), each against bare Echo
//	go run ./cmd/loadbench -compare OLDBINARY   # an earlier commit's checkout in the same rounds
//	go run ./cmd/loadbench -close               # a new connection per request, as nginx opens them
//
// The checkout is wired as main.go wires it in sandbox mode: the in-memory
// sandbox behind apicache, metrics on, one text log line per request to
// stdout (a pipe this command drains), batched as server.log_flush says
// (SERVER_LOG_FLUSH=0: each line written at once). A counter at the wire
// (server.Options.Upstream) counts the calls that would reach Paykassma.
//
// It prints requests/s of each, the ratios to bare (medians of the rounds),
// p50/p99 of each per concurrency, the first-load weight, upstream calls per
// page view, each server's CPU time per page and peak RSS (VmHWM). The load
// comes from wrk when it is installed (apt-get install wrk), else from a Go
// generator that costs the shared CPU more. Not run in CI: figures only mean
// anything side by side within one run.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/config"
	"github.com/paykassma/checkout/logwriter"
	"github.com/paykassma/checkout/metrics"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/server"
)

func main() {
	role := flag.String("role", "", "internal: checkout, templ or bare, the server this process is")
	body := flag.String("body", "", "internal: the captured page the bare and templ servers answer with")
	conns := flag.String("conns", "50,200", "concurrent connections, comma separated")
	round := flag.Duration("round", 4*time.Second, "length of one round")
	rounds := flag.Int("rounds", 4, "rounds of each server per concurrency (A B B A …)")
	gen := flag.String("gen", "", "load generator: wrk or go; empty: wrk when installed")
	profile := flag.String("profile", "", "a `dir` for the checkout's cpu.pprof and allocs.pprof")
	pages := flag.String("pages", "list", "pages to measure, comma separated, or all: "+strings.Join(pageNames, ","))
	ctype := flag.String("ctype", "", "internal: the captured page's Content-Type")
	compare := flag.String("compare", "", "another loadbench `binary` (built from an earlier commit) whose checkout is driven in the same rounds, for before/after in one run")
	flag.BoolVar(&closeEach, "close", false, "a new connection for each request (Connection: close), as deploy/nginx-checkout.conf has nginx reach an instance")
	flag.Parse()
	var err error
	switch *role {
	case "checkout":
		err = serveCheckout(*profile)
	case "bare":
		err = serveBare(*body, *ctype)
	case "templ":
		err = serveTempl(*body)
	case "":
		err = bench(*conns, *round, *rounds, *gen, *profile, *pages, *compare)
	default:
		err = fmt.Errorf("unknown role %q", *role)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

// The servers' side.

// serve listens on 127.0.0.1, says where on stdout, and serves h until
// SIGTERM, with main.go's server settings.
func serve(h http.Handler, ctl http.Handler, stop func()) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Printf("listening on http://%s\n", ln.Addr())
	if ctl != nil {
		cln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		fmt.Printf("control on http://%s\n", cln.Addr())
		go http.Serve(cln, ctl)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
	ctx, cancel := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer cancel()
	go func() { <-ctx.Done(); srv.Close() }()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	if stop != nil {
		stop()
	}
	return nil
}

// countingAPI counts the calls that would reach Paykassma: server.New puts
// it at the wire, below the logging and the cache.
type countingAPI struct {
	paykassma.API
	calls atomic.Int64
}

func (c *countingAPI) PaymentSystems(ctx context.Context, req paykassma.PaymentSystemsRequest) (*paykassma.PaymentSystems, error) {
	c.calls.Add(1)
	return c.API.PaymentSystems(ctx, req)
}

func (c *countingAPI) Mediahints(ctx context.Context) (paykassma.Mediahints, error) {
	c.calls.Add(1)
	return c.API.Mediahints(ctx)
}

func (c *countingAPI) CreateTransaction(ctx context.Context, walletType string, req paykassma.CreateTransactionRequest) (*paykassma.Transaction, error) {
	c.calls.Add(1)
	return c.API.CreateTransaction(ctx, walletType, req)
}

func (c *countingAPI) Activate(ctx context.Context, req paykassma.ActivateRequest) (paykassma.Activation, error) {
	c.calls.Add(1)
	return c.API.Activate(ctx, req)
}

func (c *countingAPI) PossibleTransaction(ctx context.Context, req paykassma.PossibleTransactionRequest) (paykassma.Activation, error) {
	c.calls.Add(1)
	return c.API.PossibleTransaction(ctx, req)
}

func (c *countingAPI) CreateBkashPayment(ctx context.Context, req paykassma.BkashPaymentRequest) (*paykassma.RedirectPayment, error) {
	c.calls.Add(1)
	return c.API.CreateBkashPayment(ctx, req)
}

func (c *countingAPI) CreateNagadPayment(ctx context.Context, req paykassma.NagadPaymentRequest) (*paykassma.RedirectPayment, error) {
	c.calls.Add(1)
	return c.API.CreateNagadPayment(ctx, req)
}

func (c *countingAPI) DepositInfo(ctx context.Context, req paykassma.DepositInfoRequest) (*paykassma.DepositInfo, error) {
	c.calls.Add(1)
	return c.API.DepositInfo(ctx, req)
}

func (c *countingAPI) DepositStatuses(ctx context.Context, customOrderIDs []string) ([]paykassma.DepositStatus, error) {
	c.calls.Add(1)
	return c.API.DepositStatuses(ctx, customOrderIDs)
}

// newCheckout is the checkout as main.go builds it in sandbox mode, logging
// to logs, and the counter of its calls to the sandbox.
func newCheckout(logs io.Writer) (http.Handler, *countingAPI, error) {
	cfg, err := config.Load("", os.Getenv)
	if err != nil {
		return nil, nil, err
	}
	// As main.go's logger: lines batched for up to log_flush
	// (SERVER_LOG_FLUSH=0 writes each at once), warnings at once.
	server.TuneMemory(cfg.Server.MemoryLimit, os.Getenv) // as main.go paces the collector
	lw := logwriter.New(logs, cfg.Server.LogFlush)
	log := slog.New(logwriter.Urgent(slog.NewTextHandler(lw, nil), lw, slog.LevelWarn))
	count := &countingAPI{}
	h, err := server.New(cfg, server.Options{Logger: log, Metrics: metrics.New(), Now: time.Now,
		Upstream: func(api paykassma.API) paykassma.API { count.API = api; return count }})
	return h, count, err
}

// serveCheckout serves newCheckout, logging to stdout.
func serveCheckout(profileDir string) error {
	e, count, err := newCheckout(os.Stdout)
	if err != nil {
		return err
	}
	ctl := http.NewServeMux()
	ctl.HandleFunc("GET /calls", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, count.calls.Load())
	})
	var stop func()
	if profileDir != "" {
		f, err := os.Create(filepath.Join(profileDir, "cpu.pprof"))
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		stop = func() {
			pprof.StopCPUProfile()
			f.Close()
			if a, err := os.Create(filepath.Join(profileDir, "allocs.pprof")); err == nil {
				pprof.Lookup("allocs").WriteTo(a, 0)
				a.Close()
			}
		}
	}
	return serve(e, ctl, stop)
}

// serveBare is Echo and nothing else, answering with the captured page.
func serveBare(file, ctype string) error {
	page, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	length := strconv.Itoa(len(page))
	if ctype == "" {
		ctype = echo.MIMETextHTMLCharsetUTF8
	}
	// Any path: the page measured may be /, /pay/… or /status/….
	e.GET("/*", func(c echo.Context) error {
		// The checkout states its pages' length; so does the bare handler,
		// so both send a page in the same number of writes.
		c.Response().Header().Set(echo.HeaderContentLength, length)
		return c.Blob(http.StatusOK, ctype, page)
	})
	return serve(e, nil, nil)
}

// The benchmark's side.

// child is a server process.
type child struct {
	role string
	cmd  *exec.Cmd
	base string // http://127.0.0.1:port
	ctl  string // the checkout's control address
}

func start(args []string, env []string) (*child, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return startExe(exe, args, env)
}

// startExe starts exe as one of the servers (this binary, or -compare's).
func startExe(exe string, args []string, env []string) (*child, error) {
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	ch := &child{role: args[1], cmd: cmd}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if a, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
			ch.base = a
		}
		if a, ok := strings.CutPrefix(sc.Text(), "control on "); ok {
			ch.ctl = a
		}
		if ch.base != "" && (ch.ctl != "" || args[1] != "checkout") {
			break
		}
	}
	if ch.base == "" {
		cmd.Process.Kill()
		return nil, fmt.Errorf("%s did not start", args[1])
	}
	go io.Copy(io.Discard, out) // the log lines, as a collector would read them
	return ch, nil
}

func (c *child) stop() {
	c.cmd.Process.Signal(syscall.SIGTERM)
	c.cmd.Wait()
}

// cpu is the process's user and system time so far, from /proc (in the
// kernel's clock ticks, 100 a second on Linux).
func (c *child) cpu() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", c.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// Fields after the command's ")": state is the 3rd field, utime the 14th.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	k, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+k) * 10 * time.Millisecond
}

// cpuPerPage is the CPU a server spent per answered request over rounds.
func cpuPerPage(rs []result) string {
	var cpu time.Duration
	var n int64
	for _, r := range rs {
		cpu, n = cpu+r.cpu, n+r.requests
	}
	if n == 0 || cpu == 0 {
		return "unknown"
	}
	return strconv.FormatFloat(float64(cpu/time.Microsecond)/float64(n), 'f', 1, 64) + " µs"
}

// peakRSS is the process's VmHWM from /proc.
func (c *child) peakRSS() string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", c.cmd.Process.Pid))
	if err != nil {
		return "unknown"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

func (c *child) calls() int64 {
	_, b, err := fetch(c.ctl+"/calls", nil)
	if err != nil {
		return -1
	}
	n, _ := strconv.ParseInt(string(b), 10, 64)
	return n
}

// raw reads bodies as sent: compressed when the server compressed them.
var raw = &http.Client{
	Transport:     &http.Transport{DisableCompression: true},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       10 * time.Second,
}

func fetch(url string, hdr map[string]string) (*http.Response, []byte, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, nil, err
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := raw.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

// session opens the choose page as a new depositor and returns the cookie.
func session(base, label string) (string, error) {
	resp, _, err := fetch(base+"/?label="+label+"&currency_code=INR", nil)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("entry: %s", resp.Status)
	}
	for _, c := range resp.Cookies() {
		if c.Name == "pk" {
			return "pk=" + c.Value, nil
		}
	}
	return "", errors.New("entry set no session cookie")
}

func bench(connList string, round time.Duration, rounds int, gen, profileDir, pages, compare string) error {
	if gen == "" {
		gen = "go"
		if _, err := exec.LookPath("wrk"); err == nil {
			gen = "wrk"
		}
	}
	var conns []int
	for _, s := range strings.Split(connList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("-conns: %q", s)
		}
		conns = append(conns, n)
	}
	args := []string{"-role", "checkout"}
	if profileDir != "" {
		if err := os.MkdirAll(profileDir, 0o755); err != nil {
			return err
		}
		args = append(args, "-profile", profileDir)
	}
	co, err := start(args, []string{"SESSION_KEY=loadbench-session-key-of-at-least-32-characters"})
	if err != nil {
		return err
	}
	defer co.stop()
	var before *child
	if compare != "" {
		// The same session key: the earlier checkout reads this one's cookies.
		if before, err = startExe(compare, []string{"-role", "checkout"}, []string{"SESSION_KEY=loadbench-session-key-of-at-least-32-characters"}); err != nil {
			return err
		}
		before.role = "before"
		defer before.stop()
	}
	names := []string{"list"}
	if pages == "all" {
		names = pageNames
	} else if pages != "" {
		names = strings.Split(pages, ",")
	}
	ts, err := targets(co.base, names)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "loadbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	conn := "keep-alive connections"
	if closeEach {
		conn = "a new connection per request (-close)"
	}
	fmt.Printf("loadbench: load from %s over %s; %d rounds of %s each per server and concurrency\n", gen, conn, rounds, round)
	if err := firstLoad(co.base, "/?label=first-load&currency_code=INR", ""); err != nil {
		return err
	}
	if i := slices.IndexFunc(ts, func(t target) bool { return t.name == "pay-qr" }); i >= 0 {
		if err := firstLoad(co.base, ts[i].path, ts[i].cookie); err != nil {
			return err
		}
	}
	drive := goLoad
	if gen == "wrk" {
		drive = wrkLoad
	}
	callsBefore := co.calls()
	var views int64
	for _, t := range ts {
		n, err := measure(co, before, t, dir, conns, rounds, round, drive)
		if err != nil {
			return err
		}
		views += n
	}
	calls := co.calls() - callsBefore
	fmt.Printf("upstream calls, one depositor reloading (warm): %d in %d page views = %.5f per view\n",
		calls, views, float64(calls)/float64(max(views, 1)))
	if err := newDepositors(co); err != nil {
		return err
	}
	fmt.Printf("peak RSS (VmHWM): checkout %s\n", co.peakRSS())
	if before != nil {
		fmt.Printf("peak RSS (VmHWM): before (-compare) %s\n", before.peakRSS())
	}
	if profileDir != "" {
		fmt.Printf("profiles: %s/cpu.pprof %s/allocs.pprof (go tool pprof -top …)\n", profileDir, profileDir)
	}
	return nil
}

// newDepositors counts upstream calls for depositors not seen before: the
// first view, and a reload right after.
func newDepositors(co *child) error {
	const n = 20
	before := co.calls()
	var cookies []string
	for i := range n {
		c, err := session(co.base, fmt.Sprintf("new-depositor-%d", i))
		if err != nil {
			return err
		}
		cookies = append(cookies, c)
	}
	mid := co.calls()
	for _, c := range cookies {
		if resp, _, err := fetch(co.base+"/", map[string]string{"Cookie": c}); err != nil || resp.StatusCode != http.StatusOK {
			return fmt.Errorf("reload: %v", err)
		}
	}
	fmt.Printf("upstream calls, %d new depositors: %.2f per first view, %.2f per reload\n",
		n, float64(mid-before)/n, float64(co.calls()-mid)/n)
	return nil
}

var assetRef = regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`)

// firstLoad prints what a first visit downloads: the page and its CSS and
// JS as sent to a browser that accepts gzip (media excluded).
func firstLoad(base, path, cookie string) error {
	gz := map[string]string{"Accept-Encoding": "gzip"}
	if cookie != "" {
		gz["Cookie"] = cookie
	}
	resp, page, err := fetch(base+path, gz)
	if err != nil {
		return err
	}
	htmlSent, htmlGz := len(page), gzipLen(page)
	if resp.Header.Get("Content-Encoding") == "gzip" {
		htmlGz = htmlSent
	}
	total := htmlSent
	parts := []string{fmt.Sprintf("HTML %d B sent (%d gzipped)", htmlSent, htmlGz)}
	seen := map[string]bool{}
	for _, m := range assetRef.FindAllSubmatch(page, -1) {
		u := strings.ReplaceAll(string(m[1]), "&amp;", "&")
		if seen[u] {
			continue
		}
		seen[u] = true
		resp, b, err := fetch(base+u, gz)
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("%s: %s", u, resp.Status)
		}
		total += len(b)
		parts = append(parts, fmt.Sprintf("%s %d B (%s)", u, len(b), cmp(resp.Header.Get("Content-Encoding"), "identity")))
	}
	fmt.Printf("first load of %s: %d B as sent, %d B with the HTML gzipped: %s\n", path, total, total-htmlSent+htmlGz, strings.Join(parts, ", "))
	return nil
}

func cmp(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func gzipLen(b []byte) int {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Len()
}

// result is one round against one server.
type result struct {
	rps      float64
	p50, p99 time.Duration
	requests int64
	bad      int64         // answers not 2xx, and socket errors
	cpu      time.Duration // the server's CPU time during the round
}

var (
	wrkRPS     = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkPct     = regexp.MustCompile(`(?m)^\s+(50|99)%\s+([0-9.]+)(us|ms|s|m)\s*$`)
	wrkTotal   = regexp.MustCompile(`(\d+) requests in`)
	wrkNon2xx  = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
	wrkSockErr = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
)

// closeEach is -close: each request on a connection of its own, as the
// deployed checkout sees them behind nginx (no upstream keepalive), rather
// than wrk's keep-alive connections that each carry thousands.
var closeEach bool

// wrkLoad runs wrk with two threads (one per core of the target machine).
func wrkLoad(url, cookie string, conns int, d time.Duration) (result, error) {
	args := []string{"-t2", "-c" + strconv.Itoa(conns), "-d" + d.String(), "--latency", "--timeout", "10s"}
	if cookie != "" {
		args = append(args, "-H", "Cookie: "+cookie)
	}
	if closeEach {
		args = append(args, "-H", "Connection: close")
	}
	out, err := exec.Command("wrk", append(args, url)...).CombinedOutput()
	if err != nil {
		return result{}, fmt.Errorf("wrk: %v: %s", err, out)
	}
	var r result
	s := string(out)
	m := wrkRPS.FindStringSubmatch(s)
	if m == nil {
		return r, fmt.Errorf("wrk said: %s", s)
	}
	r.rps, _ = strconv.ParseFloat(m[1], 64)
	if m := wrkTotal.FindStringSubmatch(s); m != nil {
		r.requests, _ = strconv.ParseInt(m[1], 10, 64)
	}
	for _, m := range wrkPct.FindAllStringSubmatch(s, -1) {
		v, _ := strconv.ParseFloat(m[2], 64)
		unit := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second, "m": time.Minute}[m[3]]
		if m[1] == "50" {
			r.p50 = time.Duration(v * float64(unit))
		} else {
			r.p99 = time.Duration(v * float64(unit))
		}
	}
	if m := wrkNon2xx.FindStringSubmatch(s); m != nil {
		r.bad, _ = strconv.ParseInt(m[1], 10, 64)
	}
	if m := wrkSockErr.FindStringSubmatch(s); m != nil {
		for _, x := range m[1:] {
			n, _ := strconv.ParseInt(x, 10, 64)
			r.bad += n
		}
	}
	return r, nil
}

// goLoad is the fallback generator: conns keep-alive connections, each
// sending its next request as soon as the last answer is read.
func goLoad(url, cookie string, conns int, d time.Duration) (result, error) {
	tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true, DisableKeepAlives: closeEach}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	deadline := time.Now().Add(d)
	var (
		mu   sync.Mutex
		lats []time.Duration
		bad  atomic.Int64
		wg   sync.WaitGroup
	)
	begin := time.Now()
	for range conns {
		wg.Go(func() {
			var mine []time.Duration
			for time.Now().Before(deadline) {
				req, _ := http.NewRequest(http.MethodGet, url, nil)
				if cookie != "" {
					req.Header.Set("Cookie", cookie)
				}
				t := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					bad.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				mine = append(mine, time.Since(t))
				if resp.StatusCode/100 != 2 {
					bad.Add(1)
				}
			}
			mu.Lock()
			lats = append(lats, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(begin)
	slices.Sort(lats)
	r := result{requests: int64(len(lats)), bad: bad.Load(), rps: float64(len(lats)) / elapsed.Seconds()}
	if len(lats) > 0 {
		r.p50, r.p99 = lats[len(lats)*50/100], lats[len(lats)*99/100]
	}
	return r, nil
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 2, 64) + "ms"
}
