package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/paykassma/checkout/metrics"
)

// Back without the wallet sending the person back: "I closed bKash without
// paying" is its own outcome, nothing taken, a way to try again; not a
// failure. Should the wallet's own word come later, it wins.
func TestRedirect_ClosingTheWalletWithoutPayingIsItsOwnOutcome(t *testing.T) {
	m := metrics.New()
	e := newEnv(t, options{metrics: m})
	form := e.clickMethod(e.start("u42", "BDT"), "bkash_api")
	sent := e.submit(form, map[string]string{"account": "01712345678", "amount": "500"}).mustStatus(http.StatusSeeOther)
	ref := redirectRefOf(form, "", "500.00", "01712345678")

	waiting := e.get("/status/" + ref).mustStatus(http.StatusOK)
	if kind := waiting.id("outcome").AttrOr("data-kind", ""); kind != "redirected" {
		t.Fatalf("before the wallet answers: %q", kind)
	}
	closed := e.click(waiting, "action-closed").mustStatus(http.StatusOK)
	if kind := closed.id("outcome").AttrOr("data-kind", ""); kind != "closed" {
		t.Errorf("outcome %q, want closed: %s", kind, closed.visibleText())
	}
	text := closed.visibleText()
	if !strings.Contains(text, "You closed bKash (pay in app) without paying") || !strings.Contains(text, "takes no money") || strings.Contains(text, "failed") {
		t.Errorf("the page should say it was closed and nothing was taken: %s", text)
	}
	if closed.id("action-again").Length() == 0 {
		t.Error("no way to try again")
	}
	e.get("/return/closed?ref=" + ref).mustStatus(http.StatusOK) // reloaded
	if got := scrape(t, m); !strings.Contains(got, `checkout_deposits_total{outcome="redirect_closed"} 1`) {
		t.Errorf("want one redirect_closed:\n%s", grepLines(got, "checkout_deposits_total"))
	}

	// The wallet's page was only in another tab: its success wins.
	back := e.payOnWallet(sent.location(), "pay").mustStatus(http.StatusSeeOther)
	out := e.follow(back).mustStatus(http.StatusOK)
	if kind := out.id("outcome").AttrOr("data-kind", ""); kind != "credited" {
		t.Errorf("after the wallet's success: %q", kind)
	}
}
