package handlers

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// readyFor is how long one readiness check stands: a load balancer probing
// every second must not become a second of load on Paykassma.
const readyFor = 5 * time.Second

// readiness remembers the last check of the upstream.
type readiness struct {
	mu      sync.Mutex
	checked time.Time
	err     error
}

// readyz is GET /readyz: whether a balancer should send this instance
// traffic. 503 while it drains (after SIGTERM), else 200: the config was
// valid (New would have failed otherwise).
//
// An unreachable Paykassma does not make the instance unready, by choice:
// it is unreachable from every instance at once, and a balancer that took
// them all out would show its bare 502 where our page shows the cached list
// of payment systems, the error in the person's language and the support
// line. The body says whether Paykassma answers, and
// ?paykassma=required makes that count (503), for a balancer that fails
// open when every target is down. Paykassma is asked past the cache, which
// would answer through an outage, at most once every readyFor; concurrent
// probes wait for the same check. The metrics carry the same answer
// (checkout_paykassma_up) for alerts.
func (h *handler) readyz(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	if h.draining() {
		return c.String(http.StatusServiceUnavailable, "not ready: draining, shutting down\n")
	}
	h.ready.mu.Lock()
	now := h.now()
	if h.ready.checked.IsZero() || now.Sub(h.ready.checked) >= readyFor || now.Before(h.ready.checked) {
		ctx, cancel := context.WithTimeout(c.Request().Context(), 3*time.Second)
		_, err := h.uncached.Mediahints(ctx) // past the cache
		cancel()
		if err != nil && (h.ready.err == nil || h.ready.checked.IsZero()) {
			h.log.Warn("paykassma does not answer", "err", err)
		}
		h.ready.checked, h.ready.err = now, err
	}
	err := h.ready.err
	h.ready.mu.Unlock()

	switch {
	case err == nil:
		return c.String(http.StatusOK, "ready\npaykassma: up\n")
	case c.QueryParam("paykassma") == "required":
		return c.String(http.StatusServiceUnavailable, "not ready: paykassma unreachable\n")
	}
	return c.String(http.StatusOK, "ready\npaykassma: unreachable (pages say so, with the cached list)\n")
}
