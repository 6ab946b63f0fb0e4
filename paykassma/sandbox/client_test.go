package sandbox_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/paykassma/checkout/paykassma"
	"github.com/shopspring/decimal"
)

// The real client against the sandbox, over a socket and in memory.

func clientFor(tg target, secret string) *paykassma.Client {
	return paykassma.New(tg.base, secret, paykassma.WithHTTPClient(tg.http), paykassma.WithPrivateKey("test-key"))
}

func forEachClient(t *testing.T, f func(t *testing.T, tg target, c *paykassma.Client)) {
	forEach(t, func(t *testing.T, tg target) { f(t, tg, clientFor(tg, secret)) })
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func amt(s string) *paykassma.Amount {
	a := paykassma.MustAmount(s)
	return &a
}

func fieldErr(err error, field string) []string {
	var apiErr *paykassma.APIError
	if !errors.As(err, &apiErr) {
		return nil
	}
	return apiErr.Fields[field]
}

func TestClientPaymentSystems_APIOrderAndFields(t *testing.T) {
	forEachClient(t, func(t *testing.T, tg target, c *paykassma.Client) {
		ps, err := c.PaymentSystems(context.Background(), paykassma.PaymentSystemsRequest{CurrencyCodes: []string{"INR", "BDT"}, Label: "user-1"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, w := range ps.Wallets {
			got = append(got, w.Type)
		}
		want := []string{"paytm", "upi_l", "upi_ib", "phone_pe", "imps", "staging_b_ml", "bkash", "nagad", "bkash_api", "nagad_api", "upi_m"}
		if !slices.Equal(got, want) {
			t.Errorf("types %v, want %v", got, want)
		}
		manual := ps.Wallets[5]
		if manual != (paykassma.Wallet{Type: "staging_b_ml", CurrencyCode: "INR", Order: 6, Logo: tg.base + "/sandbox-assets/logo/staging_b_ml.svg",
			Name: "Bank transfer (manual)", IsManual: true, UploadingPaymentBill: true}) {
			t.Errorf("manual PS %+v", manual)
		}
		if len(ps.Currencies) != 2 {
			t.Errorf("currencies %+v", ps.Currencies)
		}
	})
}

func TestClientMediahints_FamilyLookup(t *testing.T) {
	forEachClient(t, func(t *testing.T, tg target, c *paykassma.Client) {
		hints, err := c.Mediahints(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if h, ok := hints.For("upi_l"); !ok || h.URL != tg.base+"/sandbox-assets/hint/upi.mp4" {
			t.Errorf(`For("upi_l") = %+v, %v; want the "upi" guide`, h, ok)
		}
		if h, ok := hints.For("phone_pe"); !ok || !strings.HasSuffix(h.URL, "/phone_pe.gif") {
			t.Errorf(`For("phone_pe") = %+v, %v`, h, ok)
		}
		if _, ok := hints.For("staging_b_ml"); ok {
			t.Error("the manual PS has a guide; the checkout's no-guide path goes untested")
		}
	})
}

func TestClientCreateTransaction_IdentifierPerType(t *testing.T) {
	cases := []struct {
		walletType, currency string
		pattern              *regexp.Regexp
	}{
		{"paytm", "INR", regexp.MustCompile(`^9[0-9]{9}$`)},
		{"upi_l", "INR", regexp.MustCompile(`^checkout[0-9]+@okaxis$`)},
		{"phone_pe", "INR", regexp.MustCompile(`@ybl$`)},
		{"imps", "INR", regexp.MustCompile(`^[0-9]{14} \(HDFC0001234\)$`)},
		{"bkash", "BDT", regexp.MustCompile(`^01[0-9]{9}$`)},
		{"nagad", "BDT", regexp.MustCompile(`^01[0-9]{9}$`)},
	}
	forEachClient(t, func(t *testing.T, tg target, c *paykassma.Client) {
		for _, k := range cases {
			req := paykassma.CreateTransactionRequest{Currency: k.currency, Label: "user-1"}
			a, err := c.CreateTransaction(context.Background(), k.walletType, req)
			if err != nil {
				t.Fatalf("%s: %v", k.walletType, err)
			}
			b, err := c.CreateTransaction(context.Background(), k.walletType, req)
			if err != nil {
				t.Fatal(err)
			}
			if !k.pattern.MatchString(a.Identifier) || a.Identifier == b.Identifier {
				t.Errorf("%s: identifiers %q, %q", k.walletType, a.Identifier, b.Identifier)
			}
			if n := tg.s.Creates("user-1", k.walletType); n != 2 {
				t.Errorf("%s: Creates = %d, want 2", k.walletType, n)
			}
		}
		_, err := c.CreateTransaction(context.Background(), "bkash_api", paykassma.CreateTransactionRequest{Currency: "BDT", Label: "u"})
		var apiErr *paykassma.APIError
		if !errors.As(err, &apiErr) || apiErr.Message == "" {
			t.Errorf("create for a redirect PS: %v", err)
		}
	})
}

func TestClientActivate_Triggers(t *testing.T) {
	req := func(walletType, key1, customID string) paykassma.ActivateRequest {
		return paykassma.ActivateRequest{CurrencyCode: "INR", WalletType: walletType, Label: "user-1", Key1: key1, CustomTransactionID: customID}
	}
	cases := []struct {
		name    string
		before  []paykassma.ActivateRequest
		req     paykassma.ActivateRequest
		want    paykassma.Activation
		wantErr func(error) bool
	}{
		{name: "accepted", req: req("paytm", "1234567890", "c1"), want: paykassma.Activated},
		{name: "upi_l with amount", req: func() paykassma.ActivateRequest {
			r := req("upi_l", "1234567890", "c1")
			r.Amount = amt("350.00")
			return r
		}(), want: paykassma.Activated},
		{name: "possible", req: req("paytm", "1234567000", "c1"), want: paykassma.PossibleTransactionCreated},
		{name: "suspicious", req: req("paytm", "1234567400", "c1"),
			wantErr: func(err error) bool { return errors.Is(err, paykassma.ErrSuspicious) }},
		{name: "not found", req: req("paytm", "1234567999", "c1"), wantErr: func(err error) bool {
			var e *paykassma.APIError
			return errors.As(err, &e) && e.Message == "Transaction not found" && !errors.Is(err, paykassma.ErrSuspicious)
		}},
		{name: "wrong length", req: req("paytm", "123", "c1"),
			wantErr: func(err error) bool {
				return slices.Equal(fieldErr(err, "key1"), []string{"Transaction field has wrong length"})
			}},
		{name: "missing key1", req: req("paytm", "", "c1"),
			wantErr: func(err error) bool {
				return slices.Equal(fieldErr(err, "key1"), []string{"The key1 field is required."})
			}},
		{name: "amount required for upi_l", req: req("upi_l", "1234567890", "c1"),
			wantErr: func(err error) bool {
				return slices.Equal(fieldErr(err, "amount"), []string{"The amount field is required."})
			}},
		{name: "duplicate custom id", before: []paykassma.ActivateRequest{req("paytm", "1111111111", "c1")}, req: req("paytm", "2222222222", "c1"),
			wantErr: func(err error) bool {
				return slices.Equal(fieldErr(err, "custom_transaction_id"), []string{"The custom transaction id has already been taken."})
			}},
		{name: "already activated", before: []paykassma.ActivateRequest{req("paytm", "1234567890", "c0")}, req: req("paytm", "1234567890", "c1"),
			wantErr: func(err error) bool {
				return slices.Equal(fieldErr(err, "key1"), []string{"This transaction has already been activated."})
			}},
	}
	for _, k := range cases {
		t.Run(k.name, func(t *testing.T) {
			forEachClient(t, func(t *testing.T, tg target, c *paykassma.Client) {
				for _, b := range k.before {
					if _, err := c.Activate(context.Background(), b); err != nil {
						t.Fatal(err)
					}
				}
				got, err := c.Activate(context.Background(), k.req)
				switch {
				case k.wantErr != nil && (err == nil || !k.wantErr(err)):
					t.Errorf("err = %v", err)
				case k.wantErr == nil && (err != nil || got != k.want):
					t.Errorf("outcome %v, err %v; want %v", got, err, k.want)
				}
			})
		})
	}
}

func TestClientPossibleTransaction_WithScreenshot(t *testing.T) {
	forEachClient(t, func(t *testing.T, tg target, c *paykassma.Client) {
		req := paykassma.PossibleTransactionRequest{CurrencyCode: "INR", WalletType: "staging_b_ml", Label: "user-1",
			Key1: "UTR123456789", Amount: paykassma.MustAmount("750.00"), CustomID: "m1",
			Screenshot: &paykassma.File{Name: "receipt.png", ContentType: "image/png", Data: pngBytes(t)}}
		if got, err := c.PossibleTransaction(context.Background(), req); err != nil || got != paykassma.Activated {
			t.Fatalf("outcome %v, err %v", got, err)
		}
		// 750 reaches the manual PS's minimum of 500: credited at once.
		pb, err := c.DepositPostback(context.Background(), paykassma.DepositPostbackQuery{CustomID: "m1"})
		if err != nil || !pb.Stockpiling["INR"].Equal(dec("750")) {
			t.Errorf("postback %+v, err %v", pb, err)
		}

		req.CustomID, req.Key1 = "m2", "UTR123456788"
		req.Screenshot = &paykassma.File{Name: "receipt.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4")}
		if _, err := c.PossibleTransaction(context.Background(), req); !slices.Equal(fieldErr(err, "screenshot"), []string{"The screenshot must be an image."}) {
			t.Errorf("a PDF screenshot: %v", err)
		}
		req.Screenshot = nil
		req.Key1 = "UTR123456000"
		if got, err := c.PossibleTransaction(context.Background(), req); err != nil || got != paykassma.PossibleTransactionCreated {
			t.Errorf("possible: %v, %v", got, err)
		}
	})
}

func TestClientCreatePayment_Generic(t *testing.T) {
	forEachClient(t, func(t *testing.T, tg target, c *paykassma.Client) {
		req := paykassma.CreatePaymentRequest{Language: "en", Currency: "USD", Bank: "MBB", Amount: paykassma.MustAmount("1000.00"),
			Label: "55", RedirectURL: "https://google.com", CustomTransactionID: "123465477897"}
		if err := c.CreatePayment(context.Background(), "mbb_p2p", req); err != nil {
			t.Fatal(err)
		}
		if err := c.CreatePayment(context.Background(), "mbb_p2p", req); fieldErr(err, "custom_transaction_id") == nil {
			t.Errorf("a reused custom id: %v", err)
		}
		req.CustomTransactionID, req.Language = "other", "eng"
		if err := c.CreatePayment(context.Background(), "mbb_p2p", req); fieldErr(err, "language") == nil {
			t.Errorf("a 3-letter language: %v", err)
		}
	})
}

// wallet posts an action to a hosted wallet page, as the browser's form does.
func wallet(t *testing.T, tg target, pageURL, action string) *http.Response {
	t.Helper()
	res, err := tg.http.PostForm(pageURL, url.Values{"action": {action}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

func TestClientRedirectPayments_DriveTheWalletPage(t *testing.T) {
	type create func(c *paykassma.Client, customID string) (*paykassma.RedirectPayment, error)
	bkash := func(c *paykassma.Client, customID string) (*paykassma.RedirectPayment, error) {
		return c.CreateBkashPayment(context.Background(), paykassma.BkashPaymentRequest{Amount: paykassma.MustAmount("500.00"),
			AccountNumber: "01770618575", Currency: "BDT", Label: "user-1", CustomTransactionID: customID,
			SuccessURL: successURL, FailureURL: failURL, CancelURL: cancelURL})
	}
	nagad := func(c *paykassma.Client, customID string) (*paykassma.RedirectPayment, error) {
		return c.CreateNagadPayment(context.Background(), paykassma.NagadPaymentRequest{Amount: paykassma.MustAmount("500.00"),
			Currency: "BDT", Label: "user-1", CustomTransactionID: customID, SuccessURL: successURL, FailURL: failURL, CancelURL: cancelURL})
	}
	cases := []struct {
		name         string
		create       create
		action, want string
		credited     bool
	}{
		{"bkash pay", bkash, "pay", successURL, true},
		{"bkash fail", bkash, "fail", failURL, false},
		{"bkash cancel", bkash, "cancel", cancelURL, false},
		{"nagad pay", nagad, "pay", successURL, true},
		{"nagad fail", nagad, "fail", failURL, false},
		{"nagad cancel", nagad, "cancel", cancelURL, false},
	}
	for _, k := range cases {
		t.Run(k.name, func(t *testing.T) {
			forEachClient(t, func(t *testing.T, tg target, c *paykassma.Client) {
				p, err := k.create(c, "r1")
				if err != nil {
					t.Fatal(err)
				}
				if strings.HasPrefix(k.name, "bkash") != (p.OrderID != "") {
					t.Errorf("OrderID %q", p.OrderID)
				}
				res := wallet(t, tg, p.URL, k.action)
				if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != k.want {
					t.Fatalf("HTTP %d to %q, want 303 to %s", res.StatusCode, res.Header.Get("Location"), k.want)
				}
				if again := wallet(t, tg, p.URL, "pay"); again.StatusCode != http.StatusConflict {
					t.Errorf("second POST: HTTP %d, want 409", again.StatusCode)
				}
				statuses, err := c.DepositStatuses(context.Background(), []string{"r1"})
				if err != nil || len(statuses) != 1 {
					t.Fatalf("statuses %+v, err %v", statuses, err)
				}
				pb := statuses[0].Postback
				if (pb != nil) != k.credited {
					t.Fatalf("credited = %v, want %v (%+v)", pb != nil, k.credited, statuses[0])
				}
				if pb != nil && (len(pb.Transactions) != 1 || !pb.Transactions[0].Amount.Equal(dec("500"))) {
					t.Errorf("paid twice or wrongly: %+v", pb.Transactions)
				}
				if _, err := k.create(c, "r1"); fieldErr(err, "custom_transaction_id") == nil {
					t.Errorf("a reused custom id: %v", err)
				}
			})
		})
	}
}

func TestClientDepositInfo_SavingsThenCredit(t *testing.T) {
	forEachClient(t, func(t *testing.T, tg target, c *paykassma.Client) {
		ctx := context.Background()
		info := paykassma.DepositInfoRequest{Label: "user-1", WalletType: "bkash", Currency: "BDT"}
		activate := func(key1, customID string) {
			t.Helper()
			if _, err := c.Activate(ctx, paykassma.ActivateRequest{CurrencyCode: "BDT", WalletType: "bkash", Label: "user-1", Key1: key1, CustomTransactionID: customID}); err != nil {
				t.Fatal(err)
			}
		}
		activate("BK00001150", "s1") // 150, below bKash's 200
		got, err := c.DepositInfo(ctx, info)
		if err != nil || !got.StockpilingSum.Equal(dec("150")) || !got.LacksSum.Equal(dec("50")) || !got.MinimumDeposit.Equal(dec("200")) {
			t.Fatalf("after one small payment: %+v, %v", got, err)
		}
		if st, _ := c.DepositStatuses(ctx, []string{"s1"}); len(st) != 1 || st[0].Postback != nil || st[0].Message == "" {
			t.Errorf("credited below the minimum: %+v", st)
		}
		activate("BK00002150", "s2")
		got, err = c.DepositInfo(ctx, info)
		if err != nil || !got.StockpilingSum.IsZero() || !got.LacksSum.IsZero() {
			t.Errorf("after reaching the minimum: %+v, %v", got, err)
		}
		st, err := c.DepositStatuses(ctx, []string{"s1", "s2"})
		if err != nil || len(st) != 2 || st[0].Postback == nil || st[1].Postback == nil {
			t.Fatalf("statuses %+v, %v", st, err)
		}
		pb := st[1].Postback
		if len(pb.Transactions) != 2 || !pb.Stockpiling["BDT"].Equal(dec("300")) || *pb.Transactions[0].CustomID != "s1" {
			t.Errorf("credit %+v", pb)
		}

		manual, err := c.DepositInfo(ctx, paykassma.DepositInfoRequest{Label: "user-1", WalletType: "staging_b_ml", Currency: "INR", Manual: true})
		if err != nil || !manual.MinimumDeposit.Equal(dec("500")) {
			t.Errorf("manual: %+v, %v", manual, err)
		}
		_, err = c.DepositInfo(ctx, paykassma.DepositInfoRequest{Label: "user-1", WalletType: "staging_b_ml", Currency: "INR"})
		var apiErr *paykassma.APIError
		if !errors.As(err, &apiErr) || apiErr.Message != "Use wallet_type=manual" {
			t.Errorf("manual PS without Manual: %v", err)
		}
	})
}

func TestClientHashURLs_SortedHashes(t *testing.T) {
	forEachClient(t, func(t *testing.T, tg target, c *paykassma.Client) {
		got, err := c.HashURLs(context.Background(), paykassma.HashURLsRequest{
			SuccessURLs: []paykassma.OrderedURL{{Order: 2, URL: "https://test.com/success2.jpg"}, {Order: 1, URL: "https://test.com/success1.jpg"}},
			FailURLs:    []paykassma.OrderedURL{{Order: 1, URL: "https://test.com/fail1.jpg"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		want := []paykassma.OrderedURL{{Order: 1, URL: hmacHex("https://test.com/success1.jpg")}, {Order: 2, URL: hmacHex("https://test.com/success2.jpg")}}
		if !slices.Equal(got.Success, want) || len(got.Fail) != 1 || len(got.Pending) != 0 {
			t.Errorf("hashed %+v", got)
		}
	})
}

func TestClientWithdrawal_SignedAndReported(t *testing.T) {
	forEachClient(t, func(t *testing.T, tg target, c *paykassma.Client) {
		ctx := context.Background()
		req := paykassma.WithdrawalRequest{WithdrawalID: "w-1", PaymentSystem: "bkash", Amount: 5000, CurrencyCode: "BDT", Label: "55",
			Comment: "payout", AccountNumber: "01770618575", AccountEmail: "a@example.com",
			PaymentsDetails: &paykassma.PaymentsDetails{PaymentsProvider: "56", PaymentsMethod: "MOBILE_MONEY"}}
		if err := c.CreateWithdrawal(ctx, req); err != nil {
			t.Fatal(err)
		}
		pb, err := c.WithdrawalPostback(ctx, "w-1")
		if err != nil || pb.Status != paykassma.WithdrawalProcessed || !pb.Amount.Equal(dec("5000")) || *pb.AccountEmail != "a@example.com" ||
			*pb.PaymentsDetails["payments_provider"] != "56" {
			t.Errorf("postback %+v, %v", pb, err)
		}
		st, err := c.WithdrawalStatuses(ctx, []string{"w-1", "w-9"})
		if err != nil || len(st) != 2 || st[0].Postback == nil || st[1].Postback != nil || st[1].Message == "" {
			t.Errorf("statuses %+v, %v", st, err)
		}
		balances, err := c.AccountsBalance(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range balances {
			if b.WalletType == "bkash" && !b.Amount.Equal(dec("25000")) {
				t.Errorf("bKash balance %s after paying out 5000 of 30000", b.Amount)
			}
		}

		req.WithdrawalID, req.Amount = "w-2", 100000
		if err := c.CreateWithdrawal(ctx, req); !slices.Equal(fieldErr(err, "withdrawals_sum_amount"), []string{"Insufficient balance"}) {
			t.Errorf("over the balance: %v", err)
		}
		wrongKey := paykassma.New(tg.base, secret, paykassma.WithHTTPClient(tg.http), paykassma.WithPrivateKey("not-the-key"))
		req.WithdrawalID, req.Amount = "w-3", 100
		if err := wrongKey.CreateWithdrawal(ctx, req); !slices.Equal(fieldErr(err, "signature"), []string{"Invalid signature"}) {
			t.Errorf("signed with another key: %v", err)
		}
	})
}

func TestClientDepositPostback_ByTransactionOrCustomID(t *testing.T) {
	forEachClient(t, func(t *testing.T, tg target, c *paykassma.Client) {
		ctx := context.Background()
		if _, err := c.Activate(ctx, paykassma.ActivateRequest{CurrencyCode: "INR", WalletType: "upi_l", Label: "user-1", Key1: "UPI12345678",
			Amount: amt("300.00"), CustomTransactionID: "p1"}); err != nil {
			t.Fatal(err)
		}
		byTxn, err := c.DepositPostback(ctx, paykassma.DepositPostbackQuery{TransactionID: "UPI12345678"})
		if err != nil {
			t.Fatal(err)
		}
		byCustom, err := c.DepositPostback(ctx, paykassma.DepositPostbackQuery{CustomID: "p1"})
		if err != nil {
			t.Fatal(err)
		}
		if byTxn.StockpilingID != byCustom.StockpilingID || byTxn.TransactionID != "UPI12345678" || byTxn.Label != "user-1" ||
			byTxn.Transactions[0].WalletType != "upi_l" || byTxn.Transactions[0].ActivatedDatetime != "2024-05-06 07:08:09" {
			t.Errorf("postbacks %+v / %+v", byTxn, byCustom)
		}
		_, err = c.DepositPostback(ctx, paykassma.DepositPostbackQuery{CustomID: "nope"})
		var apiErr *paykassma.APIError
		if !errors.As(err, &apiErr) || apiErr.Message != "Postback not found" {
			t.Errorf("unknown id: %v", err)
		}
	})
}

func TestClientAccountsBalance_Seed(t *testing.T) {
	forEachClient(t, func(t *testing.T, tg target, c *paykassma.Client) {
		got, err := c.AccountsBalance(context.Background())
		if err != nil || len(got) != 5 || got[0].WalletType != "paytm" || !got[0].Amount.Equal(dec("50000")) || got[3].CurrencyCode != "BDT" {
			t.Errorf("balances %+v, %v", got, err)
		}
	})
}

// Every endpoint but withdrawals checks the secret the same way.
func TestClientSecret_MissingIsErrNotFoundWrongIsErrWrongSecret(t *testing.T) {
	ctx := context.Background()
	calls := map[string]func(c *paykassma.Client) error{
		"PaymentSystems": func(c *paykassma.Client) error {
			_, err := c.PaymentSystems(ctx, paykassma.PaymentSystemsRequest{CurrencyCodes: []string{"INR"}, Label: "u"})
			return err
		},
		"Mediahints": func(c *paykassma.Client) error { _, err := c.Mediahints(ctx); return err },
		"CreateTransaction": func(c *paykassma.Client) error {
			_, err := c.CreateTransaction(ctx, "paytm", paykassma.CreateTransactionRequest{Currency: "INR", Label: "u"})
			return err
		},
		"Activate": func(c *paykassma.Client) error {
			_, err := c.Activate(ctx, paykassma.ActivateRequest{CurrencyCode: "INR", WalletType: "paytm", Label: "u", Key1: "1234567890", CustomTransactionID: "x"})
			return err
		},
		"PossibleTransaction": func(c *paykassma.Client) error {
			_, err := c.PossibleTransaction(ctx, paykassma.PossibleTransactionRequest{CurrencyCode: "INR", WalletType: "staging_b_ml", Label: "u",
				Key1: "1234567890", Amount: paykassma.MustAmount("600"), CustomID: "x"})
			return err
		},
		"CreatePayment": func(c *paykassma.Client) error { return c.CreatePayment(ctx, "mbb", paykassma.CreatePaymentRequest{}) },
		"CreateBkashPayment": func(c *paykassma.Client) error {
			_, err := c.CreateBkashPayment(ctx, paykassma.BkashPaymentRequest{})
			return err
		},
		"CreateNagadPayment": func(c *paykassma.Client) error {
			_, err := c.CreateNagadPayment(ctx, paykassma.NagadPaymentRequest{})
			return err
		},
		"DepositInfo": func(c *paykassma.Client) error {
			_, err := c.DepositInfo(ctx, paykassma.DepositInfoRequest{Label: "u", WalletType: "paytm", Currency: "INR"})
			return err
		},
		"HashURLs": func(c *paykassma.Client) error { _, err := c.HashURLs(ctx, paykassma.HashURLsRequest{}); return err },
		"DepositPostback": func(c *paykassma.Client) error {
			_, err := c.DepositPostback(ctx, paykassma.DepositPostbackQuery{CustomID: "x"})
			return err
		},
		"WithdrawalPostback": func(c *paykassma.Client) error { _, err := c.WithdrawalPostback(ctx, "x"); return err },
		"AccountsBalance":    func(c *paykassma.Client) error { _, err := c.AccountsBalance(ctx); return err },
		"DepositStatuses":    func(c *paykassma.Client) error { _, err := c.DepositStatuses(ctx, []string{"x"}); return err },
		"WithdrawalStatuses": func(c *paykassma.Client) error { _, err := c.WithdrawalStatuses(ctx, []string{"x"}); return err },
	}
	forEach(t, func(t *testing.T, tg target) {
		missing, wrong := clientFor(tg, ""), clientFor(tg, "guessed-wrong")
		for name, call := range calls {
			if err := call(missing); !errors.Is(err, paykassma.ErrNotFound) {
				t.Errorf("%s without a secret: %v, want ErrNotFound", name, err)
			}
			err := call(wrong)
			if !errors.Is(err, paykassma.ErrWrongSecret) {
				t.Errorf("%s with a wrong secret: %v, want ErrWrongSecret", name, err)
			}
			if err != nil && strings.Contains(err.Error(), "guessed-wrong") {
				t.Errorf("%s: the error shows the secret: %v", name, err)
			}
		}
	})
}
