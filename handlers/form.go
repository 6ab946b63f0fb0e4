package handlers

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// payForm is a pay page's form as the person sees it: the PS, what they
// typed (to show again) and what to fix.
type payForm struct {
	m       deposit.Method
	cur     paykassma.Currency
	typed   deposit.Typed
	fixed   bool        // the amount is the merchant's fixed_amount: shown, not asked
	ask     askedAmount // the pay page's ?amount=: "How much will you send?"
	errs    fieldErrors
	formErr string // a problem with no field of its own
	status  int
	// reattach: the screenshot was fine but no page sent back can keep it;
	// upload.js puts the same file back, and says so, where it can.
	reattach bool
	read     *reading // what the screenshot gave, after the form's "Read" button
	sealed   string   // a manual PS's screenshot, sealed, carried in the page (read.go)
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

// screenshotTypes are the files accepted as a payment bill, by content:
// images only, as possible-transaction's "screenshot" takes (the sandbox,
// like the API, answers "The screenshot must be an image." to a PDF).
var screenshotTypes = map[string]bool{"image/jpeg": true, "image/png": true, "image/webp": true}

// squash drops every space: IDs and numbers are often pasted with some.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// readForm reads a pay form and checks it before anything is sent: the
// problems, in the person's words, are empty when it may be sent. min is
// the PS's minimum deposit when the form's amount must reach it.
func (h *handler) readForm(c echo.Context, lang string, f *payForm, min *paykassma.DepositInfo) (deposit.Submission, fieldErrors) {
	f.typed = deposit.Typed{
		Nonce:   c.FormValue("nonce"),
		TxID:    strings.TrimSpace(c.FormValue("key1")), // deposit.NormalTxID reads what came with a paste
		Amount:  strings.TrimSpace(c.FormValue("amount")),
		Account: squash(c.FormValue("account")),
		Shot:    c.FormValue("shot"),
	}
	if f.typed.Nonce == "" {
		f.typed.Nonce = c.FormValue("ref") // a form rendered before nonces
	}
	if !deposit.ValidNonce(f.typed.Nonce) {
		f.typed.Nonce = deposit.NewNonce() // not our form: a payment of its own
	}
	sub, problems := f.m.Check(f.typed)
	fe := fieldErrors{}
	for field, key := range problems {
		fe.add(lang, field, formKey(f.m, key))
	}
	if sub.HasAmount && min != nil && min.MinimumDeposit.IsPositive() && sub.Amount.LessThan(min.MinimumDeposit) {
		fe.add(lang, "amount", "err.amount.minimum", moneyFor(lang, min.MinimumDeposit, f.cur))
	}
	if f.m.NeedsScreenshot {
		sub.Screenshot = h.manualScreenshot(c, lang, f, fe)
		if sub.Screenshot != nil && sub.Shot == "" { // not read first: the bill itself
			sub.Shot = deposit.ShotOf(sub.Screenshot.Data)
		}
	}
	return sub, fe
}

// readScreenshot reads the payment bill: present, within the size limit,
// and by its content (not its name) an image; nil with a field error else.
func (h *handler) readScreenshot(c echo.Context, lang string, fe fieldErrors) *paykassma.File {
	fh, err := c.FormFile("screenshot")
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) || (err == nil && fh.Size == 0) {
		fe.add(lang, "screenshot", "err.screenshot.required")
		return nil
	}
	if err != nil {
		fe.add(lang, "screenshot", "err.screenshot.unreadable")
		return nil
	}
	max := h.cfg.Uploads.MaxBytes
	if fh.Size > max {
		fe.add(lang, "screenshot", "err.screenshot.size", megabytes(lang, max))
		return nil
	}
	data, err := readAll(fh, max)
	if err != nil {
		fe.add(lang, "screenshot", "err.screenshot.unreadable")
		return nil
	}
	ct := http.DetectContentType(data)
	if !screenshotTypes[ct] {
		fe.add(lang, "screenshot", "err.screenshot.type")
		return nil
	}
	name := filepath.Base(strings.ReplaceAll(fh.Filename, "\\", "/"))
	if len(name) > 100 || name == "." || name == "/" {
		name = "screenshot"
	}
	return &paykassma.File{Name: name, ContentType: ct, Data: data}
}

func readAll(fh *multipart.FileHeader, max int64) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, max))
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

// refusedOnFields puts Paykassma's refusal on fields into the form: those the
// person typed by the field, any other (logged: the person cannot fix it)
// as one form error.
func (h *handler) refusedOnFields(lang string, f *payForm, fields map[string][]string, err error) {
	fe, other := fromAPI(lang, fields)
	if e, ok := fe["amount"]; ok {
		if max, over := overMaximum(e.original, f.typed.Amount); over {
			fe["amount"] = fieldError{msg: i18n.T(lang, "err.amount.maximum", moneyFor(lang, max.Decimal, f.cur)), original: e.original}
		}
	}
	f.errs, f.status = fe, http.StatusUnprocessableEntity
	if other != "" {
		h.log.Warn("payment refused on fields the person did not type", "wallet_type", f.m.Type(), "err", err)
		f.formErr = i18n.T(lang, "err.form.rejected", other)
	}
}

// fields builds the form's fields with the typed values and errors.
func (h *handler) fields(lang string, f *payForm) []views.Field {
	out := make([]views.Field, 0, 4) // room for the usual four at once: each is ~300 bytes
	add := func(fl views.Field) {
		if fl.Name == "amount" && f.fixed {
			fl = views.Field{Name: "amount", Type: "fixed", Value: f.typed.Amount, Label: i18n.T(lang, "field.amount.fixed", formatAmount(lang, f.typed.Amount, f.cur))}
		}
		if e, ok := f.errs[fl.Name]; ok {
			fl.Error, fl.Original = e.msg, e.original
		}
		// With an upload, the browser checks what it can first (app.js):
		// a page sent back with an error cannot keep the file.
		fl.Required = f.m.NeedsScreenshot && fl.Type != "fixed"
		out = append(out, fl)
	}
	m := f.m
	if m.Flow == deposit.Redirect {
		if m.Family == deposit.BkashAPI {
			add(views.Field{Name: "account", Label: i18n.T(lang, "field.account"), Hint: i18n.T(lang, "field.account.hint"),
				Value: f.typed.Account, Type: "text", InputMode: "numeric", Autocomplete: "tel-national"})
		}
		add(views.Field{Name: "amount", Label: i18n.T(lang, "field.amount.deposit"), Value: f.typed.Amount, Type: "text",
			InputMode: "decimal", Prefix: symbol(f.cur), Autocomplete: "off"})
		return out
	}
	add(views.Field{Name: "key1", Label: i18n.T(lang, "field.key1"), Hint: txidHint(lang, m.Family), Value: f.typed.TxID,
		Type: "text", InputMode: key1InputMode(m.Family), Autocomplete: "off"})
	if m.NeedsAmount {
		add(views.Field{Name: "amount", Label: i18n.T(lang, "field.amount"), Hint: i18n.T(lang, "field.amount.hint"),
			Value: f.typed.Amount, Type: "text", InputMode: "decimal", Prefix: symbol(f.cur), Autocomplete: "off"})
	} else if !f.fixed { // a fixed amount is said above the form, and kept as said
		// Activation takes no amount here: what the person says they sent
		// is theirs to give, kept with the attempt, never sent.
		add(views.Field{Name: "amount", Label: i18n.T(lang, "field.amount.optional"), Hint: i18n.T(lang, "field.amount.optional.hint"),
			Value: f.typed.Amount, Type: "text", InputMode: "decimal", Prefix: symbol(f.cur), Autocomplete: "off"})
	}
	// "Or upload the screenshot" fills both fields above: after them, so a
	// page sent back with the amount in error still shows it on the first
	// screen with the summary.
	if rf := h.readField(lang, f); rf != nil {
		add(*rf)
	}
	if m.NeedsScreenshot {
		add(views.Field{Name: "screenshot", Label: i18n.T(lang, "field.screenshot"),
			Hint: i18n.T(lang, "field.screenshot.hint", megabytes(lang, h.cfg.Uploads.MaxBytes)), Type: "file",
			Accept: "image/jpeg,image/png,image/webp", PutBack: keptText(lang, f.reattach)})
	}
	h.offerReading(lang, f, out)
	return out
}

// keptText is what upload.js says in place of "attach it again" once it
// has put the file back: only on a page that asks for it again because no
// page sent back can keep a file, never when the file was what to fix.
func keptText(lang string, reattach bool) string {
	if !reattach {
		return ""
	}
	return i18n.T(lang, "field.screenshot.kept")
}

// focusFirstError marks the first field in error that takes typing (not a
// fixed amount) to open the page on.
func focusFirstError(fields []views.Field) {
	for i := range fields {
		if fields[i].Error != "" && fields[i].Type != "fixed" {
			fields[i].Autofocus = true
			return
		}
	}
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

// form builds what the P2P and the redirect pay pages share: the page, its
// title marked when the form has problems, and the form posting to
// /pay/{type} under a new nonce with its summary of problems. The caller
// adds what differs (the submit text, multipart, the target).
func (h *handler) form(v *visit, f *payForm) (views.Page, views.Form) {
	lang := v.lang()
	w := f.m.Wallet
	fields := h.fields(lang, f)
	focusFirstError(fields)
	page := h.page(lang, i18n.T(lang, "pay.title", w.Name))
	form := views.Form{
		Action:   "/pay/" + w.Type,
		State:    v.stToken(),
		Nonce:    deposit.NewNonce(),
		CSRF:     h.guard.csrfToken(v.st),
		Shot:     f.typed.Shot, // a screenshot read (or sent) for this form: kept with its attempt
		Fields:   fields,
		Error:    f.formErr,
		Problems: problems(fields, f.formErr),
		Sending:  i18n.T(lang, "pay.sending"),
	}
	if v.c.Request().Method == http.MethodPost {
		form.PageURL = v.link(form.Action) // with st when the state travels in links
	}
	if len(form.Problems) > 0 {
		page.Title = i18n.T(lang, "form.problems.title", page.Title)
	}
	return page, form
}

// formKey is a field error's message for this PS's form: before a redirect
// payment nothing has been sent yet, and a bank transfer has no wallet app.
func formKey(m deposit.Method, key string) string {
	switch {
	case key == "err.amount.required" && m.Flow == deposit.Redirect:
		return "err.amount.required.deposit"
	case key == "err.key1.required" && m.Family == deposit.Manual:
		return "err.key1.required.manual"
	}
	return key
}
