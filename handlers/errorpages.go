// The error pages: every way a request ends on a page that says what went wrong.

package handlers

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// errorView is an error page with its status and the messages under key
// (key.title as title and heading, key.body with args as its line); the
// caller adds what to do next.
func (h *handler) errorView(lang, key string, status int, args ...any) views.ErrorView {
	title := i18n.T(lang, key+".title")
	return views.ErrorView{
		Page:    h.page(lang, title),
		Status:  status,
		Heading: title,
		Lines:   []string{i18n.T(lang, key+".body", args...)},
		Support: h.support(lang),
	}
}

// support is the merchant's help line in lang: its text, else "Contact
// support" where only the URL is configured; nothing when neither is.
func (h *handler) support(lang string) views.Support {
	s := views.Support{URL: h.cfg.Merchant.SupportURL, Text: h.cfg.Merchant.SupportText}
	if s.Text == "" && s.URL != "" {
		s.Text = i18n.T(lang, "support.contact")
	}
	return s
}

// errorPage is Echo's error handler: every error ends on a friendly page
// with the right status, never a stack trace or a blank page.
func (h *handler) errorPage(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status := http.StatusInternalServerError
	var he *echo.HTTPError
	if errors.As(err, &he) {
		status = he.Code
	}
	if status >= 500 {
		h.log.Error("request failed", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	lang := h.pageLang(c)
	key := "error.other"
	switch status {
	case http.StatusBadRequest, http.StatusRequestURITooLong:
		key = "error.400"
	case http.StatusForbidden:
		key = "error.403"
	case http.StatusNotFound:
		key = "error.404"
	case http.StatusMethodNotAllowed:
		key = "error.405"
	case http.StatusRequestEntityTooLarge:
		key = "error.413"
	case http.StatusTooManyRequests:
		key = "error.429"
	case http.StatusInternalServerError:
		key = "error.500"
	}
	vm := h.errorView(lang, key, status)
	vm.Actions = []views.Link{{Text: i18n.T(lang, "action.start"), URL: "/", Primary: true, TestID: "action-start"}}
	if errors.Is(err, errStaleForm) {
		vm.Lines = []string{i18n.T(lang, "error.403.token")}
	}
	if status == http.StatusTooManyRequests {
		vm.Lines = []string{i18n.T(lang, key+".body", waitText(lang, c.Response().Header().Get("Retry-After")))}
		vm.Actions = []views.Link{{Text: i18n.T(lang, "action.back.pay"), URL: c.Request().URL.Path, Primary: true, TestID: "action-retry"}}
	}
	if status == http.StatusRequestEntityTooLarge {
		vm.Lines = []string{i18n.T(lang, key+".body", megabytes(lang, h.cfg.Uploads.MaxBytes))}
		vm.Actions = []views.Link{{Text: i18n.T(lang, "action.back.pay"), URL: c.Request().URL.Path, Primary: true, TestID: "action-retry"}}
	}
	if err := h.render(c, status, lang, views.Error(vm)); err != nil {
		h.log.Error("render error page", "err", err)
		_ = c.String(status, http.StatusText(status))
	}
}

// fault ends a request on an upstream fault: the cause logged once (the
// client's errors never hold the secret), the state saved so a retry uses
// the same reference, and a page saying whether anything was taken.
func (h *handler) fault(v *visit, err error, ref, retry string) error {
	c := v.c
	if lim := (*limitedError)(nil); errors.As(err, &lim) {
		return h.tooMany(c, lim.wait) // nothing sent: the 429 page, as for a form
	}
	status, key := classify(err)
	lvl := slog.LevelWarn
	if status == http.StatusServiceUnavailable {
		lvl = slog.LevelError // misconfigured: someone must act
	}
	if paykassma.Classify(err) == paykassma.FaultCanceled {
		lvl = slog.LevelDebug // the person left
	}
	h.log.Log(c.Request().Context(), lvl, "paykassma fault", "status", status, "path", c.Request().URL.Path, "ref", ref, "err", err)
	if serr := v.save(); serr != nil {
		return serr
	}
	lang := v.lang()
	vm := h.errorView(lang, key, status)
	vm.Ref = ref
	vm.Actions = []views.Link{{Text: i18n.T(lang, "action.retry"), URL: v.link(retry), Primary: true, TestID: "action-retry"}}
	if list := v.listURL(); list != "" { // none when the merchant's link opened one PS only
		vm.Actions = append(vm.Actions, views.Link{Text: i18n.T(lang, "action.choose"), URL: list, TestID: "action-choose"})
	}
	if ref != "" {
		// It may have gone through: say so, and offer the check first.
		vm.Lines = append(vm.Lines, i18n.T(lang, "fault.checking"), i18n.T(lang, "fault.sent"))
		vm.Actions[0].Primary = false
		vm.Actions = append([]views.Link{{Text: i18n.T(lang, "action.check.ref"), URL: v.link("/status/" + ref), Primary: true, TestID: "action-check"}}, vm.Actions...)
	}
	return h.render(c, status, lang, views.Error(vm))
}

// classify maps an upstream error to the status and message of its page.
// Only two tell the person more than "try again": a timeout (it may yet go
// through) and a misconfiguration (retrying will not help).
func classify(err error) (int, string) {
	switch paykassma.Classify(err) {
	case paykassma.FaultTimeout:
		return http.StatusGatewayTimeout, "fault.timeout"
	case paykassma.FaultConfig:
		return http.StatusServiceUnavailable, "fault.config"
	default:
		return http.StatusBadGateway, "fault.unavailable"
	}
}

// lost answers a request that carries no depositor: the link was incomplete
// or the state expired. In sandbox mode it offers demo links.
func (h *handler) lost(c echo.Context, key string) error {
	lang := h.pageLang(c)
	vm := h.errorView(lang, key, http.StatusBadRequest)
	if h.cfg.UsesSandbox() {
		vm.Lines = append(vm.Lines, i18n.T(lang, "lost.demo"))
		vm.Actions = []views.Link{
			{Text: i18n.T(lang, "lost.demo.inr"), URL: "/?label=demo-user&currency_code=INR", Primary: true, TestID: "demo-inr"},
			{Text: i18n.T(lang, "lost.demo.bdt"), URL: "/?label=demo-user&currency_code=BDT", TestID: "demo-bdt"},
		}
	}
	return h.render(c, http.StatusBadRequest, lang, views.Error(vm))
}

// notFound is the 404 page for a PS or reference this depositor does not have.
func (h *handler) notFound(v *visit, key string) error {
	if err := v.save(); err != nil {
		return err
	}
	lang := v.lang()
	vm := h.errorView(lang, key, http.StatusNotFound)
	// Not when the merchant's link opened one PS only: the list would send
	// the person back to it, here.
	if list := v.listURL(); list != "" {
		vm.Actions = []views.Link{{Text: i18n.T(lang, "action.choose"), URL: list, Primary: true, TestID: "action-choose"}}
	}
	return h.render(v.c, http.StatusNotFound, lang, views.Error(vm))
}

// refused is the 403 page for an entry link the checkout will not honour.
// It starts no session.
func (h *handler) refused(c echo.Context, key string) error {
	lang := i18n.Default
	if l := c.QueryParam("lang"); i18n.Supported(l) {
		lang = l
	}
	name := h.cfg.Merchant.Name
	if name == "" {
		name = i18n.T(lang, "return.shop")
	}
	vm := h.errorView(lang, key, http.StatusForbidden, name)
	return h.render(c, http.StatusForbidden, lang, views.Error(vm))
}
