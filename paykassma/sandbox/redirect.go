package sandbox

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// order is a bKash/Nagad payment created by payment/create, paid (or not)
// on the hosted wallet page.
type order struct {
	ID, Brand, WalletType string
	Label, Currency       string
	CustomID, Account     string
	Amount                decimal.Decimal
	SuccessURL, FailURL   string
	CancelURL             string
	State                 string // open, paid, failed, cancelled
	Created               time.Time
}

var bkashAccount = regexp.MustCompile(`^01[0-9]{9}$`)

func (s *Server) handleCreatePayment(w http.ResponseWriter, r *http.Request) {
	in, err := readInput(w, r)
	if err != nil {
		fail(w, "Invalid request body")
		return
	}
	v := newValidator(in)
	switch name := r.PathValue("ps"); name {
	case "bkash_api", "nagad_api":
		s.createRedirectPayment(w, r, v, lookupPS(name))
	default:
		if ps := lookupPS(name); ps != nil {
			fail(w, "This payment system needs transaction/create and activation")
			return
		}
		s.createGenericPayment(w, v)
	}
}

// createGenericPayment is the document's generic form; nothing further
// happens to such a payment in the sandbox.
func (s *Server) createGenericPayment(w http.ResponseWriter, v *validator) {
	if lang := v.str("language", true, 0); lang != "" && len([]rune(lang)) != 2 {
		v.errs.add("language", "The language must be 2 characters.")
	}
	v.currency("currency")
	v.str("bank", true, 3)
	v.amount("amount", true)
	v.str("label", true, 190)
	v.absURL("redirect_url")
	customID := v.str("custom_transaction_id", true, 64)
	if v.failed() {
		fail(w, v.errs)
		return
	}
	s.mu.Lock()
	taken := s.usedIDs[customID]
	s.usedIDs[customID] = true
	s.mu.Unlock()
	if taken {
		failFields(w, "custom_transaction_id", "The custom transaction id has already been taken.")
		return
	}
	ok(w)
}

func (s *Server) createRedirectPayment(w http.ResponseWriter, r *http.Request, v *validator, ps *paymentSystem) {
	o := &order{WalletType: ps.Type, Brand: family(ps.Type), State: "open", Created: s.now()}
	var hasAmount bool
	if o.Amount, hasAmount = v.amount("amount", true); hasAmount && (o.Amount.LessThan(ps.Min) || o.Amount.GreaterThan(maxDeposit)) {
		v.errs.add("amount", fmt.Sprintf("The amount must be between %s and %s.", ps.Min, maxDeposit))
	}
	if o.Brand == "bkash" {
		if o.Account = v.str("account_number", true, 0); o.Account != "" && !bkashAccount.MatchString(o.Account) {
			v.errs.add("account_number", "The account number format is invalid.")
		}
	}
	if o.Currency = v.currency("currency"); o.Currency != "" && o.Currency != ps.Currency {
		v.errs.add("currency", "The selected currency is invalid.")
	}
	o.Label = v.str("label", true, 190)
	o.CustomID = v.str("custom_transaction_id", true, 64)
	o.SuccessURL = v.absURL("success_url")
	if o.Brand == "bkash" {
		o.FailURL = v.absURL("failure_url")
	} else {
		o.FailURL = v.absURL("fail_url")
	}
	o.CancelURL = v.absURL("cancel_url")
	if v.failed() {
		fail(w, v.errs)
		return
	}
	s.mu.Lock()
	taken := s.usedIDs[o.CustomID]
	if !taken {
		s.usedIDs[o.CustomID] = true
		o.ID = fmt.Sprintf("sbx%013d", s.nextSeqLocked())
		s.orders[o.ID] = o
	}
	s.mu.Unlock()
	if taken {
		failFields(w, "custom_transaction_id", "The custom transaction id has already been taken.")
		return
	}
	pageURL := s.publicBase(r) + "/wallet/" + o.Brand + "/" + o.ID
	if o.Brand == "bkash" {
		writeJSON(w, http.StatusOK, obj{"status": "ok", "data": obj{"orderId": o.ID, "bkashUrl": pageURL, "message": "Successful"}})
		return
	}
	writeJSON(w, http.StatusOK, obj{"status": "ok", "payment_url": pageURL})
}

// orderView is what the wallet page shows.
type orderView struct {
	Brand, Title     string
	OrderID, Account string
	Amount, Currency string
	LogoURL          string
	State            string
	Message          string
}

func (s *Server) viewOf(o *order, message string) orderView {
	v := orderView{
		Brand: o.Brand, Title: "bKash",
		OrderID: o.ID, Account: o.Account,
		Amount: o.Amount.StringFixed(2), Currency: o.Currency,
		LogoURL: "../../sandbox-assets/logo/" + o.WalletType + ".svg",
		State:   o.State, Message: message,
	}
	if o.Brand == "nagad" {
		v.Title = "Nagad"
	}
	return v
}

// findOrder gives a copy of the order named in the path, so the page
// renders outside the lock.
func (s *Server) findOrder(r *http.Request) (order, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.orders[r.PathValue("order")]
	if o == nil || o.Brand != r.PathValue("brand") {
		return order{}, false
	}
	return *o, true
}

func (s *Server) handleWalletPage(w http.ResponseWriter, r *http.Request) {
	o, found := s.findOrder(r)
	if !found {
		renderPage(w, http.StatusNotFound, notFoundPage, nil)
		return
	}
	msg := ""
	if o.State != "open" {
		msg = "This payment is already finished (" + o.State + ")."
	}
	renderPage(w, http.StatusOK, walletPage, s.viewOf(&o, msg))
}

// handleWalletAction pays, fails or cancels an open order and sends the
// browser back to the merchant; a finished order is never paid twice.
func (s *Server) handleWalletAction(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<16)
	action := r.PostFormValue("action")
	states := map[string]string{"pay": "paid", "fail": "failed", "cancel": "cancelled"}
	s.mu.Lock()
	o := s.orders[r.PathValue("order")]
	if o == nil || o.Brand != r.PathValue("brand") {
		s.mu.Unlock()
		renderPage(w, http.StatusNotFound, notFoundPage, nil)
		return
	}
	snapshot := *o
	if o.State != "open" {
		s.mu.Unlock()
		renderPage(w, http.StatusConflict, walletPage, s.viewOf(&snapshot, "This payment is already finished ("+snapshot.State+"). Nothing was charged again."))
		return
	}
	state, known := states[action]
	if !known {
		s.mu.Unlock()
		renderPage(w, http.StatusBadRequest, walletPage, s.viewOf(&snapshot, "Choose Pay, Fail or Cancel."))
		return
	}
	target := map[string]string{"paid": o.SuccessURL, "failed": o.FailURL, "cancelled": o.CancelURL}[state]
	if !s.returnsHome(r, target) {
		s.mu.Unlock()
		renderPage(w, http.StatusBadRequest, walletPage, s.viewOf(&snapshot,
			"This order's return URL is on another site; the sandbox returns only to the checkout that opened it. Nothing was charged."))
		return
	}
	o.State = state
	if state == "paid" {
		p := &payment{
			Label: o.Label, WalletType: o.WalletType, Currency: o.Currency,
			CustomID: o.CustomID, Amount: o.Amount, Created: o.Created, Activated: s.now(),
			Key1: fmt.Sprintf("%s%010d", strings.ToUpper(o.Brand[:2]), s.nextSeqLocked()), // the wallet's transaction id
		}
		if o.Account != "" {
			from := o.Account
			p.From = &from
		}
		s.recordLocked(o.CustomID)
		s.creditLocked(p)
	}
	s.mu.Unlock()
	http.Redirect(w, r, target, http.StatusSeeOther)
}

func renderPage(w http.ResponseWriter, code int, t *template.Template, data any) {
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		http.Error(w, "sandbox: cannot render page", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	// form-action must allow the redirect back to the merchant after a POST.
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self' http: https:")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

const pageStyle = `<style>
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f3f5;color:#1a1a1a}
main{max-width:420px;margin:0 auto;padding:16px}
.card{background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.3rem;margin:8px 0 4px}
.note{margin:0 0 12px;color:#555;font-size:.9rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:12px 0 16px}
dt{color:#555}dd{margin:0;font-weight:600;overflow-wrap:anywhere}
.msg{padding:10px 12px;border-radius:8px;background:#fff4d6;border:1px solid #e0b84a;margin:0 0 12px}
form{margin:0}
button{display:block;width:100%;min-height:48px;margin:10px 0 0;border-radius:8px;font:inherit;font-weight:600;cursor:pointer}
.pay{border:0;color:#fff}.pay.bkash{background:#c2105e}.pay.nagad{background:#b50e28}
.fail{border:0;background:#4a4a4a;color:#fff}
.cancel{background:#fff;color:#1a1a1a;border:2px solid #767676}
</style>`

var walletPage = template.Must(template.New("wallet").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} payment (sandbox)</title>` + pageStyle + `</head>
<body><main><div class="card">
<img src="{{.LogoURL}}" alt="" width="96" height="40">
<h1>Pay with {{.Title}}</h1>
<p class="note">Sandbox wallet: no real money moves.</p>
<dl>
<dt>Merchant</dt><dd>Sandbox merchant</dd>
<dt>Amount</dt><dd data-testid="amount">{{.Amount}} {{.Currency}}</dd>
{{if .Account}}<dt>Account</dt><dd>{{.Account}}</dd>{{end}}
<dt>Order</dt><dd>{{.OrderID}}</dd>
</dl>
{{if .Message}}<p class="msg" role="status" data-testid="message">{{.Message}}</p>{{end}}
{{if eq .State "open"}}
<form method="post"><input type="hidden" name="action" value="pay"><button type="submit" class="pay {{.Brand}}">Pay</button></form>
<form method="post"><input type="hidden" name="action" value="fail"><button type="submit" class="fail">Fail</button></form>
<form method="post"><input type="hidden" name="action" value="cancel"><button type="submit" class="cancel">Cancel</button></form>
{{end}}
</div></main></body></html>
`))

var notFoundPage = template.Must(template.New("notfound").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Payment not found (sandbox)</title>` + pageStyle + `</head>
<body><main><div class="card"><h1>Payment not found</h1>
<p>This sandbox wallet has no such payment. It may belong to an earlier run of the sandbox.</p>
</div></main></body></html>
`))
