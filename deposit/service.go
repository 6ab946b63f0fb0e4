package deposit

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/paykassma"
)

// API is what a deposit asks of Paykassma.
type API interface {
	Activate(ctx context.Context, req paykassma.ActivateRequest) (paykassma.Activation, error)
	PossibleTransaction(ctx context.Context, req paykassma.PossibleTransactionRequest) (paykassma.Activation, error)
	CreateBkashPayment(ctx context.Context, req paykassma.BkashPaymentRequest) (*paykassma.RedirectPayment, error)
	CreateNagadPayment(ctx context.Context, req paykassma.NagadPaymentRequest) (*paykassma.RedirectPayment, error)
	DepositInfo(ctx context.Context, req paykassma.DepositInfoRequest) (*paykassma.DepositInfo, error)
	DepositStatuses(ctx context.Context, customOrderIDs []string) ([]paykassma.DepositStatus, error)
}

// Options are a Service's optional parts.
type Options struct {
	Now    func() time.Time // nil: time.Now
	Logger *slog.Logger     // nil: discard
	// Count is told when an attempt reaches an outcome a deposit ends on
	// (Counted), once: a reload or a repeat that changes nothing tells it
	// nothing (metrics). nil: none.
	Count func(depositor.Outcome)
}

// Service runs payment attempts against Paykassma, recording each in the
// depositor's state.
type Service struct {
	api   API
	now   func() time.Time
	log   *slog.Logger
	count func(depositor.Outcome)
}

// New makes a Service over api.
func New(api API, o Options) *Service {
	s := &Service{api: api, now: o.Now, log: o.Logger, count: o.Count}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.count == nil {
		s.count = func(depositor.Outcome) {}
	}
	return s
}

// Next is what the person sees after an attempt.
type Next int

// What comes next.
const (
	// ShowStatus: the outcome page of Result.Ref (after a 303).
	ShowStatus Next = iota
	// FixForm: the form again, with Paykassma's field errors.
	FixForm
	// Fault: Paykassma could not be asked or did not answer; when Ref is
	// set the payment may have gone through under it.
	Fault
	// GoToWallet: the wallet's page at Result.URL.
	GoToWallet
	// Reused: the transaction ID went with an earlier payment, Result.Ref,
	// that Paykassma has or may credit: the form again, pointing to it.
	// Nothing was sent.
	Reused
)

// Result is how an attempt ended, for the caller to show.
type Result struct {
	Next   Next
	Ref    string
	URL    string              // GoToWallet
	Fields map[string][]string // FixForm: Paykassma's words by field
	Err    error               // Fault, FixForm: Paykassma's error
}

// Save writes the state where the browser keeps it. An attempt is saved
// pending before Paykassma hears of it, so that should the answer (or the
// save after it) be lost, the next try knows the reference and checks it
// before sending anything again.
type Save func() error

// prefix is the merchant's custom_transaction_id, which starts every reference.
func prefix(st *depositor.State) string {
	if st.Merchant == nil {
		return ""
	}
	return st.Merchant.TxPrefix
}

// Counted are the outcomes a deposit ends on, which Options.Count is told
// of. Submitted is a repeat of a payment counted when it was first sent.
var Counted = map[depositor.Outcome]bool{
	depositor.Done: true, depositor.Possible: true, depositor.Suspicious: true, depositor.Failed: true,
	depositor.Paid: true, depositor.WalletFail: true, depositor.Cancelled: true, depositor.Closed: true,
}

// settle records an outcome, and counts it when it is one a deposit ends
// on and the attempt did not have it yet.
func (s *Service) settle(st *depositor.State, ref string, o depositor.Outcome, detail string) {
	if st.Settle(ref, o, detail, s.now()) && Counted[o] {
		s.count(o)
	}
}

// PayP2P activates a P2P payment (possible-transaction for a manual PS).
func (s *Service) PayP2P(ctx context.Context, st *depositor.State, m Method, sub Submission, save Save) (Result, error) {
	ref := s.p2pRef(st, m, sub)
	saved := ""
	if a := st.Attempt(ref); a != nil {
		if a.Outcome != depositor.Pending {
			return Result{Next: ShowStatus, Ref: ref}, nil // sent again after its outcome is known
		}
		// Sent before without an answer: find out what became of it
		// before sending anything again.
		ok, err := s.landed(ctx, st, &m, a)
		if err != nil {
			return Result{Next: Fault, Ref: ref, Err: err}, nil
		}
		if ok {
			s.settle(st, ref, depositor.Done, "")
			return Result{Next: ShowStatus, Ref: ref}, nil
		}
		saved = a.Saved // still the savings before the first send
	}
	if a := usedBefore(st, sub.TxID); a != nil && a.Ref != ref {
		return Result{Next: Reused, Ref: a.Ref}, nil
	}
	if saved == "" {
		saved = s.savings(ctx, st, m)
	}
	return s.sendP2P(ctx, st, m, sub, ref, saved, save, true)
}

// holdsMoney are the outcomes after which a payment is credited, in
// savings, or will be once checked: its transaction ID is spent.
var holdsMoney = map[depositor.Outcome]bool{
	depositor.Done: true, depositor.Possible: true, depositor.Suspicious: true, depositor.Submitted: true,
}

// usedBefore is the depositor's earlier attempt with the transaction ID
// txID that holds money, or nil. After "not found" or a fault, sending the
// same ID again is the right retry, so those do not count.
func usedBefore(st *depositor.State, txID string) *depositor.Attempt {
	for i := range st.Attempts {
		a := &st.Attempts[i]
		if holdsMoney[a.Outcome] && strings.EqualFold(a.TxID, txID) {
			return a
		}
	}
	return nil
}

// p2pRef is the reference a P2P submission is sent under.
func (s *Service) p2pRef(st *depositor.State, m Method, sub Submission) string {
	// A form rendered before nonces carried its reference in their place:
	// the attempt it names, with the same transaction ID, is this payment.
	if a := st.Attempt(sub.Nonce); a != nil && a.WalletType == m.Type() && a.TxID == sub.TxID {
		return a.Ref
	}
	// The same transaction ID sent before without an answer is the same
	// payment, whichever form sends it now.
	if a := st.PendingWith(m.Type(), sub.TxID); a != nil {
		return a.Ref
	}
	return Reference(prefix(st), sub.Nonce, sub.TxID)
}

// sendP2P records the attempt, saves, sends it and settles the answer.
// again allows one more send under a new reference when Paykassma shows
// the reference holds another payment.
func (s *Service) sendP2P(ctx context.Context, st *depositor.State, m Method, sub Submission, ref, saved string, save Save, again bool) (Result, error) {
	a := depositor.Attempt{Ref: ref, WalletType: m.Type(), TxID: sub.TxID, At: s.now().Unix(), Saved: saved, Shot: sub.Shot}
	if sub.HasAmount {
		a.Amount = sub.Amount.String()
	}
	if sub.HasStated {
		a.Stated = sub.Stated.String()
	}
	st.Begin(a)
	if err := save(); err != nil {
		return Result{}, err
	}
	var (
		out paykassma.Activation
		err error
	)
	if m.Flow == ManualP2P {
		out, err = s.api.PossibleTransaction(ctx, paykassma.PossibleTransactionRequest{
			CurrencyCode: st.Currency, WalletType: m.Type(), Label: st.Label,
			Key1: sub.TxID, Amount: sub.Amount, CustomID: ref, Screenshot: sub.Screenshot,
		})
	} else {
		req := paykassma.ActivateRequest{
			CurrencyCode: st.Currency, WalletType: m.Type(), Label: st.Label,
			Key1: sub.TxID, CustomTransactionID: ref,
		}
		if sub.HasAmount {
			req.Amount = &sub.Amount
		}
		out, err = s.api.Activate(ctx, req)
	}

	switch f := paykassma.Classify(err); {
	case err == nil && out == paykassma.PossibleTransactionCreated:
		s.settle(st, ref, depositor.Possible, "")
	case err == nil:
		s.settle(st, ref, depositor.Done, "")
	case f == paykassma.FaultSuspicious:
		s.settle(st, ref, depositor.Suspicious, "")
	case f == paykassma.FaultConfig:
		st.Abandon(ref) // refused before anything happened
		return Result{Next: Fault, Err: err}, nil
	case f == paykassma.FaultRefUsed:
		switch s.heldBy(ctx, ref, sub.TxID) {
		case thisPayment:
			s.settle(st, ref, depositor.Done, "")
		case anotherPayment:
			// Not this payment: nothing was activated for it. Send it once
			// under a reference of its own.
			st.Abandon(ref)
			if !again {
				return Result{Next: Fault, Err: err}, nil
			}
			s.log.Warn("reference held by another payment; sending under a new one", "ref", ref)
			return s.sendP2P(ctx, st, m, sub, Reference(prefix(st), NewNonce(), sub.TxID), saved, save, false)
		default:
			// Sent before (the same form, the same transaction ID) and not
			// credited yet, or Paykassma cannot say: the outcome page says
			// it has it once and is checking, and follows it.
			s.settle(st, ref, depositor.Submitted, "")
		}
	case f == paykassma.FaultFields:
		st.Abandon(ref) // refused: nothing is on its way under it
		return Result{Next: FixForm, Fields: apiFields(err), Err: err}, nil
	case f == paykassma.FaultRefused:
		s.settle(st, ref, depositor.Failed, detail(err))
	default:
		// Unavailable, timed out, or an answer we cannot read: it may have
		// gone through, so it stays pending under its reference.
		return Result{Next: Fault, Ref: ref, Err: err}, nil
	}
	return Result{Next: ShowStatus, Ref: ref}, nil
}

// ReturnURLs are where the wallet's page sends the person back.
type ReturnURLs struct{ Success, Fail, Cancel string }

// PayRedirect creates a payment on the wallet's side (payment/create);
// on success the person goes to Result.URL. urls gives the return URLs
// for a reference, once the state holds the attempt as redirected (they
// may carry the state).
func (s *Service) PayRedirect(ctx context.Context, st *depositor.State, m Method, sub Submission, urls func(ref string) (ReturnURLs, error), save Save) (Result, error) {
	ref := Reference(prefix(st), sub.Nonce, sub.Amount.String()+"\x00"+sub.Account)
	if a := st.Attempt(ref); a != nil && a.Outcome != depositor.Pending {
		return Result{Next: ShowStatus, Ref: ref}, nil // sent again: the wallet's page has it
	}
	st.Begin(depositor.Attempt{Ref: ref, WalletType: m.Type(), Amount: sub.Amount.String(), At: s.now().Unix()})
	if err := save(); err != nil {
		return Result{}, err
	}
	s.settle(st, ref, depositor.Redirected, "") // as it will be once the person is on the wallet's page
	back, err := urls(ref)
	if err != nil {
		return Result{}, err
	}
	var rp *paykassma.RedirectPayment
	if m.Family == BkashAPI {
		rp, err = s.api.CreateBkashPayment(ctx, paykassma.BkashPaymentRequest{
			Amount: sub.Amount, AccountNumber: sub.Account, Currency: st.Currency, Label: st.Label,
			CustomTransactionID: ref, SuccessURL: back.Success, FailureURL: back.Fail, CancelURL: back.Cancel,
		})
	} else {
		rp, err = s.api.CreateNagadPayment(ctx, paykassma.NagadPaymentRequest{
			Amount: sub.Amount, Currency: st.Currency, Label: st.Label,
			CustomTransactionID: ref, SuccessURL: back.Success, FailURL: back.Fail, CancelURL: back.Cancel,
		})
	}
	if err == nil && (rp == nil || rp.URL == "") {
		err = errors.New("payment created without a wallet URL")
	}
	switch f := paykassma.Classify(err); {
	case err == nil:
		return Result{Next: GoToWallet, Ref: ref, URL: rp.URL}, nil
	case f == paykassma.FaultConfig:
		st.Abandon(ref)
		return Result{Next: Fault, Err: err}, nil
	case f == paykassma.FaultRefUsed:
		// Created by an earlier submission of this form, whose page is the
		// wallet's: the status page says how to start again.
		return Result{Next: ShowStatus, Ref: ref}, nil
	case f == paykassma.FaultFields:
		st.Abandon(ref)
		return Result{Next: FixForm, Fields: apiFields(err), Err: err}, nil
	case f == paykassma.FaultRefused:
		s.settle(st, ref, depositor.Failed, detail(err))
		return Result{Next: ShowStatus, Ref: ref}, nil
	}
	// It may have been created: a retry of this form uses the same reference.
	s.settle(st, ref, depositor.Pending, "")
	return Result{Next: Fault, Ref: ref, Err: err}, nil
}

// Return records what the wallet's page said of a redirect payment when it
// sent the person back, or (Closed) that the person closed it without
// paying; a reload changes nothing. The wallet's word, arriving later,
// overrides the person's. The attempt is nil when the state does not hold
// ref.
func (s *Service) Return(st *depositor.State, ref string, o depositor.Outcome) *depositor.Attempt {
	a := st.Attempt(ref)
	if a != nil && (!a.Outcome.Final() || (a.Outcome == depositor.Closed && o != depositor.Closed)) {
		s.settle(st, ref, o, "")
	}
	return a
}

// Recheck finds out whether a pending P2P attempt went through after all,
// for the status page a person reloads after a fault; m is nil when the PS
// is not known now. An error means Paykassma could not say: it stays pending.
func (s *Service) Recheck(ctx context.Context, st *depositor.State, m *Method, ref string) error {
	a := st.Attempt(ref)
	if a == nil || a.Outcome != depositor.Pending || (m != nil && m.Flow == Redirect) {
		return nil
	}
	ok, err := s.landed(ctx, st, m, a)
	if err != nil {
		return err
	}
	if ok {
		s.settle(st, ref, depositor.Done, "")
	}
	return nil
}

// landed reports whether a pending attempt went through: Paykassma has a
// postback for it under its reference, or, for a deposit below the minimum
// that has none yet, the depositor's savings with the PS grew since it was
// sent. An error means Paykassma could not say.
func (s *Service) landed(ctx context.Context, st *depositor.State, m *Method, a *depositor.Attempt) (bool, error) {
	sts, err := s.api.DepositStatuses(ctx, []string{a.Ref})
	if err != nil {
		return false, err
	}
	if held(sts, a.Ref, a.TxID) == thisPayment {
		return true, nil
	}
	if m == nil || a.Saved == "" {
		return false, nil
	}
	before, err := decimal.NewFromString(a.Saved)
	if err != nil {
		return false, nil
	}
	di, err := s.api.DepositInfo(ctx, DepositInfoRequest(st, m.Wallet))
	if err != nil {
		return false, err
	}
	return di.StockpilingSum.GreaterThan(before), nil
}

// savings is the depositor's savings with the PS now, kept with an attempt
// about to be sent; "" when Paykassma cannot say.
func (s *Service) savings(ctx context.Context, st *depositor.State, m Method) string {
	di, err := s.api.DepositInfo(ctx, DepositInfoRequest(st, m.Wallet))
	if err != nil {
		s.log.Warn("deposit-info before an attempt", "wallet_type", m.Type(), "err", err)
		return ""
	}
	return di.StockpilingSum.String()
}

// DepositInfoRequest asks for the depositor's savings with a PS.
func DepositInfoRequest(st *depositor.State, w *paykassma.Wallet) paykassma.DepositInfoRequest {
	return paykassma.DepositInfoRequest{Label: st.Label, WalletType: w.Type, Currency: st.Currency, Manual: w.IsManual}
}

// holder is whose payment Paykassma's postback under a reference is.
type holder int

const (
	unknown        holder = iota // no postback, or one that names no transaction ID
	thisPayment                  // credited: it lists the transaction ID sent (or none was)
	anotherPayment               // it lists only other transaction IDs
)

// heldBy asks Paykassma whose payment holds ref.
func (s *Service) heldBy(ctx context.Context, ref, txID string) holder {
	sts, err := s.api.DepositStatuses(ctx, []string{ref})
	if err != nil {
		s.log.Warn("pullpostbacks for a used reference", "ref", ref, "err", err)
		return unknown
	}
	return held(sts, ref, txID)
}

// held reads pullpostbacks' answer for ref: a redirect payment (txID "")
// is credited by any postback; a P2P one only by a postback that lists the
// transaction ID the person typed.
func held(sts []paykassma.DepositStatus, ref, txID string) holder {
	for _, st := range sts {
		if st.PluginCustomOrderID != ref || st.Postback == nil {
			continue
		}
		if txID == "" {
			return thisPayment
		}
		other := false
		for _, t := range st.Postback.Transactions {
			switch {
			case strings.EqualFold(t.TransactionID, txID):
				return thisPayment
			case t.TransactionID != "":
				other = true
			}
		}
		if other {
			return anotherPayment
		}
		return thisPayment // a postback under our reference naming no transaction: ours
	}
	return unknown
}

// maybeCredited are the outcomes after which Paykassma may have credited
// the payment (a postback may exist).
var maybeCredited = map[depositor.Outcome]bool{
	depositor.Done: true, depositor.Possible: true, depositor.Suspicious: true,
	depositor.Submitted: true, depositor.Pending: true, depositor.Paid: true,
}

// MayBeCredited reports whether Paykassma may have credited an attempt
// with outcome o, so that Credited would ask about it.
func MayBeCredited(o depositor.Outcome) bool { return maybeCredited[o] }

// Credited asks Paykassma which attempts were credited, by reference:
// those with a postback that is theirs. Empty when it cannot say.
func (s *Service) Credited(ctx context.Context, attempts []depositor.Attempt) map[string]bool {
	var refs []string
	for _, a := range attempts {
		if maybeCredited[a.Outcome] {
			refs = append(refs, a.Ref)
		}
	}
	out := map[string]bool{}
	if len(refs) == 0 {
		return out
	}
	sts, err := s.api.DepositStatuses(ctx, refs)
	if err != nil {
		s.log.Warn("pullpostbacks", "err", err)
		return out
	}
	for _, a := range attempts {
		if maybeCredited[a.Outcome] && held(sts, a.Ref, a.TxID) == thisPayment {
			out[a.Ref] = true
		}
	}
	return out
}

// apiFields are Paykassma's field errors in err.
func apiFields(err error) map[string][]string {
	var apiErr *paykassma.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Fields
	}
	return nil
}

// detail is Paykassma's own words for a refusal, short enough for the state.
func detail(err error) string {
	var apiErr *paykassma.APIError
	if !errors.As(err, &apiErr) {
		return ""
	}
	if r := []rune(apiErr.Message); len(r) > 120 {
		return string(r[:119]) + "…"
	}
	return apiErr.Message
}
