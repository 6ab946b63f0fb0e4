package handlers

import (
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/entrylink"
	"github.com/paykassma/checkout/static"
	"github.com/paykassma/checkout/views"
)

// newDemoKey is this process's key for the sandbox's demo entry links:
// random, so it signs nothing outside this process and never with money.
func newDemoKey() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (Go 1.24+)
	return hex.EncodeToString(b)
}

// demo is GET /demo, sandbox mode only: a merchant's page on another origin
// (127.0.0.1 when the checkout is reached as localhost) that frames the
// checkout with a link it signs server-side, as a merchant would, and shows
// the events the checkout sends it.
func (h *handler) demo(c echo.Context) error {
	if !h.cfg.UsesSandbox() {
		return echo.ErrNotFound
	}
	host, port, err := net.SplitHostPort(c.Request().Host)
	if err != nil {
		host = c.Request().Host
	}
	if strings.EqualFold(host, "localhost") {
		// The demo shop lives on 127.0.0.1 so the checkout (localhost) is
		// another site to it, as it is to a real merchant.
		u := h.scheme(c) + "://" + net.JoinHostPort("127.0.0.1", port) + c.Request().URL.RequestURI()
		return c.Redirect(http.StatusSeeOther, u)
	}
	checkout := h.demoOrigin(c)
	if checkout == "" {
		return echo.ErrNotFound
	}
	self := h.scheme(c) + "://" + c.Request().Host
	cur := "INR"
	if c.QueryParam("currency") == "BDT" {
		cur = "BDT"
	}
	q := url.Values{
		"label":                 {"demo-user"},
		"currency_code":         {cur},
		"custom_transaction_id": {"demo-" + depositor.NewVisitID()[:8]},
		"success_url":           {self + "/demo?currency=" + cur},
		"fail_url":              {self + "/demo?currency=" + cur},
		"pending_url":           {self + "/demo?currency=" + cur},
		"origin":                {self},
	}
	link, err := entrylink.URL(checkout, h.signingKey(), q, h.now().Add(30*time.Minute))
	if err != nil {
		return err
	}
	// Our CSP frames only ourselves; this page frames the checkout's origin.
	hdr := c.Response().Header()
	hdr.Set("Content-Security-Policy", hdr.Get("Content-Security-Policy")+"; frame-src "+checkout)
	vm := views.DemoView{
		CheckoutSrc: link,
		EmbedJS:     checkout + static.Path("embed.js"),
		Currency:    cur,
		Status:      c.QueryParam("status"),
		Reference:   c.QueryParam("reference"),
	}
	return h.render(c, http.StatusOK, "en", views.Demo(vm))
}
