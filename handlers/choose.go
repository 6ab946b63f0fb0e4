package handlers

import (
	"net/http"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

// choose is GET /: the PSs for the depositor's currency. Until signed entry
// links exist, label and currency_code come from the query string, with the
// names Paykassma's own plugin uses.
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
	ws, cur, err := h.methods(ctx, v.st)
	if err != nil {
		return h.fault(v, err, "", v.pathWithQuery())
	}
	if err := v.save(); err != nil {
		return err
	}
	lang := v.lang()

	// The guides and the savings come from other endpoints; without them the
	// page is poorer but still does its job.
	var (
		wg       sync.WaitGroup
		hints    paykassma.Mediahints
		infos    = make([]*paykassma.DepositInfo, len(ws))
		credited map[string]bool
	)
	wg.Go(func() {
		var err error
		if hints, err = h.api.Mediahints(ctx); err != nil {
			h.log.Warn("mediahints", "err", err)
		}
	})
	for i := range ws {
		wg.Go(func() { infos[i] = h.depositInfo(ctx, v.st, &ws[i]) })
	}
	wg.Go(func() { credited = h.credited(ctx, v.st.Attempts) })
	wg.Wait()

	vm := views.ChooseView{
		Page:  h.page(lang, i18n.T(lang, "choose.title")),
		Intro: i18n.T(lang, "choose.intro", cur.Code),
	}
	if len(ws) == 0 {
		vm.Empty = i18n.T(lang, "choose.empty", cur.Code)
	}
	names := map[string]string{}
	for i := range ws {
		w := &ws[i]
		names[w.Type] = w.Name
		m := views.Method{
			Type: w.Type, Name: w.Name, Logo: w.Logo,
			URL:     v.link("/pay/" + w.Type),
			Guide:   h.guide(lang, w, hints, h.cfg.IsRedirect(w.Type)),
			Savings: savings(lang, w.Type, infos[i], cur),
		}
		if di := infos[i]; di != nil && di.MinimumDeposit.IsPositive() {
			m.Minimum = i18n.T(lang, "choose.minimum", money(di.MinimumDeposit, cur))
		}
		vm.Methods = append(vm.Methods, m)
	}
	for _, a := range v.st.Attempts {
		vm.Attempts = append(vm.Attempts, h.attemptRow(v, a, names, cur, credited[a.Ref]))
	}
	return h.render(c, http.StatusOK, lang, views.Choose(vm))
}

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
		Ref: a.Ref, Method: name, Amount: formatAmount(a.Amount, cur),
		Outcome: text, Kind: kind,
		When: when(a.Time()), WhenISO: a.Time().UTC().Format("2006-01-02T15:04:05Z"),
		URL: v.link("/status/" + a.Ref),
	}
}

// formatAmount formats an amount kept as text in the state.
func formatAmount(s string, cur paykassma.Currency) string {
	if s == "" {
		return ""
	}
	a, err := paykassma.ParseAmount(s)
	if err != nil {
		return ""
	}
	return money(a.Decimal, cur)
}
