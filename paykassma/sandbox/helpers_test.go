package sandbox_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/paykassma/checkout/paykassma/sandbox"
)

const secret = "test-secret"

// fixedNow makes the postbacks' datetimes predictable.
var fixedNow = time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)

func newSandbox() *sandbox.Server {
	// Standing in for Paykassma on a host of its own, it returns to the shop.
	return sandbox.New(sandbox.Options{Secret: secret, PrivateKey: "test-key", Now: func() time.Time { return fixedNow }, ReturnAnywhere: true})
}

// target is one way to reach a sandbox: over a real socket, or through its
// in-memory Client. Every behaviour is checked both ways.
type target struct {
	name string
	s    *sandbox.Server
	base string
	http *http.Client
}

func targets(t *testing.T) []target {
	t.Helper()
	viaSocket := newSandbox()
	ts := httptest.NewServer(viaSocket)
	t.Cleanup(ts.Close)
	hc := ts.Client()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	inMemory := newSandbox()
	return []target{
		{name: "httptest", s: viaSocket, base: ts.URL, http: hc},
		{name: "in-memory", s: inMemory, base: "http://sandbox.invalid", http: inMemory.Client()},
	}
}

// forEach runs a subtest per target, each with a fresh sandbox.
func forEach(t *testing.T, f func(t *testing.T, tg target)) {
	for _, tg := range targets(t) {
		t.Run(tg.name, func(t *testing.T) { f(t, tg) })
	}
}

// answer is an HTTP answer with its body.
type answer struct {
	code   int
	header http.Header
	body   []byte
}

// do sends a request. It reports failures with Errorf, never Fatal, so the
// concurrency tests may call it from many goroutines.
func (tg target) do(t *testing.T, method, path string, contentType string, body []byte) answer {
	t.Helper()
	req, err := http.NewRequest(method, tg.base+path, bytes.NewReader(body))
	if err != nil {
		t.Errorf("%s %s: %v", method, path, err)
		return answer{}
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := tg.http.Do(req)
	if err != nil {
		t.Errorf("%s %s: %v", method, path, err)
		return answer{}
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Errorf("%s %s: reading the answer: %v", method, path, err)
	}
	return answer{res.StatusCode, res.Header, b}
}

// api calls an endpoint with the secret; body nil means GET.
func (tg target) api(t *testing.T, path string, query url.Values, body any) answer {
	t.Helper()
	if query == nil {
		query = url.Values{}
	}
	query.Set("secret", secret)
	if body == nil {
		return tg.do(t, http.MethodGet, path+"?"+query.Encode(), "", nil)
	}
	b, err := json.Marshal(body)
	if err != nil {
		t.Error(err)
	}
	return tg.do(t, http.MethodPost, path+"?"+query.Encode(), "application/json", b)
}

// form posts a form to a hosted wallet page.
func (tg target) form(t *testing.T, pageURL string, values url.Values) answer {
	t.Helper()
	u, err := url.Parse(pageURL)
	if err != nil {
		t.Error(err)
		return answer{}
	}
	return tg.do(t, http.MethodPost, u.RequestURI(), "application/x-www-form-urlencoded", []byte(values.Encode()))
}

// assertJSON compares a body with the expected JSON exactly, numbers by
// their text (so 300.00 and 300 differ, as a reader of the raw API would see).
func assertJSON(t *testing.T, got []byte, want string) {
	t.Helper()
	g, err := decodeJSON(got)
	if err != nil {
		t.Fatalf("answer is not JSON: %v\n%s", err, got)
	}
	w, err := decodeJSON([]byte(want))
	if err != nil {
		t.Fatalf("bad expectation: %v", err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("answer\n%s\nwant\n%s", strings.TrimSpace(string(got)), want)
	}
}

func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// field digs a value out of a JSON body: field(b, "data", "orderId").
func field(t *testing.T, b []byte, path ...string) any {
	t.Helper()
	v, err := decodeJSON(b)
	if err != nil {
		t.Fatalf("not JSON: %s", b)
	}
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("no %q in %s", p, b)
		}
		v = m[p]
	}
	return v
}

func str(t *testing.T, b []byte, path ...string) string {
	t.Helper()
	s, _ := field(t, b, path...).(string)
	return s
}

func activateBody(walletType, key1, customID string) map[string]any {
	cur := "INR"
	if strings.HasPrefix(walletType, "bkash") || strings.HasPrefix(walletType, "nagad") {
		cur = "BDT"
	}
	return map[string]any{
		"currency_code": cur, "wallet_type": walletType, "label": "user-1",
		"key1": key1, "custom_transaction_id": customID,
	}
}

// jsonNumber sends an amount as an exact JSON number.
func jsonNumber(s string) json.Number { return json.Number(s) }

var json1000 = jsonNumber("1000.00")
