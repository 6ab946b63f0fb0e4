package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/static"
)

// routes is the map of every route the checkout serves.
func (h *handler) routes(e *echo.Echo) {
	e.Use(recoverPanics)   // a panic ends on the 500 page
	e.Use(h.secureHeaders) // CSP nonce, nosniff, no-referrer; not on /sandbox/

	e.GET("/", h.choose)                                          // the PSs for the currency, savings, recent attempts
	e.GET("/pay/:wallet_type", h.payPage)                         // P2P: identifier + form; redirect PSs: amount form
	e.POST("/pay/:wallet_type", h.pay, h.sameOrigin, h.limitForm) // activate, possible-transaction, or payment/create + 303
	e.GET("/return/:outcome", h.walletReturn)                     // success|fail|cancel, from the wallet's page
	e.GET("/status/:reference", h.status)                         // what became of one attempt
	e.GET("/healthz", health)
	e.HEAD("/healthz", health)
	e.GET("/static/*", echo.WrapHandler(static.Handler()))
	if h.sandbox != nil {
		// The embedded fake Paykassma: its API (called in memory) and the
		// wallet pages a browser is sent to.
		e.Any("/sandbox/*", echo.WrapHandler(http.StripPrefix("/sandbox", h.sandbox)))
	}
}

func health(c echo.Context) error { return c.String(http.StatusOK, "ok\n") }
