package paykassma

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/shopspring/decimal"
)

// repairs lists, per testdata file, how it differs from the API document's
// example (JSON has no comments, so the record lives here). Every file in
// testdata/ must have an entry: TestTestdata_RepairsAreListed checks it.
var repairs = map[string]string{
	"available_ok.json":                     "payment-systems/available success: added the comma missing after \"status\": \"ok\".",
	"fail_message.json":                     "the 'Response Fail' shown for most endpoints: added the comma missing after \"status\": \"fail\".",
	"bkash_create_fail.json":                "bkash_api 'Response Fail': single quotes replaced by double quotes; added the missing comma.",
	"mediahints_success.json":               "wallet-type/images success: added the missing opening '{'.",
	"create_transaction_ok.json":            "transaction/create success: none.",
	"ok.json":                               "the bare {\"status\": \"ok\"} of activate, payment/create and v2/withdrawal/create: none.",
	"possible_transaction_success.json":     "possible-transaction success: none.",
	"possible_transaction_fail_fields.json": "possible-transaction fail with a field map: none.",
	"possible_transaction_created.json":     "possible_transaction_created: none.",
	"suspicious_400.json":                   "not an example in the document: the body of its HTTP 400 ('Check of deposit status started...') as the sandbox sends it.",
	"bkash_create_ok.json":                  "bkash_api success: the bkashUrl string, split over two quoted lines in the document, joined into one (no characters added).",
	"nagad_create_ok.json":                  "nagad_api success: payment_url was prose (\"callBackUrl\"/link to the Nagad payment page...); replaced by an example URL string.",
	"deposit_info_ok.json":                  "deposit-info success: none (shown outside a code block in the document).",
	"hash_url_ok.json":                      "payment-plugin/hash-url success: none.",
	"withdrawal_fail_balance.json":          "v2/withdrawal/create 'Insufficient balance': none.",
	"postback_deposit.json": "postback type=deposit: removed the trailing comma after \"NGN\"; the document closes stockpiling and postback " +
		"after NGN and continues the currency list in three broken blocks, then closes stockpiling before stockpiling_id: " +
		"joined into one postback object; kept a representative subset of the 160+ currencies (incl. BTC 74.54470339, " +
		"DOGE 16950326.08316667, VEF 1145543450116.04, Tzs, waves).",
	"postback_withdrawal.json":       "postback type=withdrawal: none.",
	"accounts_balance_ok.json":       "accounts-balance success: none.",
	"accounts_balance_error.json":    "accounts-balance fail (wrong secret): none.",
	"pullpostbacks_deposit.json":     "pullpostbacks type=deposit: removed the trailing comma after \"CAD\" in stockpiling.",
	"pullpostbacks_withdrawal.json":  "pullpostbacks type=withdrawal: none.",
	"pullpostbacks_fail_fields.json": "pullpostbacks fail: the message string, split over two lines in the document, joined with a space.",
}

func TestTestdata_RepairsAreListed(t *testing.T) {
	files, err := filepath.Glob("testdata/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		name := filepath.Base(f)
		seen[name] = true
		if repairs[name] == "" {
			t.Errorf("%s: no entry in repairs", name)
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(b) {
			t.Errorf("%s is not valid JSON", name)
		}
	}
	for name := range repairs {
		if !seen[name] {
			t.Errorf("repairs lists %s, which is not in testdata/", name)
		}
	}
}

// serveFile answers requests to path (with the right secret) with the file,
// and 404 anything else, so a wrong path fails the test as ErrNotFound.
func serveFile(t *testing.T, path, file string, code int) *Client {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	return newClient(t, func(w http.ResponseWriter, r *http.Request) {
		signed := path == "/v2/withdrawal/create"
		if r.URL.Path != path || (!signed && r.URL.Query().Get("secret") != testSecret) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		w.Write(body)
	})
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestDecode_PaymentSystems(t *testing.T) {
	c := serveFile(t, "/api/v1/payment-systems/available", "available_ok.json", 200)
	got, err := c.PaymentSystems(t.Context(), PaymentSystemsRequest{CurrencyCodes: []string{"USD", "INR"}, Label: "55"})
	if err != nil {
		t.Fatal(err)
	}
	want := &PaymentSystems{
		Currencies: []Currency{{"USD", "$"}, {"INR", "INR"}},
		Wallets: []Wallet{
			{Type: "staging_b_ml", CurrencyCode: "INR", Order: 6, Logo: "https://api.staging.client-paykassma.com/storage/payment_system/logos/staging_b_ml.png", Name: "staging B ml", IsManual: true, UploadingPaymentBill: true},
			{Type: "nagad", CurrencyCode: "USD", Order: 17, Logo: "https://api.staging.client-paykassma.com/storage/payment_system/logos/nagad_default.svg", Name: "Nagad"},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestDecode_MediahintsByTypeAndFamily(t *testing.T) {
	c := serveFile(t, "/wallet-type/images/", "mediahints_success.json", 200)
	hints, err := c.Mediahints(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(hints) != 3 {
		t.Errorf("%d hints, want 3", len(hints))
	}
	tests := []struct {
		walletType string
		want       Mediahint
		ok         bool
	}{
		{"paytm", Mediahint{500, "https://api.staging.client-paykassma.com/storage/guide-image/Ghjkfre22.gif"}, true},
		{"upi_l", Mediahint{506, "https://api.staging.client-paykassma.com/storage/guide-image/upi_in.mp4"}, true},
		{"imps", Mediahint{486, "https://api.staging.client-paykassma.com/storage/guide-image/bkash.mp4"}, true},
		{"staging_b_ml", Mediahint{}, false},
	}
	for _, tt := range tests {
		if got, ok := hints.For(tt.walletType); got != tt.want || ok != tt.ok {
			t.Errorf("For(%q) = %+v, %v; want %+v, %v", tt.walletType, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDecode_CreateTransactionGivesTheIdentifier(t *testing.T) {
	c := serveFile(t, "/api/v1/transaction/create/paytm", "create_transaction_ok.json", 200)
	got, err := c.CreateTransaction(t.Context(), "paytm", CreateTransactionRequest{Currency: "INR", Label: "eligendi"})
	if err != nil || got.Identifier != "6234234234" {
		t.Errorf("got %+v, %v; want identifier 6234234234", got, err)
	}
}

func TestDecode_ActivationOutcomes(t *testing.T) {
	activate := func(ctx context.Context, c *Client) (Activation, error) {
		return c.Activate(ctx, ActivateRequest{CurrencyCode: "USD", WalletType: "paytm", Label: "55", Key1: "123-ABC-456-DEF", CustomTransactionID: "123465477897"})
	}
	possible := func(ctx context.Context, c *Client) (Activation, error) {
		return c.PossibleTransaction(ctx, PossibleTransactionRequest{CurrencyCode: "INR", WalletType: "staging_b_ml", Label: "55", Key1: "123456789", Amount: MustAmount("500"), CustomID: "c1"})
	}
	tests := []struct {
		name, path, file string
		call             func(context.Context, *Client) (Activation, error)
		want             Activation
	}{
		{"activate ok", "/api/v1/transaction/activate", "ok.json", activate, Activated},
		{"activate possible_transaction_created", "/api/v1/transaction/activate", "possible_transaction_created.json", activate, PossibleTransactionCreated},
		{"possible-transaction success", "/api/v1/possible-transaction", "possible_transaction_success.json", possible, Activated},
		{"possible-transaction possible_transaction_created", "/api/v1/possible-transaction", "possible_transaction_created.json", possible, PossibleTransactionCreated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.call(t.Context(), serveFile(t, tt.path, tt.file, 200))
			if err != nil || got != tt.want {
				t.Errorf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestDecode_SuspiciousIsErrSuspiciousWithTheMessage(t *testing.T) {
	for _, ep := range endpoints[3:5] { // activate, possible-transaction
		t.Run(ep.name, func(t *testing.T) {
			_, err := ep.call(t.Context(), serveFile(t, ep.path, "suspicious_400.json", 400))
			var apiErr *APIError
			if !errors.Is(err, ErrSuspicious) || !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want ErrSuspicious", err)
			}
			if want := "Check of deposit status started. The operation may take longer than expected. Once checked the funds will credit to your account"; apiErr.Message != want {
				t.Errorf("Message = %q", apiErr.Message)
			}
		})
	}
}

func TestDecode_FieldErrors(t *testing.T) {
	tests := []struct {
		file string
		ep   endpoint
		want map[string][]string
	}{
		{"possible_transaction_fail_fields.json", endpoints[4], map[string][]string{"key1": {"Transaction field has wrong length"}}},
		{"withdrawal_fail_balance.json", endpoints[10], map[string][]string{"withdrawals_sum_amount": {"Insufficient balance"}}},
		{"pullpostbacks_fail_fields.json", endpoints[14], map[string][]string{"plugin_custom_order_id": {"The plugin custom order id field is required when type is deposit."}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := tt.ep.call(t.Context(), serveFile(t, tt.ep.path, tt.file, 200))
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want *APIError", err)
			}
			if apiErr.Status != StatusFail || apiErr.Message != "" || !reflect.DeepEqual(apiErr.Fields, tt.want) {
				t.Errorf("APIError = %+v, want status fail and fields %v", apiErr, tt.want)
			}
		})
	}
}

func TestDecode_FailMessageOnEveryEndpoint(t *testing.T) {
	for _, ep := range endpoints {
		for _, file := range []string{"fail_message.json", "bkash_create_fail.json"} {
			_, err := ep.call(t.Context(), serveFile(t, ep.path, file, 200))
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Errorf("%s %s: err = %v, want *APIError", ep.path, file, err)
				continue
			}
			if apiErr.Message != "MESSAGE" || apiErr.Status != StatusFail || apiErr.HTTPStatus != 200 || apiErr.Endpoint != ep.name {
				t.Errorf("%s %s: APIError = %+v", ep.path, file, apiErr)
			}
		}
	}
}

func TestDecode_BkashPayment(t *testing.T) {
	c := serveFile(t, "/api/v1/payment/create/bkash_api", "bkash_create_ok.json", 200)
	got, err := c.CreateBkashPayment(t.Context(), BkashPaymentRequest{Amount: MustAmount("1"), Currency: "BDT"})
	if err != nil {
		t.Fatal(err)
	}
	want := &RedirectPayment{
		OrderID: "lcb4627a420a6e69",
		URL:     "https://sandbox.payment.bkash.com/redirect/tokenized/?paymentID=TR00114E1661778153815&hash=dcRq9geuCtjkN6rFpaGxdLAMrmyxIxL*kEN-p41SL2M!xXy9m2OTUTLwlAGMVWDKyE8xkOHj_N_AHaTxNGT*V2LxyC5y4zpUsG1661778154005&mode=0011&apiVersion=v1.2.0-beta",
		Message: "Successful",
	}
	if *got != *want {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestDecode_NagadPayment(t *testing.T) {
	c := serveFile(t, "/api/v1/payment/create/nagad_api", "nagad_create_ok.json", 200)
	got, err := c.CreateNagadPayment(t.Context(), NagadPaymentRequest{Amount: MustAmount("100"), Currency: "BDT"})
	if err != nil {
		t.Fatal(err)
	}
	if got.URL != "https://sandbox.mynagad.com/check-out/MDkyOTEzNTkwNDM2Ny42ODMwMDIwMDcwMDAwMDAuY3VzdG9tX3RyYW5zYWN0aW9uXzEuOWE0ZmU4" || got.OrderID != "" {
		t.Errorf("got %+v", got)
	}
}

func TestDecode_DepositInfo(t *testing.T) {
	c := serveFile(t, "/api/v1/deposit-info", "deposit_info_ok.json", 200)
	got, err := c.DepositInfo(t.Context(), DepositInfoRequest{Label: "55", WalletType: "paytm", Currency: "UDS"})
	if err != nil {
		t.Fatal(err)
	}
	if !got.StockpilingSum.IsZero() || !got.LacksSum.IsZero() || !got.MinimumDeposit.Equal(dec("148")) {
		t.Errorf("got %+v, want 0, 0, 148", got)
	}
}

func TestDecode_HashedURLs(t *testing.T) {
	c := serveFile(t, "/payment-plugin/hash-url", "hash_url_ok.json", 200)
	got, err := c.HashURLs(t.Context(), HashURLsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Success) != 2 || len(got.Fail) != 2 || len(got.Pending) != 2 {
		t.Fatalf("got %+v, want two of each", got)
	}
	if got.Success[0] != (OrderedURL{1, "a93558ba9e4f04eef3b1f759ae4281305776559ce86ae2af5f6e6498d84b99be"}) ||
		got.Pending[1] != (OrderedURL{2, "e72ed31e2f3814563a3bc446f6a59f43c946c3a4339c7b2f5c29d12e8066b37f"}) {
		t.Errorf("got %+v", got)
	}
}

func TestDecode_WithdrawalAccepted(t *testing.T) {
	c := serveFile(t, "/v2/withdrawal/create", "ok.json", 200)
	if err := c.CreateWithdrawal(t.Context(), WithdrawalRequest{PaymentSystem: "paytm", Amount: 1000, CurrencyCode: "INR", Label: "55"}); err != nil {
		t.Errorf("CreateWithdrawal: %v", err)
	}
}

func TestDecode_DepositPostbackIsExact(t *testing.T) {
	c := serveFile(t, "/api/v1/postback", "postback_deposit.json", 200)
	got, err := c.DepositPostback(t.Context(), DepositPostbackQuery{TransactionID: "453535345"})
	if err != nil {
		t.Fatal(err)
	}
	if got.TransactionID != "453535345" || got.Label != "435" || got.StockpilingID != 1585 {
		t.Errorf("got %+v", got)
	}
	for cur, want := range map[string]string{
		"BTC": "74.54470339", "DOGE": "16950326.08316667", "VEF": "1145543450116.04",
		"Tzs": "10616972907.89", "waves": "172375.10682464", "INR": "345345345", "CHF": "4208184.5",
	} {
		if v, ok := got.Stockpiling[cur]; !ok || v.String() != want {
			t.Errorf("stockpiling[%s] = %v (present %v), want exactly %s", cur, v, ok, want)
		}
	}
	if len(got.Stockpiling) != 18 {
		t.Errorf("%d currencies, want 18", len(got.Stockpiling))
	}
	if len(got.Transactions) != 1 {
		t.Fatalf("%d transactions, want 1", len(got.Transactions))
	}
	tx := got.Transactions[0]
	if !tx.Amount.Equal(dec("345345345")) || tx.WalletType != "phone_pe" || tx.From != nil || tx.CustomID != nil ||
		tx.ActivatedDatetime != "2021-11-01 14:16:51" || tx.TransactionType != 0 {
		t.Errorf("transaction = %+v", tx)
	}
}

func TestDecode_WithdrawalPostback(t *testing.T) {
	c := serveFile(t, "/api/v1/postback", "postback_withdrawal.json", 200)
	got, err := c.WithdrawalPostback(t.Context(), "2298635")
	if err != nil {
		t.Fatal(err)
	}
	if got.WithdrawalID != "2298635" || got.Status != WithdrawalProcessed || !got.Amount.Equal(dec("500")) ||
		got.AccountEmail != nil || got.AccountName != "5645646" {
		t.Errorf("got %+v", got)
	}
	if p, ok := got.PaymentsDetails["payments_provider"]; !ok || p != nil {
		t.Errorf("payments_details = %v, want payments_provider null", got.PaymentsDetails)
	}
	if len(got.BankDetails) != 2 {
		t.Errorf("bank_details = %v", got.BankDetails)
	}
}

func TestDecode_AccountsBalanceIsExact(t *testing.T) {
	c := serveFile(t, "/api/v1/accounts-balance", "accounts_balance_ok.json", 200)
	got, err := c.AccountsBalance(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ wallet, cur, amount string }{
		{"paytm", "IDR", "-324324"}, {"paytm", "USD", "-10800"}, {"bkash", "VND", "155"},
		{"bkash", "BRL", "187239.195"}, {"bkash", "EUR", "23.9375"}, {"nagad", "CUC", "471"}, {"upi_ib", "SAR", "499"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d balances, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].WalletType != w.wallet || got[i].CurrencyCode != w.cur || !got[i].Amount.Equal(dec(w.amount)) {
			t.Errorf("balance %d = %+v, want %v", i, got[i], w)
		}
	}
	if s := got[3].Amount.String(); s != "187239.195" {
		t.Errorf("BRL = %s, want exactly 187239.195", s)
	}
}

func TestDecode_AccountsBalanceWrongSecret(t *testing.T) {
	c := serveFile(t, "/api/v1/accounts-balance", "accounts_balance_error.json", 200)
	_, err := c.AccountsBalance(t.Context())
	var apiErr *APIError
	if !errors.Is(err, ErrWrongSecret) || !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want ErrWrongSecret", err)
	}
	if apiErr.Code != 30228 || apiErr.ErrorCode != 36205 || apiErr.Target != "secret" || apiErr.Message != "Wrong secret" {
		t.Errorf("APIError = %+v", apiErr)
	}
}

func TestDecode_DepositStatuses(t *testing.T) {
	c := serveFile(t, "/api/v1/pullpostbacks", "pullpostbacks_deposit.json", 200)
	got, err := c.DepositStatuses(t.Context(), []string{"autotest51191116971521", "autotest51191472141726"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d statuses, want 2", len(got))
	}
	if got[0].PluginCustomOrderID != "autotest51191116971521" || got[0].Message != "Postback not found" || got[0].Postback != nil {
		t.Errorf("not found = %+v", got[0])
	}
	pb := got[1].Postback
	if pb == nil || got[1].PluginCustomOrderID != "autotest51191472141726" {
		t.Fatalf("found = %+v", got[1])
	}
	if pb.StockpilingID != 269866 || len(pb.Stockpiling) != 11 || pb.Stockpiling["USD"].String() != "3.6" || pb.Stockpiling["IDR"].String() != "55405.29" {
		t.Errorf("postback = %+v", pb)
	}
	if len(pb.Transactions) != 1 || !pb.Transactions[0].Amount.Equal(dec("300")) || pb.Transactions[0].CustomID == nil ||
		*pb.Transactions[0].CustomID != "autotest51191472141726" || *pb.Transactions[0].From != "autotest51190375323527" {
		t.Errorf("transactions = %+v", pb.Transactions)
	}
}

func TestDecode_WithdrawalStatuses(t *testing.T) {
	c := serveFile(t, "/api/v1/pullpostbacks", "pullpostbacks_withdrawal.json", 200)
	got, err := c.WithdrawalStatuses(t.Context(), []string{"autotest51180853781767"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Postback == nil {
		t.Fatalf("got %+v", got)
	}
	pb := got[0].Postback
	if got[0].WithdrawalID != "autotest51180853781767" || pb.Status != WithdrawalProcessed || !pb.Amount.Equal(dec("330")) ||
		pb.PaymentSystem != "upi_idb" || pb.AccountEmail == nil || *pb.AccountEmail != "" {
		t.Errorf("postback = %+v", pb)
	}
}

// PHP encodes an empty map as [], and a few answers carry numbers where the
// document shows strings; none of that should cost the depositor an answer.
func TestDecode_ToleratesPHPShapes(t *testing.T) {
	tests := []struct {
		name, body string
		ep         endpoint
		check      func(t *testing.T, v any)
	}{
		{"empty mediahints as []", `{"status":"success","data":[]}`, endpoints[1], func(t *testing.T, v any) {
			if h := v.(Mediahints); h == nil || len(h) != 0 {
				t.Errorf("hints = %#v, want empty", h)
			}
		}},
		{"numeric identifier", `{"status":"ok","params":{"identifier":9876543210}}`, endpoints[2], func(t *testing.T, v any) {
			if id := v.(*Transaction).Identifier; id != "9876543210" {
				t.Errorf("identifier = %q", id)
			}
		}},
		{"empty stockpiling and unknown fields", `{"status":"ok","new_field":{"x":[1,2]},"postback":{"transaction_id":"1","stockpiling":[],"extra":true}}`, endpoints[11], func(t *testing.T, v any) {
			if p := v.(*DepositPostback); p.TransactionID != "1" || len(p.Stockpiling) != 0 {
				t.Errorf("postback = %+v", p)
			}
		}},
		{"a label that reads like a huge number", `{"status":"ok","postback":{"transaction_id":"1","label":"5e100000"}}`, endpoints[11], func(t *testing.T, v any) {
			if p := v.(*DepositPostback); p.Label != "5e100000" {
				t.Errorf("postback = %+v", p)
			}
		}},
		{"empty payments_details", `{"status":"ok","postback":{"withdrawal_id":"w","payments_details":[],"bank_details":{"bank_code":"X"}}}`, endpoints[12], func(t *testing.T, v any) {
			if p := v.(*WithdrawalPostback); len(p.PaymentsDetails) != 0 || *p.BankDetails["bank_code"] != "X" {
				t.Errorf("postback = %+v", p)
			}
		}},
		{"empty data as []", `{"status":"success","data":[]}`, endpoints[13], func(t *testing.T, v any) {
			if b := v.([]Balance); b == nil || len(b) != 0 {
				t.Errorf("balances = %#v, want empty", b)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, respond(200, "application/json", tt.body))
			v, err := tt.ep.call(t.Context(), c)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, v)
		})
	}
}

func TestDecode_RefusesWhatTheEndpointDoesNotPromise(t *testing.T) {
	tests := []struct {
		name, body string
		ep         endpoint
	}{
		{"bKash without a URL", `{"status":"ok","data":{"orderId":"o"}}`, endpoints[6]},
		{"Nagad without payment_url", `{"status":"ok"}`, endpoints[7]},
		{"bKash sending the person to a script", `{"status":"ok","data":{"orderId":"o","bkashUrl":"javascript:alert(1)"}}`, endpoints[6]},
		{"Nagad sending the person to another scheme", `{"status":"ok","payment_url":"intent://pay#Intent;end"}`, endpoints[7]},
		{"Nagad sending the person to a host-less URL", `{"status":"ok","payment_url":"https:///pay"}`, endpoints[7]},
		{"Nagad sending the person to a protocol-relative URL", `{"status":"ok","payment_url":"//evil.example/pay"}`, endpoints[7]},
		{"create without an identifier", `{"status":"ok","params":{}}`, endpoints[2]},
		{"available without params", `{"status":"ok"}`, endpoints[0]},
		{"possible_transaction_created where it means nothing", `{"status":"possible_transaction_created"}`, endpoints[5]},
		{"a money amount that is not a number", `{"status":"success","data":{"balances":[{"amount":"lots"}]}}`, endpoints[13]},
		{"a number no one could print", `{"status":"success","data":{"balances":[{"amount":1e2000000000}]}}`, endpoints[13]},
		{"a quoted number no one could print", `{"status":"ok","postback":{"stockpiling":{"BTC":"1e-200000000"}}}`, endpoints[11]},
		{"a tiny amount in a status list", `{"status":"success","data":{"transactions":[{"postback":{"transactions":[{"amount":1e-99}]}}]}}`, endpoints[14]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, respond(200, "application/json", tt.body))
			_, err := tt.ep.call(t.Context(), c)
			if !errors.Is(err, ErrUnavailable) {
				t.Errorf("err = %v, want ErrUnavailable", err)
			}
		})
	}
}
