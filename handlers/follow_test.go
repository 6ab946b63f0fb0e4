package handlers_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// refreshOf is the page's no-JavaScript meta refresh: its delay and URL.
func refreshOf(p *page) (string, string) {
	// The parser reads a <noscript> in <head> as raw text (scripting on).
	content := ""
	p.doc.Find("noscript").Each(func(_ int, s *goqSel) {
		if strings.Contains(s.Text(), `http-equiv="refresh"`) {
			content = s.Text()
		}
	})
	i := strings.Index(content, `content="`)
	if i < 0 {
		return "", ""
	}
	v := content[i+len(`content="`):]
	v = strings.ReplaceAll(v[:strings.Index(v, `"`)], "&amp;", "&")
	secs, url, _ := strings.Cut(v, "; url=")
	return secs, url
}

func statusJSON(t *testing.T, e *env, p *page) (credited bool) {
	t.Helper()
	poll := p.id("following").AttrOr("data-poll", "")
	if poll == "" {
		t.Fatal("no poll URL on the page")
	}
	j := e.get(poll).mustStatus(http.StatusOK)
	var s struct {
		Credited bool   `json:"credited"`
		Heading  string `json:"heading"`
	}
	if err := json.Unmarshal([]byte(j.body), &s); err != nil {
		t.Fatalf("%s: %v: %s", poll, err, j.body)
	}
	if s.Credited && s.Heading != "Your deposit is credited" {
		t.Errorf("credited, but the heading to show is %q", s.Heading)
	}
	return s.Credited
}

func TestFollow_APossibleTransactionPageUpdatesWhenTheSandboxCredits(t *testing.T) {
	for _, cookies := range []bool{true, false} {
		e := newEnv(t, options{noCookies: !cookies})
		sent := e.submit(e.clickMethod(e.start("u42", "INR"), "upi_l").mustStatus(200), map[string]string{"key1": "412345678000", "amount": "500"})
		ref := statusRef(t, sent)
		out := e.follow(sent).mustStatus(200)
		if kind := out.id("outcome").AttrOr("data-kind", ""); kind != "possible" {
			t.Fatalf("outcome %q", kind)
		}
		// Growing delays, each refresh naming the next.
		var delays []string
		p := out
		for i := 0; i < 5; i++ {
			secs, next := refreshOf(p)
			if next == "" {
				t.Fatalf("cookies=%v: refresh %d: no meta refresh on %s", cookies, i, p.url)
			}
			delays = append(delays, secs)
			p = e.get(next).mustStatus(200)
		}
		if got := strings.Join(delays, ","); got != "5,10,20,30,30" {
			t.Errorf("cookies=%v: refresh delays %s, want 5,10,20,30,30", cookies, got)
		}
		if statusJSON(t, e, p) {
			t.Fatal("credited before the sandbox credited it")
		}

		if err := e.sb.Credit(ref); err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(10 * time.Second) // polls ask Paykassma at most once per 10 s (poll.go)
		if !statusJSON(t, e, p) {
			t.Errorf("cookies=%v: the JSON status does not say credited", cookies)
		}
		_, next := refreshOf(p)
		done := e.get(next).mustStatus(200)
		if kind := done.id("outcome").AttrOr("data-kind", ""); kind != "credited" {
			t.Errorf("cookies=%v: after the credit the page says %q: %s", cookies, kind, done.visibleText())
		}
		if secs, _ := refreshOf(done); secs != "" || done.id("following").Length() != 0 {
			t.Errorf("cookies=%v: a credited page still refreshes", cookies)
		}
	}
}

func TestFollow_FinalFailuresDoNotRefresh(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	out := e.follow(e.submit(e.get("/pay/upi_l").mustStatus(200), map[string]string{"key1": "412345678999", "amount": "500"})).mustStatus(200)
	if secs, _ := refreshOf(out); secs != "" || out.id("following").Length() != 0 {
		t.Error("a payment that was not found has nothing to wait for, but the page refreshes")
	}
}

func TestFollow_ACreditedRedirectReturnStopsFollowing(t *testing.T) {
	e := newEnv(t, options{})
	form := e.clickMethod(e.start("u42", "BDT"), "nagad_api").mustStatus(200)
	sent := e.submit(form, map[string]string{"amount": "300"}).mustStatus(http.StatusSeeOther)
	back := e.follow(e.payOnWallet(sent.location(), "pay")).mustStatus(200)
	kind := back.id("outcome").AttrOr("data-kind", "")
	secs, _ := refreshOf(back)
	// The sandbox credits when the wallet's page is paid: nothing to wait for.
	if kind != "credited" || secs != "" {
		t.Errorf("back from the wallet: %q, refresh %q; want credited and no refresh", kind, secs)
	}
	if e.get("/status/PKNOSUCHREFERENCE0000.json").status != http.StatusNotFound {
		t.Error("the JSON status of an unknown reference is not 404")
	}
}
