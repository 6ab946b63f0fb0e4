package handlers

import (
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/upiqr"
	"github.com/paykassma/checkout/views"
)

// upiPay is how to pay an identifier that is a UPI address: the copy steps
// and the QR, and app links only where walletType's UPI IDs are a
// merchant's ([wallets] upi_intent); nil for any other identifier
// (account numbers, phone numbers) or currency. amount ("500.00", or "")
// goes into the QR and the app links as am=.
func (h *handler) upiPay(v *visit, walletType, identifier string, cur paykassma.Currency, amount string) *views.UPIPay {
	st := v.st
	if st.Currency != "INR" || !upiqr.IsAddress(identifier) {
		return nil
	}
	lang := v.lang()
	link, err := upiqr.URL(identifier, h.cfg.Merchant.Name, amount)
	if err != nil {
		return nil
	}
	qr, err := qrDataURI(link)
	if err != nil {
		h.log.Warn("upi qr", "err", err)
		return nil
	}
	u := &views.UPIPay{QR: qr, QRLink: link, Alt: i18n.T(lang, "upi.qr.alt", identifier), Amount: amount}
	if amount != "" {
		u.AmountText = formatAmount(lang, amount, cur)
	}
	if h.cfg.UPIIntent(walletType) {
		apps, _ := upiqr.AppLinks(identifier, h.cfg.Merchant.Name, amount) // identifier is an address
		for _, a := range apps {
			l := views.Link{Text: i18n.T(lang, "upi.open.app", a.Name), URL: a.URL, TestID: "upi-app"}
			if a.Name == "" {
				l = views.Link{Text: i18n.T(lang, "upi.open"), URL: a.URL, Primary: true, TestID: "upi-open"}
			}
			u.Apps = append(u.Apps, l)
		}
		u.PageURL = h.baseURL(v.c) + v.c.Request().URL.Path
	}
	return u
}
