package handlers

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

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
	if !depositor.ValidRef(ref) || a == nil {
		if asJSON {
			return echo.ErrNotFound
		}
		return h.notFound(v, "notfound.ref")
	}
	if asJSON {
		return h.statusJSON(v, a)
	}
	h.resolvePending(v, a) // after a timeout: did it go through?
	return h.outcomePage(v, a, true)
}

// maybeCredited are the outcomes after which Paykassma may have credited
// the payment (a postback exists).
var maybeCredited = map[depositor.Outcome]bool{
	depositor.Done: true, depositor.Possible: true, depositor.Suspicious: true,
	depositor.Submitted: true, depositor.Pending: true, depositor.Paid: true,
}

// credited asks Paykassma which of the attempts were credited, by their
// references; empty when it cannot say.
func (h *handler) credited(ctx context.Context, attempts []depositor.Attempt) map[string]bool {
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
	sts, err := h.api.DepositStatuses(ctx, refs)
	if err != nil {
		h.log.Warn("pullpostbacks", "err", err)
		return out
	}
	for _, s := range sts {
		if s.Postback != nil {
			out[s.PluginCustomOrderID] = true
		}
	}
	return out
}

// outcomePage says what became of an attempt and what to do next. known
// says whether the attempt is this depositor's (else: only what the wallet
// said, with no details to look up).
func (h *handler) outcomePage(v *visit, a *depositor.Attempt, known bool) error {
	if v.st.Label != "" {
		if err := v.save(); err != nil {
			return err
		}
	}
	c, lang := v.c, v.st.Lang
	if lang == "" {
		lang = i18n.Default
	}
	ctx := c.Request().Context()
	var (
		w      *paykassma.Wallet
		cur    = paykassma.Currency{Code: v.st.Currency}
		isPaid bool
		di     *paykassma.DepositInfo
	)
	if known {
		var err error
		if w, cur, err = h.method(ctx, v.st, a.WalletType); err != nil {
			h.log.Warn("payment systems for the outcome page", "err", err)
		}
		isPaid = h.credited(ctx, []depositor.Attempt{*a})[a.Ref]
		if w != nil && !isPaid && (a.Outcome == depositor.Done || a.Outcome == depositor.Paid || a.Outcome == depositor.Submitted) {
			di = h.depositInfo(ctx, v.st, w)
		}
	}
	name := a.WalletType
	if w != nil {
		name = w.Name
	}
	if name == "" {
		name = i18n.T(lang, "outcome.wallet")
	}
	vm := views.OutcomeView{
		Kind: string(a.Outcome), Ref: a.Ref, Detail: a.Detail, TxID: a.Key1,
		Amount: formatAmount(a.Amount, cur),
	}
	if known {
		vm.Method = name
	}
	payAgain := views.Link{Text: i18n.T(lang, "action.again"), URL: v.link("/pay/" + a.WalletType), Primary: true, TestID: "action-again"}
	choose := views.Link{Text: i18n.T(lang, "action.choose"), URL: v.link("/"), TestID: "action-choose"}
	if !known {
		payAgain, choose = views.Link{}, views.Link{Text: i18n.T(lang, "action.choose"), URL: "/", TestID: "action-choose"}
	}
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
	case isPaid:
		vm.Kind = "credited"
		vm.Heading = i18n.T(lang, "outcome.credited.title")
		vm.Lines = []string{i18n.T(lang, "outcome.credited.body")}
	case saved:
		vm.Kind = "saved"
		vm.Heading = i18n.T(lang, "outcome.saved.title")
		vm.Lines = []string{i18n.T(lang, "outcome.saved.body", money(di.MinimumDeposit, cur)), i18n.T(lang, "outcome.saved.next", money(di.LacksSum, cur))}
		vm.Savings = savings(lang, "outcome", di, cur)
	case a.Outcome == depositor.Done:
		vm.Heading = i18n.T(lang, "outcome.done.title")
		vm.Lines = []string{i18n.T(lang, "outcome.done.body")}
	case a.Outcome == depositor.Paid:
		vm.Heading = i18n.T(lang, "outcome.paid.title")
		vm.Lines = []string{i18n.T(lang, "outcome.paid.body", name)}
	case a.Outcome == depositor.Possible:
		vm.Heading = i18n.T(lang, "outcome.possible.title")
		vm.Lines = []string{i18n.T(lang, "outcome.possible.body"), i18n.T(lang, "outcome.nopayagain")}
	case a.Outcome == depositor.Suspicious:
		vm.Heading = i18n.T(lang, "outcome.suspicious.title")
		vm.Lines = []string{i18n.T(lang, "outcome.suspicious.body"), i18n.T(lang, "outcome.nopayagain")}
	case a.Outcome == depositor.Submitted:
		vm.Heading = i18n.T(lang, "outcome.submitted.title")
		vm.Lines = []string{i18n.T(lang, "outcome.submitted.body"), i18n.T(lang, "outcome.nopayagain")}
	case a.Outcome == depositor.Failed:
		vm.Heading = i18n.T(lang, "outcome.failed.title")
		vm.Lines = []string{i18n.T(lang, "outcome.failed.body"), i18n.T(lang, "outcome.failed.next")}
		vm.Actions = []views.Link{payAgain, choose}
	case a.Outcome == depositor.Pending:
		vm.Heading = i18n.T(lang, "outcome.pending.title")
		vm.Lines = []string{i18n.T(lang, "outcome.pending.body"), i18n.T(lang, "outcome.pending.next")}
		vm.Actions = []views.Link{
			{Text: i18n.T(lang, "action.check"), URL: v.link("/status/" + a.Ref), Primary: true, TestID: "action-check"},
			{Text: i18n.T(lang, "action.back.pay"), URL: v.link("/pay/" + a.WalletType), TestID: "action-back-pay"},
		}
	case a.Outcome == depositor.Redirected:
		vm.Heading = i18n.T(lang, "outcome.redirected.title", name)
		vm.Lines = []string{i18n.T(lang, "outcome.redirected.body", name)}
		vm.Actions = []views.Link{payAgain, choose}
	case a.Outcome == depositor.WalletFail:
		vm.Heading = i18n.T(lang, "outcome.wfail.title")
		vm.Lines = []string{i18n.T(lang, "outcome.wfail.body", name), i18n.T(lang, "outcome.nothingtaken.again")}
		vm.Actions = []views.Link{payAgain, choose}
	case a.Outcome == depositor.Cancelled:
		vm.Heading = i18n.T(lang, "outcome.cancel.title")
		vm.Lines = []string{i18n.T(lang, "outcome.cancel.body"), i18n.T(lang, "outcome.nothingtaken.again")}
		vm.Actions = []views.Link{payAgain, choose}
	}
	switch {
	case vm.Actions != nil:
	case locked == "":
		vm.Actions = []views.Link{{Text: i18n.T(lang, "action.choose"), URL: choose.URL, Primary: true, TestID: "action-choose"}}
	case isPaid || saved || a.Outcome == depositor.Done || a.Outcome == depositor.Paid:
		// Paid: another payment with the same PS. Not after an outcome
		// that says not to pay again while it is checked.
		vm.Actions = []views.Link{{Text: i18n.T(lang, "action.pay.again"), URL: v.link("/pay/" + locked), Primary: true, TestID: "action-pay-again"}}
	}
	var kept []views.Link // without the links this visit has no use for (empty)
	for _, l := range vm.Actions {
		if l.URL != "" {
			kept = append(kept, l)
		}
	}
	vm.Actions = kept
	if known {
		vm.Actions = append(vm.Actions, h.returnAction(v, a, isPaid)...) // the merchant's return URL (embed.go)
	}
	vm.Page = h.page(lang, vm.Heading)
	if known {
		if vm.Follow = h.follow(v, a, lang, isPaid); vm.Follow != nil {
			vm.Page.Refresh = vm.Follow.Refresh
		}
	}
	return h.render(c, http.StatusOK, lang, views.Outcome(vm))
}
