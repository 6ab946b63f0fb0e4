package handlers

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

// choose is GET /: the PSs for the depositor's currency. A merchant's visit
// starts at its signed entry link (start.go), which sends the person here;
// in demo mode (no signing key, refuseDemoLabel) label and currency_code may
// come from the query string instead, with the names Paykassma's own
// plugin uses.
func (h *handler) choose(c echo.Context) error {
	v := h.load(c)
	if label := strings.TrimSpace(c.QueryParam("label")); label != "" || c.QueryParam("currency_code") != "" {
		cur := strings.ToUpper(strings.TrimSpace(c.QueryParam("currency_code")))
		if label == "" || utf8.RuneCountInString(label) > 190 || !currencyCode.MatchString(cur) {
			return h.lost(c, "lost.link")
		}
		// The link's lang, else the one this depositor chose, else the browser's.
		lang := c.QueryParam("lang")
		if !i18n.Supported(lang) {
			lang = requestLang(c)
			if v != nil && v.st.Label == label && i18n.Supported(v.st.Lang) {
				lang = v.st.Lang
			}
		}
		if v == nil || v.st.Label != label || v.st.Currency != cur {
			// Another depositor or currency: start afresh.
			v = &visit{h: h, c: c, st: depositor.New(label, cur, lang)}
		}
		v.st.Lang = lang
	}
	if v == nil {
		return h.lost(c, "lost.link")
	}
	ctx := c.Request().Context()
	ws, cur, err := h.wallets(ctx, v.st)
	if err != nil {
		return h.fault(v, err, "", v.pathWithQuery())
	}
	if err := v.save(); err != nil {
		return err
	}
	lang := v.lang()

	hints, infos, credited := h.extras(ctx, v.st, ws)

	vm := views.ChooseView{
		Page:  h.page(lang, i18n.T(lang, "choose.title")),
		Intro: i18n.T(lang, "choose.intro", cur.Code),
	}
	if len(ws) == 0 {
		vm.Empty = i18n.T(lang, "choose.empty", cur.Code)
	}
	vm.Methods = make([]views.Method, 0, len(ws))
	for i := range ws {
		w := &ws[i]
		guide, err := h.guideHTML(lang, h.rules.Describe(w), hints)
		if err != nil {
			return err
		}
		face, err := faceHTML(lang, w)
		if err != nil {
			return err
		}
		m := views.Method{
			Type: w.Type, Name: w.Name, Logo: w.Logo,
			URL:       v.link("/pay/" + w.Type),
			GuideHTML: guide,
			FaceHTML:  face,
			Savings:   savings(lang, w.Type, infos[i], cur),
		}
		if di := infos[i]; di != nil && di.MinimumDeposit.IsPositive() {
			m.Minimum = i18n.T(lang, "choose.minimum", moneyFor(lang, di.MinimumDeposit, cur))
		}
		vm.Methods = append(vm.Methods, m)
	}
	if len(v.st.Attempts) > 0 {
		names := make(map[string]string, len(ws))
		for i := range ws {
			names[ws[i].Type] = ws[i].Name
		}
		// A PS's savings not yet credited hold its payments found but not
		// credited: those say "in savings", not "received".
		saving := make(map[string]bool, len(ws))
		for i, di := range infos {
			saving[ws[i].Type] = di != nil && di.StockpilingSum.IsPositive() && di.LacksSum.IsPositive()
		}
		rows := make([]views.AttemptRow, 0, len(v.st.Attempts))
		for _, a := range v.st.Attempts {
			row := h.attemptRow(v, a, names, cur, credited[a.Ref])
			if row.Kind == string(depositor.Done) && saving[a.WalletType] {
				row.Kind, row.Outcome = "saved", i18n.T(lang, "attempt.saved")
			}
			rows = append(rows, row)
		}
		// The latest two (newest first) stay in view; the rest wait behind
		// "show all", so the PSs are not pushed below the fold.
		vm.Attempts, vm.Older = rows[:min(recentShown, len(rows))], rows[min(recentShown, len(rows)):]
		if len(vm.Older) > 0 {
			vm.ShowAll = i18n.T(lang, "attempts.showall", len(rows))
		}
	}
	return h.render(c, http.StatusOK, lang, views.Choose(vm))
}

// methodHints explain the PS names that say little to a depositor (the
// sandbox's and Paykassma's "UPI IB"), in our own words.
var methodHints = map[string]string{"upi_ib": "method.hint.upi_ib"}

// recentShown is how many recent attempts the choose page shows above the
// PSs; the rest are behind "show all".
const recentShown = 2

// attemptRow is one recent attempt in the choose page's list.
func (h *handler) attemptRow(v *visit, a depositor.Attempt, names map[string]string, cur paykassma.Currency, credited bool) views.AttemptRow {
	lang := v.lang()
	name := names[a.WalletType]
	if name == "" {
		name = a.WalletType
	}
	kind := string(a.Outcome)
	text := i18n.T(lang, "attempt."+kind)
	if credited {
		kind, text = "credited", i18n.T(lang, "attempt.credited")
	}
	return views.AttemptRow{
		Ref: a.Ref, Method: name, Amount: formatAmount(lang, a.Amount, cur), Stated: stated(lang, a.Stated, cur),
		Outcome: text, Kind: kind,
		When: when(lang, a.Time(), h.zone(cur.Code)), WhenISO: isoTime(a.Time()),
		URL: v.link("/status/" + a.Ref),
	}
}

// cachePeeker is the cache's look-up that never calls Paykassma nor waits
// (apicache.Cache); without it, as in tests with a fake API, every answer
// is fetched.
type cachePeeker interface {
	CachedDepositInfo(paykassma.DepositInfoRequest) (*paykassma.DepositInfo, bool)
	CachedMediahints() (paykassma.Mediahints, bool)
}

// extras are what the choose page shows beside the PSs: the guides' media,
// the savings per PS and which attempts were credited since. They come
// from other endpoints; without them the page is poorer but still does its
// job. Answers already in the cache are taken as they are; only those that
// need Paykassma are fetched, side by side, so a depositor's first view
// waits for the slowest call rather than their sum, and a warm reload
// starts no goroutine at all (BENCHMARKS.md says what that saves).
func (h *handler) extras(ctx context.Context, st *depositor.State, ws []paykassma.Wallet) (hints paykassma.Mediahints, infos []*paykassma.DepositInfo, credited map[string]bool) {
	infos = make([]*paykassma.DepositInfo, len(ws))
	peek, _ := h.api.(cachePeeker)
	var wg sync.WaitGroup
	hintsOK := false
	if peek != nil {
		hints, hintsOK = peek.CachedMediahints()
	}
	if !hintsOK {
		wg.Go(func() {
			var err error
			if hints, err = h.api.Mediahints(ctx); err != nil {
				h.log.Warn("mediahints", "err", err)
			}
		})
	}
	for i := range ws {
		if peek != nil {
			if di, ok := peek.CachedDepositInfo(deposit.DepositInfoRequest(st, &ws[i])); ok {
				infos[i] = di
				continue
			}
		}
		wg.Go(func() { infos[i] = h.depositInfo(ctx, st, &ws[i]) })
	}
	if asksStatuses(st.Attempts) {
		wg.Go(func() { credited = h.deposits.Credited(ctx, st.Attempts) })
	}
	wg.Wait()
	return hints, infos, credited
}

// asksStatuses says whether credited would ask Paykassma anything.
func asksStatuses(attempts []depositor.Attempt) bool {
	for _, a := range attempts {
		if deposit.MayBeCredited(a.Outcome) {
			return true
		}
	}
	return false
}
