package handlers

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/views"
)

// redirectForm renders the amount form of a PS paid on the wallet's page.
func (h *handler) redirectForm(v *visit, f *payForm) error {
	v.fixedAmount(f) // the merchant's fixed_amount, from its signed link
	if err := v.save(); err != nil {
		return err
	}
	lang := v.lang()
	w := f.m.Wallet
	di := h.depositInfo(v.c.Request().Context(), v.st, w)
	page, form := h.form(v, f)
	form.Target = "_top" // wallet pages refuse to be framed: leave the merchant's frame
	form.Submit = i18n.T(lang, "redirect.submit", w.Name)
	vm := views.RedirectView{
		Page:    page,
		Method:  views.Method{Type: w.Type, Name: w.Name, Logo: w.Logo},
		BackURL: v.listURL(),
		Intro:   i18n.T(lang, "redirect.intro", w.Name),
		Savings: savings(lang, w.Type, di, f.cur),
		Guide:   h.guide(lang, f.m, nil),
		Form:    form,
	}
	if di != nil && di.MinimumDeposit.IsPositive() {
		vm.MinimumLine = i18n.T(lang, "redirect.minimum", moneyFor(lang, di.MinimumDeposit, f.cur))
	}
	return h.render(v.c, f.status, lang, views.Redirect(vm))
}

// returnURLs are where the wallet's page sends the person back:
// /return/{success|fail|cancel}?ref=… For a browser that keeps no cookie,
// and for the top window coming back from a frame (the frame's partitioned
// cookie is not visible there), they carry a resume token: never the state,
// which Paykassma and the wallet would see. The token resumes only this
// payment, for ResumeLifetime.
func (h *handler) returnURLs(v *visit) func(ref string) (deposit.ReturnURLs, error) {
	return func(ref string) (deposit.ReturnURLs, error) {
		tok := ""
		if !v.cookie || v.st.ParentOrigin() != "" {
			var err error
			if tok, err = h.codec.ResumeToken(v.st, ref, h.now().Add(depositor.ResumeLifetime)); err != nil {
				return deposit.ReturnURLs{}, err
			}
		}
		base := h.baseURL(v.c)
		back := func(outcome string) string {
			q := url.Values{"ref": {ref}}
			if tok != "" {
				q.Set(depositor.ResumeField, tok)
			}
			return base + "/return/" + outcome + "?" + q.Encode()
		}
		return deposit.ReturnURLs{Success: back("success"), Fail: back("fail"), Cancel: back("cancel")}, nil
	}
}

// returns maps the wallet's return paths to outcomes.
var returns = map[string]depositor.Outcome{
	"success": depositor.Paid,
	"fail":    depositor.WalletFail,
	"cancel":  depositor.Cancelled,
	"closed":  depositor.Closed, // not the wallet's: the person's, from the outcome page
}

// walletReturn is GET /return/:outcome, where the wallet's page sends the
// person back. The outcome is recorded once; the page says what it means.
func (h *handler) walletReturn(c echo.Context) error {
	outcome, ok := returns[c.Param("outcome")]
	ref := c.QueryParam("ref")
	if !ok || !deposit.ValidRef(ref) {
		return echo.ErrNotFound
	}
	v := h.load(c)
	if v == nil {
		// Still worth saying what happened, without the details we lost.
		return h.walletOutcome(&visit{h: h, c: c, st: depositor.New("", "", i18n.Default)}, &depositor.Attempt{Ref: ref, Outcome: outcome})
	}
	a := h.deposits.Return(v.st, ref, outcome)
	if a == nil {
		return h.walletOutcome(v, &depositor.Attempt{Ref: ref, Outcome: outcome})
	}
	// A merchant's return URL (from its signed link) shows its own page,
	// in the top window where the wallet left the person.
	if back := h.merchantReturn(v.st, a, false); back != "" {
		if err := v.save(); err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, back)
	}
	return h.attemptOutcome(v, a)
}
