package handlers

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// submission is what a depositor typed into a payment form.
type submission struct {
	Key1, Amount, Account string // as typed (normalised), to show again
	amount                paykassma.Amount
	hasAmount             bool
	fixed                 bool // Amount is the merchant's fixed_amount: shown, not asked
	file                  *paykassma.File
}

// fieldError is a message beside a field: ours, and Paykassma's own when it
// came from there.
type fieldError struct{ msg, original string }

type fieldErrors map[string]fieldError

func (fe fieldErrors) add(lang, field, key string, args ...any) {
	if _, ok := fe[field]; !ok {
		fe[field] = fieldError{msg: i18n.T(lang, key, args...)}
	}
}

var (
	digits12     = regexp.MustCompile(`^[0-9]{12}$`)
	bkashTrxID   = regexp.MustCompile(`^[A-Za-z0-9]{10}$`)
	genericTxID  = regexp.MustCompile(`^[A-Za-z0-9]{6,30}$`)
	bkashAccount = regexp.MustCompile(`^01[0-9]{9}$`)
)

// screenshotTypes are the files accepted as a payment bill, by content:
// images only, as possible-transaction's "screenshot" takes (the sandbox,
// like the API, answers "The screenshot must be an image." to a PDF).
var screenshotTypes = map[string]bool{"image/jpeg": true, "image/png": true, "image/webp": true}

func (h *handler) needsAmount(w *paykassma.Wallet) bool {
	return w.IsManual || h.cfg.AmountRequired(w.Type)
}

func needsScreenshot(w *paykassma.Wallet) bool { return w.IsManual && w.UploadingPaymentBill }

// squash drops every space: IDs and numbers are often pasted with some.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// readP2P reads and checks a P2P form before anything is sent upstream.
func (h *handler) readP2P(c echo.Context, lang string, w *paykassma.Wallet) (submission, fieldErrors) {
	s := submission{Key1: squash(c.FormValue("key1"))}
	fe := fieldErrors{}
	switch fam := family(w); {
	case s.Key1 == "":
		fe.add(lang, "key1", "err.key1.required")
	case fam == "upi" || fam == "phonepe":
		if !digits12.MatchString(s.Key1) {
			fe.add(lang, "key1", "err.key1.digits12")
		}
	case fam == "bkash":
		if !bkashTrxID.MatchString(s.Key1) {
			fe.add(lang, "key1", "err.key1.bkash")
		}
	default:
		if !genericTxID.MatchString(s.Key1) {
			fe.add(lang, "key1", "err.key1.other")
		}
	}
	if h.needsAmount(w) {
		h.readAmount(c, lang, &s, fe, nil, paykassma.Currency{})
	}
	if needsScreenshot(w) {
		h.readScreenshot(c, lang, &s, fe)
	}
	return s, fe
}

// readAmount checks the amount (deposit.ParseAmount says what may be
// typed), and that it is at least min when given. s.Amount keeps what the
// person typed, so a refused amount is shown as they wrote it.
func (h *handler) readAmount(c echo.Context, lang string, s *submission, fe fieldErrors, min *paykassma.DepositInfo, cur paykassma.Currency) {
	s.Amount = strings.TrimSpace(c.FormValue("amount"))
	a, problem := deposit.ParseAmount(s.Amount)
	switch {
	case problem != "":
		fe.add(lang, "amount", problem)
	case min != nil && min.MinimumDeposit.IsPositive() && a.LessThan(min.MinimumDeposit):
		fe.add(lang, "amount", "err.amount.minimum", money(min.MinimumDeposit, cur))
	default:
		s.amount, s.hasAmount = a, true
	}
}

// readScreenshot checks the payment bill: present, within the size limit,
// and by its content (not its name) an image.
func (h *handler) readScreenshot(c echo.Context, lang string, s *submission, fe fieldErrors) {
	fh, err := c.FormFile("screenshot")
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) || (err == nil && fh.Size == 0) {
		fe.add(lang, "screenshot", "err.screenshot.required")
		return
	}
	if err != nil {
		fe.add(lang, "screenshot", "err.screenshot.unreadable")
		return
	}
	max := h.cfg.Uploads.MaxBytes
	if fh.Size > max {
		fe.add(lang, "screenshot", "err.screenshot.size", megabytes(max))
		return
	}
	data, err := readAll(fh, max)
	if err != nil {
		fe.add(lang, "screenshot", "err.screenshot.unreadable")
		return
	}
	ct := http.DetectContentType(data)
	if !screenshotTypes[ct] {
		fe.add(lang, "screenshot", "err.screenshot.type")
		return
	}
	name := filepath.Base(strings.ReplaceAll(fh.Filename, "\\", "/"))
	if len(name) > 100 || name == "." || name == "/" {
		name = "screenshot"
	}
	s.file = &paykassma.File{Name: name, ContentType: ct, Data: data}
}

func readAll(fh *multipart.FileHeader, max int64) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, max))
}

// readRedirect reads and checks the amount form of a redirect PS.
func (h *handler) readRedirect(c echo.Context, lang string, w *paykassma.Wallet, di *paykassma.DepositInfo, cur paykassma.Currency) (submission, fieldErrors) {
	var s submission
	fe := fieldErrors{}
	h.readAmount(c, lang, &s, fe, di, cur)
	if family(w) == "bkash_api" {
		s.Account = squash(c.FormValue("account"))
		switch {
		case s.Account == "":
			fe.add(lang, "account", "err.account.required")
		case !bkashAccount.MatchString(s.Account):
			fe.add(lang, "account", "err.account.format")
		}
	}
	return s, fe
}

// apiFields are the API's field names as our form calls them.
var apiFields = map[string]string{"key1": "key1", "amount": "amount", "account_number": "account", "screenshot": "screenshot"}

// fromAPI puts the API's field errors beside our fields, in our words, and
// keeps its own words as a detail. Errors on fields the person did not type
// come back as one message for the whole form.
func fromAPI(lang string, fields map[string][]string) (fieldErrors, string) {
	fe := fieldErrors{}
	var other []string
	for name, msgs := range fields {
		original := strings.Join(msgs, " ")
		field, ours := apiFields[name]
		if !ours {
			other = append(other, name+": "+original)
			continue
		}
		low := strings.ToLower(original)
		key := "err." + field + ".rejected"
		switch {
		case strings.Contains(low, "required"):
			key = "err." + field + ".required"
		case field == "key1" && strings.Contains(low, "length"):
			key = "err.key1.length"
		case field == "key1" && strings.Contains(low, "already been activated"):
			key = "err.key1.used"
		}
		fe[field] = fieldError{msg: i18n.T(lang, key), original: original}
	}
	if len(other) > 0 {
		return fe, strings.Join(other, "; ")
	}
	return fe, ""
}

// takenRef reports whether the API refused our reference as already used:
// the earlier submission of the same form got through.
func takenRef(fields map[string][]string) bool {
	_, a := fields["custom_transaction_id"]
	_, b := fields["custom_id"]
	return a || b
}

// fields builds the form's fields with the typed values and errors.
func (h *handler) fields(lang string, w *paykassma.Wallet, cur paykassma.Currency, s submission, fe fieldErrors, redirect bool) []views.Field {
	var out []views.Field
	add := func(f views.Field) {
		if f.Name == "amount" && s.fixed {
			f = views.Field{Name: "amount", Type: "fixed", Value: s.Amount, Label: i18n.T(lang, "field.amount.fixed", formatAmount(s.Amount, cur))}
		}
		if e, ok := fe[f.Name]; ok {
			f.Error, f.Original = e.msg, e.original
		}
		out = append(out, f)
	}
	if redirect {
		if family(w) == "bkash_api" {
			add(views.Field{Name: "account", Label: i18n.T(lang, "field.account"), Hint: i18n.T(lang, "field.account.hint"),
				Value: s.Account, Type: "text", InputMode: "numeric", Autocomplete: "tel-national"})
		}
		add(views.Field{Name: "amount", Label: i18n.T(lang, "field.amount.deposit"), Value: s.Amount, Type: "text",
			InputMode: "decimal", Prefix: symbol(cur), Autocomplete: "off"})
		return out
	}
	add(views.Field{Name: "key1", Label: i18n.T(lang, "field.key1"), Hint: txidHint(lang, w), Value: s.Key1,
		Type: "text", InputMode: key1InputMode(w), Autocomplete: "off"})
	if h.needsAmount(w) {
		add(views.Field{Name: "amount", Label: i18n.T(lang, "field.amount"), Hint: i18n.T(lang, "field.amount.hint"),
			Value: s.Amount, Type: "text", InputMode: "decimal", Prefix: symbol(cur), Autocomplete: "off"})
	}
	if needsScreenshot(w) {
		add(views.Field{Name: "screenshot", Label: i18n.T(lang, "field.screenshot"),
			Hint: i18n.T(lang, "field.screenshot.hint", megabytes(h.cfg.Uploads.MaxBytes)), Type: "file",
			Accept: "image/jpeg,image/png,image/webp"})
	}
	return out
}

func key1InputMode(w *paykassma.Wallet) string {
	switch family(w) {
	case "upi", "phonepe", "paytm", "imps":
		return "numeric"
	}
	return "text"
}

// problems are the field errors for the summary on top, in form order.
func problems(fields []views.Field, formErr string) []views.Link {
	var out []views.Link
	if formErr != "" {
		out = append(out, views.Link{Text: formErr, URL: "#pay-form"})
	}
	for _, f := range fields {
		if f.Error != "" {
			out = append(out, views.Link{Text: f.Label + ": " + f.Error, URL: "#" + f.Name})
		}
	}
	return out
}

// payForm builds what the P2P and the redirect pay pages share: the page,
// its title marked when the form has problems, and the form posting to
// /pay/{type} under ref with its summary of problems. The caller adds what
// differs (the submit text, multipart, the target).
func (h *handler) payForm(v *visit, w *paykassma.Wallet, ref string, fields []views.Field, formErr string) (views.Page, views.Form) {
	lang := v.lang()
	page := h.page(lang, i18n.T(lang, "pay.title", w.Name))
	form := views.Form{
		Action:   "/pay/" + w.Type,
		State:    v.stToken(),
		Ref:      ref,
		CSRF:     h.guard.csrfToken(v.st),
		Fields:   fields,
		Error:    formErr,
		Problems: problems(fields, formErr),
		Sending:  i18n.T(lang, "pay.sending"),
	}
	if len(form.Problems) > 0 {
		page.Title = i18n.T(lang, "form.problems.title", page.Title)
	}
	return page, form
}

// refusedFields turns Paykassma's refusal (err) on fields into the form's errors:
// those on fields the person typed go by the field, any other (logged as
// msg, the person cannot fix it) into one form error.
func (h *handler) refusedFields(lang string, w *paykassma.Wallet, fields map[string][]string, err error, msg string) (fieldErrors, string) {
	fe, other := fromAPI(lang, fields)
	if other == "" {
		return fe, ""
	}
	h.log.Warn(msg, "wallet_type", w.Type, "err", err)
	return fe, i18n.T(lang, "err.form.rejected", other)
}
