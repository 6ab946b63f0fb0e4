package handlers

import (
	"errors"
	"net/http"
	"sync"

	"github.com/labstack/echo/v4"

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
	wt := c.Param("wallet_type")
	w, cur, err := h.method(c.Request().Context(), v.st, wt)
	if err != nil {
		return h.fault(v, err, "", v.pathWithQuery())
	}
	if w == nil {
		return h.notFound(v, "notfound.method")
	}
	if h.cfg.IsRedirect(wt) {
		if !payableByRedirect(w) {
			return h.notFound(v, "notfound.method")
		}
		return h.redirectForm(v, w, cur, submission{}, nil, "", http.StatusOK)
	}
	p := v.st.Payment(wt)
	now := h.now()
	if p == nil || p.Expired(now, h.cfg.Wallets.IdentifierTTL) {
		tx, err := h.api.CreateTransaction(c.Request().Context(), wt, paykassma.CreateTransactionRequest{Currency: v.st.Currency, Label: v.st.Label})
		if err != nil {
			return h.fault(v, err, "", v.pathWithQuery())
		}
		ref := v.st.NewRef()
		if p != nil && p.Ref != "" {
			ref = p.Ref // not used yet: it names the next attempt, whatever identifier it pays
		}
		p = &depositor.Payment{Identifier: tx.Identifier, Created: now.Unix(), Ref: ref}
		v.st.SetPayment(wt, p)
	}
	return h.p2pForm(v, w, cur, submission{}, nil, "", http.StatusOK)
}

// p2pForm renders the P2P pay page with the typed values and errors.
func (h *handler) p2pForm(v *visit, w *paykassma.Wallet, cur paykassma.Currency, s submission, fe fieldErrors, formErr string, status int) error {
	v.fixedAmount(&s) // the merchant's fixed_amount, from its signed link
	if err := v.save(); err != nil {
		return err
	}
	ctx := v.c.Request().Context()
	lang := v.lang()
	var (
		wg    sync.WaitGroup
		hints paykassma.Mediahints
		di    *paykassma.DepositInfo
	)
	wg.Go(func() {
		var err error
		if hints, err = h.api.Mediahints(ctx); err != nil {
			h.log.Warn("mediahints", "err", err)
		}
	})
	wg.Go(func() { di = h.depositInfo(ctx, v.st, w) })
	wg.Wait()

	p := v.st.Payment(w.Type)
	until := p.CreatedAt().Add(h.cfg.Wallets.IdentifierTTL)
	page, form := h.payForm(v, w, p.Ref, h.fields(lang, w, cur, s, fe, false), formErr)
	form.Multipart = needsScreenshot(w)
	form.Submit = i18n.T(lang, "pay.submit")
	vm := views.PayView{
		Page:          page,
		Method:        views.Method{Type: w.Type, Name: w.Name, Logo: w.Logo},
		BackURL:       v.listURL(),
		Identifier:    p.Identifier,
		SendAmount:    v.sendAmount(cur),
		ValidUntil:    clock(until),
		ValidUntilISO: until.UTC().Format("2006-01-02T15:04:05Z"),
		Savings:       savings(lang, w.Type, di, cur),
		Guide:         h.guide(lang, w, hints, false),
		TxIDHelp:      txidHelp(lang, w),
		UPI:           h.upiPay(lang, p.Identifier, v.st),
		Form:          form,
	}
	if di != nil && di.MinimumDeposit.IsPositive() {
		vm.MinimumLine = i18n.T(lang, "pay.minimum", money(di.MinimumDeposit, cur))
	}
	return h.render(v.c, status, lang, views.Pay(vm))
}

// pay is POST /pay/:wallet_type.
func (h *handler) pay(c echo.Context) error {
	v := h.load(c)
	if v == nil {
		return h.lost(c, "lost.session")
	}
	wt := c.Param("wallet_type")
	// A form sent again after its outcome is known (a double tap, the back
	// button) shows that outcome; nothing is sent twice.
	if ref := c.FormValue("ref"); ref != "" {
		if a := v.st.Attempt(ref); a != nil && a.WalletType == wt && a.Outcome != depositor.Pending {
			return v.seeStatus(ref)
		}
	}
	w, cur, err := h.method(c.Request().Context(), v.st, wt)
	if err != nil {
		return h.fault(v, err, "", "/pay/"+wt)
	}
	if w == nil {
		return h.notFound(v, "notfound.method")
	}
	if h.cfg.IsRedirect(wt) {
		if !payableByRedirect(w) {
			return h.notFound(v, "notfound.method")
		}
		return h.payRedirect(v, w, cur)
	}
	return h.payP2P(v, w, cur)
}

// payP2P activates a P2P payment (possible-transaction for a manual PS)
// under the reference minted for it, recorded before the call so a retry
// after a fault reuses it and Paykassma cannot count the payment twice.
func (h *handler) payP2P(v *visit, w *paykassma.Wallet, cur paykassma.Currency) error {
	c, lang := v.c, v.lang()
	s, fe := h.readP2P(c, lang, w)
	p := v.st.Payment(w.Type)
	if p == nil { // the identifier was never shown in this state: mint the reference now
		p = &depositor.Payment{Ref: v.st.NewRef()}
		v.st.SetPayment(w.Type, p)
	}
	if len(fe) > 0 {
		return h.p2pForm(v, w, cur, s, fe, "", http.StatusUnprocessableEntity)
	}
	// A pending attempt is retried under its reference only with the same
	// transaction ID; a different ID is a different payment.
	ctx := c.Request().Context()
	saved := ""
	if a := v.st.Attempt(p.Ref); a != nil && a.Key1 != s.Key1 {
		p.Ref = v.st.NewRef()
	} else if a != nil && a.Outcome == depositor.Pending {
		// Sent before without an answer: find out what became of it before
		// sending anything again.
		ok, err := h.landed(ctx, v.st, w, a)
		if err != nil {
			return h.fault(v, err, a.Ref, "/pay/"+w.Type)
		}
		if ok {
			a.Outcome, a.At = depositor.Done, h.now().Unix()
			p.Ref = v.st.NewRef()
			return v.seeStatus(a.Ref)
		}
		saved = a.Saved // still the savings before the first send
	}
	ref := p.Ref
	if saved == "" {
		saved = h.savedBefore(ctx, v.st, w)
	}
	attempt := depositor.Attempt{Ref: ref, WalletType: w.Type, Key1: s.Key1, Outcome: depositor.Pending, At: h.now().Unix(), Saved: saved}
	if s.hasAmount {
		attempt.Amount = s.amount.String()
	}
	v.st.Record(attempt)
	// Kept before the call: if the answer never reaches the browser, its
	// next submit still knows this reference and checks it first.
	if err := v.save(); err != nil {
		return err
	}

	if w.IsManual {
		outcome, err := h.api.PossibleTransaction(ctx, paykassma.PossibleTransactionRequest{
			CurrencyCode: v.st.Currency, WalletType: w.Type, Label: v.st.Label,
			Key1: s.Key1, Amount: s.amount, CustomID: ref, Screenshot: s.file,
		})
		return h.settle(v, w, cur, s, ref, outcome, err)
	}
	req := paykassma.ActivateRequest{
		CurrencyCode: v.st.Currency, WalletType: w.Type, Label: v.st.Label,
		Key1: s.Key1, CustomTransactionID: ref,
	}
	if s.hasAmount {
		req.Amount = &s.amount
	}
	outcome, err := h.api.Activate(ctx, req)
	return h.settle(v, w, cur, s, ref, outcome, err)
}

// settle records what Paykassma answered to an activation and shows it:
// an outcome page after a 303, the form again for field errors, or the
// fault page.
func (h *handler) settle(v *visit, w *paykassma.Wallet, cur paykassma.Currency, s submission, ref string, outcome paykassma.Outcome, err error) error {
	lang := v.lang()
	p := v.st.Payment(w.Type)
	a := *v.st.Attempt(ref)
	var apiErr *paykassma.APIError
	switch {
	case err == nil && outcome == paykassma.PossibleTransactionCreated:
		a.Outcome = depositor.Possible
	case err == nil:
		a.Outcome = depositor.Done
	case errors.Is(err, paykassma.ErrSuspicious):
		a.Outcome = depositor.Suspicious
	case errors.Is(err, paykassma.ErrWrongSecret), errors.Is(err, paykassma.ErrNotFound):
		// Refused before anything happened: nothing to retry under this reference.
		v.st.Forget(ref)
		return h.fault(v, err, "", "/pay/"+w.Type)
	case errors.As(err, &apiErr) && len(apiErr.Fields) > 0 && takenRef(apiErr.Fields):
		// The same form got through before (a double tap, a retry after a
		// timeout): its outcome is Paykassma's to tell, not a new failure.
		a.Outcome = depositor.Submitted
	case errors.As(err, &apiErr) && len(apiErr.Fields) > 0:
		v.st.Forget(ref)
		p.Ref = v.st.NewRef() // refused: the next try starts clean
		fe, formErr := h.refusedFields(lang, w, apiErr.Fields, err, "activation refused on fields the person did not type")
		return h.p2pForm(v, w, cur, s, fe, formErr, http.StatusUnprocessableEntity)
	case errors.As(err, &apiErr) && apiErr.Status == paykassma.StatusFail:
		a.Outcome = depositor.Failed
		a.Detail = truncate(apiErr.Message, 120)
	default:
		// Unavailable, timed out, or an answer we cannot read: it may have
		// gone through, so the attempt stays pending under its reference.
		v.st.Record(a)
		return h.fault(v, err, ref, "/pay/"+w.Type)
	}
	a.At = h.now().Unix()
	v.st.Record(a)
	p.Ref = v.st.NewRef() // settled: the next payment gets a new reference
	return v.seeStatus(ref)
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

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
