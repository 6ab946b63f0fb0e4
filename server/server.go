// Package server wires the checkout as it runs in production, for main, the
// load tools and the tests alike, so that what is tested is what is served.
package server

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/paykassma/checkout/apicache"
	"github.com/paykassma/checkout/apilog"
	"github.com/paykassma/checkout/config"
	"github.com/paykassma/checkout/handlers"
	"github.com/paykassma/checkout/metrics"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/paykassma/sandbox"
)

// Options are what New takes beside the config; zero values are production's.
type Options struct {
	Logger  *slog.Logger     // nil: discard
	Metrics *metrics.Metrics // nil: none
	Now     func() time.Time // nil: time.Now; the handlers' and the cache's clock
	// Sandbox is the embedded sandbox, served at /sandbox/ and, in sandbox
	// mode, called; nil: in sandbox mode a new one (PagesURL from cfg), else
	// none. Tests pass their own to drive it.
	Sandbox *sandbox.Server
	// Upstream wraps the client, below the logging and the cache, where a
	// fault would happen on the wire: tests inject faults and count the calls
	// that reach Paykassma. nil: none.
	Upstream func(paykassma.API) paykassma.API
	// NoCache leaves the cache out. Only for the tests of what the cache
	// would hide, each saying why; production always has it.
	NoCache bool
	// Draining reports that the process is shutting down (main sets it on
	// SIGTERM): /readyz then answers 503 while everything else is served.
	// nil: never.
	Draining func() bool
}

// New wires the production stack: the Paykassma client (or the embedded
// sandbox when cfg uses it) → logging and metrics → cache → handlers.
func New(cfg *config.Config, opts Options) (http.Handler, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	var api paykassma.API
	if cfg.UsesSandbox() {
		if opts.Sandbox == nil {
			// The sandbox's hosted wallet pages are reached through this server.
			opts.Sandbox = sandbox.New(sandbox.Options{PagesURL: cfg.Server.PublicURL + "/sandbox"})
		}
		api = paykassma.New("http://sandbox.internal", "sandbox-secret", paykassma.WithHTTPClient(opts.Sandbox.Client()),
			paykassma.WithTimeout(cfg.Paykassma.Timeout)) // a slow fault ends as Paykassma's would
		opts.Logger.Info("sandbox mode: payments go to the embedded sandbox at /sandbox/, no real money moves")
	} else {
		if cfg.Unsigned() {
			opts.Logger.Warn("merchant.allow_unsigned: a real Paykassma with no merchant.signing_key; demo mode takes the label from the query string, so anyone may open the checkout as any depositor")
		}
		api = paykassma.New(cfg.Paykassma.BaseURL, cfg.Paykassma.Secret,
			paykassma.WithTimeout(cfg.Paykassma.Timeout),
			paykassma.WithPrivateKey(cfg.Paykassma.PrivateKey))
	}
	if opts.Upstream != nil {
		api = opts.Upstream(api)
	}
	// The logging and metrics below the cache see only the calls that reach
	// Paykassma, not a dozen cache hits per page.
	api = apilog.New(api, opts.Logger, opts.Metrics)
	uncached := api // readiness asks Paykassma itself
	// Each depositor's and IP's requests that would reach Paykassma are
	// limited: above the logging (a refused call is not sent), below the
	// cache (a hit costs nothing).
	api = handlers.Metered(api)
	// PS lists and mediahints for minutes (stale through a short outage),
	// savings for seconds; payments always go through.
	if !opts.NoCache {
		api = apicache.New(api, apicache.Options{Logger: opts.Logger, Now: opts.Now})
	}
	deps := handlers.Deps{API: api, Uncached: uncached, Config: cfg, Logger: opts.Logger, Now: opts.Now, Metrics: opts.Metrics, Draining: opts.Draining}
	if opts.Sandbox != nil {
		deps.Sandbox = opts.Sandbox // a nil *sandbox.Server in the interface would not be nil
	}
	e, err := handlers.New(deps)
	if err != nil {
		return nil, err
	}
	return e, nil
}
