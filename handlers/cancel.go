package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/views"
)

// cancel is GET /cancel: the depositor gives up from inside the merchant's
// frame. The page tells the parent (checkout:cancel); outside a frame it
// goes straight to the merchant's fail_url.
func (h *handler) cancel(c echo.Context) error {
	v := h.load(c)
	if v == nil {
		return h.lost(c, "lost.session")
	}
	a := &depositor.Attempt{Outcome: depositor.Cancelled}
	back := h.merchantReturn(v.st, a, false)
	if back != "" && c.Request().Header.Get("Sec-Fetch-Dest") != "iframe" {
		return c.Redirect(http.StatusSeeOther, back)
	}
	if err := v.save(); err != nil {
		return err
	}
	lang := v.lang()
	vm := views.OutcomeView{
		Kind:    string(depositor.Cancelled),
		Heading: i18n.T(lang, "outcome.cancel.title"),
		Lines:   []string{i18n.T(lang, "cancel.body")},
		Actions: h.returnAction(v, a, false),
		Support: h.support(lang),
	}
	vm.Page = h.page(lang, vm.Heading)
	return h.render(c, http.StatusOK, lang, views.Outcome(vm))
}
