// What a request may make us read: its query, which bodies, how much of
// each and for how long, and that nothing of one outlives its request.

package handlers

import (
	"errors"
	"mime"
	"net/http"
	"os"
	"time"

	"github.com/labstack/echo/v4"
)

// maxQuery is the longest query a request may have: a state token is under
// 4 KB and an entry link far shorter, and a page copies its query into each
// language link.
const maxQuery = 8 << 10

// formBodyLimit caps the body of every request but the upload's: a form's
// fields and its st token take a few KB.
const formBodyLimit = 64 << 10

// uploadRoute is the route (routes.go) whose form may carry a payment screenshot.
const uploadRoute = "/pay/:wallet_type"

// bodyLimit is the most of a request's body that is read, and how long it
// may take to arrive: on the upload route room for a file somewhat over
// uploads.max_size (so the usual mistake gets a message beside its field
// and the typed values back) for uploads.read_timeout, and the same for the
// sandbox, which takes the screenshots; a form's and limits.body_timeout
// elsewhere.
func (h *handler) bodyLimit(c echo.Context) (int64, time.Duration) {
	if (c.Request().Method == http.MethodPost && (c.Path() == uploadRoute || c.Path() == readRoute)) || c.Path() == "/sandbox/*" {
		return 2*h.cfg.Uploads.MaxBytes + 1<<20, h.cfg.Uploads.ReadTimeout
	}
	return formBodyLimit, h.cfg.Limits.BodyTimeout
}

// bodiless are the methods whose body, if any, is never read: what they
// carry comes in the query (a GET's st token too).
var bodiless = map[string]bool{http.MethodGet: true, http.MethodHead: true}

// capRequest runs before anything may read a body, and reads none: a query
// over maxQuery ends on the 414 page; a GET's or HEAD's body is dropped
// unread, any other is capped at its route's limit and must arrive within
// its time (the server's ReadTimeout, for whole requests, is minutes).
func (h *handler) capRequest(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if len(r.URL.RawQuery) > maxQuery && c.Path() != "/sandbox/*" {
			return echo.NewHTTPError(http.StatusRequestURITooLong)
		}
		if r.ContentLength == 0 {
			return next(c)
		}
		limit, timeout := h.bodyLimit(c)
		// Also bounds what net/http reads of an unread body after the answer.
		_ = http.NewResponseController(c.Response()).SetReadDeadline(time.Now().Add(timeout)) // none to set on a test's recorder
		if bodiless[r.Method] {
			// Unread, it must not be taken for the next request: the
			// connection closes after the answer.
			c.Response().Header().Set(echo.HeaderConnection, "close")
			r.Body = http.NoBody
			return next(c)
		}
		// net/http's own writer, so that going over the cap closes the
		// connection once the 413 is sent rather than read the rest.
		r.Body = http.MaxBytesReader(c.Response().Writer, r.Body, limit)
		return next(c)
	}
}

// parseBody reads a form's body (after guardPOST: a refused request is not
// read), all in memory: with maxMemory at the cap, a multipart form never
// spills a file to disk. Over the cap it ends on the friendly 413 page,
// past its time on the 408. Once read, the body's deadline is lifted: it
// would otherwise cancel the request's context while the handler works.
// The sandbox reads its own.
func (h *handler) parseBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if bodiless[r.Method] || c.Path() == "/sandbox/*" {
			return next(c)
		}
		limit, _ := h.bodyLimit(c)
		var err error
		if mt, _, _ := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType)); mt == echo.MIMEMultipartForm {
			err = r.ParseMultipartForm(limit)
		} else {
			err = r.ParseForm()
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return echo.NewHTTPError(http.StatusRequestTimeout).SetInternal(err)
		}
		_ = http.NewResponseController(c.Response()).SetReadDeadline(time.Time{})
		if tooBig := (*http.MaxBytesError)(nil); errors.As(err, &tooBig) {
			return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
		}
		if err != nil {
			return echo.NewHTTPError(http.StatusBadRequest).SetInternal(err)
		}
		return next(c)
	}
}

// dropForm removes what parsing a multipart form kept: net/http cleans up
// after the request it made, not after the copies middleware makes
// (observe's), and the form may have been parsed on any of them.
func dropForm(r *http.Request) {
	if r.MultipartForm != nil {
		_ = r.MultipartForm.RemoveAll() // held in memory: nothing to fail on
	}
}
