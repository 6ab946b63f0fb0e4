package handlers

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/views"
)

// savedVisit is where save leaves the visit for render, which builds the
// language switcher's links (they must carry the state as just saved).
const savedVisit = "checkout.visit"

// requestLang is the language for a request without a depositor (or one
// whose link named none): the browser's preference, else English.
func requestLang(c echo.Context) string {
	if l := i18n.FromAcceptLanguage(c.Request().Header.Get("Accept-Language")); l != "" {
		return l
	}
	return i18n.Default
}

// langLinks are the switcher's links on the page being rendered: each
// switches the depositor's language and comes back to this page.
func (h *handler) langLinks(c echo.Context, lang string) []views.LangLink {
	v, ok := c.Get(savedVisit).(*visit)
	if !ok || v.st.Label == "" || v.resume != "" { // a resumed visit has nowhere to keep a language
		return nil
	}
	r := c.Request()
	back := r.URL.Path
	if r.Method == http.MethodGet && r.URL.RawQuery != "" {
		q := r.URL.Query()
		q.Del(depositor.Field) // the link adds the state as saved now
		q.Del("lang")
		if len(q) > 0 {
			back += "?" + q.Encode()
		}
	}
	back = "?back=" + url.QueryEscape(back) // as url.Values{"back": {back}}.Encode()
	out := make([]views.LangLink, 0, len(i18n.Languages))
	for _, l := range i18n.Languages {
		out = append(out, views.LangLink{
			Code: l.Code, Name: l.Name, Current: l.Code == lang,
			URL: v.link("/lang/" + l.Code + back),
		})
	}
	return out
}

// switchLang is GET /lang/:code?back=/path: the switcher's target. It keeps
// the language in the depositor's state and goes back to the page.
func (h *handler) switchLang(c echo.Context) error {
	code := c.Param("code")
	if !i18n.Supported(code) {
		return echo.ErrNotFound
	}
	v := h.load(c)
	if v == nil {
		return h.lost(c, "lost.session")
	}
	back := c.QueryParam("back")
	if !localPath(back) {
		back = "/"
	}
	v.st.Lang = code
	if err := v.save(); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, v.link(back))
}

// pageLang is the language of a page that has no visit at hand (errors):
// the depositor's, if the request carries one, else the browser's.
func (h *handler) pageLang(c echo.Context) string {
	if st := h.peek(c); st != nil && i18n.Supported(st.Lang) {
		return st.Lang
	}
	return requestLang(c)
}

// localPath reports whether back is a path of ours, so the switcher is
// never an open redirect. Browsers drop tabs and newlines from a URL and
// read a backslash as "/", so "/<tab>/evil.example" and "/\evil.example" would
// both leave the site as "//evil.example".
func localPath(back string) bool {
	if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") || strings.HasPrefix(back, "/\\") {
		return false
	}
	return !strings.ContainsFunc(back, func(r rune) bool { return r < 0x20 || r == 0x7f })
}
