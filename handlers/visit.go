package handlers

import (
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/views"
)

// visit is one request of a known depositor: their state, and how it came,
// which decides how it goes back (cookie, or st in forms and links).
type visit struct {
	h      *handler
	c      echo.Context
	st     *depositor.State
	cookie bool   // the state came in the session cookie
	token  string // the st token, once saved
}

// load reads the depositor's state; nil when the request carries none.
func (h *handler) load(c echo.Context) *visit {
	st, cookie := h.codec.Load(c.Request())
	if st == nil {
		return nil
	}
	return &visit{h: h, c: c, st: st, cookie: cookie}
}

// save writes the state to the cookie and keeps the token for forms and
// links. Call it after the last change and before building any URL.
func (v *visit) save() error {
	tok, err := v.h.codec.Save(v.c.Response(), v.c.Request(), v.st, v.h.crossSiteCookie(v.c))
	if err != nil {
		return err
	}
	v.token = tok
	v.c.Set(savedVisit, v) // for the language switcher's links
	r := v.c.Request()
	v.c.SetRequest(r.WithContext(views.WithEmbed(r.Context(), v.embed())))
	return nil
}

// link is path carrying the state when the browser did not send the cookie:
// it may be one that keeps none (inside a merchant's frame).
func (v *visit) link(path string) string {
	if v.cookie || v.token == "" {
		return path
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + depositor.Field + "=" + url.QueryEscape(v.token)
}

// lang is the depositor's language.
func (v *visit) lang() string { return v.st.Lang }

// baseURL is the absolute URL people reach us at, for return URLs.
func (h *handler) baseURL(c echo.Context) string {
	if h.cfg.Server.PublicURL != "" {
		return h.cfg.Server.PublicURL
	}
	return c.Scheme() + "://" + c.Request().Host
}
