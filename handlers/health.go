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

// readyz is GET /readyz: 200 when the config was valid (New would have
// failed otherwise) and Paykassma answers, 503 when it does not. The check
// is the cheapest authenticated call there is (the mediahints), made at
// most once every readyFor; concurrent probes wait for the same check.
func (h *handler) readyz(c echo.Context) error {
	h.ready.mu.Lock()
	now := h.now()
	if h.ready.checked.IsZero() || now.Sub(h.ready.checked) >= readyFor || now.Before(h.ready.checked) {
		ctx, cancel := context.WithTimeout(c.Request().Context(), 3*time.Second)
		_, err := h.uncached.Mediahints(ctx) // past the cache, which would answer through an outage
		cancel()
		if err != nil && (h.ready.err == nil || h.ready.checked.IsZero()) {
			h.log.Warn("not ready: paykassma does not answer", "err", err)
		}
		h.ready.checked, h.ready.err = now, err
	}
	err := h.ready.err
	h.ready.mu.Unlock()

	c.Response().Header().Set("Cache-Control", "no-store")
	if err != nil {
		return c.String(http.StatusServiceUnavailable, "not ready: paykassma unreachable\n")
	}
	return c.String(http.StatusOK, "ready\n")
}
