package handlers

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// payableByRedirect reports whether the checkout knows the wallet's
// payment/create flow: the generic one answers no page to send anyone to.
func payableByRedirect(w *paykassma.Wallet) bool {
	f := family(w)
	return f == "bkash_api" || f == "nagad_api"
}

// nextRedirect is the depositor's payment record for a redirect PS, holding
// the reference its next attempt will use (minted when it has none): the
// form carries it, so a form sent twice is one attempt.
func nextRedirect(st *depositor.State, walletType string) *depositor.Payment {
	p := st.Payment(walletType)
	if p == nil || p.Ref == "" {
		p = &depositor.Payment{Ref: st.NewRef()}
		st.SetPayment(walletType, p)
	}
	return p
}

// redirectForm renders the amount form of a PS paid on the wallet's page.
func (h *handler) redirectForm(v *visit, w *paykassma.Wallet, cur paykassma.Currency, s submission, fe fieldErrors, formErr string, status int) error {
	p := nextRedirect(v.st, w.Type)
	if err := v.save(); err != nil {
		return err
	}
	lang := v.lang()
	v.fixedAmount(&s) // the merchant's fixed_amount, from its signed link
	di := h.depositInfo(v.c.Request().Context(), v.st, w)
	page, form := h.payForm(v, w, p.Ref, h.fields(lang, w, cur, s, fe, true), formErr)
	form.Target = "_top" // wallet pages refuse to be framed: leave the merchant's frame
	form.Submit = i18n.T(lang, "redirect.submit", w.Name)
	vm := views.RedirectView{
		Page:    page,
		Method:  views.Method{Type: w.Type, Name: w.Name, Logo: w.Logo},
		BackURL: v.listURL(),
		Intro:   i18n.T(lang, "redirect.intro", w.Name),
		Savings: savings(lang, w.Type, di, cur),
		Guide:   h.guide(lang, w, nil, true),
		Form:    form,
	}
	if di != nil && di.MinimumDeposit.IsPositive() {
		vm.MinimumLine = i18n.T(lang, "redirect.minimum", money(di.MinimumDeposit, cur))
	}
	return h.render(v.c, status, lang, views.Redirect(vm))
}

// payRedirect creates the payment on the wallet's side (payment/create) and
// sends the person there with a 303. The wallet sends them back to
// /return/{success|fail|cancel}?ref=…
func (h *handler) payRedirect(v *visit, w *paykassma.Wallet, cur paykassma.Currency) error {
	c, lang := v.c, v.lang()
	ctx := c.Request().Context()
	di := h.depositInfo(ctx, v.st, w)
	s, fe := h.readRedirect(c, lang, w, di, cur)
	if len(fe) > 0 {
		return h.redirectForm(v, w, cur, s, fe, "", http.StatusUnprocessableEntity)
	}
	p := nextRedirect(v.st, w.Type)
	ref := p.Ref
	// Saved pending before the call: should the answer, or the save after
	// it, be lost, the attempt is still known under its reference, which
	// the next try reuses, so the wallet cannot count the payment twice.
	a := depositor.Attempt{Ref: ref, WalletType: w.Type, Amount: s.amount.String(), Outcome: depositor.Pending, At: h.now().Unix()}
	v.st.Record(a)
	if err := v.save(); err != nil {
		return err
	}
	a.Outcome = depositor.Redirected // as it will be once the wallet is done
	v.st.Record(a)
	p.Ref = v.st.NewRef()

	// The return URLs carry the state as it is once the person is back, for
	// a browser that keeps no cookie, and for the top window coming back
	// from a frame: the frame's partitioned cookie is not visible there.
	tok := ""
	if !v.cookie || v.st.ParentOrigin() != "" {
		var err error
		if tok, err = h.codec.Token(v.st); err != nil {
			return err
		}
	}
	back := func(outcome string) string {
		q := url.Values{"ref": {ref}}
		if tok != "" {
			q.Set(depositor.Field, tok)
		}
		return h.baseURL(c) + "/return/" + outcome + "?" + q.Encode()
	}
	var rp *paykassma.RedirectPayment
	var err error
	if family(w) == "bkash_api" {
		rp, err = h.api.CreateBkashPayment(ctx, paykassma.BkashPaymentRequest{
			Amount: s.amount, AccountNumber: s.Account, Currency: v.st.Currency, Label: v.st.Label,
			CustomTransactionID: ref, SuccessURL: back("success"), FailureURL: back("fail"), CancelURL: back("cancel"),
		})
	} else {
		rp, err = h.api.CreateNagadPayment(ctx, paykassma.NagadPaymentRequest{
			Amount: s.amount, Currency: v.st.Currency, Label: v.st.Label,
			CustomTransactionID: ref, SuccessURL: back("success"), FailURL: back("fail"), CancelURL: back("cancel"),
		})
	}
	var apiErr *paykassma.APIError
	switch {
	case err == nil && rp != nil && rp.URL != "":
		if err := v.save(); err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, rp.URL)
	case err == nil:
		err = errors.New("payment created without a wallet URL")
	case errors.Is(err, paykassma.ErrWrongSecret), errors.Is(err, paykassma.ErrNotFound):
		v.st.Forget(ref)
		return h.fault(v, err, "", "/pay/"+w.Type)
	case errors.As(err, &apiErr) && len(apiErr.Fields) > 0 && takenRef(apiErr.Fields):
		// Created by an earlier submission of this form: its page is the
		// wallet's, and the status page says how to start again.
		return v.seeStatus(ref)
	case errors.As(err, &apiErr) && len(apiErr.Fields) > 0:
		v.st.Forget(ref)
		fe, formErr := h.refusedFields(lang, w, apiErr.Fields, err, "payment refused on fields the person did not type")
		return h.redirectForm(v, w, cur, s, fe, formErr, http.StatusUnprocessableEntity)
	case errors.As(err, &apiErr) && apiErr.Status == paykassma.StatusFail:
		a.Outcome, a.Detail = depositor.Failed, truncate(apiErr.Message, 120)
		v.st.Record(a)
		return v.seeStatus(ref)
	}
	// It may have been created: retry under the same reference.
	a.Outcome = depositor.Pending
	v.st.Record(a)
	p.Ref = ref
	return h.fault(v, err, ref, "/pay/"+w.Type)
}

// returns maps the wallet's return paths to outcomes.
var returns = map[string]depositor.Outcome{
	"success": depositor.Paid,
	"fail":    depositor.WalletFail,
	"cancel":  depositor.Cancelled,
}

// walletReturn is GET /return/:outcome, where the wallet's page sends the
// person back. It records the outcome once and says what it means.
func (h *handler) walletReturn(c echo.Context) error {
	outcome, ok := returns[c.Param("outcome")]
	ref := c.QueryParam("ref")
	if !ok || !depositor.ValidRef(ref) {
		return echo.ErrNotFound
	}
	v := h.load(c)
	if v == nil {
		// Still worth saying what happened, without the details we lost.
		return h.outcomePage(&visit{h: h, c: c, st: depositor.New("", "", i18n.Default)}, &depositor.Attempt{Ref: ref, Outcome: outcome}, false)
	}
	a := v.st.Attempt(ref)
	if a == nil {
		return h.outcomePage(v, &depositor.Attempt{Ref: ref, Outcome: outcome}, false)
	}
	if !a.Outcome.Final() {
		a.Outcome, a.At = outcome, h.now().Unix()
	}
	// A merchant's return URL (from its signed link) shows its own page,
	// in the top window where the wallet left the person.
	if back := merchantReturn(v.st, a, false); back != "" {
		if err := v.save(); err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, back)
	}
	return h.outcomePage(v, a, true)
}
