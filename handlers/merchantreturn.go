// The merchant's return URLs, told what became of an attempt.

package handlers

import (
	"net/url"

	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/entrylink"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/views"
)

// returnStatus is the outcome a merchant's return URL is told, and which of
// its URLs gets it.
func returnStatus(m *depositor.Merchant, o depositor.Outcome, credited bool) (status, target string) {
	switch {
	case credited || o == depositor.Done || o == depositor.Paid:
		return "success", m.SuccessURL
	case o == depositor.Cancelled, o == depositor.Closed:
		return "cancel", m.FailURL
	case o == depositor.Failed || o == depositor.WalletFail:
		return "fail", m.FailURL
	default: // possible, suspicious, submitted, pending, redirected
		return "pending", m.PendingURL
	}
}

// signedReturn is what the merchant is told of an attempt's outcome,
// signed for its server (entrylink.SignReturn): status, reference, exp and
// sig; and its return URL for it, "" when the signed link gave none. nil
// without a merchant's link. Return URLs exist only in a state made from a
// signed link whose origins were checked, so they are never an open
// redirect.
func (h *handler) signedReturn(st *depositor.State, a *depositor.Attempt, credited bool) (signed url.Values, target string) {
	if st == nil || st.Merchant == nil || a == nil {
		return nil, ""
	}
	status, target := returnStatus(st.Merchant, a.Outcome, credited)
	signed, err := entrylink.SignReturn(h.signingKey(), status, a.Ref, h.now().Add(entrylink.ReturnLifetime))
	if err != nil {
		h.log.Error("signing a return", "err", err)
		return nil, ""
	}
	return signed, target
}

// merchantReturn is the merchant's return URL for an attempt's outcome,
// with the signed return's fields added; "" when the signed link gave none.
func (h *handler) merchantReturn(st *depositor.State, a *depositor.Attempt, credited bool) string {
	signed, target := h.signedReturn(st, a, credited)
	if target == "" {
		return ""
	}
	return entrylink.WithOutcome(target, signed)
}

// returnAction is the outcome page's way back to the merchant's site. The
// same signed fields go with the page's checkout:done event (frame.js), for
// the merchant's page to pass to its server.
func (h *handler) returnAction(v *visit, a *depositor.Attempt, credited bool) []views.Link {
	signed, target := h.signedReturn(v.st, a, credited)
	v.signed = signed
	if target == "" {
		return nil
	}
	u := entrylink.WithOutcome(target, signed)
	if u == "" {
		return nil
	}
	lang := v.lang()
	name := h.cfg.Merchant.Name
	if name == "" {
		name = i18n.T(lang, "return.shop")
	}
	return []views.Link{{Text: i18n.T(lang, "action.return", name), URL: u, Target: "_top", TestID: "action-return"}}
}
