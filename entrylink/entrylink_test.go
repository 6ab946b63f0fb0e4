package entrylink_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/url"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paykassma/checkout/entrylink"
)

const key = "merchant-signing-key-for-tests"

var now = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

// EntryLink is the README's Go snippet, verbatim: what a merchant writes.
func EntryLink(base, key string, params map[string]string, ttl time.Duration) string {
	params["exp"] = strconv.FormatInt(time.Now().Add(ttl).Unix(), 10)
	names := make([]string, 0, len(params))
	for name := range params {
		names = append(names, name)
	}
	sort.Strings(names)
	lines := make([]string, len(names))
	q := url.Values{}
	for i, name := range names {
		lines[i] = name + "=" + params[name]
		q.Set(name, params[name])
	}
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(strings.Join(lines, "\n")))
	q.Set("sig", hex.EncodeToString(mac.Sum(nil)))
	return base + "/start?" + q.Encode()
}

// awkward are values that differ between URL encoders: spaces, +, &, =,
// ~, *, quotes, non-ASCII.
func awkward() map[string]string {
	return map[string]string{
		"label":                 "user 42+a&b=c~*'()!",
		"currency_code":         "INR",
		"lang":                  "en",
		"wallet_type":           "upi_l",
		"fixed_amount":          "500.50",
		"custom_transaction_id": "order-7.1:x_y",
		"success_url":           "https://shop.example/paid?order=7&x=a b",
		"fail_url":              "https://shop.example/failed",
		"pending_url":           "https://shop.example/wait",
		"origin":                "https://shop.example",
		"note":                  "ধন্যবাদ",
	}
}

func query(t *testing.T, link string) url.Values {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	if u.Path != "/start" {
		t.Fatalf("link to %s, want /start", u.Path)
	}
	return u.Query()
}

func TestVerify_TheREADMESnippetsMakeLinksTheCheckoutAccepts(t *testing.T) {
	run := func(t *testing.T, cmd *exec.Cmd) string {
		in, _ := json.Marshal(map[string]any{"base": "https://pay.example", "key": key, "params": awkward()})
		cmd.Stdin = strings.NewReader(string(in))
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		return strings.TrimSpace(string(out))
	}
	makers := map[string]func(t *testing.T) string{
		"go": func(t *testing.T) string { return EntryLink("https://pay.example", key, awkward(), 15*time.Minute) },
		"php": func(t *testing.T) string {
			php, err := exec.LookPath("php")
			if err != nil {
				t.Skip("php not on PATH; install php-cli")
			}
			return run(t, exec.Command(php, "-n", "testdata/link.php"))
		},
		"javascript": func(t *testing.T) string {
			node, err := exec.LookPath("node")
			if err != nil {
				t.Skip("node not on PATH")
			}
			return run(t, exec.Command(node, "testdata/link.js"))
		},
	}
	for name, mk := range makers {
		t.Run(name, func(t *testing.T) {
			l, err := entrylink.Verify(key, query(t, mk(t)), time.Now())
			if err != nil {
				t.Fatalf("the checkout refuses the %s link: %v", name, err)
			}
			want := awkward()
			if l.Label != want["label"] || l.SuccessURL != want["success_url"] || l.FixedAmount.String() != "500.50" ||
				l.CustomTransactionID != want["custom_transaction_id"] || l.Origin != want["origin"] || l.WalletType != "upi_l" {
				t.Errorf("read back %+v", l)
			}
			if d := time.Until(l.Expires); d < 14*time.Minute || d > 16*time.Minute {
				t.Errorf("expires in %s, want 15m", d)
			}
		})
	}
}

func TestVerify_AcceptsALinkValidForTheLongestLifetime(t *testing.T) {
	q, err := entrylink.Sign(key, url.Values{"label": {"u42"}, "currency_code": {"INR"}}, now.Add(entrylink.MaxLifetime))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := entrylink.Verify(key, q, now); err != nil {
		t.Errorf("a link valid for exactly %s is refused: %v", entrylink.MaxLifetime, err)
	}
}

// The signature is compared as bytes: hex in either case is the same MAC,
// and a sig that is not hex says so in the logged reason.
func TestVerify_TakesTheLongestTransactionIDPrefix(t *testing.T) {
	q := signed(t, url.Values{"label": {"u"}, "currency_code": {"INR"}, "custom_transaction_id": {strings.Repeat("x", entrylink.MaxPrefix)}})
	if _, err := entrylink.Verify(key, q, now); err != nil || entrylink.MaxPrefix != 51 {
		t.Errorf("a %d-character custom_transaction_id: %v", entrylink.MaxPrefix, err)
	}
}

func TestVerify_ComparesTheSignatureAsBytes(t *testing.T) {
	good := url.Values{"label": {"u42"}, "currency_code": {"INR"}}
	upper := signed(t, good)
	upper.Set("sig", strings.ToUpper(upper.Get("sig")))
	if _, err := entrylink.Verify(key, upper, now); err != nil {
		t.Errorf("a sig in upper-case hex is refused: %v", err)
	}
	notHex := signed(t, good)
	notHex.Set("sig", "zz"+notHex.Get("sig")[2:])
	_, err := entrylink.Verify(key, notHex, now)
	if !errors.Is(err, entrylink.ErrSignature) || !strings.Contains(err.Error(), "not hex") {
		t.Errorf("Verify with a non-hex sig = %v; want ErrSignature saying it is not hex", err)
	}
}

func signed(t *testing.T, q url.Values) url.Values {
	t.Helper()
	s, err := entrylink.Sign(key, q, now.Add(15*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestVerify_RefusesWhatTheMerchantDidNotSign(t *testing.T) {
	good := url.Values{"label": {"u42"}, "currency_code": {"INR"}}
	tests := []struct {
		name  string
		key   string
		at    time.Time
		query func() url.Values
		want  error
	}{
		{"tampered label", key, now, func() url.Values { q := signed(t, good); q.Set("label", "u43"); return q }, entrylink.ErrSignature},
		{"added parameter", key, now, func() url.Values { q := signed(t, good); q.Set("wallet_type", "paytm"); return q }, entrylink.ErrSignature},
		{"removed parameter", key, now, func() url.Values {
			q := signed(t, url.Values{"label": {"u42"}, "currency_code": {"INR"}, "fixed_amount": {"5000"}})
			q.Del("fixed_amount")
			return q
		}, entrylink.ErrSignature},
		{"exp pushed later", key, now, func() url.Values {
			q := signed(t, good)
			q.Set("exp", strconv.FormatInt(now.Add(time.Hour).Unix(), 10))
			return q
		}, entrylink.ErrSignature},
		{"wrong key", "another-key", now, func() url.Values { return signed(t, good) }, entrylink.ErrSignature},
		{"no key configured", "", now, func() url.Values { return signed(t, good) }, entrylink.ErrSignature},
		{"sig not hex", key, now, func() url.Values { q := signed(t, good); q.Set("sig", "zz"); return q }, entrylink.ErrSignature},
		{"sig twice", key, now, func() url.Values { q := signed(t, good); q.Add("sig", q.Get("sig")); return q }, entrylink.ErrSignature},
		{"no sig", key, now, func() url.Values { q := signed(t, good); q.Del("sig"); return q }, entrylink.ErrNoSignature},
		{"expired", key, now.Add(15 * time.Minute), func() url.Values { return signed(t, good) }, entrylink.ErrExpired},
		{"long expired", key, now.Add(48 * time.Hour), func() url.Values { return signed(t, good) }, entrylink.ErrExpired},
		{"exp beyond the longest lifetime", key, now, func() url.Values {
			s, err := entrylink.Sign(key, good, now.Add(entrylink.MaxLifetime+time.Second))
			if err != nil {
				t.Fatal(err)
			}
			return s
		}, entrylink.ErrInvalid},
		{"exp in a hundred years", key, now, func() url.Values {
			return signed(t, url.Values{"label": {"u"}, "currency_code": {"INR"}, "exp": {strconv.FormatInt(now.AddDate(100, 0, 0).Unix(), 10)}})
		}, entrylink.ErrInvalid},
		{"no label", key, now, func() url.Values { return signed(t, url.Values{"currency_code": {"INR"}}) }, entrylink.ErrInvalid},
		{"no currency", key, now, func() url.Values { return signed(t, url.Values{"label": {"u42"}}) }, entrylink.ErrInvalid},
		{"currency not a code", key, now, func() url.Values { return signed(t, url.Values{"label": {"u"}, "currency_code": {"RUPEE"}}) }, entrylink.ErrInvalid},
		{"exp not a number", key, now, func() url.Values {
			return signed(t, url.Values{"label": {"u"}, "currency_code": {"INR"}, "exp": {"tomorrow"}})
		}, entrylink.ErrInvalid},
		{"fixed amount negative", key, now, func() url.Values {
			return signed(t, url.Values{"label": {"u"}, "currency_code": {"INR"}, "fixed_amount": {"-5"}})
		}, entrylink.ErrInvalid},
		{"fixed amount three decimals", key, now, func() url.Values {
			return signed(t, url.Values{"label": {"u"}, "currency_code": {"INR"}, "fixed_amount": {"5.001"}})
		}, entrylink.ErrInvalid},
		{"transaction id too long to keep 12 characters for each payment", key, now, func() url.Values {
			return signed(t, url.Values{"label": {"u"}, "currency_code": {"INR"}, "custom_transaction_id": {strings.Repeat("x", 52)}})
		}, entrylink.ErrInvalid},
		{"transaction id with a space", key, now, func() url.Values {
			return signed(t, url.Values{"label": {"u"}, "currency_code": {"INR"}, "custom_transaction_id": {"order 7"}})
		}, entrylink.ErrInvalid},
		{"return URL not absolute", key, now, func() url.Values {
			return signed(t, url.Values{"label": {"u"}, "currency_code": {"INR"}, "success_url": {"/paid"}})
		}, entrylink.ErrInvalid},
		{"return URL javascript", key, now, func() url.Values {
			return signed(t, url.Values{"label": {"u"}, "currency_code": {"INR"}, "fail_url": {"javascript:alert(1)"}})
		}, entrylink.ErrInvalid},
		{"origin with a path", key, now, func() url.Values {
			return signed(t, url.Values{"label": {"u"}, "currency_code": {"INR"}, "origin": {"https://shop.example/page"}})
		}, entrylink.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, err := entrylink.Verify(tc.key, tc.query(), tc.at)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Verify = %+v, %v; want %v", l, err, tc.want)
			}
		})
	}
}

func TestCanonical_NoTwoParameterSetsShareASignature(t *testing.T) {
	// Without the line rule, {a: "1\nb=2"} would sign like {a: "1", b: "2"}.
	if _, err := entrylink.Sign(key, url.Values{"label": {"u\ncurrency_code=INR"}}, now); err == nil {
		t.Error("a value with a newline was signed")
	}
	if _, err := entrylink.Canonical(url.Values{"label=u": {"x"}}); err == nil {
		t.Error("a name with = was accepted")
	}
	a, _ := entrylink.Canonical(url.Values{"b": {"2"}, "a": {"1"}, "sig": {"x"}})
	if a != "a=1\nb=2" {
		t.Errorf("canonical %q", a)
	}
}

func TestCheckOrigins_ReturnURLsAndEmbeddingOnlyOnConfiguredOrigins(t *testing.T) {
	shop := []string{"https://shop.example"}
	tests := []struct {
		name  string
		q     url.Values
		ok    bool
		since string
	}{
		{"on the origin", url.Values{"success_url": {"https://shop.example/paid?o=1"}}, true, ""},
		{"default port written out", url.Values{"fail_url": {"https://SHOP.example:443/failed"}}, true, ""},
		{"another host", url.Values{"success_url": {"https://evil.example/paid"}}, false, "success_url"},
		{"lookalike subdomain", url.Values{"pending_url": {"https://shop.example.evil.example/"}}, false, "pending_url"},
		{"http instead of https", url.Values{"fail_url": {"http://shop.example/failed"}}, false, "fail_url"},
		{"userinfo trick", url.Values{"success_url": {"https://shop.example@evil.example/"}}, false, "success_url"},
		{"embedding origin allowed", url.Values{"origin": {"https://shop.example"}}, true, ""},
		{"embedding origin not allowed", url.Values{"origin": {"https://evil.example"}}, false, "origin"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := url.Values{"label": {"u"}, "currency_code": {"INR"}}
			for k, v := range tc.q {
				q[k] = v
			}
			l, err := entrylink.Verify(key, signed(t, q), now)
			if err == nil {
				err = l.CheckOrigins(shop, shop)
			}
			if tc.ok != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.since)) {
				t.Errorf("err = %v, want ok=%v (about %s)", err, tc.ok, tc.since)
			}
		})
	}
	l, _ := entrylink.Verify(key, signed(t, url.Values{"label": {"u"}, "currency_code": {"INR"}, "success_url": {"https://shop.example/"}}), now)
	if err := l.CheckOrigins(nil, nil); err == nil {
		t.Error("a return URL was accepted with no return_origins configured")
	}
}

func TestWithOutcome_AddsTheSignedReturnKeepingTheMerchantsParameters(t *testing.T) {
	signed, err := entrylink.SignReturn(key, "cancel", "order-7-2", now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	got := entrylink.WithOutcome("https://shop.example/done?order=7&status=old&sig=old", signed)
	u, _ := url.Parse(got)
	q := u.Query()
	if q.Get("order") != "7" || q.Get("status") != "cancel" || q.Get("reference") != "order-7-2" || u.Host != "shop.example" ||
		q.Get("exp") != strconv.FormatInt(now.Add(time.Hour).Unix(), 10) || q.Get("sig") != signed.Get("sig") || len(q["status"]) != 1 {
		t.Errorf("%s", got)
	}
	r, err := entrylink.VerifyReturn(key, q, now)
	if err != nil || r.Status != "cancel" || r.Reference != "order-7-2" {
		t.Errorf("VerifyReturn(%s) = %+v, %v", got, r, err)
	}
}
