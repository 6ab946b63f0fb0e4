package handlers

import (
	"net"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/entrylink"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// crossSiteCookie decides the session cookie's attributes. Inside a
// merchant's frame on another site a browser keeps only a
// SameSite=None; Secure; Partitioned cookie, and a Secure cookie only over
// https, or over plain http on localhost (Chromium, Firefox). So: that
// cookie over https and on localhost, else (plain http on any other host,
// 127.0.0.1 included) SameSite=Lax, which a cross-site frame does not get:
// there the state travels in the st field and links instead.
func (h *handler) crossSiteCookie(c echo.Context) bool {
	if c.Scheme() == "https" || strings.HasPrefix(h.cfg.Server.PublicURL, "https://") {
		return true
	}
	host := strings.ToLower(hostOnly(c.Request().Host))
	return host == "localhost" || strings.HasSuffix(host, ".localhost")
}

func hostOnly(hostport string) string {
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		return host
	}
	return hostport
}

// demoOrigin is the other name of this server on the loopback, the origin of
// the sandbox's demo merchant page: 127.0.0.1 for localhost and back. ""
// outside sandbox mode or on any other host.
func (h *handler) demoOrigin(c echo.Context) string {
	if !h.cfg.UsesSandbox() {
		return ""
	}
	host, port, err := net.SplitHostPort(c.Request().Host)
	if err != nil {
		host, port = c.Request().Host, ""
	}
	var other string
	switch strings.ToLower(host) {
	case "localhost":
		other = "127.0.0.1"
	case "127.0.0.1":
		other = "localhost"
	default:
		return ""
	}
	if port != "" {
		other = net.JoinHostPort(other, port)
	}
	return c.Scheme() + "://" + other
}

// frameOrigins are the origins allowed to frame the checkout and to receive
// its events: [merchant] allowed_origins, and in sandbox mode the demo page's.
func (h *handler) frameOrigins(c echo.Context) []string {
	out := h.cfg.Merchant.AllowedOrigins // shared: cloned before adding to it
	if o := h.demoOrigin(c); o != "" && !slices.Contains(out, o) {
		out = append(slices.Clone(out), o)
	}
	return out
}

// returnOrigins are the origins a signed link's return URLs may point to:
// [merchant] return_origins, and in sandbox mode the demo page's.
func (h *handler) returnOrigins(c echo.Context) []string {
	out := slices.Clone(h.cfg.Merchant.ReturnOrigins)
	if o := h.demoOrigin(c); o != "" && !slices.Contains(out, o) {
		out = append(out, o)
	}
	return out
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

// walletLock keeps a depositor whose link opened one PS (wallet_type) on
// that PS: the list and the other PSs send them back to it.
func (h *handler) walletLock(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		v := h.load(c)
		if v == nil || v.st.WalletLocked() == "" {
			return next(c)
		}
		wt := v.st.WalletLocked()
		if c.Param("wallet_type") == wt {
			return next(c)
		}
		if c.Request().Method != http.MethodGet {
			return echo.NewHTTPError(http.StatusForbidden)
		}
		return c.Redirect(http.StatusSeeOther, v.link("/pay/"+wt))
	}
}

// fixAmount makes a POST pay the merchant's fixed_amount whatever the form
// says: the field shows it, but a form can be edited.
func (h *handler) fixAmount(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if v := h.load(c); v != nil && v.st.Merchant != nil && v.st.Merchant.FixedAmount != "" {
			r := c.Request()
			if r.Form != nil {
				r.Form.Set("amount", v.st.Merchant.FixedAmount)
			}
			if r.PostForm != nil {
				r.PostForm.Set("amount", v.st.Merchant.FixedAmount)
			}
			if r.MultipartForm != nil {
				r.MultipartForm.Value["amount"] = []string{v.st.Merchant.FixedAmount}
			}
		}
		return next(c)
	}
}

// fixedAmount puts the merchant's fixed_amount in the form, as a fact the
// person cannot change rather than a field (fixAmount enforces it).
func (v *visit) fixedAmount(f *payForm) {
	if m := v.st.Merchant; m != nil && m.FixedAmount != "" {
		f.typed.Amount, f.fixed = m.FixedAmount, true
	}
}

// sendAmount is the pay page's "Send exactly ₹500." when the merchant fixed
// the amount: for PSs whose form asks for no amount it is the only place
// the person learns how much to send.
func (v *visit) sendAmount(cur paykassma.Currency) string {
	if m := v.st.Merchant; m != nil && m.FixedAmount != "" {
		return i18n.T(v.lang(), "pay.send.exact", formatAmount(m.FixedAmount, cur))
	}
	return ""
}

// listURL is the link back to the list of PSs; "" when the merchant's link
// opened one PS only: walletLock would send the person straight back.
func (v *visit) listURL() string {
	if v.st.WalletLocked() != "" {
		return ""
	}
	return v.link("/")
}

// returnStatus is the outcome a merchant's return URL is told, and which of
// its URLs gets it.
func returnStatus(m *depositor.Merchant, o depositor.Outcome, credited bool) (status, target string) {
	switch {
	case credited || o == depositor.Done || o == depositor.Paid:
		return "success", m.SuccessURL
	case o == depositor.Cancelled:
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

// embed is what the layout needs of a visit: where its events go.
func (v *visit) embed() views.Embed {
	e := views.Embed{ParentOrigin: v.st.ParentOrigin()}
	if e.ParentOrigin != "" {
		e.CancelURL = v.link("/cancel")
	}
	return e
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
	vm := views.ErrorView{
		Page:    h.page(lang, i18n.T(lang, key+".title")),
		Status:  http.StatusForbidden,
		Heading: i18n.T(lang, key+".title"),
		Lines:   []string{i18n.T(lang, key+".body", name)},
	}
	return h.render(c, http.StatusForbidden, lang, views.Error(vm))
}

// cancel is GET /cancel: the depositor gives up from inside the merchant's
// frame. The page tells the parent (checkout:cancel); outside a frame it
// goes straight to the merchant's fail_url.
func (h *handler) cancel(c echo.Context) error {
	v := h.load(c)
	if v == nil {
		return h.lost(c, "lost.session")
	}
	a := &depositor.Attempt{Outcome: depositor.Cancelled}
	back := merchantReturn(v.st, a, false)
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
	}
	vm.Page = h.page(lang, vm.Heading)
	return h.render(c, http.StatusOK, lang, views.Outcome(vm))
}

// brandCSS is GET /static/brand.css: the merchant's accent colour (config,
// checked to be #rrggbb) as the stylesheet's brand colour. A stylesheet
// rather than an inline style: the CSP allows styles from 'self' only.
func (h *handler) brandCSS(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=300")
	css := "/* no accent configured */\n"
	if a := h.cfg.Merchant.Accent; a != "" {
		css = ":root { --brand: " + a + "; }\n"
	}
	return c.Blob(http.StatusOK, "text/css; charset=utf-8", []byte(css))
}
