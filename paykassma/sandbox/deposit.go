package sandbox

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

func (s *Server) handlePaymentSystems(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := newValidator(queryInput(q))
	v.str("label", true, 190)
	codes := queryList(q, "currency_code")
	if len(codes) == 0 {
		v.required("currency_code")
	}
	for i, c := range codes {
		if len(c) != 3 || strings.IndexFunc(c, func(r rune) bool { return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') }) >= 0 {
			v.errs.add("currency_code."+strconv.Itoa(i), "The currency_code."+strconv.Itoa(i)+" must be 3 letters.")
		}
		codes[i] = strings.ToUpper(c)
	}
	if v.failed() {
		fail(w, v.errs)
		return
	}
	type currency struct {
		Code   string `json:"code"`
		Symbol string `json:"symbol"`
	}
	type wallet struct {
		Type                 string `json:"type"`
		CurrencyCode         string `json:"currency_code"`
		Order                int    `json:"order"`
		Logo                 string `json:"logo"`
		Name                 string `json:"name"`
		IsManual             bool   `json:"is_manual"`
		UploadingPaymentBill bool   `json:"uploading_payment_bill"`
	}
	currencies := []currency{}
	wallets := []wallet{}
	base := s.publicBase(r)
	for _, c := range slices.Compact(slices.Sorted(slices.Values(codes))) {
		currencies = append(currencies, currency{c, currencySymbol(c)})
	}
	for _, ps := range catalog { // the catalogue is in API order
		if !slices.Contains(codes, ps.Currency) {
			continue
		}
		wallets = append(wallets, wallet{
			Type:                 ps.Type,
			CurrencyCode:         ps.Currency,
			Order:                ps.Order,
			Logo:                 base + "/sandbox-assets/logo/" + ps.Type + ".svg",
			Name:                 ps.Name,
			IsManual:             ps.Flow == flowManual,
			UploadingPaymentBill: ps.Flow == flowManual,
		})
	}
	writeJSON(w, http.StatusOK, obj{"status": "ok", "params": obj{"currency_data": currencies, "wallets": wallets}})
}

func (s *Server) handleMediahints(w http.ResponseWriter, r *http.Request) {
	type hint struct {
		ID  int64  `json:"id"`
		URL string `json:"url"`
	}
	base := s.publicBase(r)
	data := map[string]hint{}
	for _, h := range mediahints {
		data[h.Key] = hint{h.ID, base + "/sandbox-assets/hint/" + h.Key + "." + h.Ext}
	}
	success(w, data)
}

func (s *Server) handleCreateTransaction(w http.ResponseWriter, r *http.Request) {
	in, err := readInput(w, r)
	if err != nil {
		fail(w, "Invalid request body")
		return
	}
	v := newValidator(in)
	currency := v.currency("currency")
	label := v.str("label", true, 190)
	if v.failed() {
		fail(w, v.errs)
		return
	}
	ps := lookupPS(r.PathValue("type"))
	if ps == nil {
		fail(w, "Payment system not found")
		return
	}
	if ps.Flow == flowRedirect {
		fail(w, "This payment system works through payment/create")
		return
	}
	if currency != ps.Currency {
		failFields(w, "currency", "The selected currency is invalid.")
		return
	}
	s.mu.Lock()
	n := s.nextSeqLocked()
	s.creates[[2]string{label, ps.Type}]++
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, obj{"status": "ok", "params": obj{"identifier": ps.identifier(n)}})
}

// depositFields validates what activate and possible-transaction share.
// It gives nil when a field failed (v holds why).
// amountAlways: the amount is required whatever the PS (possible-transaction).
func depositFields(v *validator, customIDField string, customIDMax int, amountAlways bool, flows ...flow) *attempt {
	a := &attempt{}
	a.Currency = v.currency("currency_code")
	walletType := v.str("wallet_type", true, 190)
	a.Label = v.str("label", true, 190)
	a.Key1 = v.str("key1", true, 190)
	a.CustomID = v.str(customIDField, true, customIDMax)
	if walletType != "" {
		a.PS = lookupPS(walletType)
		if a.PS == nil || !slices.Contains(flows, a.PS.Flow) {
			v.errs.add("wallet_type", "The selected wallet type is invalid.")
			a.PS = nil
		} else if a.Currency != "" && a.Currency != a.PS.Currency {
			v.errs.add("currency_code", "The selected currency code is invalid.")
		}
	}
	a.Amount, a.HasAmount = v.amount("amount", amountAlways || a.PS != nil && a.PS.AmountRequired)
	if a.HasAmount && a.Amount.GreaterThan(maxDeposit) {
		v.errs.add("amount", "The amount must not be greater than "+maxDeposit.String()+".")
	}
	if v.failed() {
		return nil
	}
	return a
}

// attempt is an activation or possible transaction, validated.
type attempt struct {
	PS                              *paymentSystem
	Currency, Label, Key1, CustomID string
	Amount                          decimal.Decimal
	HasAmount                       bool
}

// verdict is what the deterministic triggers make of an attempt.
type verdict int

const (
	accepted verdict = iota
	wrongLength
	idTaken
	suspicious
	possibleCreated
	txNotFound
	alreadyActivated
)

// judge applies the triggers in the contract's order (after field
// validation): key1 length, custom id taken, then key1's ending.
func (s *Server) judge(a *attempt) verdict {
	if n := utf8.RuneCountInString(a.Key1); n < 6 || n > 30 {
		return wrongLength
	}
	amount := a.Amount
	if !a.HasAmount {
		amount = defaultAmount(a.PS, a.Key1)
	}
	now := s.now()
	p := &payment{
		Label: a.Label, WalletType: a.PS.Type, Currency: a.PS.Currency,
		Key1: a.Key1, CustomID: a.CustomID, Amount: amount, Created: now,
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.usedIDs[a.CustomID] {
		return idTaken
	}
	switch {
	case strings.HasSuffix(a.Key1, "400"):
		s.recordLocked(a.CustomID)
		s.pending[a.CustomID] = p
		return suspicious
	case strings.HasSuffix(a.Key1, "000"):
		s.recordLocked(a.CustomID)
		s.pending[a.CustomID] = p
		return possibleCreated
	case strings.HasSuffix(a.Key1, "999"):
		return txNotFound
	}
	k := [2]string{a.PS.Type, a.Key1}
	if s.activated[k] {
		return alreadyActivated
	}
	s.activated[k] = true
	s.recordLocked(a.CustomID)
	p.Activated = now
	s.creditLocked(p)
	return accepted
}

// answerVerdict writes the failures both endpoints share; it reports false
// for the successes, which each endpoint words its own way.
func answerVerdict(w http.ResponseWriter, vd verdict, customIDField string) bool {
	switch vd {
	case wrongLength:
		failFields(w, "key1", "Transaction field has wrong length")
	case idTaken:
		failFields(w, customIDField, "The "+human(customIDField)+" has already been taken.")
	case suspicious:
		writeJSON(w, http.StatusBadRequest, obj{"status": "fail", "message": "Check of deposit status started. The operation may take longer than expected. Once checked the funds will credit to your account"})
	case possibleCreated:
		writeJSON(w, http.StatusOK, obj{"status": "possible_transaction_created", "message": "Transaction not found. Possible transaction created"})
	case txNotFound:
		fail(w, "Transaction not found")
	case alreadyActivated:
		failFields(w, "key1", "This transaction has already been activated.")
	default:
		return false
	}
	return true
}

func (s *Server) handleActivate(w http.ResponseWriter, r *http.Request) {
	in, err := readInput(w, r)
	if err != nil {
		fail(w, "Invalid request body")
		return
	}
	v := newValidator(in)
	a := depositFields(v, "custom_transaction_id", 64, false, flowP2P)
	if a == nil {
		fail(w, v.errs)
		return
	}
	if !answerVerdict(w, s.judge(a), "custom_transaction_id") {
		ok(w)
	}
}

func (s *Server) handlePossibleTransaction(w http.ResponseWriter, r *http.Request) {
	in, err := readInput(w, r)
	if err != nil {
		fail(w, "Invalid request body")
		return
	}
	v := newValidator(in)
	if _, err := v.image("screenshot"); err != nil {
		fail(w, "Cannot read the screenshot")
		return
	}
	// The document requires the amount here for every PS.
	a := depositFields(v, "custom_id", 190, true, flowP2P, flowManual)
	if a == nil {
		fail(w, v.errs)
		return
	}
	if !answerVerdict(w, s.judge(a), "custom_id") {
		writeJSON(w, http.StatusOK, successBody([]any{}, &paginate{Offset: 0, Total: 1, Limit: 1}))
	}
}

func (s *Server) handleDepositInfo(w http.ResponseWriter, r *http.Request) {
	v := newValidator(queryInput(r.URL.Query()))
	label := v.str("label", true, 190)
	walletType := v.str("wallet_type", true, 190)
	currency := v.currency("currency")
	code := v.str("code", false, 190)
	if v.failed() {
		fail(w, v.errs)
		return
	}
	var ps *paymentSystem
	if walletType == "manual" {
		if code == "" || code == "null" {
			failFields(w, "code", "The code field is required when wallet type is manual.")
			return
		}
		if ps = lookupPS(code); ps == nil || ps.Flow != flowManual {
			fail(w, "Manual payment system not found")
			return
		}
	} else {
		if ps = lookupPS(walletType); ps == nil {
			fail(w, "Payment system not found")
			return
		}
		if ps.Flow == flowManual {
			fail(w, "Use wallet_type=manual")
			return
		}
	}
	if currency != ps.Currency {
		failFields(w, "currency", "The selected currency is invalid.")
		return
	}
	sum := s.savingsSum(savingsKey{label, ps.Type, currency})
	// As in the document's example, nothing "lacks" while nothing is saved.
	lacks := decimal.Zero
	if sum.IsPositive() && sum.LessThan(ps.Min) {
		lacks = ps.Min.Sub(sum)
	}
	writeJSON(w, http.StatusOK, struct {
		Status         string `json:"status"`
		StockpilingSum money  `json:"stockpiling_sum"`
		LacksSum       money  `json:"lacks_sum"`
		MinimumDeposit money  `json:"minimum_deposit"`
	}{"ok", money(sum), money(lacks), money(ps.Min)})
}
