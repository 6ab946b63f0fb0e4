package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// payPage is GET /pay/:wallet_type: for a P2P PS, the wallet identifier
// (created once, kept until identifier_ttl passes) and the form; for a
// redirect PS, the amount form.
func (h *handler) payPage(c echo.Context) error {
	v := h.load(c)
	if v == nil {
		return h.lost(c, "lost.session")
	}
	m, cur, err := h.payMethod(c.Request().Context(), v.st, c.Param("wallet_type"))
	if err != nil {
		return h.fault(v, err, "", v.pathWithQuery())
	}
	if m == nil {
		return h.notFound(v, "notfound.method")
	}
	f := &payForm{m: *m, cur: cur, status: http.StatusOK, ask: v.askAmount()}
	if f.ask.problem != "" {
		f.status = http.StatusUnprocessableEntity
	} else {
		f.typed.Amount = f.ask.typed // filled in for the form
	}
	if m.Flow == deposit.Redirect {
		if f.ask.problem != "" { // the amount form is the question itself
			f.typed.Amount, f.errs = f.ask.typed, fieldErrors{}
			f.errs.add(v.lang(), "amount", f.ask.problem)
		}
		return h.redirectForm(v, f)
	}
	wt := m.Type()
	p := v.st.Payment(wt)
	now := h.now()
	if p == nil || p.Expired(now, h.cfg.Wallets.IdentifierTTL) {
		tx, err := h.api.CreateTransaction(c.Request().Context(), wt, paykassma.CreateTransactionRequest{Currency: v.st.Currency, Label: v.st.Label})
		if err != nil {
			return h.fault(v, err, "", v.pathWithQuery())
		}
		v.st.SetPayment(wt, &depositor.Payment{Identifier: tx.Identifier, Created: now.Unix()})
	}
	return h.p2pForm(v, f)
}

// p2pForm renders the P2P pay page with its form.
func (h *handler) p2pForm(v *visit, f *payForm) error {
	v.fixedAmount(f) // the merchant's fixed_amount, from its signed link
	if err := v.save(); err != nil {
		return err
	}
	ctx := v.c.Request().Context()
	lang := v.lang()
	w := f.m.Wallet
	hints, di := h.payExtras(ctx, v.st, w)

	p := v.st.Payment(w.Type)
	if p == nil { // a POST's form again, for a state that never showed the identifier
		p = &depositor.Payment{}
	}
	until := p.CreatedAt().Add(h.cfg.Wallets.IdentifierTTL)
	amount := f.pageAmount(v.st.FixedAmount())
	page, form := h.form(v, f)
	if !f.fixed {
		form.Action = withAmount(form.Action, amount)
		if form.PageURL != "" {
			form.PageURL = v.link(form.Action)
		}
	}
	if f.ask.problem != "" && len(form.Problems) == 0 {
		page.Title = i18n.T(lang, "form.problems.title", page.Title)
	}
	form.Multipart = f.m.NeedsScreenshot || h.ocr.On() // the screenshot to read
	form.Fragment = "#step2"                           // a page sent back with problems opens at the form, below the money's details
	form.Submit = i18n.T(lang, "pay.submit")
	vm := views.PayView{
		Page:          page,
		Method:        views.Method{Type: w.Type, Name: w.Name, Logo: w.Logo},
		BackURL:       v.listURL(),
		Identifier:    p.Identifier,
		SendAmount:    v.sendAmount(f.cur),
		SendTo:        i18n.T(lang, "pay.sendto"),
		ValidUntil:    when(lang, until, h.zone(f.cur.Code)),
		ValidUntilISO: isoTime(until),
		Savings:       savings(lang, w.Type, di, f.cur),
		Guide:         h.guide(lang, f.m, hints),
		TxIDHelp:      txidHelp(lang, f.m.Family),
		UPI:           h.upiPay(v, w.Type, p.Identifier, f.cur, amount),
		Form:          form,
	}
	if !f.fixed {
		vm.Ask = v.amountAsk(f, amount)
		if amount != "" {
			vm.SendTo = i18n.T(lang, "pay.sendto.amount", formatAmount(lang, amount, f.cur))
		}
	}
	if di != nil && di.MinimumDeposit.IsPositive() {
		vm.MinimumLine = i18n.T(lang, "pay.minimum", moneyFor(lang, di.MinimumDeposit, f.cur))
		// Less than the minimum is not refused (it waits in savings), but
		// the person should know before sending it.
		if a, err := paykassma.ParseAmount(amount); amount != "" && err == nil && a.LessThan(di.MinimumDeposit) {
			vm.BelowMinimum = i18n.T(lang, "pay.amount.below", moneyFor(lang, a.Decimal, f.cur), moneyFor(lang, di.MinimumDeposit, f.cur))
		}
	}
	return h.render(v.c, f.status, lang, views.Pay(vm))
}

// pay is POST /pay/:wallet_type: the form goes to the deposit's lifecycle
// (deposit.Service) and its result is shown.
func (h *handler) pay(c echo.Context) error {
	v := h.load(c)
	if v == nil {
		return h.lost(c, "lost.session")
	}
	ctx := c.Request().Context()
	m, cur, err := h.payMethod(ctx, v.st, c.Param("wallet_type"))
	if err != nil {
		return h.fault(v, err, "", "/pay/"+c.Param("wallet_type"))
	}
	if m == nil {
		return h.notFound(v, "notfound.method")
	}
	lang := v.lang()
	f := &payForm{m: *m, cur: cur, status: http.StatusUnprocessableEntity, ask: v.askAmount()}
	var (
		di  *paykassma.DepositInfo // the minimum the amount must reach, for a redirect PS
		res deposit.Result
	)
	if m.Flow == deposit.Redirect {
		di = h.depositInfo(ctx, v.st, m.Wallet)
	}
	if c.FormValue(readButton) != "" && h.ocr.On() && m.Flow != deposit.Redirect {
		return h.readIntoForm(v, f) // the screenshot read into the form; nothing sent
	}
	sub, fe := h.readForm(c, lang, f, di)
	if len(fe) > 0 {
		f.errs = fe
		return h.payFormAgain(v, f)
	}
	if m.Flow == deposit.Redirect {
		res, err = h.deposits.PayRedirect(ctx, v.st, *m, sub, h.returnURLs(v), v.save)
	} else {
		res, err = h.deposits.PayP2P(ctx, v.st, *m, sub, v.save)
	}
	if err != nil {
		return err
	}
	switch res.Next {
	case deposit.ShowStatus:
		return v.seeStatus(res.Ref)
	case deposit.GoToWallet:
		if err := v.save(); err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, res.URL)
	case deposit.FixForm:
		h.refusedOnFields(lang, f, res.Fields, res.Err)
		return h.payFormAgain(v, f)
	case deposit.Reused:
		if a := v.st.Attempt(res.Ref); a != nil {
			f.errs = fieldErrors{}
			f.errs.add(lang, "key1", "err.key1.reused", when(lang, a.Time(), h.zone(f.cur.Code)), res.Ref)
		}
		return h.payFormAgain(v, f)
	}
	return h.fault(v, res.Err, res.Ref, "/pay/"+m.Type())
}

// payFormAgain is the pay page again with what the person typed and what to fix.
func (h *handler) payFormAgain(v *visit, f *payForm) error {
	if f.m.NeedsScreenshot && f.sealed == "" {
		// No browser sends a file back with a page: say so, unless the
		// file itself is what to fix.
		if f.errs == nil {
			f.errs = fieldErrors{}
		}
		if _, bad := f.errs["screenshot"]; !bad {
			f.errs.add(v.lang(), "screenshot", "err.screenshot.again")
			f.reattach = true
		}
	}
	if f.m.Flow == deposit.Redirect {
		return h.redirectForm(v, f)
	}
	return h.p2pForm(v, f)
}

// seeStatus ends a POST with a 303 to the outcome page (PRG).
func (v *visit) seeStatus(ref string) error {
	if err := v.save(); err != nil {
		return err
	}
	return v.c.Redirect(http.StatusSeeOther, v.link("/status/"+ref))
}

// pathWithQuery is the request's path and query without the state token
// (link adds the current one), to retry it.
func (v *visit) pathWithQuery() string {
	u := *v.c.Request().URL
	q := u.Query()
	q.Del(depositor.Field)
	u.RawQuery = q.Encode()
	return u.RequestURI()
}
