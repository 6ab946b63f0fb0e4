package handlers

import (
	"context"
	"crypto/hmac"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/metrics"
	"github.com/paykassma/checkout/ocr"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// readRoute is where the pay page's script sends a chosen screenshot to be
// read; without JavaScript the pay form's "Read" button posts to the pay
// route itself (readButton).
const readRoute = "/pay/:wallet_type/read"

// readButton is the name of the pay form's submit that reads the
// screenshot instead of paying (formnovalidate: empty fields do not stop it).
const readButton = "read"

// reading is what reading a screenshot gives the form: values to fill in
// (empty when none), and a line saying what happened.
type reading struct {
	TxID, Amount string
	Shot         string // the picture's fingerprint (deposit.ShotOf)
	Status       string // a metrics.OCR* outcome, or "off"
	Message      string
	Warning      string // the same payment reported before: a warning, not a refusal
}

// readAnswer is readRoute's JSON.
type readAnswer struct {
	Key1    string `json:"key1,omitempty"`
	Amount  string `json:"amount,omitempty"`
	Status  string `json:"status"`
	Message string `json:"message"`
	Warning string `json:"warning,omitempty"`
	Shot    string `json:"shot,omitempty"` // for the form's hidden "shot": kept with the attempt
}

// readPage is POST readRoute: the screenshot read, the values as JSON.
func (h *handler) readPage(c echo.Context) error {
	v := h.load(c)
	if v == nil {
		return echo.NewHTTPError(http.StatusForbidden)
	}
	ctx := c.Request().Context()
	m, cur, err := h.payMethod(ctx, v.st, c.Param("wallet_type"))
	if err != nil || m == nil || m.Flow == deposit.Redirect {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	lang := v.lang()
	fe := fieldErrors{}
	file := h.readScreenshot(c, lang, fe)
	if file == nil {
		return c.JSON(http.StatusUnprocessableEntity, readAnswer{Status: metrics.OCRFailed, Message: fe["screenshot"].msg})
	}
	// The script sends the amount field as it stands: the person's own.
	r := h.readReceipt(ctx, lang, *m, cur, v.st, file.Data, c.FormValue("amount"))
	return c.JSON(http.StatusOK, readAnswer{Key1: r.TxID, Amount: r.Amount, Status: r.Status, Message: r.Message, Warning: r.Warning, Shot: r.Shot})
}

// checkRead guards readRoute as a POST of the pay form is guarded (its
// CSRF token, the depositor's rate limit), without charging a call to
// Paykassma: reading calls none.
func (h *handler) checkRead(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		st := h.peek(c)
		if st == nil {
			return next(c)
		}
		r := c.Request()
		if r.Header.Get("Sec-Fetch-Site") == "" && !h.allowedOrigin(r.Header.Get("Origin")) {
			if got := c.FormValue("csrf"); !hmac.Equal([]byte(got), []byte(h.guard.csrfToken(st))) {
				return echo.NewHTTPError(http.StatusForbidden).SetInternal(errStaleForm)
			}
		}
		if err := h.limit(c, h.guard.session, st.Label+"\x00"+st.Currency); err != nil {
			return err
		}
		return next(c)
	}
}

// readReceipt reads the screenshot data for a form of m: the image is
// passed in memory to the OCR pool, never kept, written or logged. typed
// is the amount the form already holds (asked before the form, or typed):
// a reading that differs is pointed out, never put over it, since the
// reading can take a currency sign for a digit and the person knows what
// they sent.
func (h *handler) readReceipt(ctx context.Context, lang string, m deposit.Method, cur paykassma.Currency, st *depositor.State, data []byte, typed string) reading {
	if !h.ocr.On() {
		return reading{Status: "off"}
	}
	start := time.Now()
	r := h.readText(ctx, m, data)
	r.Shot = deposit.ShotOf(data)
	// The same picture as an earlier attempt's, or the same ID read from
	// it: a warning, not a refusal (sending it again after "not found" is
	// right). The picture's fingerprint also covers a screenshot whose ID
	// could not be read.
	for i := range st.Attempts {
		if a := &st.Attempts[i]; a.Shot == r.Shot || r.TxID != "" && a.TxID == r.TxID {
			r.Warning = i18n.T(lang, "read.again", when(lang, a.Time(), h.zone(st.Currency)), a.Ref)
			break
		}
	}
	h.metrics.OCR(r.Status, time.Since(start))
	switch r.Status {
	case metrics.OCRBusy, metrics.OCRTimeout:
		r.Message = i18n.T(lang, "read.busy")
		return r
	case metrics.OCRFailed:
		r.Message = i18n.T(lang, "read.nothing")
		return r
	case metrics.OCRNothing:
		r.Message = i18n.T(lang, r.Message) // which number to look for, or that none was found
		return r
	}
	var differs string
	if t, problem := deposit.ParseAmount(typed); r.Amount != "" && problem == "" {
		if read, err := paykassma.ParseAmount(r.Amount); err == nil && !read.Equal(t.Decimal) {
			shown := moneyFor(lang, read.Decimal, cur)
			differs = i18n.T(lang, "read.amount.differs", shown, moneyFor(lang, t.Decimal, cur), shown)
			r.Amount = ""
		}
	}
	switch {
	case r.TxID != "" && r.Amount != "":
		r.Message = i18n.T(lang, "read.done")
	case r.TxID != "":
		r.Message = i18n.T(lang, "read.done.id")
	case r.Amount != "":
		r.Message = i18n.T(lang, "read.done.amount")
	}
	r.Warning = strings.TrimSpace(differs + " " + r.Warning)
	return r
}

// readText runs the OCR and the deposit package's rules; r.Message is the
// i18n key of what to say when nothing was found.
func (h *handler) readText(ctx context.Context, m deposit.Method, data []byte) reading {
	img, err := ocr.Prepare(data)
	if err != nil {
		return reading{Status: metrics.OCRFailed}
	}
	rd, _, err := deposit.ReadScreenshot(ctx, h.ocr, m.Family, img)
	switch {
	case errors.Is(err, ocr.ErrBusy):
		return reading{Status: metrics.OCRBusy}
	case errors.Is(err, ocr.ErrTimeout):
		return reading{Status: metrics.OCRTimeout}
	case err != nil:
		h.log.Warn("ocr", "err", err) // tesseract's own words; never the image or its text
		return reading{Status: metrics.OCRFailed}
	}
	if !rd.Found() {
		key := "read.nothing"
		if rd.Look != "" {
			key = rd.Look
		}
		return reading{Status: metrics.OCRNothing, Message: key}
	}
	r := reading{Status: metrics.OCRRead, TxID: rd.TxID}
	if rd.HasAmount && m.NeedsAmount {
		r.Amount = rd.Amount.String()
	}
	return r
}

// readIntoForm is the no-JavaScript read: the pay form's "Read" button.
// The same page comes back with what was read filled in (what the person
// typed stays where nothing was read) and nothing is sent to Paykassma.
func (h *handler) readIntoForm(v *visit, f *payForm) error {
	c, lang := v.c, v.lang()
	f.typed = deposit.Typed{Nonce: c.FormValue("nonce"), TxID: c.FormValue("key1"), Amount: c.FormValue("amount")}
	fe := fieldErrors{}
	file := h.readScreenshot(c, lang, fe)
	f.status = http.StatusOK
	if file == nil {
		f.errs = fe
		f.status = http.StatusUnprocessableEntity
		return h.p2pForm(v, f)
	}
	r := h.readReceipt(c.Request().Context(), lang, f.m, f.cur, v.st, file.Data, f.typed.Amount)
	if f.m.NeedsScreenshot {
		f.sealed = h.seal(file)
	}
	if r.TxID != "" {
		f.typed.TxID = r.TxID
	}
	f.typed.Shot = r.Shot
	if r.Amount != "" && !f.fixed {
		f.typed.Amount = r.Amount
	}
	f.read = &r
	return h.p2pForm(v, f)
}

// readField is the P2P form's offer to read the payment's screenshot, when
// screenshots are read; nil otherwise.
func (h *handler) readField(lang string, f *payForm) *views.Field {
	if !h.ocr.On() || f.m.Flow == deposit.Redirect || f.m.NeedsScreenshot {
		return nil
	}
	fl := views.Field{Name: "screenshot", Type: "file", Label: i18n.T(lang, "read.offer"),
		Hint: i18n.T(lang, "read.offer.hint"), Accept: "image/jpeg,image/png"}
	return &fl
}

// offerReading puts the reading on the form's screenshot field: the button
// and the script's address, and what the last reading found.
func (h *handler) offerReading(lang string, f *payForm, fields []views.Field) {
	if !h.ocr.On() || f.m.Flow == deposit.Redirect {
		return
	}
	for i := range fields {
		fl := &fields[i]
		if fl.Name != "screenshot" {
			continue
		}
		fl.ReadURL, fl.Reading = "/pay/"+f.m.Type()+"/read", i18n.T(lang, "read.reading")
		fl.Read = i18n.T(lang, "read.button")
		if f.sealed != "" {
			// A page cannot give a file input its file back: the one read
			// travels sealed in the page, and is not asked for again.
			fl.Sealed, fl.Kept, fl.Required = f.sealed, i18n.T(lang, "read.kept"), false
		}
		if f.read != nil {
			fl.Notice, fl.Warning = f.read.Message, f.read.Warning
		}
	}
}

// newSealer seals a manual PS's screenshot into its page with the session's
// keys: encrypted and authenticated like the state, for an hour.
func newSealer(hashKey, blockKey []byte) *securecookie.SecureCookie {
	return securecookie.New(hashKey, blockKey).MaxLength(0).MaxAge(3600)
}

// seal is the screenshot, shrunk as the browser would shrink it, sealed for
// the page; "" when it cannot be (the person then chooses it again).
func (h *handler) seal(f *paykassma.File) string {
	kept := *f
	if small, err := ocr.ShrinkJPEG(f.Data); err == nil && len(small) != len(f.Data) { // shrunk, so re-encoded
		kept.Data, kept.ContentType = small, "image/jpeg"
	}
	if int64(len(kept.Data)) > h.cfg.Uploads.MaxBytes {
		return ""
	}
	s, err := h.sealer.Encode("screenshot", kept)
	if err != nil {
		h.log.Warn("seal screenshot", "err", err)
		return ""
	}
	return s
}

// manualScreenshot is a manual PS's screenshot: the file chosen, or when
// none was chosen again, the one read before and sealed in the page.
func (h *handler) manualScreenshot(c echo.Context, lang string, f *payForm, fe fieldErrors) *paykassma.File {
	if sealed := c.FormValue("sealed_screenshot"); sealed != "" {
		if fh, err := c.FormFile("screenshot"); err != nil || fh.Size == 0 {
			var kept paykassma.File
			if h.sealer.Decode("screenshot", sealed, &kept) == nil {
				f.sealed = sealed
				return &kept
			}
		}
	}
	return h.readScreenshot(c, lang, fe)
}
