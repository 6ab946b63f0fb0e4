package main

import (
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The pages a depositor GETs, each measured against bare Echo serving the
// bytes the checkout sent for it (issue 17). One depositor walks the
// checkout once to reach each (entry, list, both pay pages, a payment, its
// outcome), keeping the cookie each page sets; the load then repeats one
// request with the cookie that page was reached with.

// target is one page under load.
type target struct {
	name   string // as -pages names it
	path   string // path and query
	cookie string // "" : none sent (a new depositor)
	body   []byte // what the checkout answered, for bare Echo to send
	ctype  string
	rung   bool // also the templ rung (the choose page only)
}

// pageNames are every page -pages all measures, in order.
var pageNames = []string{"list", "entry-new", "entry-again", "pay", "pay-qr", "redirect", "outcome", "poll"}

// cookieAfter is the session cookie a response set, else the one sent.
func cookieAfter(resp *http.Response, sent string) string {
	for _, c := range resp.Cookies() {
		if c.Name == "pk" && c.Value != "" {
			return "pk=" + c.Value
		}
	}
	return sent
}

// visitStep GETs path with cookie and wants a 200: the page, and the cookie after it.
func visitStep(base, path, cookie string) ([]byte, string, string, error) {
	hdr := map[string]string{}
	if cookie != "" {
		hdr["Cookie"] = cookie
	}
	resp, b, err := fetch(base+path, hdr)
	if err != nil {
		return nil, "", "", err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, "", "", fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return b, cookieAfter(resp, cookie), resp.Header.Get("Content-Type"), nil
}

var (
	hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)"`)
	formAction  = regexp.MustCompile(`<form[^>]* action="([^"]+)"`)
)

// payP2P sends the P2P pay page's form with key1 as a same-origin browser
// would, and gives the outcome page's path (the 303's) and the cookie.
func payP2P(base string, page []byte, cookie, key1 string) (string, string, error) {
	form := url.Values{}
	for _, m := range hiddenInput.FindAllSubmatch(page, -1) {
		form.Set(string(m[1]), html.UnescapeString(string(m[2])))
	}
	form.Set("key1", key1)
	act := formAction.FindSubmatch(page)
	if act == nil {
		return "", "", errors.New("pay page: no form")
	}
	req, err := http.NewRequest(http.MethodPost, base+html.UnescapeString(string(act[1])), strings.NewReader(form.Encode()))
	if err != nil {
		return "", "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Cookie", cookie)
	resp, err := raw.Do(req)
	if err != nil {
		return "", "", err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return "", "", fmt.Errorf("POST pay: %s", resp.Status)
	}
	return resp.Header.Get("Location"), cookieAfter(resp, cookie), nil
}

// targets walks the checkout at base as three depositors (two INR, one BDT), then
// captures the pages named in names, each with the cookie it is reached with.
func targets(base string, names []string) ([]target, error) {
	entry := "/?label=bench-user&currency_code=INR"
	_, first, _, err := visitStep(base, entry, "")
	if err != nil {
		return nil, err
	}
	// The pay pages: PayTM's identifier is a phone number (no QR), UPI L's
	// a UPI address (a QR). Each first GET creates the identifier and sets
	// the cookie that holds it; reloads then change nothing.
	// Another depositor pays, so the list's depositor has no savings (the
	// templ rung reads that page's shape only).
	_, c, _, err := visitStep(base, "/?label=bench-payer&currency_code=INR", "")
	if err != nil {
		return nil, err
	}
	payPage, c, _, err := visitStep(base, "/pay/paytm", c)
	if err != nil {
		return nil, err
	}
	_, c, _, err = visitStep(base, "/pay/upi_l", c)
	if err != nil {
		return nil, err
	}
	// A payment into savings (the sandbox takes 150 of a 300 minimum): its
	// outcome page follows the deposit, and its script polls REF.json.
	loc, c, err := payP2P(base, payPage, c, "20512345150")
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(loc)
	if err != nil {
		return nil, err
	}
	// The browser keeps what the outcome page's first view sets.
	if _, c, _, err = visitStep(base, u.Path, c); err != nil {
		return nil, err
	}
	_, bc, _, err := visitStep(base, "/?label=bench-bdt&currency_code=BDT", "")
	if err != nil {
		return nil, err
	}

	// The list and the entry with the first cookie (no attempts listed, as
	// in issue 9's runs); the other pages with the cookie after the payment.
	pages := []target{
		{name: "list", path: "/", cookie: first, rung: true},
		{name: "entry-new", path: entry},
		{name: "entry-again", path: entry, cookie: first},
		{name: "pay", path: "/pay/paytm", cookie: c},
		{name: "pay-qr", path: "/pay/upi_l", cookie: c},
		{name: "redirect", path: "/pay/bkash_api", cookie: bc},
		{name: "outcome", path: u.Path, cookie: c},
		{name: "poll", path: u.Path + ".json", cookie: c},
	}
	var ts []target
	for _, n := range names {
		i := slices.IndexFunc(pages, func(t target) bool { return t.name == n })
		if i < 0 {
			return nil, fmt.Errorf("-pages: no page %q (%s)", n, strings.Join(pageNames, ", "))
		}
		t := pages[i]
		body, after, ctype, err := visitStep(base, t.path, t.cookie)
		if err != nil {
			return nil, err
		}
		if t.cookie != "" && after != t.cookie && t.name != "entry-new" {
			fmt.Printf("note: %s sets a new cookie on every request\n", t.name)
		}
		t.body, t.ctype = body, ctype
		ts = append(ts, t)
	}
	return ts, nil
}

// measure drives the checkout and bare Echo serving t's bytes (and the templ
// rung, for the list) in alternating rounds at each concurrency, prints
// each round and the medians, and gives the checkout's page views.
func measure(co, before *child, t target, dir string, conns []int, rounds int, round time.Duration,
	drive func(url, cookie string, conns int, d time.Duration) (result, error)) (int64, error) {
	file := filepath.Join(dir, t.name+".body")
	if err := os.WriteFile(file, t.body, 0o644); err != nil {
		return 0, err
	}
	bare, err := start([]string{"-role", "bare", "-body", file, "-ctype", t.ctype}, nil)
	if err != nil {
		return 0, err
	}
	defer bare.stop()
	servers := []*child{co, bare}
	var tpl *child
	if t.rung {
		if tpl, err = start([]string{"-role", "templ", "-body", file}, nil); err != nil {
			return 0, err
		}
		defer tpl.stop()
		servers = append(servers, tpl)
	}
	if before != nil {
		servers = append(servers, before)
	}
	who := "the depositor's cookie"
	if t.cookie == "" {
		who = "no cookie"
	}
	fmt.Printf("page %s: GET %s with %s, %d bytes\n", t.name, t.path, who, len(t.body))
	var views int64
	for _, n := range conns {
		// Warm each (connections, caches, the heap), unrecorded.
		for _, s := range servers {
			if _, err := drive(s.base+t.path, t.cookie, n, time.Second); err != nil {
				return 0, err
			}
		}
		got := map[*child][]result{}
		var ratios, tratios, bratios []float64
		for i := range rounds {
			// A B T, then T B A: each server as often early as late.
			order := slices.Clone(servers)
			if i%2 == 1 {
				slices.Reverse(order)
			}
			this := map[*child]result{}
			for _, s := range order {
				cpu := s.cpu()
				r, err := drive(s.base+t.path, t.cookie, n, round)
				if err != nil {
					return 0, err
				}
				r.cpu = s.cpu() - cpu
				if r.bad > 0 {
					return 0, fmt.Errorf("%s %s: %d answers not 2xx", t.name, s.role, r.bad)
				}
				this[s] = r
				got[s] = append(got[s], r)
			}
			a, b := this[co], this[bare]
			views += a.requests
			ratios = append(ratios, a.rps/b.rps)
			line := fmt.Sprintf("  %s c=%-3d round %d: checkout %6.0f req/s p50 %-7s p99 %-8s | bare %6.0f req/s p50 %-7s p99 %-8s | ratio %.2f",
				t.name, n, i+1, a.rps, ms(a.p50), ms(a.p99), b.rps, ms(b.p50), ms(b.p99), a.rps/b.rps)
			if tpl != nil {
				r := this[tpl]
				tratios = append(tratios, r.rps/b.rps)
				line += fmt.Sprintf(" (templ rung %6.0f req/s, ratio %.2f)", r.rps, r.rps/b.rps)
			}
			if before != nil {
				r := this[before]
				bratios = append(bratios, r.rps/b.rps)
				line += fmt.Sprintf(" (before %6.0f req/s p99 %-8s ratio %.2f)", r.rps, ms(r.p99), r.rps/b.rps)
			}
			fmt.Println(line)
		}
		pick := func(rs []result, f func(result) float64) float64 {
			var v []float64
			for _, r := range rs {
				v = append(v, f(r))
			}
			return median(v)
		}
		rps := func(r result) float64 { return r.rps }
		p50 := func(r result) float64 { return float64(r.p50) }
		p99 := func(r result) float64 { return float64(r.p99) }
		as, bs := got[co], got[bare]
		fmt.Printf("RESULT %s c=%d (medians of %d rounds): checkout %.0f req/s, p50 %s, p99 %s | bare %.0f req/s, p50 %s, p99 %s | ratio %.2f, p99 ratio %.2f | CPU/page checkout %s, bare %s\n",
			t.name, n, rounds, pick(as, rps), ms(time.Duration(pick(as, p50))), ms(time.Duration(pick(as, p99))),
			pick(bs, rps), ms(time.Duration(pick(bs, p50))), ms(time.Duration(pick(bs, p99))),
			median(ratios), pick(as, p99)/pick(bs, p99), cpuPerPage(as), cpuPerPage(bs))
		if before != nil {
			bs2 := got[before]
			fmt.Printf("RESULT %s c=%d before (-compare, same rounds): %.0f req/s, p50 %s, p99 %s | ratio %.2f, p99 ratio %.2f | CPU/page %s\n",
				t.name, n, pick(bs2, rps), ms(time.Duration(pick(bs2, p50))), ms(time.Duration(pick(bs2, p99))),
				median(bratios), pick(bs2, p99)/pick(bs, p99), cpuPerPage(bs2))
		}
		if tpl != nil {
			ts := got[tpl]
			fmt.Printf("RESULT %s c=%d templ rung (the same page rendered by templ from memory, nothing else): %.0f req/s, p50 %s, p99 %s | ratio %.2f, p99 ratio %.2f | CPU/page %s\n",
				t.name, n, pick(ts, rps), ms(time.Duration(pick(ts, p50))), ms(time.Duration(pick(ts, p99))),
				median(tratios), pick(ts, p99)/pick(bs, p99), cpuPerPage(ts))
		}
	}
	fmt.Printf("peak RSS (VmHWM) after %s: checkout %s, bare Echo %s\n", t.name, co.peakRSS(), bare.peakRSS())
	return views, nil
}
