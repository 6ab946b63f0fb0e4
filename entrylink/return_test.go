package entrylink_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paykassma/checkout/entrylink"
)

// VerifyReturn is the README's Go snippet, verbatim: what a merchant's
// server runs on a return (its return URL's query, or the fields of a
// checkout:done event its page passed on).
func VerifyReturn(key string, q url.Values) (status, reference string, ok bool) {
	var lines []string
	for _, name := range []string{"exp", "reference", "status"} { // sorted by name
		if v := q.Get(name); v != "" {
			lines = append(lines, name+"="+v)
		}
	}
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(strings.Join(lines, "\n")))
	sig, err := hex.DecodeString(q.Get("sig"))
	exp, _ := strconv.ParseInt(q.Get("exp"), 10, 64)
	if err != nil || !hmac.Equal(sig, mac.Sum(nil)) || time.Now().Unix() >= exp {
		return "", "", false // forged, tampered with or expired
	}
	return q.Get("status"), q.Get("reference"), true
}

// returnURL is a return URL as the checkout sends the person to it: the
// merchant's own URL and the signed return, valid until expires.
func returnURL(t *testing.T, status, reference string, expires time.Time) url.Values {
	t.Helper()
	signed, err := entrylink.SignReturn(key, status, reference, expires)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(entrylink.WithOutcome("https://shop.example/back?order=7&note=a+b%26c", signed))
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

// returns are what a merchant's server may be handed: returns the checkout
// signed, and what someone made of them. ok says whether it must be taken.
func returns(t *testing.T, at time.Time) []struct {
	name string
	q    url.Values
	ok   bool
} {
	soon := at.Add(10 * time.Minute)
	set := func(q url.Values, k, v string) url.Values { q.Set(k, v); return q }
	del := func(q url.Values, k string) url.Values { q.Del(k); return q }
	return []struct {
		name string
		q    url.Values
		ok   bool
	}{
		{"success as signed", returnURL(t, "success", "order-7-K3XQ2MBV7HZA", soon), true},
		{"a cancel before any payment, no reference", returnURL(t, "cancel", "", soon), true},
		{"the merchant's own parameter changed (not signed)", set(returnURL(t, "pending", "order-7-K3XQ2MBV7HZA", soon), "order", "8"), true},
		{"fail changed to success", set(returnURL(t, "fail", "order-7-K3XQ2MBV7HZA", soon), "status", "success"), false},
		{"cancel without reference given one", set(returnURL(t, "cancel", "", soon), "reference", "order-7-K3XQ2MBV7HZA"), false},
		{"another reference", set(returnURL(t, "success", "order-7-K3XQ2MBV7HZA", soon), "reference", "order-8-K3XQ2MBV7HZA"), false},
		{"reference dropped", del(returnURL(t, "success", "order-7-K3XQ2MBV7HZA", soon), "reference"), false},
		{"exp pushed later", set(returnURL(t, "success", "order-7-K3XQ2MBV7HZA", soon), "exp", strconv.FormatInt(at.Add(time.Hour).Unix(), 10)), false},
		{"no sig", del(returnURL(t, "success", "order-7-K3XQ2MBV7HZA", soon), "sig"), false},
		{"sig of another return", set(returnURL(t, "success", "order-7-K3XQ2MBV7HZA", soon), "sig", returnURL(t, "fail", "order-7-K3XQ2MBV7HZA", soon).Get("sig")), false},
		{"expired", returnURL(t, "success", "order-7-K3XQ2MBV7HZA", at.Add(-time.Second)), false},
		{"forged without the key", func() url.Values {
			s, _ := entrylink.SignReturn("not-the-key", "success", "order-7-K3XQ2MBV7HZA", soon)
			return s
		}(), false},
	}
}

func TestVerifyReturn_TakesOnlyWhatTheCheckoutSignedBeforeItExpires(t *testing.T) {
	for _, tc := range returns(t, now) {
		t.Run(tc.name, func(t *testing.T) {
			r, err := entrylink.VerifyReturn(key, tc.q, now)
			if tc.ok != (err == nil) {
				t.Fatalf("VerifyReturn = %+v, %v; want ok=%v", r, err, tc.ok)
			}
			if tc.ok && (r.Status != tc.q.Get("status") || r.Reference != tc.q.Get("reference")) {
				t.Errorf("read %+v from %v", r, tc.q)
			}
		})
	}
	if _, err := entrylink.VerifyReturn(key, returnURL(t, "success", "r-1", now.Add(time.Minute)), now.Add(time.Minute)); !errors.Is(err, entrylink.ErrExpired) {
		t.Errorf("at exp: %v, want ErrExpired", err)
	}
	if _, err := entrylink.SignReturn("", "success", "r-1", now); err == nil {
		t.Error("a return signed without a key")
	}
	// Neither kind of signed query passes for the other.
	if _, err := entrylink.Verify(key, returnURL(t, "success", "r-1", now.Add(time.Minute)), now); err == nil {
		t.Error("a return passed for an entry link")
	}
	link := signed(t, url.Values{"label": {"u42"}, "currency_code": {"INR"}, "status": {"success"}, "reference": {"r-1"}})
	if _, err := entrylink.VerifyReturn(key, link, now); !errors.Is(err, entrylink.ErrSignature) {
		t.Errorf("an entry link passed for a return: %v", err)
	}
}

func TestVerifyReturn_TheREADMESnippetsTakeWhatTheCheckoutSignedOnly(t *testing.T) {
	type result struct{ Status, Reference string }
	run := func(t *testing.T, cmd *exec.Cmd, q url.Values) *result {
		in, _ := json.Marshal(map[string]any{"key": key, "query": q.Encode()})
		cmd.Stdin = strings.NewReader(string(in))
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		var r *result
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatalf("%s: %q: %v", cmd, out, err)
		}
		return r
	}
	verifiers := map[string]func(t *testing.T, q url.Values) *result{
		"go": func(t *testing.T, q url.Values) *result {
			status, reference, ok := VerifyReturn(key, q)
			if !ok {
				return nil
			}
			return &result{status, reference}
		},
		"php": func(t *testing.T, q url.Values) *result {
			php, err := exec.LookPath("php")
			if err != nil {
				t.Skip("php not on PATH; install php-cli")
			}
			return run(t, exec.Command(php, "-n", "testdata/verify_return.php"), q)
		},
		"javascript": func(t *testing.T, q url.Values) *result {
			node, err := exec.LookPath("node")
			if err != nil {
				t.Skip("node not on PATH")
			}
			return run(t, exec.Command(node, "testdata/verify_return.js"), q)
		},
	}
	for name, verify := range verifiers {
		t.Run(name, func(t *testing.T) {
			// The snippets read the real clock.
			for _, tc := range returns(t, time.Now()) {
				r := verify(t, tc.q)
				if tc.ok != (r != nil) {
					t.Errorf("%s: got %+v, want ok=%v", tc.name, r, tc.ok)
				}
				if r != nil && (r.Status != tc.q.Get("status") || r.Reference != tc.q.Get("reference")) {
					t.Errorf("%s: read %+v", tc.name, r)
				}
			}
		})
	}
}

// The README shows the very functions the tests run.
func TestREADME_ShowsTheSnippetsTheTestsRun(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	funcs := []struct{ file, start string }{
		{"entrylink_test.go", "func EntryLink("},
		{"return_test.go", "func VerifyReturn("},
		{"testdata/link.php", "function entry_link("},
		{"testdata/verify_return.php", "function verify_return("},
		{"testdata/link.js", "function entryLink("},
		{"testdata/verify_return.js", "function verifyReturn("},
	}
	for _, f := range funcs {
		src, err := os.ReadFile(f.file)
		if err != nil {
			t.Fatal(err)
		}
		body := regexp.MustCompile(`(?s)` + regexp.QuoteMeta(f.start) + `.*?\n}\n`).Find(src)
		if body == nil {
			t.Fatalf("%s holds no %s", f.file, f.start)
		}
		if !strings.Contains(string(readme), string(body)) {
			t.Errorf("README.md does not show %s as %s has it:\n%s", f.start, f.file, body)
		}
	}
}
