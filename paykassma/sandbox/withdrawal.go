package sandbox

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/paykassma/checkout/paykassma"
	"github.com/shopspring/decimal"
)

// withdrawal is a processed withdrawal; the sandbox processes each one
// (status 1) as soon as it is accepted.
type withdrawal struct {
	ID, Comment, PaymentSystem     string
	Amount                         int64
	Currency, Label                string
	AccountNumber, AccountName     string
	AccountEmail, PaymentsProvider string
	BankCode, BranchCode           string
}

const minWithdrawal, maxWithdrawal = 100, 100000

func (s *Server) handleCreateWithdrawal(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxJSONBody))
	if err != nil {
		fail(w, "Invalid request body")
		return
	}
	if !s.signatureValid(body) {
		failFields(w, "signature", "Invalid signature")
		return
	}
	values := map[string]json.RawMessage{}
	if json.Unmarshal(body, &values) != nil {
		values = map[string]json.RawMessage{}
	}
	wd, errs := validateWithdrawal(newValidator(input{values: values}))
	if len(errs) > 0 {
		fail(w, errs)
		return
	}
	if field, msg := s.recordWithdrawal(wd); field != "" {
		failFields(w, field, msg)
		return
	}
	ok(w)
}

// recordWithdrawal books an accepted withdrawal, or says which field stops it.
func (s *Server) recordWithdrawal(wd *withdrawal) (field, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if wd.ID == "" {
		wd.ID = strconv.Itoa(2298000 + s.nextSeqLocked())
	} else if s.withdrawals[wd.ID] != nil {
		return "withdrawal_id", "The withdrawal id has already been taken."
	}
	// As the document says: the balances in the request's currency must
	// cover it (the sandbox finishes every withdrawal at once, so none are
	// still incomplete).
	available := decimal.Zero
	for _, b := range s.balances {
		if b.Currency == wd.Currency {
			available = available.Add(b.Amount)
		}
	}
	amount := decimal.NewFromInt(wd.Amount)
	if available.LessThan(amount) {
		return "withdrawals_sum_amount", "Insufficient balance"
	}
	s.withdrawals[wd.ID] = wd
	s.addBalanceLocked(wd.PaymentSystem, wd.Currency, amount.Neg())
	return "", ""
}

// signatureValid checks "signature" against paykassma.Sign over the rest of
// the body.
func (s *Server) signatureValid(body []byte) bool {
	payload, sig, err := signedPayload(body)
	if err != nil || sig == "" {
		return false
	}
	want, err := paykassma.Sign(s.privateKey, payload)
	if err != nil || want == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(strings.ToLower(sig))) == 1
}

// signedPayload re-encodes a JSON object without its top-level "signature",
// keeping every member in its order (the signature sorts only the top
// level) and numbers as written. Like the API, it trims string values first
// (hence the document's "no spaces at the beginning and end"): a client that
// signs untrimmed values is rejected here as it would be there.
func signedPayload(body []byte) (payload []byte, sig string, err error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	type frame struct {
		object bool
		n      int // tokens so far: keys and values alternate in an object
	}
	var stack []frame
	var out bytes.Buffer
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, "", err
		}
		if len(stack) == 0 && (out.Len() > 0 || tok != json.Delim('{')) {
			return nil, "", errors.New("not one JSON object")
		}
		if d, isDelim := tok.(json.Delim); isDelim && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			out.WriteByte(byte(d))
			continue
		}
		isKey := false
		if len(stack) > 0 {
			f := &stack[len(stack)-1]
			isKey = f.object && f.n%2 == 0
			if isKey && len(stack) == 1 && tok == "signature" {
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return nil, "", err
				}
				_ = json.Unmarshal(raw, &sig)
				continue
			}
			switch {
			case f.object && !isKey:
				out.WriteByte(':')
			case f.n > 0:
				out.WriteByte(',')
			}
			f.n++
		}
		switch t := tok.(type) {
		case json.Delim:
			out.WriteByte(byte(t))
			stack = append(stack, frame{object: t == '{'})
		case string:
			if !isKey {
				t = strings.TrimSpace(t)
			}
			b, _ := json.Marshal(t)
			out.Write(b)
		case json.Number:
			out.WriteString(t.String())
		case bool:
			out.WriteString(strconv.FormatBool(t))
		case nil:
			out.WriteString("null")
		}
	}
	return out.Bytes(), sig, nil
}

// validateWithdrawal applies the document's rules, including the fields
// each PS requires (its table for bKash, IMPS, UPI IB and PayTM).
func validateWithdrawal(v *validator) (*withdrawal, fieldErrors) {
	wd := &withdrawal{}
	wd.ID = v.str("withdrawal_id", false, 36)
	wd.PaymentSystem = v.str("payment_system", true, 190)
	wd.Currency = v.currency("currency_code")
	wd.Label = v.str("label", true, 190)
	wd.Comment = v.str("comment", false, 0)
	wd.Amount = v.integer("amount", minWithdrawal, maxWithdrawal)
	v.boolean("is_test")

	var ps *paymentSystem
	if wd.PaymentSystem != "" {
		if ps = lookupPS(wd.PaymentSystem); ps == nil || ps.Flow == flowRedirect {
			v.errs.add("payment_system", "The selected payment system is invalid.")
			ps = nil
		} else if wd.Currency != "" && wd.Currency != ps.Currency {
			v.errs.add("currency_code", "The selected currency code is invalid.")
		}
	}
	fam := ""
	if ps != nil {
		fam = family(ps.Type)
	}
	wd.AccountNumber = v.str("account_number", true, 190)
	wd.AccountName = v.str("account_name", ps != nil && (ps.Type == "imps" || ps.Type == "upi_ib"), 190)
	wd.AccountEmail = v.str("account_email", fam == "bkash", 190)
	if wd.AccountEmail != "" && !strings.Contains(wd.AccountEmail, "@") {
		v.errs.add("account_email", "The account email must be a valid email address.")
	}
	pd := v.nested("payments_details")
	wd.PaymentsProvider = pd.str("payments_provider", false, 190)
	pd.str("payments_method", false, 190)
	bd := v.nested("bank_details")
	wd.BankCode = bd.str("bank_code", ps != nil && ps.Type == "imps", 190)
	wd.BranchCode = bd.str("branch_code", false, 190)
	bd.str("bank_code_in_payments_system", false, 190)
	return wd, v.errs
}

// nested validates an object field; its errors are keyed "field.sub", as
// Laravel keys them.
func (v *validator) nested(field string) *validator {
	sub := map[string]json.RawMessage{}
	if v.present(field) && json.Unmarshal(v.in.values[field], &sub) != nil {
		v.add(field, "The %s must be an array.")
	}
	return &validator{in: input{values: sub}, errs: v.errs, prefix: v.prefix + field + "."}
}

// integer reads a whole number within [min, max].
func (v *validator) integer(field string, min, max int64) int64 {
	if !v.present(field) {
		v.required(field)
		return 0
	}
	n, err := strconv.ParseInt(v.scalar(field), 10, 64)
	if err != nil {
		v.add(field, "The %s must be an integer.")
		return 0
	}
	if n < min {
		v.add(field, "The %s must be at least %d.", min)
	} else if n > max {
		v.add(field, "The %s must not be greater than %d.", max)
	}
	return n
}

// boolean reads a required true/false (Laravel also takes 0, 1, "0", "1").
func (v *validator) boolean(field string) {
	if !v.present(field) {
		v.required(field)
		return
	}
	switch string(bytes.TrimSpace(v.in.values[field])) {
	case "true", "false", "0", "1", `"0"`, `"1"`:
	default:
		v.add(field, "The %s field must be true or false.")
	}
}
