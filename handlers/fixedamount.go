// The merchant's fixed_amount: shown as a fact, and what is paid whatever the form says.

package handlers

import (
	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
)

// fixAmount makes a POST pay the merchant's fixed_amount whatever the form
// says: the field shows it, but a form can be edited.
func (h *handler) fixAmount(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if v := h.load(c); v != nil && v.st.FixedAmount() != "" {
			amount, r := v.st.FixedAmount(), c.Request()
			if r.Form != nil {
				r.Form.Set("amount", amount)
			}
			if r.PostForm != nil {
				r.PostForm.Set("amount", amount)
			}
			if r.MultipartForm != nil {
				r.MultipartForm.Value["amount"] = []string{amount}
			}
		}
		return next(c)
	}
}

// fixedAmount puts the merchant's fixed_amount in the form, as a fact the
// person cannot change rather than a field (fixAmount enforces it).
func (v *visit) fixedAmount(f *payForm) {
	if a := v.st.FixedAmount(); a != "" {
		f.typed.Amount, f.fixed = a, true
	}
}

// sendAmount is the pay page's "Send exactly ₹500." when the merchant fixed
// the amount: for PSs whose form asks for no amount it is the only place
// the person learns how much to send.
func (v *visit) sendAmount(cur paykassma.Currency) string {
	if a := v.st.FixedAmount(); a != "" {
		return i18n.T(v.lang(), "pay.send.exact", formatAmount(v.lang(), a, cur))
	}
	return ""
}
