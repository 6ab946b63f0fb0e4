package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// listLinks are the page's links to the list of PSs ("/", with or without
// the state).
func listLinks(p *page) []string {
	var out []string
	p.doc.Find("a[href]").Each(func(_ int, s *goqSel) {
		href := s.AttrOr("href", "")
		if u, err := url.Parse(href); err == nil && u.Path == "/" {
			out = append(out, outer(s))
		}
	})
	return out
}

// hrefPath is the path a link with the test id leads to; "" when absent.
func hrefPath(p *page, testid string) string {
	u, err := url.Parse(p.id(testid).AttrOr("href", ""))
	if err != nil {
		return ""
	}
	return u.Path
}

// A signed link with wallet_type opens one PS with no way back to the
// list: the pages offer that PS again instead of a link that would only
// bounce back to it. Without it, the list is one click away.
func TestLockedVisit_PayAndOutcomePagesOfferNoWayToTheList(t *testing.T) {
	type journey struct {
		name   string
		pages  func(e *env, locked bool) map[string]*page
		checks func(t *testing.T, pages map[string]*page, locked bool)
	}
	enter := func(e *env, locked bool, currency, walletType string) *page {
		params := map[string]string{"label": "u42", "currency_code": currency}
		if locked {
			params["wallet_type"] = walletType
			return e.enter(params)
		}
		e.enter(params)
		return e.get("/pay/" + walletType).mustStatus(http.StatusOK)
	}
	tests := []journey{
		{
			name: "P2P paid then failed",
			pages: func(e *env, locked bool) map[string]*page {
				pay := enter(e, locked, "INR", "paytm")
				credited := e.follow(e.submit(pay, map[string]string{"key1": "20512345678"})).mustStatus(http.StatusOK)
				pay = e.get("/pay/paytm").mustStatus(http.StatusOK)
				failed := e.follow(e.submit(pay, map[string]string{"key1": "20512345999"})).mustStatus(http.StatusOK)
				return map[string]*page{"pay": pay, "credited": credited, "failed": failed}
			},
			checks: func(t *testing.T, pages map[string]*page, locked bool) {
				if k := pages["credited"].id("outcome").AttrOr("data-kind", ""); k != "credited" {
					t.Fatalf("the first payment is %q, want credited", k)
				}
				if k := pages["failed"].id("outcome").AttrOr("data-kind", ""); k != "failed" {
					t.Fatalf("the second payment is %q, want failed", k)
				}
				if locked {
					if got := hrefPath(pages["credited"], "action-pay-again"); got != "/pay/paytm" {
						t.Errorf("after a credited payment \"Pay again\" leads to %q, want /pay/paytm", got)
					}
					if got := hrefPath(pages["failed"], "action-again"); got != "/pay/paytm" {
						t.Errorf("after a failed payment \"Try again\" leads to %q, want /pay/paytm", got)
					}
					return
				}
				if hrefPath(pages["pay"], "back") != "/" || hrefPath(pages["credited"], "action-choose") != "/" || hrefPath(pages["failed"], "action-choose") != "/" {
					t.Errorf("the list is not offered: pay %q, credited %q, failed %q",
						hrefPath(pages["pay"], "back"), hrefPath(pages["credited"], "action-choose"), hrefPath(pages["failed"], "action-choose"))
				}
				if pages["credited"].id("action-pay-again").Length() != 0 {
					t.Error("\"Pay again\" offered where the list is")
				}
			},
		},
		{
			name: "redirect PS cancelled on the wallet's page",
			pages: func(e *env, locked bool) map[string]*page {
				form := enter(e, locked, "BDT", "bkash_api")
				sent := e.submit(form, map[string]string{"account": "01712345678", "amount": "500"}).mustStatus(http.StatusSeeOther)
				cancelled := e.follow(e.payOnWallet(sent.location(), "cancel")).mustStatus(http.StatusOK)
				return map[string]*page{"form": form, "cancelled": cancelled}
			},
			checks: func(t *testing.T, pages map[string]*page, locked bool) {
				if k := pages["cancelled"].id("outcome").AttrOr("data-kind", ""); k != "cancel" {
					t.Fatalf("outcome %q, want cancel", k)
				}
				if got := hrefPath(pages["cancelled"], "action-again"); got != "/pay/bkash_api" {
					t.Errorf("\"Try again\" leads to %q, want /pay/bkash_api", got)
				}
				if !locked && (hrefPath(pages["form"], "back") != "/" || hrefPath(pages["cancelled"], "action-choose") != "/") {
					t.Errorf("the list is not offered: form %q, cancelled %q", hrefPath(pages["form"], "back"), hrefPath(pages["cancelled"], "action-choose"))
				}
			},
		},
	}
	for _, tc := range tests {
		for _, locked := range []bool{true, false} {
			name := tc.name + "/unlocked"
			if locked {
				name = tc.name + "/locked"
			}
			t.Run(name, func(t *testing.T) {
				e := merchantEnv(t, options{})
				pages := tc.pages(e, locked)
				tc.checks(t, pages, locked)
				if !locked {
					return
				}
				for which, p := range pages {
					if links := listLinks(p); len(links) > 0 {
						t.Errorf("the %s page links to the list: %s", which, strings.Join(links, " "))
					}
				}
			})
		}
	}
}

// The merchant's fixed_amount is a fact on the page, not a field to edit:
// beside the form where the PS asks for an amount, and in "send the money"
// for every P2P PS (the only place it shows where the form asks none).
func TestFixedAmount_IsShownAsAFactNotAnEditableField(t *testing.T) {
	tests := []struct {
		walletType, currency, want string
		p2p, formHasAmount         bool
	}{
		{"upi_l", "INR", "₹750.50", true, true},
		{"paytm", "INR", "₹750.50", true, false},
		{"imps", "INR", "₹750.50", true, false},
		{"bkash", "BDT", "৳750.50", true, false},
		{"nagad", "BDT", "৳750.50", true, false},
		{"bkash_api", "BDT", "৳750.50", false, true},
		{"nagad_api", "BDT", "৳750.50", false, true},
	}
	for _, tc := range tests {
		t.Run(tc.walletType, func(t *testing.T) {
			e := merchantEnv(t, options{})
			pay := e.enter(map[string]string{"label": "u42", "currency_code": tc.currency, "wallet_type": tc.walletType, "fixed_amount": "750.50"})
			if n := pay.doc.Find(`input[name="amount"]:not([type="hidden"])`).Length(); n != 0 {
				t.Errorf("%d editable amount fields", n)
			}
			fixed := pay.text("fixed-amount")
			if tc.formHasAmount != strings.Contains(fixed, tc.want) {
				t.Errorf("the form shows the amount as %q; want it to name %s: %v", fixed, tc.want, tc.formHasAmount)
			}
			if tc.formHasAmount && !strings.HasPrefix(fixed, "Amount:") {
				t.Errorf("the amount reads %q, want \"Amount: …\"", fixed)
			}
			send := pay.text("send-amount")
			if tc.p2p != strings.Contains(send, tc.want) {
				t.Errorf("\"send the money\" says %q; want it to name %s: %v", send, tc.want, tc.p2p)
			}
			if tc.p2p && pay.doc.Find(`.step`).First().Find(`[data-testid="send-amount"]`).Length() != 1 {
				t.Error("the amount to send is not in the step that sends the money")
			}
		})
	}
	// Without fixed_amount the person types the amount, and no amount is imposed.
	e := merchantEnv(t, options{})
	free := e.enter(map[string]string{"label": "u42", "currency_code": "INR", "wallet_type": "upi_l"})
	if free.doc.Find(`#pay-form input[type="text"][name="amount"]`).Length() != 1 || free.id("fixed-amount").Length() != 0 || free.id("send-amount").Length() != 0 {
		t.Errorf("without fixed_amount: %s", outer(free.id("pay-form")))
	}
}

// The fixed amount stays a fact when the form comes back with an error, and
// what is paid is that amount whatever the form sent.
func TestFixedAmount_StaysFixedThroughAnErrorAndIsWhatIsPaid(t *testing.T) {
	e := merchantEnv(t, options{})
	form := e.enter(map[string]string{"label": "u42", "currency_code": "BDT", "wallet_type": "bkash_api", "fixed_amount": "750"})
	again := e.submit(form, map[string]string{"account": "12", "amount": "1"}).mustStatus(http.StatusUnprocessableEntity)
	if !strings.Contains(again.text("fixed-amount"), "৳750") || again.doc.Find(`input[type="text"][name="amount"]`).Length() != 0 {
		t.Errorf("after an error the amount is %q: %s", again.text("fixed-amount"), outer(again.id("pay-form")))
	}
	if again.text("error-account") == "" {
		t.Error("no error beside the account number")
	}
	sent := e.submit(again, map[string]string{"account": "01712345678", "amount": "1"}).mustStatus(http.StatusSeeOther)
	out := e.follow(e.payOnWallet(sent.location(), "pay")).mustStatus(http.StatusOK)
	if !strings.Contains(out.text("outcome-method"), "৳750") {
		t.Errorf("paid %q, want ৳750", out.text("outcome-method"))
	}
}
