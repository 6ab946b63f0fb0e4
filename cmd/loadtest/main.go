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
// in CI.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/paykassma/checkout/config"
	"github.com/paykassma/checkout/paykassma/sandbox"
	"github.com/paykassma/checkout/server"
)

func main() {
	n := flag.Int("n", 200, "concurrent depositors, one journey each")
	target := flag.String("url", "", "a running checkout in sandbox mode; empty: start one in-process")
	max := flag.Duration("max", 2*time.Minute, "stop after this long, whatever is left")
	timeout := flag.Duration("timeout", 30*time.Second, "per request")
	flag.Parse()
	if err := run(*n, *target, *max, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(n int, target string, max, timeout time.Duration) error {
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
	st := &stats{}
	transport := &http.Transport{MaxIdleConnsPerHost: n, MaxConnsPerHost: 0}
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		wg.Go(func() {
			d := &depositor{i: i, base: target, st: st, ctx: ctx}
			jar, _ := cookiejar.New(nil)
			d.c = &http.Client{Jar: jar, Transport: transport, Timeout: timeout,
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			if err := d.journey(); err != nil {
				st.fail(fmt.Sprintf("depositor %d: %v", i, err))
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	st.print(os.Stdout, n, elapsed)
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
	count5xx  atomic.Int64
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

// depositor is one person paying once.
type depositor struct {
	i    int
	base string
	c    *http.Client
	st   *stats
	ctx  context.Context
}

// page is an answer, parsed when it is HTML.
type page struct {
	status   int
	url      *url.URL
	location string
	doc      *goquery.Document
}

func (d *depositor) do(method, raw string, form url.Values) (*page, error) {
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
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	d.st.record(time.Since(t0), resp.StatusCode)
	if err != nil {
		return nil, err
	}
	p := &page{status: resp.StatusCode, url: u, location: resp.Header.Get("Location")}
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

// submit sends the page's first form with its hidden fields and values.
func (d *depositor) submit(p *page, values map[string]string) (*page, error) {
	if p.doc == nil {
		return nil, fmt.Errorf("%s: not a page", p.url.Path)
	}
	form := p.doc.Find("form").First()
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
	if ref := fields.Get("ref"); ref != "" {
		d.st.attempt(ref)
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
	q := url.Values{"label": {fmt.Sprintf("load-%d-%d", os.Getpid(), d.i)}, "currency_code": {currency}}
	if _, err := d.do("GET", "/?"+q.Encode(), nil); err != nil {
		return err
	}
	var wt string
	values := map[string]string{}
	switch d.i % 4 {
	case 0:
		wt, values["key1"] = "paytm", fmt.Sprintf("7%08d11", d.i)
	case 1:
		wt, values["key1"], values["amount"] = "upi_l", fmt.Sprintf("8%09d12", d.i), "500"
	case 2:
		wt, values["key1"] = "bkash", fmt.Sprintf("BK%06d11", d.i)
	case 3:
		wt, values["account"], values["amount"] = "bkash_api", "01712345678", "500"
	}
	form, err := d.do("GET", "/pay/"+wt, nil)
	if err != nil {
		return err
	}
	res, err := d.submit(form, values)
	if err != nil {
		return err
	}
	if res.status != http.StatusSeeOther {
		return fmt.Errorf("pay %s: HTTP %d, want 303", wt, res.status)
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
	return nil
}
