// The wallet lock: a merchant's link that opens one PS keeps the person on it.

package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// walletLock keeps a depositor whose link opened one PS (wallet_type) on
// that PS: the list and the other PSs send them back to it.
func (h *handler) walletLock(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		st := h.peek(c) // read only: the handler gets its own copy
		if st == nil || st.WalletLocked() == "" {
			return next(c)
		}
		wt := st.WalletLocked()
		if c.Param("wallet_type") == wt {
			return next(c)
		}
		if c.Request().Method != http.MethodGet {
			return echo.NewHTTPError(http.StatusForbidden)
		}
		return c.Redirect(http.StatusSeeOther, h.load(c).link("/pay/"+wt))
	}
}

// listURL is the link back to the list of PSs; "" when the merchant's link
// opened one PS only: walletLock would send the person straight back.
func (v *visit) listURL() string {
	if v.st.WalletLocked() != "" {
		return ""
	}
	return v.link("/")
}
