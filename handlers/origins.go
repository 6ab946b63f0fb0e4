// The origins a merchant's pages may frame the checkout from and be sent back to.

package handlers

import (
	"net"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"
)

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
	return h.scheme(c) + "://" + other
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
