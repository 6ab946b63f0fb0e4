package handlers

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// secureHeaders gives every page of ours a fresh CSP nonce (scripts run only
// with it), and the headers that keep the state token out of Referer and
// content types honest. The sandbox's own pages are left as they are.
func (h *handler) secureHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if p := c.Request().URL.Path; p == "/sandbox" || strings.HasPrefix(p, "/sandbox/") {
			return next(c)
		}
		b := make([]byte, 18)
		rand.Read(b) // never fails (Go 1.24+)
		nonce := base64.StdEncoding.EncodeToString(b)
		hdr := c.Response().Header()
		hdr.Set("Content-Security-Policy", h.csp(c, nonce))
		hdr.Set("X-Content-Type-Options", "nosniff")
		hdr.Set("Referrer-Policy", "no-referrer")
		if h.overTLS(c) {
			hdr.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		c.Set(nonceKey, nonce) // render gives it to the page's scripts
		return next(c)
	}
}

// nonceKey holds the request's CSP nonce in Echo's context: render adds it
// to the page's own context, so no request is copied to carry it.
const nonceKey = "checkout.nonce"

// csp is the Content-Security-Policy for a nonce. Frames are allowed from
// the merchant's origins only. form-action must admit the wallet pages a
// POST redirects to: the sandbox's are ours ('self'); real wallets live on
// https origins we do not know in advance.
func (h *handler) csp(c echo.Context, nonce string) string {
	frame := "'self'"
	for _, o := range h.frameOrigins(c) { // allowed_origins; the demo page in sandbox mode
		frame += " " + o
	}
	form := "'self'"
	if !h.cfg.UsesSandbox() && len(h.cfg.Wallets.Redirect) > 0 {
		form += " https:"
	}
	return "default-src 'self'; script-src 'nonce-" + nonce + "'; style-src 'self'; " +
		"img-src 'self' data: https:; media-src 'self' https:; frame-ancestors " + frame +
		"; form-action " + form + "; base-uri 'none'; object-src 'none'"
}

// recoverPanics turns a panic into an error for the error page.
func recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		return next(c)
	}
}
