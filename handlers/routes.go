package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/static"
)

// routes is the map of every route the checkout serves.
func (h *handler) routes(e *echo.Echo) {
	e.Use(h.observe)       // request id, one log line and the metrics per request
	e.Use(recoverPanics)   // a panic ends on the 500 page
	e.Use(h.secureHeaders) // CSP nonce, nosniff, no-referrer; not on /sandbox/
	e.Use(h.capRequest)    // query ≤ 8 KB; no body read on GET/HEAD; any other capped (64 KB, the upload's 2×max_size+1 MB) and timed
	h.protect(e)           // the client's IP; every POST: per-IP limit, no cross-site
	e.Use(h.parseBody)     // a form's body, read all in memory: over the cap the 413 page

	e.GET("/start", h.start)                              // the merchant's signed entry link: a fresh visit, 303 on
	e.GET("/", h.choose, h.refuseDemoLabel, h.walletLock) // the PSs for the currency, savings, recent attempts
	e.GET("/pay/:wallet_type", h.payPage, h.walletLock)   // P2P: identifier + form; redirect PSs: amount form
	e.POST("/pay/:wallet_type", h.pay, h.checkForm,       // activate, possible-transaction, or payment/create + 303
		h.walletLock, h.fixAmount)
	e.POST(readRoute, h.readPage, h.checkRead, h.walletLock) // the chosen screenshot read: the ID and amount as JSON
	e.GET("/cancel", h.cancel)                               // the depositor gives up inside the merchant's frame
	e.GET("/demo", h.demo)                                   // sandbox only: a merchant's page on another origin framing the checkout
	e.GET("/return/:outcome", h.walletReturn)                // success|fail|cancel, from the wallet's page
	e.GET("/lang/:code", h.switchLang)                       // the language switcher: keep the choice, back to the page
	e.GET("/status/:reference", h.status)
	e.GET("/check/:token", h.checkLink) // one payment's read-only status, from its signed link, in any browser     // what became of one attempt
	e.GET("/healthz", health)
	e.HEAD("/healthz", health)
	e.GET("/readyz", h.readyz)             // 503 while draining; Paykassma's state in the body (?paykassma=required: 503 when down)
	e.GET("/static/brand.css", h.brandCSS) // the merchant's accent colour
	e.GET("/static/*", echo.WrapHandler(static.Handler()))
	if h.sandbox != nil {
		// The embedded fake Paykassma: its API (called in memory) and the
		// wallet pages a browser is sent to.
		e.Any("/sandbox/*", echo.WrapHandler(http.StripPrefix("/sandbox", h.sandbox)))
	}
}

func health(c echo.Context) error { return c.String(http.StatusOK, "ok\n") }
