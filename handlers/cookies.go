package handlers

import (
	"net"
	"strings"

	"github.com/labstack/echo/v4"
)

// crossSiteCookie decides the session cookie's attributes. Inside a
// merchant's frame on another site a browser keeps only a
// SameSite=None; Secure; Partitioned cookie, and a Secure cookie only over
// https, or over plain http on localhost (Chromium, Firefox). So: that
// cookie over https and on localhost, else (plain http on any other host,
// 127.0.0.1 included) SameSite=Lax, which a cross-site frame does not get:
// there the state travels in the st field and links instead.
func (h *handler) crossSiteCookie(c echo.Context) bool {
	if h.scheme(c) == "https" || strings.HasPrefix(h.cfg.Server.PublicURL, "https://") {
		return true
	}
	host := strings.ToLower(hostOnly(c.Request().Host))
	return host == "localhost" || strings.HasSuffix(host, ".localhost")
}

// hostOnly is a Host header without its port.
func hostOnly(hostport string) string {
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		return host
	}
	return hostport
}
