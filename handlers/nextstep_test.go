package handlers_test

import (
	"net/http"

	"github.com/PuerkitoBio/goquery"
	"testing"
)

// After a payment that went through, the main button is the obvious next
// step: back to the shop where its link gave a return URL, paying again
// with the one PS it opened as a secondary way on.
func TestOutcome_LockedPSWithAReturnURLMakesBackToTheShopPrimary(t *testing.T) {
	e := merchantEnv(t, options{})
	pay := e.enter(map[string]string{"label": "u42", "currency_code": "INR", "wallet_type": "paytm",
		"success_url": "https://shop.example/paid"})
	out := e.follow(e.submit(pay, map[string]string{"key1": "20512345678"})).mustStatus(http.StatusOK)
	var got []string
	out.doc.Find(".actions a").Each(func(_ int, a *goquery.Selection) {
		got = append(got, a.AttrOr("data-testid", "")+" "+a.AttrOr("class", ""))
	})
	want := []string{"action-return button", "action-pay-again button secondary"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("actions %q, want %q", got, want)
	}
}
