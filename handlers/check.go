package handlers

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/statuslink"
	"github.com/paykassma/checkout/views"
)

// keepURL is the read-only status link of an attempt, for its outcome page.
func (h *handler) keepURL(v *visit, a *depositor.Attempt) string {
	tok := h.links.Token(statuslink.Payment{
		Ref: a.Ref, Label: v.st.Label, Currency: v.st.Currency, WalletType: a.WalletType, Made: a.At,
	})
	return h.baseURL(v.c) + "/check/" + tok
}

// checkLink is GET /check/:token, one payment's status from its signed
// link, in any browser: credited, in savings, or not yet, as pullpostbacks
// and deposit-info tell. It reads no state and writes none, and offers
// nothing that pays.
func (h *handler) checkLink(c echo.Context) error {
	lang := h.pageLang(c)
	p, err := h.links.Read(c.Param("token"), h.now())
	if err != nil {
		// Expired: the reference is still worth quoting to support.
		what, status, ref := "invalid", http.StatusNotFound, ""
		if errors.Is(err, statuslink.ErrExpired) {
			what, status, ref = "expired", http.StatusGone, p.Ref
		}
		vm := views.OutcomeView{Kind: "link-" + what, Ref: ref,
			Heading: i18n.T(lang, "check.title."+what), Lines: []string{i18n.T(lang, "check.body."+what)}}
		vm.Page = h.page(lang, vm.Heading)
		return h.render(c, status, lang, views.Outcome(vm))
	}
	ctx := c.Request().Context()
	st := depositor.New(p.Label, p.Currency, lang)
	a := depositor.Attempt{Ref: p.Ref, WalletType: p.WalletType, Outcome: depositor.Done, At: p.Made}
	vm := views.OutcomeView{Kind: "waiting", Ref: p.Ref}
	w, cur, err := h.wallet(ctx, st, p.WalletType)
	if err != nil {
		h.log.Warn("payment systems for a status link", "err", err)
	}
	vm.Method = p.WalletType
	if w != nil {
		vm.Method = w.Name
	}
	vm.Method += " · " + i18n.T(lang, "check.made", when(lang, time.Unix(p.Made, 0), h.zone(p.Currency)))
	switch {
	case h.deposits.Credited(ctx, []depositor.Attempt{a})[p.Ref]:
		vm.Kind = "credited"
		vm.Heading, vm.Lines = i18n.T(lang, "check.title.credited"), []string{i18n.T(lang, "check.body.credited")}
	default:
		vm.Heading, vm.Lines = i18n.T(lang, "check.title.waiting"), []string{i18n.T(lang, "check.body.waiting")}
		if w == nil {
			break
		}
		if di := h.depositInfo(ctx, st, w); di != nil && di.StockpilingSum.IsPositive() && di.LacksSum.IsPositive() {
			vm.Kind = "saved"
			vm.Heading = i18n.T(lang, "check.title.saved")
			vm.Lines = []string{i18n.T(lang, "check.body.saved", moneyFor(lang, di.LacksSum, cur))}
			vm.Savings = savings(lang, "check", di, cur)
		}
	}
	vm.Page = h.page(lang, vm.Heading)
	return h.render(c, http.StatusOK, lang, views.Outcome(vm))
}
