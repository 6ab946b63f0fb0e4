package paykassma

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

// testSecret has characters that URL encoding changes, so redaction tests
// catch the escaped form too; "SECRET-9f8e7d" survives every encoding.
const (
	testSecret = "pk-SECRET-9f8e7d/+&= x"
	testKey    = "withdrawal-KEY-51c0"
)

// endpoint is one client method, called with fixed, valid arguments.
type endpoint struct {
	name string // as it appears in errors
	path string // the path the request must reach
	call func(context.Context, *Client) (any, error)
}

var endpoints = []endpoint{
	{"payment-systems/available", "/api/v1/payment-systems/available", func(ctx context.Context, c *Client) (any, error) {
		return c.PaymentSystems(ctx, PaymentSystemsRequest{CurrencyCodes: []string{"INR"}, Label: "55"})
	}},
	{"wallet-type/images", "/wallet-type/images/", func(ctx context.Context, c *Client) (any, error) {
		return c.Mediahints(ctx)
	}},
	{"transaction/create/paytm", "/api/v1/transaction/create/paytm", func(ctx context.Context, c *Client) (any, error) {
		return c.CreateTransaction(ctx, "paytm", CreateTransactionRequest{Currency: "INR", Label: "55"})
	}},
	{"transaction/activate", "/api/v1/transaction/activate", func(ctx context.Context, c *Client) (any, error) {
		return c.Activate(ctx, ActivateRequest{CurrencyCode: "INR", WalletType: "paytm", Label: "55", Key1: "123456789", CustomTransactionID: "ct-1"})
	}},
	{"possible-transaction", "/api/v1/possible-transaction", func(ctx context.Context, c *Client) (any, error) {
		return c.PossibleTransaction(ctx, PossibleTransactionRequest{CurrencyCode: "INR", WalletType: "staging_b_ml", Label: "55", Key1: "123456789", Amount: MustAmount("500"), CustomID: "ct-2"})
	}},
	{"payment/create/help2pay", "/api/v1/payment/create/help2pay", func(ctx context.Context, c *Client) (any, error) {
		return nil, c.CreatePayment(ctx, "help2pay", CreatePaymentRequest{Language: "en", Currency: "USD", Bank: "MBB", Amount: MustAmount("1000"), Label: "55", RedirectURL: "https://example.com", CustomTransactionID: "ct-3"})
	}},
	{"payment/create/bkash_api", "/api/v1/payment/create/bkash_api", func(ctx context.Context, c *Client) (any, error) {
		return c.CreateBkashPayment(ctx, BkashPaymentRequest{Amount: MustAmount("1"), AccountNumber: "01770618575", Currency: "BDT", Label: "test", CustomTransactionID: "ct-4"})
	}},
	{"payment/create/nagad_api", "/api/v1/payment/create/nagad_api", func(ctx context.Context, c *Client) (any, error) {
		return c.CreateNagadPayment(ctx, NagadPaymentRequest{Amount: MustAmount("100"), Currency: "BDT", Label: "test", CustomTransactionID: "ct-5"})
	}},
	{"deposit-info", "/api/v1/deposit-info", func(ctx context.Context, c *Client) (any, error) {
		return c.DepositInfo(ctx, DepositInfoRequest{Label: "55", WalletType: "paytm", Currency: "INR"})
	}},
	{"payment-plugin/hash-url", "/payment-plugin/hash-url", func(ctx context.Context, c *Client) (any, error) {
		return c.HashURLs(ctx, HashURLsRequest{SuccessURLs: []OrderedURL{{Order: 1, URL: "https://example.com/ok"}}})
	}},
	{"v2/withdrawal/create", "/v2/withdrawal/create", func(ctx context.Context, c *Client) (any, error) {
		return nil, c.CreateWithdrawal(ctx, WithdrawalRequest{PaymentSystem: "paytm", Amount: 1000, CurrencyCode: "INR", Label: "55", AccountNumber: "11111111"})
	}},
	{"postback", "/api/v1/postback", func(ctx context.Context, c *Client) (any, error) {
		return c.DepositPostback(ctx, DepositPostbackQuery{CustomID: "ct-1"})
	}},
	{"postback", "/api/v1/postback", func(ctx context.Context, c *Client) (any, error) {
		return c.WithdrawalPostback(ctx, "w-1")
	}},
	{"accounts-balance", "/api/v1/accounts-balance", func(ctx context.Context, c *Client) (any, error) {
		return c.AccountsBalance(ctx)
	}},
	{"pullpostbacks", "/api/v1/pullpostbacks", func(ctx context.Context, c *Client) (any, error) {
		return c.DepositStatuses(ctx, []string{"ct-1"})
	}},
	{"pullpostbacks", "/api/v1/pullpostbacks", func(ctx context.Context, c *Client) (any, error) {
		return c.WithdrawalStatuses(ctx, []string{"w-1"})
	}},
}

// newClient serves h and returns a client for it with the test secret and key.
func newClient(t *testing.T, h http.HandlerFunc, opts ...Option) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return New(srv.URL, testSecret, append([]Option{WithPrivateKey(testKey)}, opts...)...)
}

// respond answers every request with code, content type and body.
func respond(code int, contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

// captured is what the server saw of one request.
type captured struct {
	method, path string
	rawPath      string // as sent, escapes kept
	query        url.Values
	header       http.Header
	body         []byte
}

// capture serves answer and records the request into *got.
func capture(got *captured, answer string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		*got = captured{method: r.Method, path: r.URL.Path, rawPath: r.URL.EscapedPath(), query: r.URL.Query(), header: r.Header, body: b}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, answer)
	}
}

func TestRequests_MatchTheDocumentPerEndpoint(t *testing.T) {
	withSecret := func(v url.Values) url.Values { v.Set("secret", testSecret); return v }
	tests := []struct {
		name      string
		answer    string
		call      func(context.Context, *Client) error
		method    string
		path      string
		query     url.Values
		body      string // exact JSON body; "" for GET
		wantError bool
	}{
		{
			name:   "payment systems sends currency_code[] per currency and the label",
			answer: `{"status":"ok","params":{"currency_data":[],"wallets":[]}}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.PaymentSystems(ctx, PaymentSystemsRequest{CurrencyCodes: []string{"INR", "BDT"}, Label: "55"})
				return err
			},
			method: "GET", path: "/api/v1/payment-systems/available",
			query: withSecret(url.Values{"currency_code[]": {"INR", "BDT"}, "label": {"55"}}),
		},
		{
			name:   "mediahints keeps the trailing slash",
			answer: `{"status":"success","data":{}}`,
			call:   func(ctx context.Context, c *Client) error { _, err := c.Mediahints(ctx); return err },
			method: "GET", path: "/wallet-type/images/", query: withSecret(url.Values{}),
		},
		{
			name:   "create transaction puts the wallet type in the path",
			answer: `{"status":"ok","params":{"identifier":"9876543210"}}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateTransaction(ctx, "paytm", CreateTransactionRequest{Currency: "INR", Label: "eligendi"})
				return err
			},
			method: "POST", path: "/api/v1/transaction/create/paytm", query: withSecret(url.Values{}),
			body: `{"currency":"INR","label":"eligendi"}`,
		},
		{
			name:   "activate sends the amount as a number with two decimals",
			answer: `{"status":"ok"}`,
			call: func(ctx context.Context, c *Client) error {
				amt := MustAmount("100")
				_, err := c.Activate(ctx, ActivateRequest{CurrencyCode: "INR", WalletType: "upi_l", Label: "55", Key1: "123-ABC-456-DEF", Amount: &amt, CustomTransactionID: "123465477897"})
				return err
			},
			method: "POST", path: "/api/v1/transaction/activate", query: withSecret(url.Values{}),
			body: `{"currency_code":"INR","wallet_type":"upi_l","label":"55","key1":"123-ABC-456-DEF","amount":100.00,"custom_transaction_id":"123465477897"}`,
		},
		{
			name:   "activate without an amount leaves the field out",
			answer: `{"status":"ok"}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Activate(ctx, ActivateRequest{CurrencyCode: "INR", WalletType: "paytm", Label: "55", Key1: "123456789", CustomTransactionID: "c1"})
				return err
			},
			method: "POST", path: "/api/v1/transaction/activate", query: withSecret(url.Values{}),
			body: `{"currency_code":"INR","wallet_type":"paytm","label":"55","key1":"123456789","custom_transaction_id":"c1"}`,
		},
		{
			name:   "generic payment create",
			answer: `{"status":"ok"}`,
			call: func(ctx context.Context, c *Client) error {
				return c.CreatePayment(ctx, "help2pay", CreatePaymentRequest{Language: "en", Currency: "USD", Bank: "MBB", Amount: MustAmount("1000"), Label: "55", RedirectURL: "https://google.com/?a=1&b=2", CustomTransactionID: "123465477897"})
			},
			method: "POST", path: "/api/v1/payment/create/help2pay", query: withSecret(url.Values{}),
			body: `{"language":"en","currency":"USD","bank":"MBB","amount":1000.00,"label":"55","redirect_url":"https://google.com/?a=1&b=2","custom_transaction_id":"123465477897"}`,
		},
		{
			name:   "bKash payment create uses failure_url",
			answer: `{"status":"ok","data":{"orderId":"o1","bkashUrl":"https://pay.example/o1","message":"Successful"}}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateBkashPayment(ctx, BkashPaymentRequest{Amount: MustAmount("1"), AccountNumber: "01770618575", Currency: "BDT", Label: "test", CustomTransactionID: "01abc0095689", SuccessURL: "https://s.example", FailureURL: "https://f.example", CancelURL: "https://c.example"})
				return err
			},
			method: "POST", path: "/api/v1/payment/create/bkash_api", query: withSecret(url.Values{}),
			body: `{"amount":1.00,"account_number":"01770618575","currency":"BDT","label":"test","custom_transaction_id":"01abc0095689","success_url":"https://s.example","failure_url":"https://f.example","cancel_url":"https://c.example"}`,
		},
		{
			name:   "Nagad payment create uses fail_url",
			answer: `{"status":"ok","payment_url":"https://pay.example/n1"}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateNagadPayment(ctx, NagadPaymentRequest{Amount: MustAmount("100"), Currency: "BDT", Label: "test_user", CustomTransactionID: "custom_transaction_1", SuccessURL: "https://s.example", FailURL: "https://f.example", CancelURL: "https://c.example"})
				return err
			},
			method: "POST", path: "/api/v1/payment/create/nagad_api", query: withSecret(url.Values{}),
			body: `{"amount":100.00,"currency":"BDT","label":"test_user","custom_transaction_id":"custom_transaction_1","success_url":"https://s.example","fail_url":"https://f.example","cancel_url":"https://c.example"}`,
		},
		{
			name:   "deposit info for an automatic PS",
			answer: `{"status":"ok","stockpiling_sum":0,"lacks_sum":0,"minimum_deposit":148}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.DepositInfo(ctx, DepositInfoRequest{Label: "55", WalletType: "paytm", Currency: "INR"})
				return err
			},
			method: "GET", path: "/api/v1/deposit-info",
			query: withSecret(url.Values{"label": {"55"}, "wallet_type": {"paytm"}, "currency": {"INR"}}),
		},
		{
			name:   "deposit info for a manual PS sends wallet_type=manual and the code",
			answer: `{"status":"ok","stockpiling_sum":0,"lacks_sum":0,"minimum_deposit":500}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.DepositInfo(ctx, DepositInfoRequest{Label: "55", WalletType: "staging_b_ml", Currency: "INR", Manual: true})
				return err
			},
			method: "GET", path: "/api/v1/deposit-info",
			query: withSecret(url.Values{"label": {"55"}, "wallet_type": {"manual"}, "code": {"staging_b_ml"}, "currency": {"INR"}}),
		},
		{
			name:   "hash urls",
			answer: `{"status":"ok","urls":{"success_url":[],"fail_url":[],"pending_url":[]}}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.HashURLs(ctx, HashURLsRequest{
					SuccessURLs: []OrderedURL{{Order: 2, URL: "https://test.com/success2.jpg"}},
					FailURLs:    []OrderedURL{{Order: 1, URL: "https://test.com/faill.jpg"}},
					PendingURLs: []OrderedURL{},
				})
				return err
			},
			method: "POST", path: "/payment-plugin/hash-url", query: withSecret(url.Values{}),
			body: `{"success_urls":[{"order":2,"url":"https://test.com/success2.jpg"}],"fail_urls":[{"order":1,"url":"https://test.com/faill.jpg"}],"pending_urls":[]}`,
		},
		{
			name:   "deposit postback by custom id",
			answer: `{"status":"ok","postback":{"transaction_id":"1"}}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.DepositPostback(ctx, DepositPostbackQuery{CustomID: "order-7"})
				return err
			},
			method: "GET", path: "/api/v1/postback",
			query: withSecret(url.Values{"type": {"deposit"}, "custom_id": {"order-7"}}),
		},
		{
			name:   "deposit postback by transaction id",
			answer: `{"status":"ok","postback":{"transaction_id":"453535345"}}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.DepositPostback(ctx, DepositPostbackQuery{TransactionID: "453535345"})
				return err
			},
			method: "GET", path: "/api/v1/postback",
			query: withSecret(url.Values{"type": {"deposit"}, "transaction_id": {"453535345"}}),
		},
		{
			name:   "withdrawal postback",
			answer: `{"status":"ok","postback":{"withdrawal_id":"2298635","status":1}}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.WithdrawalPostback(ctx, "2298635")
				return err
			},
			method: "GET", path: "/api/v1/postback",
			query: withSecret(url.Values{"type": {"withdrawal"}, "withdrawal_id": {"2298635"}}),
		},
		{
			name:   "accounts balance",
			answer: `{"status":"success","data":{"balances":[]}}`,
			call:   func(ctx context.Context, c *Client) error { _, err := c.AccountsBalance(ctx); return err },
			method: "GET", path: "/api/v1/accounts-balance", query: withSecret(url.Values{}),
		},
		{
			name:   "deposit statuses send plugin_custom_order_id[] per order",
			answer: `{"status":"success","data":{"transactions":[]}}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.DepositStatuses(ctx, []string{"a1", "a2"})
				return err
			},
			method: "GET", path: "/api/v1/pullpostbacks",
			query: withSecret(url.Values{"type": {"deposit"}, "plugin_custom_order_id[]": {"a1", "a2"}}),
		},
		{
			name:   "withdrawal statuses send withdrawal_id[] per withdrawal",
			answer: `{"status":"success","data":{"withdrawals":[]}}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.WithdrawalStatuses(ctx, []string{"w1", "w2"})
				return err
			},
			method: "GET", path: "/api/v1/pullpostbacks",
			query: withSecret(url.Values{"type": {"withdrawal"}, "withdrawal_id[]": {"w1", "w2"}}),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got captured
			c := newClient(t, capture(&got, tt.answer))
			if err := tt.call(t.Context(), c); err != nil {
				t.Fatalf("call: %v", err)
			}
			if got.method != tt.method || got.path != tt.path {
				t.Errorf("request = %s %s, want %s %s", got.method, got.path, tt.method, tt.path)
			}
			if !reflect.DeepEqual(got.query, tt.query) {
				t.Errorf("query = %v, want %v", got.query, tt.query)
			}
			if a := got.header.Get("Accept"); a != "application/json" {
				t.Errorf("Accept = %q, want application/json", a)
			}
			if tt.body == "" {
				if len(got.body) != 0 {
					t.Errorf("GET sent a body: %s", got.body)
				}
				return
			}
			if ct := got.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", ct)
			}
			if string(got.body) != tt.body {
				t.Errorf("body =\n%s\nwant\n%s", got.body, tt.body)
			}
		})
	}
}

func TestNew_KeepsTheBaseURLPathPrefix(t *testing.T) {
	var got captured
	srv := httptest.NewServer(capture(&got, `{"status":"success","data":{"balances":[]}}`))
	t.Cleanup(srv.Close)
	c := New(srv.URL+"/sandbox/", testSecret)
	if _, err := c.AccountsBalance(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got.path != "/sandbox/api/v1/accounts-balance" {
		t.Errorf("path = %q, want /sandbox/api/v1/accounts-balance", got.path)
	}
}

func TestPossibleTransaction_SendsMultipartWithTheScreenshot(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\nnot really a picture")
	tests := []struct {
		name       string
		screenshot *File
		wantType   string // the file part's Content-Type; "" means no file part
		wantName   string
	}{
		{"with a screenshot", &File{Name: "receipt 1.png", ContentType: "image/png", Data: png}, "image/png", "receipt 1.png"},
		{"a declared type that is not a media type is sniffed", &File{Name: "r.png", ContentType: "image/png\r\nX-Evil: 1", Data: png}, "image/png", "r.png"},
		{"without a screenshot", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got captured
			c := newClient(t, capture(&got, `{"status":"success","message":"","code":20000,"data":[]}`))
			out, err := c.PossibleTransaction(t.Context(), PossibleTransactionRequest{
				CurrencyCode: "INR", WalletType: "staging_b_ml", Label: "55", Key1: "UTR123456789",
				Amount: MustAmount("1500.5"), CustomID: "order-9", Screenshot: tt.screenshot,
			})
			if err != nil || out != Activated {
				t.Fatalf("PossibleTransaction = %v, %v; want Activated", out, err)
			}
			if got.method != "POST" || got.path != "/api/v1/possible-transaction" || got.query.Get("secret") != testSecret {
				t.Errorf("request = %s %s ?%v", got.method, got.path, got.query)
			}
			mt, params, err := mime.ParseMediaType(got.header.Get("Content-Type"))
			if err != nil || mt != "multipart/form-data" {
				t.Fatalf("Content-Type = %q, want multipart/form-data", got.header.Get("Content-Type"))
			}
			fields := map[string]string{}
			var file *multipart.Part
			var fileData []byte
			mr := multipart.NewReader(bytes.NewReader(got.body), params["boundary"])
			for {
				p, err := mr.NextPart()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				data, _ := io.ReadAll(p)
				if p.FileName() != "" {
					file, fileData = p, data
					continue
				}
				fields[p.FormName()] = string(data)
			}
			wantFields := map[string]string{
				"currency_code": "INR", "wallet_type": "staging_b_ml", "label": "55",
				"key1": "UTR123456789", "amount": "1500.50", "custom_id": "order-9",
			}
			if !reflect.DeepEqual(fields, wantFields) {
				t.Errorf("fields = %v, want %v", fields, wantFields)
			}
			if tt.wantType == "" {
				if file != nil {
					t.Errorf("sent a file part %q without a screenshot", file.FormName())
				}
				return
			}
			if file == nil {
				t.Fatal("no file part")
			}
			if file.FormName() != "screenshot" || file.FileName() != tt.wantName {
				t.Errorf("file part name=%q filename=%q, want screenshot %q", file.FormName(), file.FileName(), tt.wantName)
			}
			if ct := file.Header.Get("Content-Type"); ct != tt.wantType {
				t.Errorf("file Content-Type = %q, want %q", ct, tt.wantType)
			}
			if len(file.Header) != 2 {
				t.Errorf("file part headers = %v, want only Content-Disposition and Content-Type", file.Header)
			}
			if !bytes.Equal(fileData, png) {
				t.Errorf("file bytes = %q, want %q", fileData, png)
			}
		})
	}
}

func TestCreateWithdrawal_SendsTheSignedBytesWithTheSignatureAndNoSecret(t *testing.T) {
	var got captured
	c := newClient(t, capture(&got, `{"status":"ok"}`))
	req := WithdrawalRequest{
		WithdrawalID: "1234567", PaymentSystem: "paytm", Amount: 1000, CurrencyCode: "INR", Label: "55",
		Comment: "withdrawal & more", AccountNumber: "11111111",
		PaymentsDetails: &PaymentsDetails{PaymentsProvider: "56", PaymentsMethod: "MOBILE_MONEY"},
		BankDetails:     &BankDetails{BankCode: "MAHB0001821", BranchCode: "000254", BankCodeInPaymentSystem: "9393"},
	}
	if err := c.CreateWithdrawal(t.Context(), req); err != nil {
		t.Fatalf("CreateWithdrawal: %v", err)
	}
	if got.method != "POST" || got.path != "/v2/withdrawal/create" {
		t.Errorf("request = %s %s", got.method, got.path)
	}
	if len(got.query) != 0 {
		t.Errorf("query = %v, want none (withdrawals are signed, not keyed by the secret)", got.query)
	}
	if ct := got.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	var sent map[string]any
	if err := json.Unmarshal(got.body, &sent); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, got.body)
	}
	sig, _ := sent["signature"].(string)
	i := bytes.LastIndex(got.body, []byte(`,"signature":`))
	if sig == "" || i < 0 {
		t.Fatalf("no signature in %s", got.body)
	}
	unsigned := append(bytes.Clone(got.body[:i]), '}')
	want := `{"withdrawal_id":"1234567","payment_system":"paytm","amount":1000,"currency_code":"INR","label":"55","is_test":false,"comment":"withdrawal & more","account_number":"11111111","payments_details":{"payments_provider":"56","payments_method":"MOBILE_MONEY"},"bank_details":{"bank_code":"MAHB0001821","branch_code":"000254","bank_code_in_payments_system":"9393"}}`
	if string(unsigned) != want {
		t.Errorf("body without signature =\n%s\nwant\n%s", unsigned, want)
	}
	wantSig, err := Sign(testKey, unsigned)
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}
	if sig != wantSig {
		t.Errorf("signature = %q, want Sign(key, sent bytes) = %q", sig, wantSig)
	}
}

func TestCreateWithdrawal_WithoutPrivateKeySendsNothing(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls++ }))
	t.Cleanup(srv.Close)
	c := New(srv.URL, testSecret)
	err := c.CreateWithdrawal(t.Context(), WithdrawalRequest{PaymentSystem: "paytm", Amount: 1, CurrencyCode: "INR", Label: "55"})
	if err == nil || calls != 0 {
		t.Fatalf("err = %v after %d requests; want an error and no request", err, calls)
	}
}

func TestWithSignature_AppendsToTheSignedObject(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"a":1}`, `{"a":1,"signature":"s\"1"}`},
		{`{}`, `{"signature":"s\"1"}`},
	}
	for _, tt := range tests {
		got, err := withSignature([]byte(tt.in), `s"1`)
		if err != nil || string(got) != tt.want {
			t.Errorf("withSignature(%s) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	if _, err := withSignature([]byte(`[1]`), "s"); err == nil {
		t.Error("withSignature accepted a JSON array")
	}
}

func TestErrors_MapToAPIErrorOrUnavailable(t *testing.T) {
	const suspicious = `{"status":"fail","message":"Check of deposit status started. The operation may take longer than expected. Once checked the funds will credit to your account"}`
	html := "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>"
	tests := []struct {
		name        string
		code        int
		contentType string
		body        string
		wantAPI     bool // *APIError; otherwise *UnavailableError
		wantIs      []error
		wantNotIs   []error
		wantStatus  int
		wantMessage string // a part of err.Error()
		wantFields  map[string][]string
	}{
		{name: "HTTP 400 with the document's message is ErrSuspicious", code: 400, contentType: "application/json", body: suspicious,
			wantAPI: true, wantIs: []error{ErrSuspicious}, wantNotIs: []error{ErrUnavailable, ErrNotFound}, wantStatus: 400, wantMessage: "Check of deposit status started"},
		{name: "HTTP 400 with an HTML body is still ErrSuspicious", code: 400, contentType: "text/html", body: "<html>Bad Request</html>",
			wantAPI: true, wantIs: []error{ErrSuspicious}, wantStatus: 400},
		{name: "HTTP 404 is ErrNotFound", code: 404, contentType: "application/json", body: `{"status":"fail","message":"Not found"}`,
			wantAPI: true, wantIs: []error{ErrNotFound}, wantNotIs: []error{ErrSuspicious, ErrUnavailable}, wantStatus: 404, wantMessage: "Not found"},
		{name: "HTTP 404 HTML page is ErrNotFound", code: 404, contentType: "text/html", body: "<h1>404</h1>",
			wantAPI: true, wantIs: []error{ErrNotFound}, wantStatus: 404},
		{name: "HTTP 500 is unavailable", code: 500, contentType: "application/json", body: `{"message":"Server Error"}`,
			wantIs: []error{ErrUnavailable}, wantNotIs: []error{ErrSuspicious}, wantStatus: 500, wantMessage: "transaction/activate: HTTP 500"},
		{name: "HTML 502 page is unavailable", code: 502, contentType: "text/html", body: html,
			wantIs: []error{ErrUnavailable}, wantStatus: 502, wantMessage: "HTTP 502"},
		{name: "HTML page with HTTP 200 is unavailable", code: 200, contentType: "text/html; charset=utf-8", body: html,
			wantIs: []error{ErrUnavailable}, wantStatus: 200, wantMessage: "text/html"},
		{name: "truncated JSON is unavailable", code: 200, contentType: "application/json", body: `{"status":"ok","par`,
			wantIs: []error{ErrUnavailable}, wantStatus: 200, wantMessage: "invalid JSON"},
		{name: "two JSON values are unavailable", code: 200, contentType: "application/json", body: `{"status":"ok"}{"status":"fail"}`,
			wantIs: []error{ErrUnavailable}, wantStatus: 200},
		{name: "an empty body is unavailable", code: 200, contentType: "application/json", body: "",
			wantIs: []error{ErrUnavailable}, wantStatus: 200},
		{name: "an unknown status is unavailable", code: 200, contentType: "application/json", body: `{"status":"pending"}`,
			wantIs: []error{ErrUnavailable}, wantStatus: 200, wantMessage: `"pending"`},
		{name: "a body over 1 MiB is unavailable", code: 200, contentType: "application/json",
			body:   `{"status":"ok","pad":"` + strings.Repeat("x", maxBody) + `"}`,
			wantIs: []error{ErrUnavailable}, wantStatus: 200, wantMessage: "larger than"},
		{name: "HTTP 403 HTML page is unavailable", code: 403, contentType: "text/html", body: "<h1>Forbidden</h1>",
			wantIs: []error{ErrUnavailable}, wantStatus: 403},
		{name: "HTTP 422 with status fail is a refusal", code: 422, contentType: "application/json", body: `{"status":"fail","message":{"key1":["The key1 field is required."]}}`,
			wantAPI: true, wantStatus: 422, wantFields: map[string][]string{"key1": {"The key1 field is required."}}},
		{name: "status fail with a message string", code: 200, contentType: "application/json", body: `{"status":"fail","message":"Transaction not found"}`,
			wantAPI: true, wantNotIs: []error{ErrSuspicious, ErrUnavailable, ErrNotFound}, wantStatus: 200, wantMessage: "Transaction not found"},
		{name: "status fail with field errors", code: 200, contentType: "application/json", body: `{"status":"fail","message":{"key1":["Transaction field has wrong length"],"amount":["a","b"]}}`,
			wantAPI: true, wantStatus: 200, wantFields: map[string][]string{"key1": {"Transaction field has wrong length"}, "amount": {"a", "b"}}},
		{name: "status fail with a map of strings", code: 200, contentType: "application/json", body: `{"status":"fail","message":{"key1":"Transaction field has wrong length"}}`,
			wantAPI: true, wantStatus: 200, wantFields: map[string][]string{"key1": {"Transaction field has wrong length"}}},
		{name: "status error with target secret is ErrWrongSecret", code: 200, contentType: "application/json",
			body:    `{"status":"error","code":30228,"errors":{"target":"secret","code":36205,"message":"Wrong secret"},"error_message":"Data validation error"}`,
			wantAPI: true, wantIs: []error{ErrWrongSecret}, wantNotIs: []error{ErrUnavailable}, wantStatus: 200, wantMessage: "Wrong secret"},
		{name: "status error on another target is not ErrWrongSecret", code: 200, contentType: "application/json",
			body:    `{"status":"error","code":30228,"errors":{"target":"label","code":1,"message":"Bad label"}}`,
			wantAPI: true, wantNotIs: []error{ErrWrongSecret}, wantStatus: 200, wantMessage: "Bad label"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, respond(tt.code, tt.contentType, tt.body))
			_, err := c.Activate(t.Context(), ActivateRequest{CurrencyCode: "INR", WalletType: "paytm", Label: "55", Key1: "123456", CustomTransactionID: "c"})
			if err == nil {
				t.Fatal("no error")
			}
			var apiErr *APIError
			var unavail *UnavailableError
			switch {
			case tt.wantAPI && !errors.As(err, &apiErr):
				t.Fatalf("err = %T %v, want *APIError", err, err)
			case !tt.wantAPI && !errors.As(err, &unavail):
				t.Fatalf("err = %T %v, want *UnavailableError", err, err)
			}
			gotStatus := 0
			if apiErr != nil {
				gotStatus = apiErr.HTTPStatus
				if apiErr.Endpoint != "transaction/activate" {
					t.Errorf("Endpoint = %q", apiErr.Endpoint)
				}
				if tt.wantFields != nil && !reflect.DeepEqual(apiErr.Fields, tt.wantFields) {
					t.Errorf("Fields = %v, want %v", apiErr.Fields, tt.wantFields)
				}
			} else {
				gotStatus = unavail.HTTPStatus
			}
			if gotStatus != tt.wantStatus {
				t.Errorf("HTTP status = %d, want %d", gotStatus, tt.wantStatus)
			}
			for _, target := range tt.wantIs {
				if !errors.Is(err, target) {
					t.Errorf("errors.Is(err, %v) = false; err = %v", target, err)
				}
			}
			for _, target := range tt.wantNotIs {
				if errors.Is(err, target) {
					t.Errorf("errors.Is(err, %v) = true; err = %v", target, err)
				}
			}
			if !strings.Contains(err.Error(), tt.wantMessage) {
				t.Errorf("err = %q, want it to contain %q", err, tt.wantMessage)
			}
			if len(err.Error()) > 1000 {
				t.Errorf("error message is %d bytes: the body leaked into it", len(err.Error()))
			}
		})
	}
}

func TestErrors_WrongSecretCarriesTheCodes(t *testing.T) {
	c := newClient(t, respond(200, "application/json", `{"status":"error","code":30228,"errors":{"target":"secret","code":36205,"message":"Wrong secret"},"error_message":"Data validation error"}`))
	_, err := c.AccountsBalance(t.Context())
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	want := APIError{Endpoint: "accounts-balance", HTTPStatus: 200, Status: StatusError, Message: "Wrong secret", Code: 30228, Target: "secret", ErrorCode: 36205}
	if !reflect.DeepEqual(*apiErr, want) {
		t.Errorf("APIError = %+v, want %+v", *apiErr, want)
	}
}

func TestErrors_HTTP400IsSuspiciousOnlyOnActivateAndPossibleTransaction(t *testing.T) {
	// The document gives HTTP 400 the meaning "being checked by hand" on
	// these two endpoints only; elsewhere it is a plain refusal.
	suspiciousOn := map[string]bool{"transaction/activate": true, "possible-transaction": true}
	c := newClient(t, respond(400, "application/json", `{"status":"fail","message":"Check of deposit status started."}`))
	for _, ep := range endpoints {
		t.Run(ep.name, func(t *testing.T) {
			_, err := ep.call(t.Context(), c)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.Endpoint != ep.name {
				t.Fatalf("%s: err = %v, want an *APIError for %s", ep.path, err, ep.name)
			}
			if got, want := errors.Is(err, ErrSuspicious), suspiciousOn[ep.name]; got != want {
				t.Errorf("%s: errors.Is(err, ErrSuspicious) = %v, want %v", ep.path, got, want)
			}
		})
	}
}

func TestErrors_TimeoutIsUnavailableAndDeadlineExceeded(t *testing.T) {
	hang := func(release chan struct{}) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-release:
			}
		}
	}
	tests := []struct {
		name string
		opts []Option
		ctx  func(context.Context) (context.Context, context.CancelFunc)
	}{
		{"context deadline", nil, func(ctx context.Context) (context.Context, context.CancelFunc) {
			return context.WithTimeout(ctx, 50*time.Millisecond)
		}},
		{"client timeout", []Option{WithHTTPClient(&http.Client{Timeout: 50 * time.Millisecond})}, func(ctx context.Context) (context.Context, context.CancelFunc) {
			return context.WithCancel(ctx)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			release := make(chan struct{})
			c := newClient(t, hang(release), tt.opts...)
			t.Cleanup(func() { close(release) })
			ctx, cancel := tt.ctx(t.Context())
			defer cancel()
			_, err := c.PaymentSystems(ctx, PaymentSystemsRequest{CurrencyCodes: []string{"INR"}, Label: "55"})
			var unavail *UnavailableError
			if !errors.As(err, &unavail) || !errors.Is(err, ErrUnavailable) {
				t.Fatalf("err = %v, want *UnavailableError", err)
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("errors.Is(err, context.DeadlineExceeded) = false; err = %v", err)
			}
			if !strings.Contains(err.Error(), "payment-systems/available") {
				t.Errorf("err = %q does not name the endpoint", err)
			}
		})
	}
}

func TestErrors_ConnectionRefusedIsUnavailable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	c := New(srv.URL, testSecret)
	_, err := c.AccountsBalance(t.Context())
	var unavail *UnavailableError
	if !errors.As(err, &unavail) || unavail.HTTPStatus != 0 {
		t.Fatalf("err = %v, want *UnavailableError with no HTTP status", err)
	}
}

// roundTripFunc is an http.RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestErrors_NeverShowTheSecret(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	failing := func(err func(*http.Request) error) Option {
		return WithHTTPClient(&http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			return nil, err(r)
		})})
	}
	tests := []struct {
		name    string
		handler http.HandlerFunc
		opts    []Option
		wantIs  error
		urlErr  bool // a transport failure keeps its *url.Error, redacted
	}{
		{name: "failing transport", handler: respond(200, "", ""), wantIs: ErrUnavailable, urlErr: true,
			opts: []Option{failing(func(*http.Request) error { return errors.New("connection reset") })}},
		{name: "transport error quoting the URL", handler: respond(200, "", ""), wantIs: context.DeadlineExceeded, urlErr: true,
			opts: []Option{failing(func(r *http.Request) error {
				return fmt.Errorf("dial %s (secret %s): %w", r.URL, r.URL.Query().Get("secret"), context.DeadlineExceeded)
			})}},
		{name: "HTTP 500", handler: respond(500, "text/plain", "internal error for secret="+testSecret), wantIs: ErrUnavailable},
		{name: "fail message echoing the secret", wantIs: ErrNotFound,
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(404)
				fmt.Fprintf(w, `{"status":"fail","message":"unknown secret %s","x":1}`, r.URL.Query().Get("secret"))
			}},
		{name: "field errors echoing the secret", wantIs: nil,
			handler: func(w http.ResponseWriter, r *http.Request) {
				s, _ := json.Marshal(r.URL.Query().Get("secret"))
				fmt.Fprintf(w, `{"status":"fail","message":{%s:["bad value "]}}`, s)
			}},
		{name: "redirect to an unreachable URL carrying the secret", wantIs: ErrUnavailable, urlErr: true,
			handler: func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, closed.URL+"/x?"+r.URL.RawQuery, http.StatusFound)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, tt.handler, tt.opts...)
			_, err := c.AccountsBalance(t.Context())
			if err == nil {
				t.Fatal("no error")
			}
			assertNoSecret(t, err)
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("errors.Is(err, %v) = false; err = %v", tt.wantIs, err)
			}
			var ue *url.Error
			if errors.As(err, &ue) != tt.urlErr {
				t.Errorf("errors.As(err, *url.Error) = %v, want %v; err = %v", !tt.urlErr, tt.urlErr, err)
			}
			if ue != nil {
				if !strings.Contains(ue.URL, "secret="+redacted) {
					t.Errorf("url.Error URL = %q, want secret=%s", ue.URL, redacted)
				}
				assertNoSecret(t, ue)
			}
		})
	}
}

func assertNoSecret(t *testing.T, err error) {
	t.Helper()
	for _, shown := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
		if strings.Contains(shown, "SECRET-9f8e7d") || strings.Contains(shown, "KEY-51c0") {
			t.Errorf("error shows the secret: %s", shown)
		}
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		for k, msgs := range apiErr.Fields {
			if strings.Contains(k+strings.Join(msgs, ""), "SECRET-9f8e7d") {
				t.Errorf("APIError.Fields show the secret: %v", apiErr.Fields)
			}
		}
	}
}

func TestNew_DefaultHTTPClientBoundsEveryStage(t *testing.T) {
	c := New("https://api.example.com", testSecret)
	tr, ok := c.http.Transport.(*http.Transport)
	if c.http.Timeout != 15*time.Second || !ok {
		t.Fatalf("default client: timeout %v, transport %T", c.http.Timeout, c.http.Transport)
	}
	if tr.TLSHandshakeTimeout == 0 || tr.ResponseHeaderTimeout == 0 || tr.DialContext == nil {
		t.Errorf("transport leaves a stage unbounded: TLS %v, headers %v", tr.TLSHandshakeTimeout, tr.ResponseHeaderTimeout)
	}
}

func TestCreateTransaction_RefusesAWalletTypeThatLeavesThePath(t *testing.T) {
	calls := 0
	c := newClient(t, func(w http.ResponseWriter, r *http.Request) { calls++ })
	for _, wt := range []string{"", ".", ".."} {
		if _, err := c.CreateTransaction(t.Context(), wt, CreateTransactionRequest{Currency: "INR", Label: "55"}); err == nil {
			t.Errorf("CreateTransaction(%q) succeeded", wt)
		}
	}
	var got captured
	c = newClient(t, capture(&got, `{"status":"ok","params":{"identifier":"x"}}`))
	if _, err := c.CreateTransaction(t.Context(), "../accounts-balance", CreateTransactionRequest{}); err != nil {
		t.Fatal(err)
	}
	if got.rawPath != "/api/v1/transaction/create/..%2Faccounts-balance" || calls != 0 {
		t.Errorf("path = %q (calls %d), want the wallet type kept as one escaped segment", got.rawPath, calls)
	}
}

func TestWithTimeout_KeepsTheBoundedTransportAndLeavesTheCallersClientAlone(t *testing.T) {
	c := New("https://api.example", "s3cret", WithTimeout(3*time.Second))
	if c.http.Timeout != 3*time.Second {
		t.Fatalf("timeout = %v, want 3s", c.http.Timeout)
	}
	tr, ok := c.http.Transport.(*http.Transport)
	if !ok || tr.ResponseHeaderTimeout == 0 || tr.MaxIdleConnsPerHost < 16 {
		t.Fatalf("the default transport's limits and pool were lost: %#v", c.http.Transport)
	}
	mine := &http.Client{Timeout: time.Minute}
	New("https://api.example", "s3cret", WithHTTPClient(mine), WithTimeout(time.Second))
	if mine.Timeout != time.Minute {
		t.Fatalf("WithTimeout changed the caller's client: %v", mine.Timeout)
	}
}

func TestWithTimeout_EndsASlowCallAsUnavailable(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	c := New(srv.URL, "s3cret", WithTimeout(50*time.Millisecond))
	_, err := c.Mediahints(context.Background())
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("the secret leaked into %q", err)
	}
}
