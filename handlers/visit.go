package handlers

import (
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/depositor"
)

// visit is one request of a known depositor: their state, and how it came,
// which decides how it goes back (cookie, or st in forms and links).
type visit struct {
	h      *handler
	c      echo.Context
	st     *depositor.State
	cookie bool   // the state came in the session cookie
	saved  bool   // save was called: links and forms may carry the state
	token  string // the st token, made when first needed after save (stToken)
	// tokenQ is token query-escaped, made once: a page without the cookie
	// carries it in every link (a dozen on the list), and escaping a 1 KB
	// token for each was most of what link cost.
	tokenQ string
	// resume is the resume token the state came from: it holds one
	// attempt, and goes on only in links to what resumable opens.
	resume string
	// signed is the outcome page's signed return, for its checkout:done
	// event (returnAction).
	signed url.Values
}

// load reads the depositor's state; nil when the request carries none.
func (h *handler) load(c echo.Context) *visit {
	// Middleware and handler both load it: decode once per request, and
	// give each a copy of its own.
	l := h.loaded(c)
	if l.st == nil {
		return nil
	}
	return &visit{h: h, c: c, st: l.st.Clone(), cookie: l.cookie, resume: l.resume}
}

// peek is the request's state as decoded, nil when none, for a middleware
// that only reads it (walletLock): not a copy, so never changed nor kept.
// A copy per middleware was a tenth of a page's allocations.
func (h *handler) peek(c echo.Context) *depositor.State { return h.loaded(c).st }

// loaded decodes the request's state once, and keeps it in the context.
func (h *handler) loaded(c echo.Context) loaded {
	l, ok := c.Get(loadedState).(loaded)
	if !ok {
		l.st, l.cookie = h.codec.Peek(c.Request()) // read only: load gives the handler its copy
		h.resume(c, &l)
		c.Set(loadedState, l)
		if l.st != nil {
			ticketOf(c.Request().Context()).loaded(l.st.Label) // whose calls to Paykassma these are
		}
	}
	return l
}

// resumable are the routes a resume token opens: the wallet's return, the
// outcome page it leads to, and the way back to the merchant. Anywhere
// else (the list, a payment form) it is no state at all.
var resumable = map[string]bool{"/return/:outcome": true, "/status/:reference": true, "/cancel": true}

// resume takes the resume token on a wallet's return URL (redirect.go) when
// the request brought no cookie of that visit: a browser that keeps none,
// or the top window after a merchant's frame. The visit then holds that
// one attempt, and is never written to a cookie or an st token.
func (h *handler) resume(c echo.Context, l *loaded) {
	tok := c.QueryParam(depositor.ResumeField)
	if tok == "" || !resumable[c.Path()] {
		return
	}
	st, err := h.codec.Resume(tok, h.now())
	if err != nil {
		return
	}
	if l.cookie && l.st.ID != "" && l.st.ID == st.ID {
		return // the person's full state
	}
	l.st, l.cookie, l.resume = st, false, tok
}

// loadedState is where load keeps the request's state as decoded.
const loadedState = "checkout.loaded"

type loaded struct {
	st     *depositor.State
	cookie bool
	resume string // the resume token the state came from
}

// save writes the state to the cookie and keeps the token for forms and
// links. Call it after the last change and before building any URL.
func (v *visit) save() error {
	if v.resume != "" {
		// One attempt's worth of state: never a cookie nor an st token.
		v.saved = true
		v.c.Set(savedVisit, v)
		return nil
	}
	// The cookie is written only when the state changed; the token, which
	// most pages (cookie and no form) never use, only when asked for.
	tok, err := v.h.codec.Store(v.c.Response(), v.c.Request(), v.st, v.h.crossSiteCookie(v.c))
	if err != nil {
		return err
	}
	v.saved, v.token, v.tokenQ = true, tok, ""
	v.c.Set(savedVisit, v) // for render: the language switcher's links and the embedding
	return nil
}

// link is path carrying the state when the browser did not send the cookie:
// it may be one that keeps none (inside a merchant's frame).
func (v *visit) link(path string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	if v.resume != "" {
		route, _, _ := strings.Cut(path, "?")
		if route == "/cancel" || strings.HasPrefix(route, "/status/") || strings.HasPrefix(route, "/return/") {
			return path + sep + depositor.ResumeField + "=" + url.QueryEscape(v.resume)
		}
		return path
	}
	if v.cookie || !v.saved {
		return path
	}
	if v.tokenQ == "" {
		v.tokenQ = url.QueryEscape(v.stToken())
	}
	return path + sep + depositor.Field + "=" + v.tokenQ
}

// stToken is the state as saved, for the st field and links; "" before
// save. The state fitted a cookie when saved, so it fits a token.
func (v *visit) stToken() string {
	if v.token == "" && v.saved {
		tok, err := v.h.codec.Token(v.st)
		if err != nil {
			v.h.log.Error("state token", "err", err)
		}
		v.token = tok
	}
	return v.token
}

// lang is the depositor's language.
func (v *visit) lang() string { return v.st.Lang }

// baseURL is the absolute URL people reach us at, for return URLs.
func (h *handler) baseURL(c echo.Context) string {
	if h.cfg.Server.PublicURL != "" {
		return h.cfg.Server.PublicURL
	}
	return h.scheme(c) + "://" + c.Request().Host
}
