package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/entrylink"
	"github.com/paykassma/checkout/i18n"
)

// signingKey verifies entry links: [merchant] signing_key, else in sandbox
// mode this process's demo key (so /demo works after `go run .`); else none,
// and every link is refused.
func (h *handler) signingKey() string {
	if h.cfg.Merchant.SigningKey != "" {
		return h.cfg.Merchant.SigningKey
	}
	if h.cfg.UsesSandbox() {
		return h.demoKey
	}
	return ""
}

// start is GET /start?…&exp=…&sig=…, the merchant's signed entry link. A
// good link starts a fresh visit and sends the person on (303) to the list
// or the PS it names; any other gets the 403 page and no session.
func (h *handler) start(c echo.Context) error {
	l, err := entrylink.Verify(h.signingKey(), c.QueryParams(), h.now())
	if err == nil {
		err = l.CheckOrigins(h.returnOrigins(c), h.frameOrigins(c))
	}
	if err != nil {
		// The reason is the merchant's to fix: logged, not shown. Its text
		// names parameters, never their values nor the key.
		h.log.Info("entry link refused", "reason", err.Error())
		if errors.Is(err, entrylink.ErrExpired) {
			return h.refused(c, "link.expired")
		}
		return h.refused(c, "link.invalid")
	}
	lang := l.Lang
	if !i18n.Supported(lang) {
		lang = i18n.Default
	}
	st := depositor.New(l.Label, l.CurrencyCode, lang)
	st.ID = depositor.NewVisitID()
	m := &depositor.Merchant{
		WalletType: l.WalletType, TxPrefix: l.CustomTransactionID,
		SuccessURL: l.SuccessURL, FailURL: l.FailURL, PendingURL: l.PendingURL,
		Origin: l.Origin,
	}
	if l.FixedAmount != nil {
		m.FixedAmount = l.FixedAmount.String()
	}
	if *m != (depositor.Merchant{}) {
		st.Merchant = m
	}
	v := &visit{h: h, c: c, st: st}
	if err := v.save(); err != nil {
		return err
	}
	next := "/"
	if l.WalletType != "" {
		next = "/pay/" + l.WalletType
	}
	// The link (and its sig) leaves the address bar; the state goes along
	// in case the browser keeps no cookie here.
	return c.Redirect(http.StatusSeeOther, v.link(next))
}

// refuseDemoLabel refuses the demo mode's /?label=… once a signing key is
// set: the depositor is then whoever the merchant's signed link names.
func (h *handler) refuseDemoLabel(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if h.cfg.Merchant.SigningKey != "" && (c.QueryParam("label") != "" || c.QueryParam("currency_code") != "") {
			return h.refused(c, "link.unsigned")
		}
		return next(c)
	}
}
