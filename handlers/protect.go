package handlers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/config"
	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/i18n"
)

// guard protects the forms: CSRF tokens and rate limits.
type guard struct {
	cfg     *config.Config
	csrfKey []byte
	session *limiter // POSTs per depositor
	ip      *limiter // POSTs per client IP
	// Requests that reach Paykassma, whatever their method, per depositor
	// (label) and per client IP (upstream.go).
	upstream, upstreamIP *limiter
}

// newGuard derives the CSRF key from the session hash key, so every
// instance sharing the session key accepts the others' tokens.
func newGuard(cfg *config.Config, hashKey []byte, now func() time.Time) *guard {
	m := hmac.New(sha256.New, hashKey)
	m.Write([]byte("paykassma checkout csrf token key"))
	return &guard{
		cfg:     cfg,
		csrfKey: m.Sum(nil),
		session: newLimiter(cfg.Limits.SessionPerMinute, now),
		ip:      newLimiter(cfg.Limits.IPPerMinute, now),

		upstream:   newLimiter(cfg.Limits.UpstreamPerMinute, now),
		upstreamIP: newLimiter(cfg.Limits.UpstreamIPPerMinute, now),
	}
}

// csrfToken is the token every form of a visit carries: an HMAC of who the
// depositor is and of the visit (its ID and start, so it dies with the
// visit's lifetime), so it needs no cookie (a cross-site frame may keep
// none), a page on another site cannot know it, and another visit's form
// is refused.
func (g *guard) csrfToken(st *depositor.State) string {
	m := hmac.New(sha256.New, g.csrfKey)
	m.Write([]byte(st.Label + "\x00" + st.Currency + "\x00" + st.ID + "\x00" + strconv.FormatInt(st.Start, 10)))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

// errStaleForm is a form without the token it should carry.
var errStaleForm = errors.New("csrf: form token missing or wrong")

// protect sets how the client's IP is found and guards every POST.
func (h *handler) protect(e *echo.Echo) {
	e.IPExtractor = ipExtractor(h.cfg.Limits.TrustedProxies)
	e.Use(h.guardPOST)
	e.Use(h.meter)
}

// ipExtractor takes the client's IP from X-Forwarded-For only when the
// connection comes from a proxy the config trusts; anyone else could write
// any address there and escape the per-IP limit.
func ipExtractor(proxies []*net.IPNet) echo.IPExtractor {
	if len(proxies) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range proxies {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// unsafe are the methods that change something.
var unsafe = map[string]bool{http.MethodPost: true, http.MethodPut: true, http.MethodPatch: true, http.MethodDelete: true}

// guardPOST limits every POST per client IP and refuses one a browser sent
// from another site, by Sec-Fetch-Site, else Origin: only the merchant's
// allowed_origins may. The checkout's own forms inside the merchant's
// cross-site frame post to the checkout's origin, so the browser calls them
// same-origin. So are the sandbox's, under /sandbox/: its wallet pages post
// to themselves, and its controls change what every visitor sees.
func (h *handler) guardPOST(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if !unsafe[r.Method] {
			return next(c)
		}
		if err := h.limit(c, h.guard.ip, c.RealIP()); err != nil {
			return err
		}
		origin := r.Header.Get("Origin")
		switch r.Header.Get("Sec-Fetch-Site") {
		case "same-origin", "none":
			return next(c)
		case "":
			// An older browser, or not a browser: Origin when sent must be
			// ours; the form's token is checked with the form (checkForm).
			if origin == "" || h.ownOrigin(c, origin) || h.allowedOrigin(origin) {
				return next(c)
			}
		default: // same-site, cross-site
			if h.allowedOrigin(origin) {
				return next(c)
			}
		}
		return echo.NewHTTPError(http.StatusForbidden).SetInternal(errors.New("csrf: cross-site request from " + truncate(origin, 80)))
	}
}

// ownOrigin reports whether origin is this request's own.
func (h *handler) ownOrigin(c echo.Context, origin string) bool {
	return strings.EqualFold(origin, h.scheme(c)+"://"+c.Request().Host) ||
		(h.cfg.Server.PublicURL != "" && strings.EqualFold(origin, h.cfg.Server.PublicURL))
}

func (h *handler) allowedOrigin(origin string) bool {
	for _, o := range h.cfg.Merchant.AllowedOrigins {
		if origin != "" && strings.EqualFold(o, origin) {
			return true
		}
	}
	return false
}

// checkForm runs on a parsed form: a request the browser did not vouch for
// (no Sec-Fetch-Site) must carry the depositor's token, and each depositor
// may send only so many forms a minute.
func (h *handler) checkForm(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		st := h.peek(c)
		if st == nil {
			return next(c) // no depositor: the handler answers that, sending nothing
		}
		r := c.Request()
		if r.Header.Get("Sec-Fetch-Site") == "" && !h.allowedOrigin(r.Header.Get("Origin")) {
			want := h.guard.csrfToken(st)
			if got := c.FormValue("csrf"); !hmac.Equal([]byte(got), []byte(want)) {
				return echo.NewHTTPError(http.StatusForbidden).SetInternal(errStaleForm)
			}
		}
		if err := h.limit(c, h.guard.session, st.Label+"\x00"+st.Currency); err != nil {
			return err
		}
		// A form is sent to Paykassma: counted now, since a payment refused
		// halfway would look sent.
		if err := ticketOf(r.Context()).charge(st.Label); err != nil {
			return h.tooMany(c, err.(*limitedError).wait)
		}
		return next(c)
	}
}

// limit takes one request from key's allowance, or ends on the 429 page
// with Retry-After.
func (h *handler) limit(c echo.Context, l *limiter, key string) error {
	ok, wait := l.allow(key)
	if ok {
		return nil
	}
	return h.tooMany(c, wait)
}

// tooMany ends on the 429 page, saying to retry after wait.
func (h *handler) tooMany(c echo.Context, wait time.Duration) error {
	secs := int(math.Ceil(wait.Seconds()))
	if secs < 1 {
		secs = 1
	}
	c.Response().Header().Set("Retry-After", strconv.Itoa(secs))
	return echo.NewHTTPError(http.StatusTooManyRequests).SetInternal(errors.New("rate limited"))
}

// limiter is a token bucket per key: perMinute requests at once, refilled
// at perMinute a minute. Idle keys are dropped, so memory follows the
// number of active clients.
type limiter struct {
	perMinute int
	now       func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(perMinute int, now func() time.Time) *limiter {
	return &limiter{perMinute: perMinute, now: now, buckets: map[string]*bucket{}}
}

// allow takes a token for key; without one it says how long until one.
func (l *limiter) allow(key string) (bool, time.Duration) {
	if l.perMinute <= 0 {
		return true, 0
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	rate := float64(l.perMinute) / float64(time.Minute) // tokens per nanosecond
	if now.Sub(l.swept) > time.Minute {
		for k, b := range l.buckets {
			if now.Sub(b.at) >= time.Minute { // full again: same as absent
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: float64(l.perMinute), at: now}
		l.buckets[key] = b
	}
	if elapsed := now.Sub(b.at); elapsed > 0 {
		b.tokens = math.Min(float64(l.perMinute), b.tokens+float64(elapsed)*rate)
		b.at = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / rate)
}

// overTLS reports whether the request reached us over https (scheme). HSTS
// is sent only then: over plain http a browser ignores it, and a local
// http setup must not be pinned to https.
func (h *handler) overTLS(c echo.Context) bool { return h.scheme(c) == "https" }

// scheme is the request's scheme as we trust it: https over TLS, or when a
// proxy the config trusts says so (X-Forwarded-Proto, else Forwarded's
// proto); from anyone else those headers are ignored, as anyone can write
// them. Use it wherever Echo's c.Scheme would do: that one believes them
// from every client.
func (h *handler) scheme(c echo.Context) string {
	r := c.Request()
	if r.TLS != nil {
		return "https"
	}
	if !h.fromTrustedProxy(r) {
		return "http"
	}
	proto := r.Header.Get("X-Forwarded-Proto")
	if proto == "" {
		proto = forwardedProto(r.Header.Get("Forwarded"))
	}
	// A chain of proxies lists the client's side first.
	proto, _, _ = strings.Cut(proto, ",")
	if strings.EqualFold(strings.TrimSpace(proto), "https") {
		return "https"
	}
	return "http"
}

// fromTrustedProxy reports whether the connection comes from an address in
// limits.trusted_proxies: only then are forwarded headers believed.
func (h *handler) fromTrustedProxy(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip := net.ParseIP(host)
	for _, n := range h.cfg.Limits.TrustedProxies {
		if ip != nil && n.Contains(ip) {
			return true
		}
	}
	return false
}

// forwardedProto is the proto of a Forwarded header's first element
// (RFC 7239): "for=192.0.2.1;proto=https, for=…" gives "https".
func forwardedProto(v string) string {
	first, _, _ := strings.Cut(v, ",")
	for pair := range strings.SplitSeq(first, ";") {
		k, val, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if ok && strings.EqualFold(k, "proto") {
			return strings.Trim(val, `"`)
		}
	}
	return ""
}

// waitText says a Retry-After in words.
func waitText(lang, retryAfter string) string {
	if n, err := strconv.Atoi(retryAfter); err == nil && n > 1 {
		return i18n.Digits(lang, i18n.T(lang, "wait.seconds", n))
	}
	return i18n.T(lang, "wait.second")
}

// truncate shortens s to n runes for a log line.
func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
