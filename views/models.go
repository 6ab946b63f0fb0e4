// Package views renders the checkout's pages. Templates present what the
// handlers decided: every string is already translated and every amount,
// time and URL already formatted in the view models below.
package views

import (
	"context"
	"strconv"

	"github.com/paykassma/checkout/i18n"
)

// t translates a fixed label in the language carried by ctx.
func t(ctx context.Context, key string, args ...any) string { return i18n.Ctx(ctx, key, args...) }

// Page is what every page's layout needs.
type Page struct {
	Lang     string
	Title    string // this page's title, translated
	SiteName string // the merchant's name, or ours
	LogoURL  string // the merchant's logo; empty for none
	Accent   string // the merchant's #rrggbb, via /static/brand.css; empty for ours
	Sandbox  bool   // payments go to the embedded sandbox, not Paykassma
	Refresh  string // a meta refresh ("5; url=…") for browsers without JavaScript; empty: none
}

// Link is an action a page offers.
type Link struct {
	Text    string
	URL     string
	Primary bool
	TestID  string
	Target  string // "_top": leave the merchant's frame (a link to the merchant's site)
}

// Savings is a depositor's accumulated payments with one PS, formatted.
type Savings struct {
	ID          string // unique on the page, for aria-labelledby
	Accumulated string // e.g. "₹150.00"
	Lacking     string
	Minimum     string
	Value, Max  string // plain decimals for <meter>
	Explain     string
}

// Guide shows how to pay with a PS: an optional gif or mp4 and the same
// steps in text for whoever cannot watch it.
type Guide struct {
	ID       string
	Title    string
	ImageURL string // a gif
	VideoURL string // an mp4
	MediaAlt string
	Steps    []string
	// MediaHTML, when set, is written in place of GuideMedia's own
	// rendering of the fields above: that component's output, kept by the
	// handlers per PS, language and mediahint, under the same rule as
	// Method.GuideHTML (our own templ output, never request text).
	MediaHTML string
}

// Method is a payment system as the choose page lists it.
type Method struct {
	Type    string
	Name    string
	Logo    string
	URL     string // the pay page
	Minimum string // e.g. "Minimum ₹300.00"; empty when unknown
	Hint    string // what an unclear name means ("UPI IB": UPI through internet banking); empty for most
	Guide   *Guide // nil when GuideHTML is set: a pointer keeps the list small
	// GuideHTML, when set, is written in place of GuideDetails(Guide): the
	// same component's output, rendered once by the handlers with templ
	// and kept, since it is the same for every depositor. It is written
	// unescaped, so it must only ever be our own templ output (escaped
	// when rendered), never text from a request or from Paykassma.
	GuideHTML string
	// FaceHTML, when set, is written in place of MethodFace(Name, Logo,
	// Hint): that component's output, kept by the handlers per PS and
	// language, under the same rule as GuideHTML.
	FaceHTML string
	Savings  *Savings
}

// AttemptRow is one of the depositor's recent attempts.
type AttemptRow struct {
	Ref     string
	Method  string
	Amount  string
	Stated  string // "you said you sent ₹500": the person's word, where the PS took no amount
	Outcome string // what became of it, in words
	Kind    string // the outcome's kind, for styling and tests
	When    string
	WhenISO string
	URL     string // its status page
}

// ChooseView is the page listing the PSs for the depositor's currency.
type ChooseView struct {
	Page
	Intro    string
	Methods  []Method
	Attempts []AttemptRow // the latest one or two, above the PSs
	// Older are the rest, behind "show all" (a details element), so the PSs
	// stay within the first screen; ShowAll is its summary, with the count.
	Older   []AttemptRow
	ShowAll string
	Empty   string // shown when no PS serves this currency
}

// Field is one form field with its typed value and its error.
type Field struct {
	Name  string // the form name, also the id
	Label string
	Hint  string
	Value string
	// Type is "text", "file" or "fixed": a value the person cannot change
	// (the merchant's fixed_amount), shown as Label and sent in a hidden field.
	Type         string
	InputMode    string
	Accept       string
	Prefix       string // e.g. the currency symbol before an amount
	Error        string // our words
	Original     string // Paykassma's words, kept as a detail
	Autocomplete string
	Required     bool // checked in the browser before sending (a form with an upload only)
	// Autofocus marks the first field in error: a page sent back with
	// problems opens on it. Browsers skip it on a page opened at a
	// fragment (Form.Fragment), where app.js gives the focus.
	Autofocus bool
	// PutBack is said instead of Error by upload.js once it has put the
	// file just sent back into its field (a page sent back cannot).
	PutBack string
	// Read is the text of the button that reads a screenshot into the form
	// (no JavaScript; the script reads on choosing and hides it); ReadURL is
	// where the script sends the file; Notice says what was read, Warning
	// that the same payment was reported before. A file field only.
	Read, ReadURL, Reading, Notice, Warning string
	// Sealed is the screenshot already read, encrypted and authenticated,
	// carried in the page so that it need not be chosen again; Kept says so.
	Sealed, Kept string
}

// DescribedBy lists the ids of the hint and error that describe f.
func (f Field) DescribedBy() string {
	s := ""
	if f.Hint != "" {
		s = f.Name + "-hint"
	}
	if f.Error != "" {
		if s != "" {
			s += " "
		}
		s += f.Name + "-error"
	}
	return s
}

// Form is a payment form.
type Form struct {
	Action    string
	Fragment  string // "#step2": where the page the form's answer opens at (field errors) scrolls to, without scripts
	PageURL   string // the pay page's GET URL, on a form sent back with errors: history's entry instead of the POST
	Target    string // "_top" for a form that leaves the merchant's frame
	State     string // the st token
	Nonce     string // names this rendering: with what is typed, the payment's reference
	CSRF      string // the depositor's form token, for browsers that send no Sec-Fetch-Site
	Shot      string // the fingerprint of a screenshot read into the form (deposit.ShotOf); empty: none
	Multipart bool
	Fields    []Field
	Error     string // an error not tied to one field
	Problems  []Link // one per field in error, linking to it, for the summary on top
	Submit    string
	Sending   string
}

// PayView is the P2P pay page: where to send the money, then the form for
// the transaction ID.
type PayView struct {
	Page
	Method        Method
	BackURL       string // the list of PSs; empty when the merchant's link opened this PS only
	Identifier    string
	SendAmount    string     // "Send exactly ₹500" when the merchant fixed the amount; empty otherwise
	SendTo        string     // "Send ₹500 to:" once the amount is known, else "Send the amount to:"
	BelowMinimum  string     // the amount said is under the minimum: it will wait in savings
	Ask           *AmountAsk // "How much will you send?"; nil when the merchant fixed the amount
	ValidUntil    string     // "14:05 UTC"
	ValidUntilISO string
	MinimumLine   string // "Send at least ₹300.00 …"; empty when unknown
	Savings       *Savings
	Guide         Guide
	TxIDHelp      string  // where to find the transaction ID in this wallet
	UPI           *UPIPay // the QR and app link when Identifier is a UPI address
	Form          Form
}

// RedirectView is the amount form of a PS paid on the wallet's own page.
type RedirectView struct {
	Page
	Method      Method
	BackURL     string // the list of PSs; empty when the merchant's link opened this PS only
	Intro       string
	MinimumLine string
	Savings     *Savings
	Guide       Guide
	Form        Form
}

// OutcomeView says what became of an attempt.
type OutcomeView struct {
	Page
	Kind    string // done, possible, suspicious, failed, …
	Heading string
	Lines   []string
	Ref     string
	Method  string
	Amount  string
	Stated  string // "you said you sent ₹500": the person's word, where the PS took no amount
	TxID    string // the transaction ID the person gave
	Detail  string // Paykassma's own words, small, folded
	Said    string // Detail in the page's words, for a message the API document lists; "" for any other
	Savings *Savings
	Actions []Link
	Follow  *Follow // set while the page waits for the deposit to be credited
	// KeepURL is the payment's read-only status link, to open later in any
	// browser; "" on the page that link itself shows.
	KeepURL string
	Support Support // the merchant's help line, on every outcome short of credited
}

// Follow is how an outcome page keeps up with the deposit: a meta refresh
// without JavaScript, a poll of PollURL with it.
type Follow struct {
	Text    string // "This page updates by itself…"
	Refresh string // the meta refresh's content
	NowURL  string // the same check, by hand
	PollURL string // the JSON status
	Delays  []int  // seconds between polls
}

// DelaysAttr is Delays for a data- attribute: "5,10,20,30".
func (f Follow) DelaysAttr() string {
	s := ""
	for i, d := range f.Delays {
		if i > 0 {
			s += ","
		}
		s += strconv.Itoa(d)
	}
	return s
}

// Support is the merchant's help line; the zero value shows nothing.
type Support struct {
	URL  string // http(s), mailto: or tel:; empty: the text alone
	Text string // the line's words, already defaulted
}

// ErrorView is the friendly page for anything that went wrong.
type ErrorView struct {
	Page
	Support Support
	Status  int
	Heading string
	Lines   []string
	Ref     string
	Actions []Link
}

// StatusText is the HTTP status as text, for tests and styling.
func (v ErrorView) StatusText() string { return strconv.Itoa(v.Status) }

// AmountAsk is the pay page's small GET form "How much will you send?": it
// reloads the page with ?amount=, so the amount is in the page's address
// (reload, Back and a second tab keep it) and needs no script.
type AmountAsk struct {
	Action string
	Hidden []Hidden // what the page's links carry (the state, where no cookie)
	Label  string
	Hint   string
	Prefix string // the currency symbol
	Value  string // as typed
	Error  string
	Submit string
}

// Hidden is a hidden form field.
type Hidden struct{ Name, Value string }
