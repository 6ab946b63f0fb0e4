package handlers

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// status is GET /status/:reference: what became of one of this depositor's
// attempts, with what Paykassma says of it now.
func (h *handler) status(c echo.Context) error {
	v := h.load(c)
	if v == nil {
		return h.lost(c, "lost.session")
	}
	ref, asJSON := strings.CutSuffix(c.Param("reference"), ".json") // the page's script polls REF.json
	a := v.st.Attempt(ref)
	if !deposit.ValidRef(ref) || a == nil {
		if asJSON {
			return echo.ErrNotFound
		}
		return h.notFound(v, "notfound.ref")
	}
	if asJSON {
		return h.statusJSON(v, a)
	}
	h.recheck(v, a) // after a fault: did it go through?
	return h.attemptOutcome(v, a)
}

// recheck settles a pending P2P attempt that went through after all, for
// the status page a person reloads after a fault. A failed check leaves it
// pending: the page says it is still being checked.
func (h *handler) recheck(v *visit, a *depositor.Attempt) {
	if a.Outcome != depositor.Pending {
		return
	}
	ctx := v.c.Request().Context()
	m, _, err := h.payMethod(ctx, v.st, a.WalletType)
	if err != nil {
		h.log.Warn("payment systems for a pending attempt", "err", err)
	}
	if err := h.deposits.Recheck(ctx, v.st, m, a.Ref); err != nil {
		h.log.Warn("checking a pending attempt", "ref", a.Ref, "err", err)
	}
}

// attemptOutcome is the outcome page of one of this depositor's attempts:
// what became of it, with its PS, whether it was credited or saved, the
// way back to the merchant and, while it is being checked, a follow-up.
func (h *handler) attemptOutcome(v *visit, a *depositor.Attempt) error {
	if err := v.saveDepositor(); err != nil {
		return err
	}
	lang := v.outcomeLang()
	ctx := v.c.Request().Context()
	w, cur, err := h.wallet(ctx, v.st, a.WalletType)
	if err != nil {
		h.log.Warn("payment systems for the outcome page", "err", err)
	}
	isPaid := h.isCredited(v, a)
	var di *paykassma.DepositInfo
	if w != nil && !isPaid && (a.Outcome == depositor.Done || a.Outcome == depositor.Paid || a.Outcome == depositor.Submitted) {
		di = h.depositInfo(ctx, v.st, w)
	}
	name := outcomeName(lang, a, w)
	var back views.Link // the merchant's return URL (merchantreturn.go)
	if ret := h.returnAction(v, a, isPaid); len(ret) > 0 {
		back = ret[0]
	}
	vm := h.outcomeView(v, a, outcomeFacts{
		lang: lang, name: name, cur: cur, credited: isPaid, info: di, bank: w != nil && w.IsManual,
		payAgain: views.Link{Text: i18n.T(lang, "action.again"), URL: v.link("/pay/" + a.WalletType), Primary: true, TestID: "action-again"},
		choose:   views.Link{Text: i18n.T(lang, "action.choose"), URL: v.link("/"), TestID: "action-choose"},
		back:     back,
	})
	vm.Method = name
	vm.KeepURL = h.keepURL(v, a)
	vm.Page = h.page(lang, vm.Heading)
	if vm.Follow = h.follow(v, a, lang, isPaid); vm.Follow != nil {
		vm.Page.Refresh = vm.Follow.Refresh
	}
	return h.render(v.c, http.StatusOK, lang, views.Outcome(vm))
}

// walletOutcome is the outcome page for a wallet's return this visit holds
// no attempt for (the state was lost, or the reference is not in it): only
// what the wallet said, with no details to look up.
func (h *handler) walletOutcome(v *visit, a *depositor.Attempt) error {
	if err := v.saveDepositor(); err != nil {
		return err
	}
	lang := v.outcomeLang()
	vm := h.outcomeView(v, a, outcomeFacts{
		lang: lang, name: outcomeName(lang, a, nil), cur: paykassma.Currency{Code: v.st.Currency},
		choose: views.Link{Text: i18n.T(lang, "action.choose"), URL: "/", TestID: "action-choose"},
	})
	vm.Page = h.page(lang, vm.Heading)
	return h.render(v.c, http.StatusOK, lang, views.Outcome(vm))
}

// saveDepositor saves the visit's state when it names a depositor.
func (v *visit) saveDepositor() error {
	if v.st.Label == "" {
		return nil
	}
	return v.save()
}

// outcomeLang is the outcome page's language: a wallet's return may come
// with no state, and so with none chosen.
func (v *visit) outcomeLang() string {
	if v.st.Lang == "" {
		return i18n.Default
	}
	return v.st.Lang
}

// outcomeName is the PS's name as the outcome page says it: its own, else
// its wallet type, else a word for any wallet.
func outcomeName(lang string, a *depositor.Attempt, w *paykassma.Wallet) string {
	name := a.WalletType
	if w != nil {
		name = w.Name
	}
	if name == "" {
		name = i18n.T(lang, "outcome.wallet")
	}
	return name
}

// outcomeFacts are what the outcome page knows beside the attempt: for a
// wallet's return with no attempt behind it, only the PS's name as the
// wallet type gives it, and a way back to the start.
type outcomeFacts struct {
	lang, name string
	cur        paykassma.Currency
	credited   bool                   // Paykassma credited the deposit
	info       *paykassma.DepositInfo // the savings with the PS; nil when not asked
	// payAgain and choose are the ways on after an outcome that sends
	// nothing; a zero Link is none.
	payAgain, choose views.Link
	// back is the way to the merchant's site; a zero Link when its signed
	// link gave no return URL.
	back views.Link
	// bank: the PS is a transfer from a bank (is_manual), so what to check
	// is the bank's confirmation, not a wallet app's history.
	bank bool
}

// outcomeView says what became of an attempt and what to do next.
func (h *handler) outcomeView(v *visit, a *depositor.Attempt, f outcomeFacts) views.OutcomeView {
	lang, name, cur, di := f.lang, f.name, f.cur, f.info
	vm := views.OutcomeView{
		Kind: string(a.Outcome), Ref: a.Ref, Detail: a.Detail, Said: apiSaid(lang, a.Detail), TxID: a.TxID,
		Amount: formatAmount(lang, a.Amount, cur), Stated: stated(lang, a.Stated, cur),
	}
	payAgain, choose := f.payAgain, f.choose
	// A merchant's link that opened one PS leaves no list to go back to
	// (walletLock would only bounce the person back): that PS is the way on.
	locked := v.st.WalletLocked()
	if locked != "" {
		choose = views.Link{}
		if payAgain.URL == "" {
			payAgain = views.Link{Text: i18n.T(lang, "action.again"), URL: v.link("/pay/" + locked), Primary: true, TestID: "action-again"}
		}
	}
	saved := di != nil && di.StockpilingSum.IsPositive() && di.LacksSum.IsPositive()
	switch {
	case f.credited:
		vm.Kind = "credited"
		vm.Heading = i18n.T(lang, "outcome.credited.title")
		vm.Lines = []string{i18n.T(lang, "outcome.credited.body")}
	case saved:
		vm.Kind = "saved"
		vm.Heading = i18n.T(lang, "outcome.saved.title")
		vm.Lines = []string{i18n.T(lang, "outcome.saved.body", moneyFor(lang, di.MinimumDeposit, cur)), i18n.T(lang, "outcome.saved.next", moneyFor(lang, di.LacksSum, cur))}
		vm.Savings = savings(lang, "outcome", di, cur)
	case a.Outcome == depositor.Pending:
		// Not answered yet: check again before anything else.
		vm.Heading, vm.Lines = outcomeTexts[a.Outcome].say(lang, name)
		vm.Actions = []views.Link{
			{Text: i18n.T(lang, "action.check"), URL: v.link("/status/" + a.Ref), Primary: true, TestID: "action-check"},
			{Text: i18n.T(lang, "action.back.pay"), URL: v.link("/pay/" + a.WalletType), TestID: "action-back-pay"},
		}
	default:
		t := outcomeTexts[a.Outcome] // none for an outcome it does not know: no text
		if f.bank && t.next == "outcome.failed.next" {
			t.next = "outcome.failed.next.bank"
		}
		vm.Heading, vm.Lines = t.say(lang, name)
		if t.again {
			vm.Actions = []views.Link{payAgain, choose}
		}
		if a.Outcome == depositor.Redirected && payAgain.URL != "" {
			// Not back from the wallet: most often its page was closed.
			// Saying so is its own outcome, with the way to start again.
			closed := views.Link{Text: i18n.T(lang, "action.closed", name), URL: v.link("/return/closed?ref=" + a.Ref), TestID: "action-closed"}
			vm.Actions = append([]views.Link{closed}, vm.Actions...)
		}
	}
	switch {
	case vm.Actions != nil:
	case locked == "":
		vm.Actions = []views.Link{{Text: i18n.T(lang, "action.choose"), URL: choose.URL, Primary: true, TestID: "action-choose"}}
	case f.credited || saved || a.Outcome == depositor.Done || a.Outcome == depositor.Paid:
		// Paid: another payment with the same PS. Not after an outcome
		// that says not to pay again while it is checked.
		vm.Actions = []views.Link{{Text: i18n.T(lang, "action.pay.again"), URL: v.link("/pay/" + locked), Primary: true, TestID: "action-pay-again"}}
	}
	if success := f.credited || a.Outcome == depositor.Done || a.Outcome == depositor.Paid; saved || success {
		vm.Actions = nextSteps(v, a, f, saved)
	} else if f.back.URL != "" {
		vm.Actions = append(vm.Actions, f.back)
	}
	var kept []views.Link // without the links this visit has no use for (empty)
	for _, l := range vm.Actions {
		if l.URL != "" {
			kept = append(kept, l)
		}
	}
	vm.Actions = kept
	if vm.Kind != "credited" {
		vm.Support = h.support(lang)
	}
	return vm
}

// nextSteps are the ways on after a payment that went through: the obvious
// one first and primary. Saved, paying what is lacking with the same PS;
// else back to the merchant's site where it gave a return URL, else done
// (the list, or the one PS a merchant's link opened, to pay again).
func nextSteps(v *visit, a *depositor.Attempt, f outcomeFacts, saved bool) []views.Link {
	lang := f.lang
	var next []views.Link
	if saved {
		next = append(next, views.Link{Text: i18n.T(lang, "action.pay.more", moneyFor(lang, f.info.LacksSum, f.cur)),
			URL: v.link("/pay/" + a.WalletType), Primary: true, TestID: "action-pay-more"})
	}
	if f.back.URL != "" {
		back := f.back
		back.Primary = len(next) == 0
		next = append(next, back)
	}
	switch locked := v.st.WalletLocked(); {
	case locked == "":
		list := views.Link{Text: i18n.T(lang, "action.choose"), URL: f.choose.URL, TestID: "action-choose"}
		if len(next) == 0 {
			list.Text, list.Primary = i18n.T(lang, "action.done"), true
		}
		next = append(next, list)
	case !saved:
		next = append(next, views.Link{Text: i18n.T(lang, "action.pay.again"), URL: v.link("/pay/" + locked), Primary: len(next) == 0, TestID: "action-pay-again"})
	}
	return next
}

// outcomeText is what the outcome page says after one outcome of an
// attempt, as i18n keys: a title and a body, then what to do next if any.
type outcomeText struct {
	title, body, next string
	// titleNamed, bodyNamed: the message takes the PS's name (%s).
	titleNamed, bodyNamed bool
	// again: nothing is on its way, so the page offers paying again or
	// choosing another PS.
	again bool
}

// outcomeTexts are the texts of an attempt's outcomes (a credited or saved
// deposit says so instead). The keys are checked against the catalog by
// TestOutcomeTexts_EveryKeyHasEnglishText.
var outcomeTexts = map[depositor.Outcome]outcomeText{
	depositor.Done:       {title: "outcome.done.title", body: "outcome.done.body"},
	depositor.Paid:       {title: "outcome.paid.title", body: "outcome.paid.body", bodyNamed: true},
	depositor.Possible:   {title: "outcome.possible.title", body: "outcome.possible.body", next: "outcome.nopayagain"},
	depositor.Suspicious: {title: "outcome.suspicious.title", body: "outcome.suspicious.body", next: "outcome.nopayagain"},
	depositor.Submitted:  {title: "outcome.submitted.title", body: "outcome.submitted.body", next: "outcome.nopayagain"},
	depositor.Failed:     {title: "outcome.failed.title", body: "outcome.failed.body", next: "outcome.failed.next", again: true},
	depositor.Pending:    {title: "outcome.pending.title", body: "outcome.pending.body", next: "outcome.pending.next"},
	depositor.Redirected: {title: "outcome.redirected.title", body: "outcome.redirected.body", titleNamed: true, bodyNamed: true, again: true},
	depositor.Closed:     {title: "outcome.closed.title", body: "outcome.closed.body", next: "outcome.nothingtaken.again", titleNamed: true, again: true},
	depositor.WalletFail: {title: "outcome.wfail.title", body: "outcome.wfail.body", next: "outcome.nothingtaken.again", bodyNamed: true, again: true},
	depositor.Cancelled:  {title: "outcome.cancel.title", body: "outcome.cancel.body", next: "outcome.nothingtaken.again", again: true},
}

// say gives the heading and lines in lang, with the PS's name where the
// messages take it; nothing for the zero outcomeText.
func (t outcomeText) say(lang, name string) (string, []string) {
	if t.title == "" {
		return "", nil
	}
	text := func(key string, named bool) string {
		if named {
			return i18n.T(lang, key, name)
		}
		return i18n.T(lang, key)
	}
	lines := []string{text(t.body, t.bodyNamed)}
	if t.next != "" {
		lines = append(lines, i18n.T(lang, t.next))
	}
	return text(t.title, t.titleNamed), lines
}
