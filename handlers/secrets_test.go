package handlers_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paykassma/checkout/config"
	"github.com/paykassma/checkout/entrylink"
	"github.com/paykassma/checkout/paykassma/sandbox"
)

// The secrets as a real deployment would have them: long, random-looking.
const (
	liveSecret     = "pk_live_Zx81QmT4vR0aLk29YwE7nHc5Ub3Fg6Jd"
	livePrivateKey = "privkey_3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e"
	liveSigningKey = "msk_7Hq2Wv9Pn4Rt6Yx8Za1Bc3De5Fg0Jk2L"
)

// recorder keeps everything the browser received.
type recorder struct {
	next http.RoundTripper
	mu   sync.Mutex
	seen bytes.Buffer
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen.WriteString(req.Method + " " + req.URL.String() + "\n")
	resp.Header.Write(&r.seen)
	r.seen.Write(body)
	r.seen.WriteString("\n")
	return resp, nil
}

func (r *recorder) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.seen.String()
}

// secretForms are the ways a secret could show: raw, half of it, and every
// encoding a server echoing it might use (URL, JSON, base64).
func secretForms(s string) []string {
	lower := func(esc string) string {
		return regexp.MustCompile(`%[0-9A-F]{2}`).ReplaceAllStringFunc(esc, strings.ToLower)
	}
	jsonEsc, _ := json.Marshal(s)
	var everyByte, unicode strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&everyByte, "%%%02X", s[i])
	}
	for _, r := range s {
		fmt.Fprintf(&unicode, `\u%04x`, r)
	}
	return []string{
		s, s[:len(s)/2+4],
		url.QueryEscape(s), lower(url.QueryEscape(s)),
		url.PathEscape(s), lower(url.PathEscape(s)),
		everyByte.String(), lower(everyByte.String()),
		strings.Trim(string(jsonEsc), `"`), strings.ReplaceAll(strings.Trim(string(jsonEsc), `"`), "/", `\/`),
		unicode.String(),
		base64.StdEncoding.EncodeToString([]byte(s)), base64.RawURLEncoding.EncodeToString([]byte(s)),
		html.EscapeString(s),
	}
}

// echoingSecret is a Paykassma that refuses every activation quoting the
// secret it was given, in the next of its encodings each time.
func echoingSecret(next http.Handler) http.Handler {
	var n atomic.Int32
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != activatePath {
			next.ServeHTTP(w, r)
			return
		}
		forms := secretForms(r.URL.Query().Get("secret"))[2:]
		msg, _ := json.Marshal("Wrong secret <" + forms[int(n.Add(1)-1)%len(forms)] + ">")
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"status":"fail","message":%s}`, msg)
	})
}

func TestSecrets_AnUpstreamEchoingTheSecretInAnyEncodingShowsItNowhere(t *testing.T) {
	const secret = "pk_live/Zx81+Qm T4&vR0=aLk29%Yw"
	rec := &recorder{next: http.DefaultTransport}
	e := newSocketEnv(t, socketOptions{secret: secret, front: echoingSecret})
	e.browser.Transport = rec
	form := e.clickMethod(e.start("u42", "INR"), "paytm")
	forms := secretForms(secret)
	for i := range forms[2:] {
		e.follow(e.submit(form, map[string]string{"key1": fmt.Sprintf("205123456%02d", 10+i)}))
	}
	seen := rec.String() + e.logs.String()
	for i, form := range forms {
		if j := strings.Index(seen, form); j >= 0 {
			t.Errorf("the secret shows (form %d): …%s…", i, seen[max(0, j-120):min(len(seen), j+len(form)+40)])
		}
	}
	if n := strings.Count(seen, "Wrong secret &lt;REDACTED&gt;"); n < len(forms)-2 {
		t.Errorf("%d pages say the refusal redacted, want %d: the journey did not run", n, len(forms)-2)
	}
}

func TestSecrets_NoJourneyShowsTheSecretPrivateKeyOrSigningKey(t *testing.T) {
	rec := &recorder{next: http.DefaultTransport}
	e := newSocketEnv(t, socketOptions{secret: liveSecret, privateKey: livePrivateKey, timeout: 500 * time.Millisecond,
		config: func(c *config.Config) {
			c.Paykassma.Secret, c.Paykassma.PrivateKey = liveSecret, livePrivateKey
			c.Merchant.SigningKey = liveSigningKey
			c.Merchant.ReturnOrigins = []string{"https://shop.example"}
			c.Merchant.AllowedOrigins = []string{"https://shop.example"}
			c.Limits.SessionPerMinute = 25
		}})
	newBrowserRec := func() {
		e.browser = newBrowser(true)
		e.browser.Transport = rec
	}
	enter := func(label, currency string) *page {
		t.Helper()
		q := url.Values{"label": {label}, "currency_code": {currency}}
		link, err := entrylink.URL("", liveSigningKey, q, e.clock.Now().Add(15*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		return e.follow(e.get(link)).mustStatus(http.StatusOK)
	}

	newBrowserRec()
	// P2P: accepted, suspicious, possible, refused, field errors.
	choose := enter("u42", "INR")
	for _, key1 := range []string{"20512345678", "20512345400", "20512345000", "20512345999", "x", "20512345678"} {
		e.follow(e.submit(e.clickMethod(choose, "paytm"), map[string]string{"key1": key1}))
	}
	e.follow(e.submit(e.get("/pay/upi_l"), map[string]string{"key1": "123456789012", "amount": "500.5"}))
	e.follow(e.submit(e.get("/pay/upi_l"), map[string]string{"key1": "123456789013", "amount": "1.234"}))
	e.follow(e.submit(e.get("/pay/staging_b_ml"), map[string]string{"key1": "BANK12345678", "amount": "600"},
		upload{"screenshot", "bill.png", pngBytes}))
	e.follow(e.submit(e.get("/pay/staging_b_ml"), map[string]string{"key1": "BANK12345679", "amount": "600"},
		upload{"screenshot", "bill.png", []byte("%PDF-1.4 not an image")}))
	// A fault after the activation went through, then the check.
	e.sb.SetFault(activatePath, sandbox.Fault{Kind: sandbox.FaultSlow, After: true, Times: 1})
	fault := e.submit(e.get("/pay/paytm"), map[string]string{"key1": "20512345150"})
	e.click(fault, "action-check")
	// Refusals: another site, a missing token, an unknown page and reference.
	form := e.get("/pay/paytm")
	e.post(form, map[string]string{"key1": "20512345679"}, map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"})
	e.post(form, map[string]string{"key1": "20512345679"}, nil, "csrf")
	e.get("/nope")
	e.get("/status/PKAAAAAAAAAAAAAAAAAAAA")
	// Every kind of upstream fault on the choose page.
	for _, k := range []sandbox.FaultKind{sandbox.FaultStatus, sandbox.FaultHTML, sandbox.FaultTruncated, sandbox.FaultReset, sandbox.FaultNotFound, sandbox.FaultSlow} {
		e.outlastCache()
		e.sb.SetFault(psPath, sandbox.Fault{Kind: k, Times: 1})
		e.get("/")
	}

	// Redirect PSs through the wallet page and back.
	newBrowserRec()
	enter("u77", "BDT")
	for _, tc := range []struct{ wt, action string }{{"bkash_api", "pay"}, {"nagad_api", "cancel"}, {"bkash_api", "fail"}} {
		values := map[string]string{"amount": "500"}
		if tc.wt == "bkash_api" {
			values["account"] = "01712345678"
		}
		p := e.submit(e.get("/pay/"+tc.wt), values)
		if p.status != http.StatusSeeOther {
			t.Fatalf("%s: %d %s", tc.wt, p.status, p.visibleText())
		}
		e.follow(e.payOnWallet(e.resolve(p.url.String(), p.location()), tc.action))
	}
	// BDT P2P.
	e.follow(e.submit(e.get("/pay/bkash"), map[string]string{"key1": "ABCDE12345"}))

	// A depositor without cookies, inside the merchant's frame.
	e.browser = newBrowser(false)
	e.browser.Transport = rec
	frame := enter("u99", "INR")
	e.follow(e.submit(e.clickMethod(frame, "paytm"), map[string]string{"key1": "20512345677"}))
	bdt := enter("u98", "BDT")
	wallet := e.submit(e.clickMethod(bdt, "bkash_api"), map[string]string{"account": "01712345678", "amount": "500"})
	e.follow(e.payOnWallet(e.resolve(wallet.url.String(), wallet.location()), "pay"))

	// Too many tries.
	burst := e.clickMethod(frame, "paytm")
	for range 30 {
		e.submit(burst, map[string]string{"key1": "x"})
	}

	seen := rec.String() + e.logs.String()
	if len(seen) < 10000 {
		t.Fatalf("recorded only %d bytes: the journeys did not run", len(seen))
	}
	for name, s := range map[string]string{"secret": liveSecret, "private key": livePrivateKey, "signing key": liveSigningKey} {
		for _, form := range secretForms(s) {
			if i := strings.Index(seen, form); i >= 0 {
				t.Errorf("the %s shows: …%s…", name, seen[max(0, i-200):min(len(seen), i+len(form)+50)])
			}
		}
	}
	// The state tokens and resume tokens the browser was given (in links,
	// forms and return URLs) are bearer credentials: in no log line.
	tokens := regexp.MustCompile(`(?:\b(?:st|rt)=|name="st" value=")([A-Za-z0-9_%=-]{40,})`).FindAllStringSubmatch(rec.String(), -1)
	if len(tokens) < 10 {
		t.Errorf("only %d state tokens recorded: the cookieless journeys did not run", len(tokens))
	}
	logs := e.logs.String()
	for _, m := range tokens {
		tok, _ := url.QueryUnescape(m[1])
		for _, form := range []string{tok[:32], url.QueryEscape(tok)[:32]} {
			if i := strings.Index(logs, form); i >= 0 {
				t.Errorf("a state token is logged: …%s…", logs[max(0, i-200):min(len(logs), i+100)])
				break
			}
		}
	}
	// The journeys went through (else this proves nothing).
	for _, want := range []string{"Location:", `data-kind="credited"`, `data-kind="saved"`, "Retry-After", "Too many"} {
		if !strings.Contains(seen, want) {
			t.Errorf("no %q in what was recorded", want)
		}
	}
}
