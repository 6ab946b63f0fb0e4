package handlers

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/config"
	"github.com/paykassma/checkout/paykassma"
)

var twoDecimals = regexp.MustCompile(`^[0-9]+(\.[0-9]{1,2})?$`)

// FuzzReadForms: the form checks never panic, and what they accept is what
// may go upstream: an amount above zero with at most two decimals, a
// transaction ID of the PS's shape, an 11-digit bKash account.
func FuzzReadForms(f *testing.F) {
	h := &handler{cfg: config.Default()}
	wallets := []paykassma.Wallet{
		{Type: "paytm"}, {Type: "upi_l"}, {Type: "phone_pe"}, {Type: "bkash"}, {Type: "imps"},
	}
	redirect := paykassma.Wallet{Type: "bkash_api"}
	for _, s := range [][3]string{
		{"20512345678", "500", "01712345678"}, {"123456789012", "1,000.50", ""}, {" ABCDE 12345 ", "0.001", "1712345678"},
		{"", "-5", "01 712 345 678"}, {"٣٤٥٦٧٨٩٠١٢٣٤", "1e3", "０１712345678"}, {"x", "99999999999999999999999.99", ""},
	} {
		f.Add(s[0], s[1], s[2])
	}
	e := echo.New()
	f.Fuzz(func(t *testing.T, key1, amount, account string) {
		body := url.Values{"key1": {key1}, "amount": {amount}, "account": {account}}.Encode()
		for i := range wallets {
			w := &wallets[i]
			req := httptest.NewRequest(http.MethodPost, "/pay/"+w.Type, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			c := e.NewContext(req, httptest.NewRecorder())
			s, fe := h.readP2P(c, "en", w)
			if _, bad := fe["key1"]; !bad && (s.Key1 == "" || strings.ContainsAny(s.Key1, " \t\n")) {
				t.Errorf("%s: accepted key1 %q", w.Type, s.Key1)
			}
			checkAmount(t, s, fe)
		}
		req := httptest.NewRequest(http.MethodPost, "/pay/bkash_api", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		s, fe := h.readRedirect(e.NewContext(req, httptest.NewRecorder()), "en", &redirect, nil, paykassma.Currency{Code: "BDT"})
		if _, bad := fe["account"]; !bad && !bkashAccount.MatchString(s.Account) {
			t.Errorf("accepted account %q", s.Account)
		}
		checkAmount(t, s, fe)
	})
}

func checkAmount(t *testing.T, s submission, fe fieldErrors) {
	t.Helper()
	if _, bad := fe["amount"]; bad || !s.hasAmount {
		return
	}
	if !s.amount.IsPositive() || !twoDecimals.MatchString(s.amount.String()) && !twoDecimals.MatchString(s.amount.StringFixed(2)) {
		t.Errorf("accepted amount %q as %s", s.Amount, s.amount.String())
	}
	if s.amount.Exponent() < -2 && !s.amount.Equal(s.amount.Round(2)) {
		t.Errorf("accepted %s with more than two decimals", s.amount.String())
	}
}
