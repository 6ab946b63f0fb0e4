// Command loadtest drives concurrent depositors through the whole deposit
// journey (choose → pay → activate or wallet page → outcome) and prints
// figures. By default it starts the checkout in-process over the sandbox on
// 127.0.0.1:0, with the rate limits off (every depositor comes from one IP),
// and then checks that the sandbox recorded exactly one activation per
// attempt. With -url it targets a running checkout in sandbox mode instead
// (start it with LIMITS_IP_PER_MINUTE=0 LIMITS_SESSION_PER_MINUTE=0).
//
//	go run ./cmd/loadtest -n 200 -max 2m
//
// It stops by itself: after every depositor's journey, or at -max. Not run
// in CI by itself; the end-to-end test (e2e/) runs it through nginx.
//
// Against several instances behind a proxy (e2e/, README "Running it for
// real"): -url is the proxy, -cacert its certificate, -signing-key opens each
// journey with a signed entry link, -from spreads the depositors over local
// addresses, -sandbox counts the activations in a standalone sandbox, -repeat
// keeps paying until SIGINT (for a rolling restart under load) and -retry
// sends a request that failed again, as a person would.
package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/paykassma/checkout/config"
	"github.com/paykassma/checkout/entrylink"
	"github.com/paykassma/checkout/paykassma/sandbox"
	"github.com/paykassma/checkout/server"
)

func main() {
	var o opts
	flag.IntVar(&o.n, "n", 200, "concurrent depositors, one journey each")
	flag.StringVar(&o.target, "url", "", "a running checkout in sandbox mode; empty: start one in-process")
	flag.DurationVar(&o.max, "max", 2*time.Minute, "stop after this long, whatever is left")
	flag.DurationVar(&o.timeout, "timeout", 30*time.Second, "per request")
	flag.StringVar(&o.cacert, "cacert", "", "a PEM `file` of the certificate(s) to trust for https -url")
	flag.StringVar(&o.signingKey, "signing-key", "", "open each journey with an entry link signed with this `key` (the checkout's MERCHANT_SIGNING_KEY); empty: the demo's ?label=")
	from := flag.String("from", "", "local `IPs`, comma separated, the depositors connect from in turn (e.g. 127.0.0.3,127.0.0.4)")
	flag.StringVar(&o.sandboxURL, "sandbox", "", "a standalone sandbox's `URL` (checkout sandbox), whose activations are counted at the end")
	flag.StringVar(&o.sandboxSecret, "sandbox-secret", "sandbox-secret", "its secret")
	flag.BoolVar(&o.repeat, "repeat", false, "each depositor pays again and again until SIGINT (or -max), then ends the journey it is on")
	flag.Func("resolve", "`name=IP`: connect to IP for the host name (as curl --resolve), e.g. checkout.test=127.0.0.1; repeatable", func(v string) error {
		name, ip, ok := strings.Cut(v, "=")
		if !ok || net.ParseIP(ip) == nil {
			return fmt.Errorf("%q is not name=IP", v)
		}
		if o.resolve == nil {
			o.resolve = map[string]string{}
		}
		o.resolve[strings.ToLower(name)] = ip
		return nil
	})
	flag.IntVar(&o.tag, "tag", rand.IntN(1000), "0-999, in every transaction ID typed: runs against one sandbox must differ (default random)")
	flag.BoolVar(&o.retry, "retry", false, "send a request that failed (no answer, or a 5xx) again, up to 5 times, as a person would")
	flag.Parse()
	for _, f := range strings.Split(*from, ",") {
		if f = strings.TrimSpace(f); f != "" {
			ip := net.ParseIP(f)
			if ip == nil {
				fmt.Fprintf(os.Stderr, "loadtest: -from: %q is not an IP\n", f)
				os.Exit(2)
			}
			o.from = append(o.from, ip)
		}
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// opts are the flags.
type opts struct {
	n                         int
	target                    string
	max, timeout              time.Duration
	cacert, signingKey        string
	from                      []net.IP
	sandboxURL, sandboxSecret string
	repeat, retry             bool
	tag                       int
	resolve                   map[string]string // -resolve
}

// transports gives each source address its own transport (one when
// -from is empty), trusting -cacert.
func transports(o opts) ([]*http.Transport, error) {
	tlsConf := &tls.Config{}
	if o.cacert != "" {
		pem, err := os.ReadFile(o.cacert)
		if err != nil {
			return nil, err
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("%s: no certificate", o.cacert)
		}
		tlsConf.RootCAs = pool
	}
	from := o.from
	if len(from) == 0 {
		from = []net.IP{nil}
	}
	var ts []*http.Transport
	for _, ip := range from {
		d := &net.Dialer{Timeout: 10 * time.Second}
		if ip != nil {
			d.LocalAddr = &net.TCPAddr{IP: ip}
		}
		dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
			if host, port, err := net.SplitHostPort(addr); err == nil && o.resolve[strings.ToLower(host)] != "" {
				addr = net.JoinHostPort(o.resolve[strings.ToLower(host)], port)
			}
			return d.DialContext(ctx, network, addr)
		}
		ts = append(ts, &http.Transport{DialContext: dial, TLSClientConfig: tlsConf.Clone(),
			ForceAttemptHTTP2: true, MaxIdleConnsPerHost: o.n, TLSHandshakeTimeout: 10 * time.Second})
	}
	return ts, nil
}

func run(o opts) error {
	n, target, max, timeout := o.n, o.target, o.max, o.timeout
	var sb *sandbox.Server
	if target == "" {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		target = "http://" + ln.Addr().String()
		cfg := config.Default()
		cfg.Session.Key = "loadtest-session-key-of-at-least-32-characters"
		cfg.Limits.SessionPerMinute, cfg.Limits.IPPerMinute = 0, 0
		sb = sandbox.New(sandbox.Options{PagesURL: target + "/sandbox"})
		h, err := server.New(cfg, server.Options{Sandbox: sb}) // as main wires it, logging to nowhere
		if err != nil {
			return err
		}
		srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
		go srv.Serve(ln)
		defer srv.Close()
	}

	ctx, cancel := context.WithTimeout(context.Background(), max)
	defer cancel()
	// With -repeat, SIGINT stops new journeys; the ones under way end.
	stopping, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	st := &stats{}
	ts, err := transports(o)
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		wg.Go(func() {
			for k := 0; ; k++ {
				d := &depositor{tag: o.tag % 1000, i: i, k: k, base: target, st: st, ctx: ctx, key: o.signingKey, retry: o.retry}
				jar, _ := cookiejar.New(nil)
				d.c = &http.Client{Jar: jar, Transport: ts[i%len(ts)], Timeout: timeout,
					CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
				err := d.journey()
				st.journey(d, err)
				if err != nil {
					st.fail(fmt.Sprintf("depositor %d (journey %d): %v", i, k, err))
				}
				if !o.repeat || stopping.Err() != nil {
					return
				}
			}
		})
	}
	fmt.Println("load started") // for a test that restarts instances under it
	wg.Wait()
	elapsed := time.Since(start)
	st.print(os.Stdout, n, elapsed)
	if o.sandboxURL != "" {
		counts, err := remoteActivations(o, ts[0])
		if err != nil {
			return err
		}
		return st.verdict(counts)
	}
	if sb != nil {
		once, other := 0, 0
		for _, ref := range st.refs() {
			if sb.Activations(ref) == 1 {
				once++
			} else {
				other++
				fmt.Printf("  %s: %d activations\n", ref, sb.Activations(ref))
			}
		}
		fmt.Printf("activations: %d attempts, %d recorded exactly once, %d not\n", len(st.refs()), once, other)
		if other > 0 {
			return errors.New("an attempt was not recorded exactly once")
		}
	}
	if st.errors() > 0 || st.count5xx.Load() > 0 {
		return fmt.Errorf("%d journeys failed, %d 5xx", st.errors(), st.count5xx.Load())
	}
	return nil
}

// stats are the figures of the run.
type stats struct {
	mu        sync.Mutex
	latencies []time.Duration
	statuses  map[int]int
	failures  []string
	attempts  []string
	journeys  []journeyRecord
	count5xx  atomic.Int64
	noAnswer  atomic.Int64 // requests that got no answer at all (connection refused, reset, timeout)
}

// journeyRecord is one journey as the verdict weighs it.
type journeyRecord struct {
	refs     []string // the references its payment went under (one, however often sent)
	credited bool     // the outcome page said credited (or paid)
	sawError bool     // some request got no answer or a 5xx, retried or not
}

func (s *stats) journey(d *depositor, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.journeys = append(s.journeys, journeyRecord{refs: slices.Compact(slices.Sorted(slices.Values(d.refs))), credited: err == nil && d.credited, sawError: d.sawError})
}

// verdict weighs every journey against what the sandbox recorded: a
// deposit is lost when its payment was never recorded, doubled when it was
// recorded more than once (under one reference or several).
func (s *stats) verdict(counts map[string]int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var credited, failed, lost, doubled, sawError int
	for _, j := range s.journeys {
		acts := 0
		for _, ref := range j.refs {
			acts += counts[ref]
		}
		switch {
		case acts == 0:
			lost++
		case acts > 1:
			doubled++
		}
		if j.credited {
			credited++
		} else {
			failed++
		}
		if j.sawError {
			sawError++
		}
	}
	fmt.Printf("result: journeys=%d credited=%d failed=%d lost=%d doubled=%d saw_error=%d no_answer=%d 5xx=%d\n",
		len(s.journeys), credited, failed, lost, doubled, sawError, s.noAnswer.Load(), s.count5xx.Load())
	if failed > 0 || lost > 0 || doubled > 0 {
		return fmt.Errorf("%d journeys not credited, %d deposits lost, %d doubled", failed, lost, doubled)
	}
	return nil
}

func (s *stats) record(d time.Duration, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latencies = append(s.latencies, d)
	if s.statuses == nil {
		s.statuses = map[int]int{}
	}
	s.statuses[status]++
	if status >= 500 {
		s.count5xx.Add(1)
	}
}

func (s *stats) fail(msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, msg)
}

func (s *stats) attempt(ref string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.attempts = append(s.attempts, ref)
}

func (s *stats) refs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.attempts)
}

func (s *stats) errors() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.failures)
}

func (s *stats) print(w io.Writer, n int, elapsed time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	slices.Sort(s.latencies)
	pct := func(p float64) time.Duration {
		if len(s.latencies) == 0 {
			return 0
		}
		return s.latencies[int(p*float64(len(s.latencies)-1))]
	}
	fmt.Fprintf(w, "depositors: %d, journeys failed: %d, elapsed: %s\n", n, len(s.failures), elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "requests: %d, %.0f req/s, p50 %s, p99 %s, max %s\n", len(s.latencies),
		float64(len(s.latencies))/elapsed.Seconds(), pct(0.5).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), pct(1).Round(time.Microsecond))
	codes := make([]int, 0, len(s.statuses))
	for c := range s.statuses {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	fmt.Fprint(w, "statuses:")
	for _, c := range codes {
		fmt.Fprintf(w, " %d×%d", c, s.statuses[c])
	}
	fmt.Fprintf(w, "\n5xx: %d\n", s.count5xx.Load())
	for i, f := range s.failures {
		if i == 5 {
			fmt.Fprintf(w, "  … and %d more\n", len(s.failures)-5)
			break
		}
		fmt.Fprintln(w, " ", f)
	}
}

// noteRef records the reference a payment went under, from where the
// checkout sends the person after it: /status/{ref} (an activation), or a
// return URL's ref (the wallet's page).
func (d *depositor) noteRef(location string) {
	u, err := url.Parse(location)
	if err != nil || location == "" {
		return
	}
	ref, ok := strings.CutPrefix(u.Path, "/status/")
	if !ok && strings.HasPrefix(u.Path, "/return/") {
		ref, ok = u.Query().Get("ref"), true
	}
	if ok && ref != "" && !slices.Contains(d.refs, ref) {
		d.refs = append(d.refs, ref)
		d.st.attempt(ref)
	}
}

// remoteActivations asks a standalone sandbox what it recorded under each
// reference (GET /_sandbox/activations).
func remoteActivations(o opts, t *http.Transport) (map[string]int, error) {
	c := &http.Client{Transport: t, Timeout: o.timeout}
	resp, err := c.Get(strings.TrimRight(o.sandboxURL, "/") + "/_sandbox/activations?secret=" + url.QueryEscape(o.sandboxSecret))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var got struct{ Activations map[string]int }
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("sandbox activations: HTTP %d %v", resp.StatusCode, err)
	}
	return got.Activations, nil
}

// journeySeq numbers the journeys of this run, for their transaction IDs.
var journeySeq atomic.Int64

// depositor is one person paying once.
type depositor struct {
	tag   int // -tag
	i, k  int // the depositor, and which of its journeys (-repeat)
	base  string
	c     *http.Client
	st    *stats
	ctx   context.Context
	key   string // -signing-key
	retry bool   // -retry

	refs     []string // the references sent
	credited bool
	sawError bool
}

// page is an answer, parsed when it is HTML.
type page struct {
	status   int
	url      *url.URL
	location string
	doc      *goquery.Document
}

// do sends one request; with -retry, one that got no answer or a 5xx goes
// again (the same form: the same payment under the same reference), as a
// person presses again after an error page.
func (d *depositor) do(method, raw string, form url.Values) (*page, error) {
	for try := 1; ; try++ {
		p, err := d.once(method, raw, form)
		if err == nil {
			return p, nil
		}
		d.sawError = true
		if !d.retry || try == 5 || d.ctx.Err() != nil {
			return p, err
		}
		time.Sleep(500 * time.Millisecond)
	}
}

func (d *depositor) once(method, raw string, form url.Values) (*page, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	if !u.IsAbs() {
		b, _ := url.Parse(d.base)
		u = b.ResolveReference(u)
	}
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(d.ctx, method, u.String(), body)
	if err != nil {
		return nil, err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin") // as a browser posting our own form
	}
	t0 := time.Now()
	resp, err := d.c.Do(req)
	if err != nil {
		d.st.noAnswer.Add(1)
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	d.st.record(time.Since(t0), resp.StatusCode)
	if err != nil {
		return nil, err
	}
	p := &page{status: resp.StatusCode, url: u, location: resp.Header.Get("Location")}
	d.noteRef(p.location)
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		p.doc, _ = goquery.NewDocumentFromReader(bytes.NewReader(b))
	}
	if resp.StatusCode >= 500 {
		return p, fmt.Errorf("%s %s: HTTP %d", method, u.Path, resp.StatusCode)
	}
	return p, nil
}

// follow follows redirects within the checkout.
func (d *depositor) follow(p *page) (*page, error) {
	var err error
	for i := 0; i < 5 && p.status >= 300 && p.status < 400; i++ {
		loc, perr := url.Parse(p.location)
		if perr != nil {
			return nil, perr
		}
		next := p.url.ResolveReference(loc)
		if p, err = d.do("GET", next.String(), nil); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// submit sends the page's form that posts (a pay page also has the GET
// form that asks the amount) with its hidden fields and values.
func (d *depositor) submit(p *page, values map[string]string) (*page, error) {
	if p.doc == nil {
		return nil, fmt.Errorf("%s: not a page", p.url.Path)
	}
	form := p.doc.Find(`form[method="post"]`).First()
	if form.Length() == 0 {
		return nil, fmt.Errorf("%s (HTTP %d): no form", p.url.Path, p.status)
	}
	fields := url.Values{}
	form.Find("input[type=hidden]").Each(func(_ int, s *goquery.Selection) {
		fields.Add(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	for k, v := range values {
		fields.Set(k, v)
	}
	action, _ := url.Parse(form.AttrOr("action", ""))
	return d.do("POST", p.url.ResolveReference(action).String(), fields)
}

// journey: the list, one PS, the payment, the outcome. A mix of PSs: P2P
// paytm and UPI (INR), bKash P2P and bKash paid on the wallet's page (BDT).
func (d *depositor) journey() error {
	currency := "INR"
	if d.i%4 >= 2 {
		currency = "BDT"
	}
	q := url.Values{"label": {fmt.Sprintf("load-%d-%d-%d", os.Getpid(), d.i, d.k)}, "currency_code": {currency}}
	if d.key != "" {
		// The merchant's signed entry link, then its 303 to the list.
		link, err := entrylink.URL(d.base, d.key, q, time.Now().Add(15*time.Minute))
		if err != nil {
			return err
		}
		p, err := d.do("GET", link, nil)
		if err != nil {
			return err
		}
		if _, err := d.follow(p); err != nil {
			return err
		}
	} else if _, err := d.do("GET", "/?"+q.Encode(), nil); err != nil {
		return err
	}
	var wt string
	values := map[string]string{}
	// The sandbox takes a transaction ID once: each journey types its own,
	// numbered in this run, and runs against one sandbox differ by -tag.
	n := journeySeq.Add(1) % 100000
	switch d.i % 4 {
	case 0:
		wt, values["key1"] = "paytm", fmt.Sprintf("7%03d%05d11", d.tag, n)
	case 1:
		wt, values["key1"], values["amount"] = "upi_l", fmt.Sprintf("8%03d%06d12", d.tag, n), "500"
	case 2:
		wt, values["key1"] = "bkash", fmt.Sprintf("B%03d%04d11", d.tag, n%10000)
	case 3:
		wt, values["account"], values["amount"] = "bkash_api", "01712345678", "500"
	}
	var res *page
	for try := 1; ; try++ {
		form, err := d.do("GET", "/pay/"+wt, nil)
		if err != nil {
			return err
		}
		if res, err = d.submit(form, values); err != nil {
			return err
		}
		if res.status != http.StatusSeeOther {
			said := ""
			if res.doc != nil {
				said = strings.Join(strings.Fields(res.doc.Find(`[data-testid="error-summary"]`).Text()), " ")
			}
			return fmt.Errorf("pay %s: HTTP %d, want 303 (%s)", wt, res.status, said)
		}
		// A wallet payment whose first sending got no answer (the
		// instance died) was created all the same; sent again, the
		// checkout shows its status page, which says to start again:
		// the wallet's page was never seen, so nothing was paid.
		if wt != "bkash_api" || !strings.HasPrefix(res.location, "/status/") || try == 3 {
			break
		}
	}
	if wt == "bkash_api" {
		// The wallet's page, then its Pay button, back to the checkout.
		loc, _ := url.Parse(res.location)
		wallet, err := d.do("GET", res.url.ResolveReference(loc).String(), nil)
		if err != nil {
			return err
		}
		if res, err = d.submit(wallet, map[string]string{"action": "pay"}); err != nil {
			return err
		}
	}
	out, err := d.follow(res)
	if err != nil {
		return err
	}
	kind := out.doc.Find(`[data-testid="outcome"]`).AttrOr("data-kind", "")
	if out.status != http.StatusOK || (kind != "credited" && kind != "paid") {
		return fmt.Errorf("%s: outcome %q (HTTP %d)", wt, kind, out.status)
	}
	d.credited = true
	return nil
}
