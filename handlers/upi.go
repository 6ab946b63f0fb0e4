package handlers

import (
	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/upiqr"
	"github.com/paykassma/checkout/views"
)

// upiPay is the QR and app link for an identifier that is a UPI address;
// nil for any other (account numbers, phone numbers) or in another currency.
func (h *handler) upiPay(lang, identifier string, st *depositor.State) *views.UPIPay {
	if st.Currency != "INR" || !upiqr.IsAddress(identifier) {
		return nil
	}
	amount := ""
	if st.Merchant != nil {
		amount = st.Merchant.FixedAmount
	}
	link, err := upiqr.URL(identifier, h.cfg.Merchant.Name, amount)
	if err != nil {
		return nil
	}
	qr, err := upiqr.PNGDataURI(link)
	if err != nil {
		h.log.Warn("upi qr", "err", err)
		return nil
	}
	return &views.UPIPay{Link: link, QR: qr, Alt: i18n.T(lang, "upi.qr.alt", identifier)}
}
