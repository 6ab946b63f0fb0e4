package handlers

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// symbols are shown where the API's symbol is just the code again.
var symbols = map[string]string{"INR": "₹", "BDT": "৳", "USD": "$", "EUR": "€", "PKR": "₨"}

// money formats an amount in a currency: "₹300", "₹1,50,000.50", "3,000 XYZ".
// Rupees and taka are grouped the South Asian way (lakh, crore), as people
// there read them in every language; the value sent upstream is never this.
func money(d decimal.Decimal, cur paykassma.Currency) string {
	// Only amounts whose coefficient surely fits an int64 (15 digits, so
	// NumDigits takes its fast path) are kept, by value: no string of the
	// amount is made to look it up.
	if d.NumDigits() > 15 {
		return formatMoney(d, cur)
	}
	k := moneyKey{code: cur.Code, symbol: cur.Symbol, coef: d.CoefficientInt64(), exp: d.Exponent()}
	s, ok := moneyMemo.load(k)
	if !ok {
		s = formatMoney(d, cur)
		moneyMemo.store(k, s)
	}
	return s
}

// moneyKey is everything formatMoney reads: the amount as coefficient and
// exponent (300 and 300.00 are two keys with one text), and the currency.
type moneyKey struct {
	code, symbol string
	coef         int64
	exp          int32
}

// moneyMemo holds formatted amounts: a choose page formats a dozen, mostly
// the same minimums for everyone, and shopspring/decimal allocates for each.
var moneyMemo = newMemo[moneyKey, string](4096)

// formatMoney is money, computed.
func formatMoney(d decimal.Decimal, cur paykassma.Currency) string {
	n := d.StringFixed(2)
	if d.Equal(d.Truncate(0)) {
		n = d.StringFixed(0)
	}
	n = group(n, cur.Code == "INR" || cur.Code == "BDT")
	sym := cur.Symbol
	if sym == "" || sym == cur.Code {
		sym = symbols[cur.Code]
	}
	if sym == "" {
		return n + " " + cur.Code
	}
	return sym + n
}

// group puts separators in the integer part of a plain decimal: every three
// digits, or (lakh) the last three then every two: 1,00,00,000.
func group(n string, lakh bool) string {
	sign := ""
	if strings.HasPrefix(n, "-") {
		sign, n = "-", n[1:]
	}
	whole, frac, hasFrac := strings.Cut(n, ".")
	var parts []string
	size := 3
	for len(whole) > size {
		parts = append([]string{whole[len(whole)-size:]}, parts...)
		whole = whole[:len(whole)-size]
		if lakh {
			size = 2
		}
	}
	parts = append([]string{whole}, parts...)
	out := sign + strings.Join(parts, ",")
	if hasFrac {
		out += "." + frac
	}
	return out
}

// symbol is what precedes an amount field.
func symbol(cur paykassma.Currency) string {
	if s := money(decimal.Zero, cur); !strings.HasPrefix(s, "0") {
		return strings.TrimSuffix(s, "0")
	}
	return cur.Code
}

// megabytes is a byte limit in words: "5 MB".
func megabytes(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", n>>10)
}

// clock is a time as the pages show it before a script localises it.
func clock(t time.Time) string { return t.UTC().Format("15:04") + " UTC" }

// when is an attempt's time.
func when(t time.Time) string { return t.UTC().Format("2 Jan 15:04") + " UTC" }

// methods gives the PSs serving the depositor's currency, in the API's
// order, and the currency's symbol.
func (h *handler) methods(ctx context.Context, st *depositor.State) ([]paykassma.Wallet, paykassma.Currency, error) {
	ps, err := h.api.PaymentSystems(ctx, paykassma.PaymentSystemsRequest{CurrencyCodes: []string{st.Currency}, Label: st.Label})
	if err != nil {
		return nil, paykassma.Currency{}, fmt.Errorf("payment systems: %w", err)
	}
	cur := paykassma.Currency{Code: st.Currency}
	for _, c := range ps.Currencies {
		if c.Code == st.Currency {
			cur = c
		}
	}
	n := 0
	for i := range ps.Wallets {
		if ps.Wallets[i].CurrencyCode == st.Currency {
			n++
		}
	}
	ws := make([]paykassma.Wallet, 0, n) // a copy: the cache's answer is shared
	for i := range ps.Wallets {
		if ps.Wallets[i].CurrencyCode == st.Currency {
			ws = append(ws, ps.Wallets[i])
		}
	}
	slices.SortStableFunc(ws, func(a, b paykassma.Wallet) int { return a.Order - b.Order })
	return ws, cur, nil
}

// method finds one PS among those serving the depositor.
func (h *handler) method(ctx context.Context, st *depositor.State, walletType string) (*paykassma.Wallet, paykassma.Currency, error) {
	ws, cur, err := h.methods(ctx, st)
	if err != nil {
		return nil, cur, err
	}
	for i := range ws {
		if ws[i].Type == walletType {
			return &ws[i], cur, nil
		}
	}
	return nil, cur, nil
}

// depositInfo asks for the depositor's savings with a PS; nil when
// Paykassma cannot say (the page shows less, it does not fail).
func (h *handler) depositInfo(ctx context.Context, st *depositor.State, w *paykassma.Wallet) *paykassma.DepositInfo {
	di, err := h.api.DepositInfo(ctx, deposit.DepositInfoRequest(st, w))
	if err != nil {
		h.log.Warn("deposit-info", "wallet_type", w.Type, "err", err)
		return nil
	}
	return di
}

// savings is the meter for a PS, or nil when nothing has accumulated.
func savings(lang, id string, di *paykassma.DepositInfo, cur paykassma.Currency) *views.Savings {
	if di == nil || !di.StockpilingSum.IsPositive() || !di.MinimumDeposit.IsPositive() {
		return nil
	}
	return &views.Savings{
		ID:          "savings-" + id,
		Accumulated: money(di.StockpilingSum, cur),
		Lacking:     money(di.LacksSum, cur),
		Minimum:     money(di.MinimumDeposit, cur),
		Value:       decimal.Min(di.StockpilingSum, di.MinimumDeposit).String(),
		Max:         di.MinimumDeposit.String(),
		Explain:     i18n.T(lang, "savings.explain", money(di.MinimumDeposit, cur)),
	}
}

// guide is how to pay with a PS: its mediahint when there is one, and the
// same steps in text.
func (h *handler) guide(lang string, m deposit.Method, hints paykassma.Mediahints) views.Guide {
	k := newGuideKey(lang, m, hints)
	g, ok := guideMemo.load(k)
	if !ok {
		g = buildGuide(k)
		guideMemo.store(k, g)
	}
	// The kept guide is shared by every request: each gets its own steps.
	g.Steps = slices.Clone(g.Steps)
	return g
}

// guideKey is everything buildGuide reads.
type guideKey struct {
	lang, walletType, name, media string
	family                        deposit.Family
	redirect                      bool
}

// newGuideKey is the key of a PS's guide for a language.
func newGuideKey(lang string, m deposit.Method, hints paykassma.Mediahints) guideKey {
	k := guideKey{lang: lang, walletType: m.Type(), name: m.Wallet.Name, family: m.Family, redirect: m.Flow == deposit.Redirect}
	if hint, ok := hints.For(m.Type()); ok {
		k.media = hint.URL
	}
	return k
}

// guideHTML is the choose page's folded guide for a PS (views.GuideDetails),
// as HTML rendered once per guideKey and then kept: it is the same for
// every depositor and rendering it was a tenth of the page. Nothing
// personal goes in it (the key is the PS, the language and the mediahint)
// and no CSP nonce (the component has no script).
func (h *handler) guideHTML(lang string, m deposit.Method, hints paykassma.Mediahints) (string, error) {
	k := newGuideKey(lang, m, hints)
	if s, ok := guideHTMLMemo.load(k); ok {
		return s, nil
	}
	s, err := renderGuide(k)
	if err != nil {
		return "", err
	}
	guideHTMLMemo.store(k, s)
	return s, nil
}

// guideHTMLMemo holds the rendered guides, a few KB each.
var guideHTMLMemo = newMemo[guideKey, string](1024)

// renderGuide is guideHTML, computed. Only the language reaches the
// component through the context, as render gives it to the whole page.
func renderGuide(k guideKey) (string, error) {
	var b strings.Builder
	if err := views.GuideDetails(buildGuide(k)).Render(i18n.WithLang(context.Background(), k.lang), &b); err != nil {
		return "", fmt.Errorf("render guide: %w", err)
	}
	return b.String(), nil
}

// guideMemo holds the guides: the same few PSs in a few languages on every
// page, each a dozen catalogue look-ups and concatenations.
var guideMemo = newMemo[guideKey, views.Guide](1024)

// buildGuide is guide, computed.
func buildGuide(k guideKey) views.Guide {
	fam := string(k.family)
	if k.redirect {
		fam = "redirect"
	}
	g := views.Guide{
		ID:    "guide-" + k.walletType,
		Title: i18n.T(k.lang, "guide.title", k.name),
		Steps: guideSteps(k.lang, fam, k.name),
	}
	if u := k.media; u != "" {
		g.MediaAlt = i18n.T(k.lang, "guide.media.alt", k.name)
		switch strings.ToLower(path.Ext(strings.SplitN(u, "?", 2)[0])) {
		case ".mp4", ".webm":
			g.VideoURL = u
		default:
			g.ImageURL = u
		}
	}
	return g
}

// guideSteps are the written steps for a family of wallets.
func guideSteps(lang, fam, name string) []string {
	switch fam {
	case "paytm":
		return []string{i18n.T(lang, "guide.paytm.1"), i18n.T(lang, "guide.paytm.2"), i18n.T(lang, "guide.paytm.3"), i18n.T(lang, "guide.paytm.4")}
	case "upi":
		return []string{i18n.T(lang, "guide.upi.1"), i18n.T(lang, "guide.upi.2"), i18n.T(lang, "guide.upi.3"), i18n.T(lang, "guide.upi.4")}
	case "phonepe":
		return []string{i18n.T(lang, "guide.phonepe.1"), i18n.T(lang, "guide.phonepe.2"), i18n.T(lang, "guide.phonepe.3"), i18n.T(lang, "guide.phonepe.4")}
	case "imps":
		return []string{i18n.T(lang, "guide.imps.1"), i18n.T(lang, "guide.imps.2"), i18n.T(lang, "guide.imps.3")}
	case "bkash":
		return []string{i18n.T(lang, "guide.bkash.1"), i18n.T(lang, "guide.bkash.2"), i18n.T(lang, "guide.bkash.3"), i18n.T(lang, "guide.bkash.4")}
	case "nagad":
		return []string{i18n.T(lang, "guide.nagad.1"), i18n.T(lang, "guide.nagad.2"), i18n.T(lang, "guide.nagad.3"), i18n.T(lang, "guide.nagad.4")}
	case "manual":
		return []string{i18n.T(lang, "guide.manual.1"), i18n.T(lang, "guide.manual.2"), i18n.T(lang, "guide.manual.3")}
	case "redirect":
		return []string{i18n.T(lang, "guide.redirect.1"), i18n.T(lang, "guide.redirect.2", name), i18n.T(lang, "guide.redirect.3")}
	}
	return []string{i18n.T(lang, "guide.other.1"), i18n.T(lang, "guide.other.2"), i18n.T(lang, "guide.other.3")}
}

// txidHelp says where the wallet shows the transaction ID, with an example.
func txidHelp(lang string, fam deposit.Family) string {
	switch fam {
	case "upi":
		return i18n.T(lang, "txid.upi")
	case "phonepe":
		return i18n.T(lang, "txid.phonepe")
	case "paytm":
		return i18n.T(lang, "txid.paytm")
	case "imps":
		return i18n.T(lang, "txid.imps")
	case "bkash":
		return i18n.T(lang, "txid.bkash")
	case "nagad":
		return i18n.T(lang, "txid.nagad")
	case "manual":
		return i18n.T(lang, "txid.manual")
	}
	return i18n.T(lang, "txid.other")
}

// txidHint is the short hint under the transaction ID field.
func txidHint(lang string, fam deposit.Family) string {
	switch fam {
	case "upi", "phonepe":
		return i18n.T(lang, "field.key1.hint.12digits")
	case "bkash":
		return i18n.T(lang, "field.key1.hint.bkash")
	case "manual":
		return i18n.T(lang, "field.key1.hint.manual")
	}
	return i18n.T(lang, "field.key1.hint.other")
}
