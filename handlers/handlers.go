// Package handlers is the checkout's HTTP surface: the pages a depositor
// goes through, built from explicit dependencies by New.
package handlers

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/config"
	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/metrics"
	"github.com/paykassma/checkout/ocr"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/statuslink"
)

// Deps are everything the handlers depend on.
type Deps struct {
	// API is Paykassma as the handlers call it: the whole stack, the
	// logging and the cache included (server.New builds it).
	API paykassma.API
	// Uncached is Paykassma past the cache, for readiness: the cache would
	// answer through an outage. nil: API.
	Uncached paykassma.API
	Config   *config.Config
	// Sandbox is the embedded fake Paykassma, mounted at /sandbox/ when set.
	Sandbox http.Handler
	Logger  *slog.Logger     // nil: discard
	Now     func() time.Time // nil: time.Now
	// Metrics counts requests and the deposits wallets return from; nil: none.
	Metrics *metrics.Metrics
	// Draining reports that the instance is shutting down: /readyz answers
	// 503 at once while every other route is still served. nil: never.
	Draining func() bool
	// OCR reads payment screenshots; nil: built from the [ocr] config (off,
	// with one log line, when tesseract is absent).
	OCR *ocr.Pool
}

type handler struct {
	api     paykassma.API
	cfg     *config.Config
	sandbox http.Handler
	log     *slog.Logger
	now     func() time.Time
	codec   *depositor.Codec
	guard   *guard // CSRF tokens and rate limits (protect.go)
	metrics *metrics.Metrics
	ready   readiness
	// draining is Deps.Draining, never nil.
	draining func() bool
	demoKey  string // signs the sandbox's demo entry links (demo.go)
	// rules and deposits: what each PS's form asks, and the payment
	// attempts' lifecycle (the deposit package).
	rules    deposit.Rules
	deposits *deposit.Service
	uncached paykassma.API              // Paykassma past the cache (Deps.Uncached)
	zones    map[string]*time.Location  // by currency code: where its depositors read times (units.go)
	links    *statuslink.Signer         // read-only status links (check.go)
	polls    polls                      // credited checks of followed attempts, coalesced (poll.go)
	ocr      *ocr.Pool                  // reads payment screenshots (read.go); nil: off
	sealer   *securecookie.SecureCookie // a manual PS's screenshot carried in its page (read.go)
}

// New builds the whole HTTP surface. It fails only when the session keys
// from the config are unusable.
func New(deps Deps) (*echo.Echo, error) {
	if deps.API == nil || deps.Config == nil {
		return nil, errors.New("handlers: API and Config are required")
	}
	hashKey, blockKey, random, err := deps.Config.SessionKeys()
	if err != nil {
		return nil, fmt.Errorf("handlers: %w", err)
	}
	codec, err := depositor.NewCodec(hashKey, blockKey)
	if err != nil {
		return nil, fmt.Errorf("handlers: %w", err)
	}
	codec.SetLifetime(deps.Config.Session.Lifetime)
	h := &handler{
		api:     deps.API,
		cfg:     deps.Config,
		sandbox: deps.Sandbox,
		log:     deps.Logger,
		now:     deps.Now,
		codec:   codec,
		metrics: deps.Metrics,
		demoKey: newDemoKey(),
	}
	h.links = statuslink.New(hashKey)
	h.sealer = newSealer(hashKey, blockKey)
	if h.zones, err = loadZones(deps.Config.Times.Zones); err != nil {
		return nil, fmt.Errorf("handlers: %w", err)
	}
	h.guard = newGuard(deps.Config, hashKey, func() time.Time { return h.now() })
	if h.log == nil {
		h.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if h.now == nil {
		h.now = time.Now
	}
	if h.ocr = deps.OCR; h.ocr == nil {
		o := deps.Config.OCR
		h.ocr = ocr.New(ocr.Config{Command: o.Command, Workers: o.Workers, Queue: o.Queue, Timeout: o.Timeout, Memory: o.Memory, Second: o.Second}, h.log)
	}
	h.rules = deposit.Rules{AmountRequired: deps.Config.AmountRequired, Redirect: deps.Config.IsRedirect}
	h.uncached = deps.Uncached
	h.draining = deps.Draining
	if h.draining == nil {
		h.draining = func() bool { return false }
	}
	if h.uncached == nil {
		h.uncached = h.api
	}
	// The cache passes payments through and drops the savings they change.
	h.deposits = deposit.New(h.api, deposit.Options{Now: h.now, Logger: h.log, Count: h.countDeposit})
	if random {
		h.log.Warn("session.key is empty: a random key per process, so sessions do not survive a restart or cross instances")
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = h.errorPage
	h.routes(e)
	return e, nil
}

// depositLabels are the deposits counter's labels for the outcomes it counts.
var depositLabels = map[depositor.Outcome]string{
	depositor.Done:       metrics.DepositSuccess,
	depositor.Failed:     metrics.DepositFail,
	depositor.Possible:   metrics.DepositPossible,
	depositor.Suspicious: metrics.DepositSuspicious,
	depositor.Paid:       metrics.DepositRedirectOK,
	depositor.WalletFail: metrics.DepositRedirectFail,
	depositor.Cancelled:  metrics.DepositRedirectCancel,
	depositor.Closed:     metrics.DepositRedirectClosed,
}

// countDeposit counts an attempt's new outcome: the deposit package calls
// it once per change of the recorded outcome, so a reload counts nothing.
func (h *handler) countDeposit(o depositor.Outcome) {
	if label, ok := depositLabels[o]; ok {
		h.metrics.Deposit(label)
	}
}
