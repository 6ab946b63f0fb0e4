package handlers

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"regexp"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/views"
)

// requestIDHeader carries the request id both ways: a proxy in front may
// set it, and every answer says it so support can find the log line.
const requestIDHeader = "X-Request-ID"

// safeRequestID is what we accept from a proxy: a short token that cannot
// forge a log line or smuggle markup onto the error page.
var safeRequestID = regexp.MustCompile(`^[A-Za-z0-9_-]{8,64}$`)

func newRequestID() string {
	b := make([]byte, 10)
	rand.Read(b) // never fails (Go 1.24+)
	return hex.EncodeToString(b)
}

// observe is the outermost middleware: it gives the request its id, then
// logs one line and counts one request when the answer is written. Only
// the path is logged, never the query: entry links carry signatures and
// the state token travels in links.
func (h *handler) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now() // the real clock: h.now may be a test's fake
		r := c.Request()
		id := r.Header.Get(requestIDHeader)
		if !safeRequestID.MatchString(id) {
			id = newRequestID()
		}
		c.Response().Header().Set(requestIDHeader, id)
		ctx := views.WithRequestID(r.Context(), id)
		c.SetRequest(r.WithContext(ctx))
		defer func() { dropForm(c.Request()) }() // parsed on our copy: net/http would not remove it

		if err := next(c); err != nil {
			c.Error(err) // the error page now, so its status is what we log
		}

		d := time.Since(start)
		status := c.Response().Status
		route := c.Path()
		if route == "" || (status == http.StatusNotFound && c.ParamNames() == nil && route != r.URL.Path) {
			route = "unmatched"
		}
		h.metrics.Request(route, status, d)
		lvl := slog.LevelInfo
		if status >= 500 {
			lvl = slog.LevelWarn // errorPage already logged the cause
		}
		if lh := h.log.Handler(); lh.Enabled(ctx, lvl) {
			// Straight to the handler: Logger.LogAttrs would walk the stack
			// for the caller's pc on every request, for a source nobody logs.
			rec := slog.NewRecord(time.Now(), lvl, "request", 0)
			rec.AddAttrs(
				slog.String("method", r.Method),
				slog.String("route", route),
				slog.String("path", r.URL.Path),
				slog.Int("status", status),
				slog.Duration("duration", d),
				slog.Int64("bytes", c.Response().Size),
				slog.String("request_id", id),
				// The client as limits see it: behind a trusted proxy, the
				// address it forwarded, never the proxy's own.
				slog.String("client", c.RealIP()),
			)
			_ = lh.Handle(ctx, rec) // as Logger does: a failed log write fails no request
		}
		return nil
	}
}
