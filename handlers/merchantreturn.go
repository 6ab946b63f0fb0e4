// The merchant's return URLs, told what became of an attempt.

package handlers

import (
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

// merchantReturn is the merchant's return URL for an attempt's outcome,
// with status and reference added; "" when the signed link gave none.
// Return URLs exist only in a state made from a signed link whose origins
// were checked, so this is never an open redirect.
func merchantReturn(st *depositor.State, a *depositor.Attempt, credited bool) string {
	if st == nil || st.Merchant == nil || a == nil {
		return ""
	}
	status, target := returnStatus(st.Merchant, a.Outcome, credited)
	if target == "" {
		return ""
	}
	return entrylink.WithOutcome(target, status, a.Ref)
}

// returnAction is the outcome page's way back to the merchant's site.
func (h *handler) returnAction(v *visit, a *depositor.Attempt, credited bool) []views.Link {
	u := merchantReturn(v.st, a, credited)
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
