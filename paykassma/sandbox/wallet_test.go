package sandbox_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/paykassma/checkout/paykassma/sandbox"
)

const (
	successURL = "https://shop.example/return/success?ref=a1"
	failURL    = "https://shop.example/return/fail?ref=a1"
	cancelURL  = "https://shop.example/return/cancel?ref=a1"
)

func bkashBody(customID string) map[string]any {
	return map[string]any{
		"amount": json1000, "account_number": "01770618575", "currency": "BDT", "label": "user-1",
		"custom_transaction_id": customID, "success_url": successURL, "failure_url": failURL, "cancel_url": cancelURL,
	}
}

func nagadBody(customID string) map[string]any {
	return map[string]any{
		"amount": json1000, "currency": "BDT", "label": "user-1",
		"custom_transaction_id": customID, "success_url": successURL, "fail_url": failURL, "cancel_url": cancelURL,
	}
}

// createWallet creates a bKash or Nagad payment and gives its page's URL.
func createWallet(t *testing.T, tg target, brand, customID string) string {
	t.Helper()
	if brand == "bkash" {
		a := tg.api(t, "/api/v1/payment/create/bkash_api", nil, bkashBody(customID))
		orderID := str(t, a.body, "data", "orderId")
		assertJSON(t, a.body, `{"status":"ok","data":{"orderId":"`+orderID+`","bkashUrl":"`+tg.base+`/wallet/bkash/`+orderID+`","message":"Successful"}}`)
		return str(t, a.body, "data", "bkashUrl")
	}
	a := tg.api(t, "/api/v1/payment/create/nagad_api", nil, nagadBody(customID))
	page := str(t, a.body, "payment_url")
	assertJSON(t, a.body, `{"status":"ok","payment_url":"`+page+`"}`)
	if !strings.HasPrefix(page, tg.base+"/wallet/nagad/") {
		t.Fatalf("payment_url %s is not a sandbox wallet page", page)
	}
	return page
}

func TestWalletPage_ShowsAmountAndThreePostButtons(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		for _, brand := range []string{"bkash", "nagad"} {
			page := createWallet(t, tg, brand, "page-"+brand)
			u, _ := url.Parse(page)
			a := tg.do(t, "GET", u.RequestURI(), "", nil)
			if a.code != http.StatusOK || !strings.HasPrefix(a.header.Get("Content-Type"), "text/html") {
				t.Fatalf("%s page: HTTP %d %s", brand, a.code, a.header.Get("Content-Type"))
			}
			doc, err := goquery.NewDocumentFromReader(bytes.NewReader(a.body))
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.Find(`[data-testid=amount]`).Text(); got != "1000.00 BDT" {
				t.Errorf("%s amount shown %q", brand, got)
			}
			if doc.Find(`meta[name=viewport]`).Length() != 1 {
				t.Errorf("%s page has no viewport meta: unreadable at 360 px", brand)
			}
			var buttons []string
			doc.Find("form").Each(func(_ int, f *goquery.Selection) {
				if m, _ := f.Attr("method"); m != "post" {
					t.Errorf("%s form method %q", brand, m)
				}
				action, _ := f.Find(`input[name=action]`).Attr("value")
				buttons = append(buttons, action+"="+strings.TrimSpace(f.Find("button").Text()))
			})
			if got := strings.Join(buttons, ","); got != "pay=Pay,fail=Fail,cancel=Cancel" {
				t.Errorf("%s buttons %s", brand, got)
			}
		}
	})
}

func TestWalletPage_ActionsRedirectAndPayCreditsOnce(t *testing.T) {
	cases := []struct {
		brand, action, wantLocation string
		credited                    bool
	}{
		{"bkash", "pay", successURL, true},
		{"bkash", "fail", failURL, false},
		{"bkash", "cancel", cancelURL, false},
		{"nagad", "pay", successURL, true},
		{"nagad", "fail", failURL, false},
		{"nagad", "cancel", cancelURL, false},
	}
	for _, c := range cases {
		t.Run(c.brand+"/"+c.action, func(t *testing.T) {
			forEach(t, func(t *testing.T, tg target) {
				page := createWallet(t, tg, c.brand, "w1")
				a := tg.form(t, page, url.Values{"action": {c.action}})
				if a.code != http.StatusSeeOther || a.header.Get("Location") != c.wantLocation {
					t.Fatalf("HTTP %d to %q, want 303 to %s", a.code, a.header.Get("Location"), c.wantLocation)
				}
				pb := url.Values{"type": {"deposit"}, "custom_id": {"w1"}}
				first := tg.api(t, "/api/v1/postback", pb, nil)
				if got := str(t, first.body, "status") == "ok"; got != c.credited {
					t.Fatalf("credited = %v, want %v: %s", got, c.credited, first.body)
				}
				balances := tg.api(t, "/api/v1/accounts-balance", nil, nil).body

				again := tg.form(t, page, url.Values{"action": {"pay"}})
				if again.code != http.StatusConflict || !bytes.Contains(again.body, []byte("already finished")) {
					t.Errorf("second POST: HTTP %d, want 409 with an 'already finished' page", again.code)
				}
				if after := tg.api(t, "/api/v1/accounts-balance", nil, nil).body; !bytes.Equal(after, balances) {
					t.Errorf("a second POST changed the balances:\n%s\n%s", balances, after)
				}
				want := 0
				if c.credited {
					want = 1
				}
				if n := tg.s.Activations("w1"); n != want {
					t.Errorf("Activations = %d, want %d", n, want)
				}
				if c.credited && c.brand == "bkash" {
					if from := field(t, first.body, "postback", "transactions").([]any)[0].(map[string]any)["from"]; from != "01770618575" {
						t.Errorf("postback from = %v, want the bKash account", from)
					}
				}
			})
		})
	}
}

func TestWalletPage_UnknownOrderIsNotFound(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		if a := tg.do(t, "GET", "/wallet/bkash/nope", "", nil); a.code != http.StatusNotFound {
			t.Errorf("GET: HTTP %d", a.code)
		}
		page := createWallet(t, tg, "nagad", "n1")
		u, _ := url.Parse(page)
		wrongBrand := strings.Replace(u.RequestURI(), "/nagad/", "/bkash/", 1)
		if a := tg.do(t, "POST", wrongBrand, "application/x-www-form-urlencoded", []byte("action=pay")); a.code != http.StatusNotFound {
			t.Errorf("POST under the other brand: HTTP %d", a.code)
		}
		if a := tg.form(t, page, url.Values{"action": {"refund"}}); a.code != http.StatusBadRequest {
			t.Errorf("unknown action: HTTP %d", a.code)
		}
	})
}

func TestCreatePayment_Rejections(t *testing.T) {
	with := func(m map[string]any, k string, v any) map[string]any {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
		return m
	}
	cases := []struct {
		name, ps string
		body     map[string]any
		want     string
	}{
		{"bKash amount below minimum", "bkash_api", with(bkashBody("x"), "amount", jsonNumber("99.99")),
			`{"status":"fail","message":{"amount":["The amount must be between 100 and 100000."]}}`},
		{"bKash amount above maximum", "bkash_api", with(bkashBody("x"), "amount", jsonNumber("100000.01")),
			`{"status":"fail","message":{"amount":["The amount must be between 100 and 100000."]}}`},
		{"bKash account not 01 + 9 digits", "bkash_api", with(bkashBody("x"), "account_number", "02770618575"),
			`{"status":"fail","message":{"account_number":["The account number format is invalid."]}}`},
		{"bKash account too short", "bkash_api", with(bkashBody("x"), "account_number", "0177061857"),
			`{"status":"fail","message":{"account_number":["The account number format is invalid."]}}`},
		{"bKash in INR", "bkash_api", with(bkashBody("x"), "currency", "INR"),
			`{"status":"fail","message":{"currency":["The selected currency is invalid."]}}`},
		{"bKash without failure_url", "bkash_api", with(bkashBody("x"), "failure_url", nil),
			`{"status":"fail","message":{"failure_url":["The failure url field is required."]}}`},
		{"bKash relative success_url", "bkash_api", with(bkashBody("x"), "success_url", "/return/success"),
			`{"status":"fail","message":{"success_url":["The success url format is invalid."]}}`},
		{"Nagad wants fail_url", "nagad_api", with(with(nagadBody("x"), "fail_url", nil), "failure_url", failURL),
			`{"status":"fail","message":{"fail_url":["The fail url field is required."]}}`},
		{"P2P PS", "paytm", map[string]any{},
			`{"status":"fail","message":"This payment system needs transaction/create and activation"}`},
		{"generic form missing fields", "mbb", map[string]any{},
			`{"status":"fail","message":{"language":["The language field is required."],"currency":["The currency field is required."],"bank":["The bank field is required."],"amount":["The amount field is required."],"label":["The label field is required."],"redirect_url":["The redirect url field is required."],"custom_transaction_id":["The custom transaction id field is required."]}}`},
	}
	forEach(t, func(t *testing.T, tg target) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				assertJSON(t, tg.api(t, "/api/v1/payment/create/"+c.ps, nil, c.body).body, c.want)
			})
		}
	})
}

func TestCreatePayment_CustomIDIsUniqueAcrossFlows(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		generic := map[string]any{"language": "en", "currency": "USD", "bank": "MBB", "amount": jsonNumber("1000.00"),
			"label": "u", "redirect_url": "https://shop.example/back", "custom_transaction_id": "shared"}
		assertJSON(t, tg.api(t, "/api/v1/payment/create/mbb", nil, generic).body, `{"status":"ok"}`)
		taken := `{"status":"fail","message":{"custom_transaction_id":["The custom transaction id has already been taken."]}}`
		assertJSON(t, tg.api(t, "/api/v1/payment/create/mbb", nil, generic).body, taken)
		assertJSON(t, tg.api(t, "/api/v1/payment/create/bkash_api", nil, bkashBody("shared")).body, taken)
		assertJSON(t, tg.api(t, "/api/v1/transaction/activate", nil, activateBody("paytm", "1234567890", "shared")).body, taken)
	})
}

// The checkout mounts the sandbox with http.StripPrefix("/sandbox", s) and
// PagesURL "/sandbox": the URLs it hands out must work under the mount.
func TestMounted_PagesAndAssetsUnderPrefix(t *testing.T) {
	s := sandbox.New(sandbox.Options{Secret: secret, PagesURL: "/sandbox"})
	mux := http.NewServeMux()
	mux.Handle("/sandbox/", http.StripPrefix("/sandbox", s))
	ts := httptest.NewServer(mux)
	defer ts.Close()
	hc := ts.Client()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	// The API is reached in memory; the browser comes through the mount.
	api := target{s: s, base: "http://sandbox.invalid", http: s.Client()}
	browser := target{s: s, base: ts.URL, http: hc}

	// Mounted on the checkout, it returns only to the checkout's origin.
	body, home := bkashBody("m1"), ts.URL+"/return/success?ref=a1"
	body["success_url"] = home
	a := api.api(t, "/api/v1/payment/create/bkash_api", nil, body)
	page := str(t, a.body, "data", "bkashUrl")
	if !strings.HasPrefix(page, "/sandbox/wallet/bkash/") {
		t.Fatalf("bkashUrl %q is not under the mount", page)
	}
	got := browser.do(t, "GET", page, "", nil)
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(got.body))
	if got.code != http.StatusOK || err != nil {
		t.Fatalf("page through the mount: HTTP %d", got.code)
	}
	logo, _ := doc.Find("img").Attr("src")
	logoURL, _ := url.Parse(ts.URL + page)
	if a := browser.do(t, "GET", logoURL.ResolveReference(&url.URL{Path: logo}).RequestURI(), "", nil); a.code != http.StatusOK {
		t.Errorf("the page's logo %s: HTTP %d", logo, a.code)
	}
	if a := browser.do(t, "POST", page, "application/x-www-form-urlencoded", []byte("action=pay")); a.code != http.StatusSeeOther || a.header.Get("Location") != home {
		t.Errorf("pay through the mount: HTTP %d to %q", a.code, a.header.Get("Location"))
	}
	if s.Activations("m1") != 1 {
		t.Error("paying through the mount recorded nothing")
	}
}
