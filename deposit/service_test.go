package deposit_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/paykassma"
)

// fakeAPI is Paykassma as a deposit sees it, with answers a test sets.
type fakeAPI struct {
	activate   func(paykassma.ActivateRequest) (paykassma.Activation, error)
	create     func() (*paykassma.RedirectPayment, error)
	postbacks  map[string]*paykassma.DepositPostback // by reference
	statusErr  error
	savings    decimal.Decimal
	activated  []string // the references activations were sent under
	created    []string
	statusAsks int
}

func (f *fakeAPI) Activate(_ context.Context, req paykassma.ActivateRequest) (paykassma.Activation, error) {
	f.activated = append(f.activated, req.CustomTransactionID)
	if f.activate == nil {
		return paykassma.Activated, nil
	}
	return f.activate(req)
}

func (f *fakeAPI) PossibleTransaction(_ context.Context, req paykassma.PossibleTransactionRequest) (paykassma.Activation, error) {
	f.activated = append(f.activated, req.CustomID)
	return paykassma.PossibleTransactionCreated, nil
}

func (f *fakeAPI) CreateBkashPayment(_ context.Context, req paykassma.BkashPaymentRequest) (*paykassma.RedirectPayment, error) {
	f.created = append(f.created, req.CustomTransactionID)
	if f.create == nil {
		return &paykassma.RedirectPayment{URL: "https://wallet.example/pay/1"}, nil
	}
	return f.create()
}

func (f *fakeAPI) CreateNagadPayment(ctx context.Context, req paykassma.NagadPaymentRequest) (*paykassma.RedirectPayment, error) {
	return f.CreateBkashPayment(ctx, paykassma.BkashPaymentRequest{CustomTransactionID: req.CustomTransactionID})
}

func (f *fakeAPI) DepositInfo(context.Context, paykassma.DepositInfoRequest) (*paykassma.DepositInfo, error) {
	return &paykassma.DepositInfo{StockpilingSum: f.savings}, nil
}

func (f *fakeAPI) DepositStatuses(_ context.Context, refs []string) ([]paykassma.DepositStatus, error) {
	f.statusAsks++
	if f.statusErr != nil {
		return nil, f.statusErr
	}
	var out []paykassma.DepositStatus
	for _, r := range refs {
		out = append(out, paykassma.DepositStatus{PluginCustomOrderID: r, Postback: f.postbacks[r]})
	}
	return out, nil
}

// credit makes Paykassma hold a credited deposit under ref, paid with txID.
func (f *fakeAPI) credit(ref, txID string) {
	if f.postbacks == nil {
		f.postbacks = map[string]*paykassma.DepositPostback{}
	}
	f.postbacks[ref] = &paykassma.DepositPostback{Transactions: []paykassma.PostbackTransaction{{TransactionID: txID, CustomID: &ref}}}
}

var (
	paytm    = deposit.Rules{}.Describe(&paykassma.Wallet{Type: "paytm"})
	bkashAPI = deposit.Rules{Redirect: func(string) bool { return true }}.Describe(&paykassma.Wallet{Type: "bkash_api"})
	now      = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
)

// fixture is a depositor, a service over fakeAPI and what it counted.
type fixture struct {
	api     *fakeAPI
	svc     *deposit.Service
	st      *depositor.State
	counted []depositor.Outcome
	saves   int
}

func newFixture(prefix string) *fixture {
	f := &fixture{api: &fakeAPI{}, st: depositor.New("u42", "INR", "en")}
	if prefix != "" {
		f.st.Merchant = &depositor.Merchant{TxPrefix: prefix}
	}
	f.svc = deposit.New(f.api, deposit.Options{Now: func() time.Time { return now }, Count: func(o depositor.Outcome) { f.counted = append(f.counted, o) }})
	return f
}

func (f *fixture) save() error { f.saves++; return nil }

func (f *fixture) pay(t *testing.T, nonce, txID string) deposit.Result {
	t.Helper()
	res, err := f.svc.PayP2P(context.Background(), f.st, paytm, deposit.Submission{Nonce: nonce, TxID: txID}, f.save)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func (f *fixture) outcome(ref string) depositor.Outcome {
	if a := f.st.Attempt(ref); a != nil {
		return a.Outcome
	}
	return "(none)"
}

func apiErr(fields map[string][]string, status paykassma.Status, msg string) error {
	return &paykassma.APIError{Endpoint: "transaction/activate", HTTPStatus: 200, Status: status, Fields: fields, Message: msg}
}

var refTaken = apiErr(map[string][]string{"custom_transaction_id": {"The custom transaction id has already been taken."}}, paykassma.StatusFail, "")

func TestPayP2P_ActivatesUnderTheFormsReferenceAndCountsOnce(t *testing.T) {
	f := newFixture("ORD7")
	res := f.pay(t, "N1", "20512345678")
	want := deposit.Reference("ORD7", "N1", "20512345678")
	if res.Next != deposit.ShowStatus || res.Ref != want || f.outcome(want) != depositor.Done {
		t.Fatalf("result %+v, outcome %s; want the status of %s, done", res, f.outcome(want), want)
	}
	if f.saves == 0 {
		t.Error("the attempt was not saved before the call")
	}
	// The same form again: its outcome, nothing sent, nothing counted.
	again := f.pay(t, "N1", "20512345678")
	if again.Ref != want || len(f.api.activated) != 1 || len(f.counted) != 1 || f.counted[0] != depositor.Done {
		t.Errorf("again: %+v; activations %v; counted %v", again, f.api.activated, f.counted)
	}
	// The same form with another transaction ID is another payment.
	other := f.pay(t, "N1", "20598765432")
	if other.Ref == want || len(f.api.activated) != 2 {
		t.Errorf("another transaction ID went to %s (activations %v)", other.Ref, f.api.activated)
	}
}

func TestPayP2P_AUsedReferenceIsDecidedByWhatPaykassmaActivatedUnderIt(t *testing.T) {
	const txID = "20512345678"
	tests := []struct {
		name      string
		postback  string // the transaction ID Paykassma's postback lists; "" none
		statusErr error
		want      depositor.Outcome
		sends     int // activations sent in all
	}{
		{"credited with this transaction ID", txID, nil, depositor.Done, 1},
		{"credited with this ID in other case", strings.ToLower("AB12CD34EF"), nil, depositor.Done, 1},
		{"no postback: sent before, not credited yet", "", nil, depositor.Submitted, 1},
		{"pullpostbacks cannot say", "", errors.New("down"), depositor.Submitted, 1},
		{"another payment holds it: sent again under a new one", "20599999999", nil, depositor.Done, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture("")
			typed := txID
			if strings.Contains(tc.name, "other case") {
				typed = "AB12CD34EF"
			}
			ref := deposit.Reference("", "N1", typed)
			f.api.activate = func(req paykassma.ActivateRequest) (paykassma.Activation, error) {
				if req.CustomTransactionID == ref {
					return 0, refTaken
				}
				return paykassma.Activated, nil
			}
			if tc.postback != "" {
				f.api.credit(ref, tc.postback)
			}
			f.api.statusErr = tc.statusErr
			res := f.pay(t, "N1", typed)
			if got := f.outcome(res.Ref); got != tc.want || res.Next != deposit.ShowStatus {
				t.Errorf("outcome %s (%+v), want %s", got, res, tc.want)
			}
			if len(f.api.activated) != tc.sends {
				t.Errorf("sent %v, want %d activations", f.api.activated, tc.sends)
			}
			if tc.sends == 2 && (res.Ref == ref || f.st.Attempt(ref) != nil) {
				t.Errorf("the payment stayed on %s, which holds another payment", ref)
			}
			if tc.want == depositor.Submitted && len(f.counted) != 0 {
				t.Errorf("a repeat was counted as a deposit: %v", f.counted)
			}
		})
	}
}

func TestPayP2P_AFaultLeavesItPendingAndTheRetryChecksBeforeSending(t *testing.T) {
	for _, landed := range []bool{false, true} {
		f := newFixture("")
		f.api.activate = func(paykassma.ActivateRequest) (paykassma.Activation, error) {
			return 0, &paykassma.UnavailableError{Endpoint: "transaction/activate", HTTPStatus: 502}
		}
		res := f.pay(t, "N1", "20512345678")
		if res.Next != deposit.Fault || res.Ref == "" || f.outcome(res.Ref) != depositor.Pending {
			t.Fatalf("a 502: %+v, outcome %s; want a fault naming the pending reference", res, f.outcome(res.Ref))
		}
		f.api.activate = nil
		if landed {
			f.api.credit(res.Ref, "20512345678")
		}
		// The retry comes from a new form (a new nonce): the same
		// transaction ID is the same payment.
		retry := f.pay(t, "N2", "20512345678")
		if retry.Ref != res.Ref || f.outcome(res.Ref) != depositor.Done {
			t.Errorf("landed %v: the retry went to %s (%s), want %s done", landed, retry.Ref, f.outcome(retry.Ref), res.Ref)
		}
		if want := map[bool]int{false: 2, true: 1}[landed]; len(f.api.activated) != want {
			t.Errorf("landed %v: activations %v, want %d", landed, f.api.activated, want)
		}
	}
}

func TestPayP2P_RefusalsAndTheirOutcomes(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		next   deposit.Next
		kept   depositor.Outcome // the attempt's recorded outcome; "(none)" forgotten
		counts bool
	}{
		{"suspicious", &paykassma.APIError{Endpoint: "transaction/activate", HTTPStatus: 400, Status: paykassma.StatusFail}, deposit.ShowStatus, depositor.Suspicious, true},
		{"refused", apiErr(nil, paykassma.StatusFail, "Transaction not found"), deposit.ShowStatus, depositor.Failed, true},
		{"fields", apiErr(map[string][]string{"key1": {"wrong length"}}, paykassma.StatusFail, ""), deposit.FixForm, "(none)", false},
		{"wrong secret", &paykassma.APIError{Endpoint: "transaction/activate", HTTPStatus: 200, Status: paykassma.StatusError, Target: "secret"}, deposit.Fault, "(none)", false},
		{"timeout", context.DeadlineExceeded, deposit.Fault, depositor.Pending, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture("")
			f.api.activate = func(paykassma.ActivateRequest) (paykassma.Activation, error) { return 0, tc.err }
			res := f.pay(t, "N1", "20512345678")
			ref := deposit.Reference("", "N1", "20512345678")
			if res.Next != tc.next || f.outcome(ref) != tc.kept || (len(f.counted) == 1) != tc.counts {
				t.Errorf("%+v, outcome %s, counted %v", res, f.outcome(ref), f.counted)
			}
		})
	}
}

func TestPayP2P_AFormRenderedBeforeNoncesKeepsItsReference(t *testing.T) {
	f := newFixture("ORD7")
	f.st.Begin(depositor.Attempt{Ref: "ORD7-1", WalletType: "paytm", TxID: "20512345678"})
	f.st.Settle("ORD7-1", depositor.Done, "", now)
	res := f.pay(t, "ORD7-1", "20512345678") // its ref field, read as the nonce
	if res.Ref != "ORD7-1" || len(f.api.activated) != 0 {
		t.Errorf("an old form sent again: %+v, activations %v", res, f.api.activated)
	}
}

func TestPayRedirect_OneFormIsOnePaymentAndTheReturnCountsOnce(t *testing.T) {
	f := newFixture("ORD7")
	sub := deposit.Submission{Nonce: "N1", Amount: paykassma.MustAmount("500"), HasAmount: true, Account: "01712345678"}
	urls := func(ref string) (deposit.ReturnURLs, error) {
		if f.outcome(ref) != depositor.Redirected {
			t.Errorf("the return URLs were made before the state held %s as redirected", ref)
		}
		return deposit.ReturnURLs{Success: "/return/success?ref=" + ref}, nil
	}
	res, err := f.svc.PayRedirect(context.Background(), f.st, bkashAPI, sub, urls, f.save)
	if err != nil || res.Next != deposit.GoToWallet || res.URL == "" || !strings.HasPrefix(res.Ref, "ORD7-") {
		t.Fatalf("%+v %v", res, err)
	}
	again, _ := f.svc.PayRedirect(context.Background(), f.st, bkashAPI, sub, urls, f.save)
	if again.Next != deposit.ShowStatus || again.Ref != res.Ref || len(f.api.created) != 1 {
		t.Errorf("the form sent again: %+v, created %v", again, f.api.created)
	}
	for range 2 { // the return, then a reload
		if a := f.svc.Return(f.st, res.Ref, depositor.Paid); a == nil || a.Outcome != depositor.Paid {
			t.Fatalf("return: %+v", a)
		}
	}
	if len(f.counted) != 1 || f.counted[0] != depositor.Paid {
		t.Errorf("counted %v, want one paid", f.counted)
	}
	// A wallet that says cancel after success changes nothing.
	f.svc.Return(f.st, res.Ref, depositor.Cancelled)
	if f.outcome(res.Ref) != depositor.Paid {
		t.Errorf("a late cancel turned the paid attempt into %s", f.outcome(res.Ref))
	}
}

func TestCredited_APostbackListingOnlyAnotherTransactionIsNotThisPayment(t *testing.T) {
	f := newFixture("")
	f.api.credit("R1", "20512345678")
	f.api.credit("R2", "20599999999")
	f.api.credit("R3", "") // names no transaction: taken as ours
	attempts := []depositor.Attempt{
		{Ref: "R1", TxID: "20512345678", Outcome: depositor.Done},
		{Ref: "R2", TxID: "20512345678", Outcome: depositor.Submitted},
		{Ref: "R3", TxID: "20512345678", Outcome: depositor.Done},
		{Ref: "R4", Outcome: depositor.Paid},
		{Ref: "R1", Outcome: depositor.Failed}, // never asked about
	}
	got := f.svc.Credited(context.Background(), attempts)
	if !got["R1"] || got["R2"] || !got["R3"] || got["R4"] {
		t.Errorf("credited %v, want R1 and R3", got)
	}
}

func TestPayP2P_AnIDThatAlreadyHoldsMoneyIsRefusedBeforeAnyCall(t *testing.T) {
	for _, o := range []depositor.Outcome{depositor.Done, depositor.Possible, depositor.Suspicious, depositor.Submitted, depositor.Failed, depositor.Pending} {
		f := newFixture("")
		f.st.Begin(depositor.Attempt{Ref: "PKEARLIERAAAAAAAAAAAAA", WalletType: "upi_l", TxID: "20512345678"})
		f.st.Settle("PKEARLIERAAAAAAAAAAAAA", o, "", now)
		res := f.pay(t, "N9", "20512345678")
		refused := o != depositor.Failed && o != depositor.Pending // the right retry after "not found" or a fault
		switch {
		case refused && (res.Next != deposit.Reused || res.Ref != "PKEARLIERAAAAAAAAAAAAA" || len(f.api.activated) != 0):
			t.Errorf("after %s: %+v, activations %v; want it refused, pointing to the earlier payment", o, res, f.api.activated)
		case !refused && res.Next == deposit.Reused:
			t.Errorf("after %s: a retry with the same ID was refused", o)
		}
	}
}

func TestReturn_ThePersonsClosedGivesWayToTheWalletsWord(t *testing.T) {
	f := newFixture("")
	f.st.Begin(depositor.Attempt{Ref: "R1", WalletType: "bkash_api"})
	f.st.Settle("R1", depositor.Redirected, "", now)
	f.svc.Return(f.st, "R1", depositor.Closed)
	f.svc.Return(f.st, "R1", depositor.Closed) // reloaded
	if f.outcome("R1") != depositor.Closed || len(f.counted) != 1 {
		t.Fatalf("closed: %s, counted %v", f.outcome("R1"), f.counted)
	}
	f.svc.Return(f.st, "R1", depositor.Paid)
	f.svc.Return(f.st, "R1", depositor.Closed) // the person's word after the wallet's changes nothing
	if f.outcome("R1") != depositor.Paid || len(f.counted) != 2 {
		t.Errorf("after the wallet's success: %s, counted %v", f.outcome("R1"), f.counted)
	}
}
