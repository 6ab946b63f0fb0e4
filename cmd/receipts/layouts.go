package main

import (
	"fmt"
	"html/template"
	"math/rand/v2"
	"strings"
	"unicode"
)

// app is a payment app whose receipt screen the corpus imitates: its
// colours, the labels of its rows in each language it speaks, and the
// family of PS it pays (which decides the ID's shape).
type app struct {
	Name    string
	Family  string   // deposit.Family
	Accent  string   // brand colour
	Langs   []string // en first
	Title   map[string]string
	IDLabel map[string][]string // label wordings before the UTR/TrxID, by language
	AmtLbl  map[string]string   // the amount row's label
	Own     string              // the app's own ID label ("" = none shown)
	Symbol  string              // ₹ or ৳
}

var apps = []app{
	{Name: "paytm", Family: "paytm", Accent: "#00baf2", Langs: []string{"en", "hi"}, Symbol: "₹",
		Title:   map[string]string{"en": "Paid Successfully", "hi": "भुगतान सफल"},
		IDLabel: map[string][]string{"en": {"UPI Ref No", "UPI Reference No."}, "hi": {"UPI Ref No", "यूपीआई संदर्भ संख्या"}},
		AmtLbl:  map[string]string{"en": "Amount", "hi": "राशि"}, Own: "Order ID"},
	{Name: "phonepe", Family: "phonepe", Accent: "#5f259f", Langs: []string{"en", "hi"}, Symbol: "₹",
		Title:   map[string]string{"en": "Transaction Successful", "hi": "लेन-देन सफल"},
		IDLabel: map[string][]string{"en": {"UTR", "UTR:"}, "hi": {"UTR", "यूटीआर"}},
		AmtLbl:  map[string]string{"en": "Paid to", "hi": "भुगतान किया"}, Own: "Transaction ID"},
	{Name: "gpay", Family: "upi", Accent: "#1a73e8", Langs: []string{"en", "hi"}, Symbol: "₹",
		Title:   map[string]string{"en": "Completed", "hi": "पूरा हुआ"},
		IDLabel: map[string][]string{"en": {"UPI transaction ID", "UPI Transaction ID"}, "hi": {"UPI transaction ID", "UPI लेन-देन आईडी"}},
		AmtLbl:  map[string]string{"en": "Amount", "hi": "राशि"}, Own: "Google transaction ID"},
	{Name: "bhim", Family: "upi", Accent: "#f47b20", Langs: []string{"en", "hi"}, Symbol: "₹",
		Title:   map[string]string{"en": "Transaction Successful", "hi": "लेनदेन सफल"},
		IDLabel: map[string][]string{"en": {"UPI Ref. ID", "Ref No."}, "hi": {"UPI Ref. ID", "संदर्भ आईडी"}},
		AmtLbl:  map[string]string{"en": "Amount", "hi": "राशि"}, Own: "Transaction ID"},
	{Name: "bank", Family: "imps", Accent: "#0b3d91", Langs: []string{"en"}, Symbol: "₹",
		Title:   map[string]string{"en": "Funds Transfer Successful"},
		IDLabel: map[string][]string{"en": {"IMPS Ref No.", "Reference Number (RRN)"}},
		AmtLbl:  map[string]string{"en": "Amount"}, Own: ""},
	{Name: "bkash", Family: "bkash", Accent: "#e2136e", Langs: []string{"en", "bn"}, Symbol: "৳",
		Title:   map[string]string{"en": "Send Money Successful", "bn": "সেন্ড মানি সফল"},
		IDLabel: map[string][]string{"en": {"TrxID", "Transaction ID"}, "bn": {"TrxID", "ট্রানজ্যাকশন আইডি"}},
		AmtLbl:  map[string]string{"en": "Amount", "bn": "পরিমাণ"}, Own: ""},
	{Name: "nagad", Family: "nagad", Accent: "#ec1c24", Langs: []string{"en", "bn"}, Symbol: "৳",
		Title:   map[string]string{"en": "Send Money Successful", "bn": "সেন্ড মানি সফল হয়েছে"},
		IDLabel: map[string][]string{"en": {"Txn ID", "Transaction ID"}, "bn": {"Txn ID", "লেনদেন আইডি"}},
		AmtLbl:  map[string]string{"en": "Amount", "bn": "পরিমাণ"}, Own: ""},
}

// receipt is one generated screen and its truth.
type receipt struct {
	App     string `json:"app"`
	Family  string `json:"family"`
	Variant string `json:"variant"` // "a" (tuned on) or "b" (frozen: the measure)
	Lang    string `json:"lang"`
	Dark    bool   `json:"dark"`
	ID      string `json:"id"`     // the UTR/TrxID
	Amount  string `json:"amount"` // exact decimal, "1250.00"
	File    string `json:"file"`
	Width   int    `json:"width"`  // CSS px
	Height  int    `json:"height"` // CSS px
	DPR     float64
	// degradations
	Quality   int     `json:"quality"`
	Scale     float64 `json:"scale"`
	Rotate    float64 `json:"rotate"`
	CropTop   int     `json:"crop_top"`
	StatusBar bool    `json:"status_bar"`
	html      string
}

// row is one label and value of the details.
type row struct{ Label, Value string }

type page struct {
	Accent, Bg, Fg, Muted, Card string
	Dir                         string
	StatusBar                   bool
	Time, Title, Amount, Party  string
	HeadAmount                  bool // the amount big at the top
	Stacked                     bool // label above value, not beside it
	Rows                        []row
	// Font is CSS of our own, not text: html/template would write a
	// string with quotes and commas in a style sheet as ZgotmplZ, and
	// Chromium would draw the receipt in its default serif face.
	Font template.CSS
}

var pageTmpl = template.Must(template.New("r").Parse(`<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><style>
body{margin:0;background:{{.Bg}};color:{{.Fg}};font-family:{{.Font}};}
.sb{display:flex;justify-content:space-between;padding:4px 14px;font-size:13px;color:{{.Muted}}}
.top{background:{{.Accent}};color:#fff;padding:22px 16px 18px;text-align:center}
.ok{font-size:19px;font-weight:600;margin:0 0 6px}
.amt{font-size:38px;font-weight:700;margin:6px 0}
.party{font-size:15px;opacity:.9}
.card{background:{{.Card}};margin:14px 12px;border-radius:12px;padding:6px 14px}
.r{display:flex;justify-content:space-between;gap:10px;padding:11px 0;border-bottom:1px solid {{.Muted}}33;font-size:15px}
.r.s{display:block}.r.s .l{display:block;margin-bottom:3px}
.l{color:{{.Muted}}}.v{font-weight:600;text-align:right;word-break:break-all}.r.s .v{text-align:left}
.btns{display:flex;gap:10px;margin:18px 12px}.btns div{flex:1;border:1px solid {{.Accent}};color:{{.Accent}};border-radius:20px;text-align:center;padding:10px;font-size:14px}
</style></head><body>
{{if .StatusBar}}<div class="sb"><span>{{.Time}}</span><span>▂▄▆ 4G ▮ 78%</span></div>{{end}}
<div class="top"><p class="ok">✔ {{.Title}}</p>{{if .HeadAmount}}<p class="amt">{{.Amount}}</p>{{end}}<p class="party">{{.Party}}</p></div>
<div class="card">{{range .Rows}}<div class="r{{if $.Stacked}} s{{end}}"><span class="l">{{.Label}}</span><span class="v">{{.Value}}</span></div>{{end}}</div>
<div class="btns"><div>Share</div><div>Check Balance</div></div>
</body></html>`))

var names = []string{"Rahul Kumar", "Priya Sharma", "Amit Singh", "Sunita Devi", "Mohammad Rahim", "Fatema Begum", "Arjun Traders", "Karim Store", "Neha Gupta", "Sabbir Hossain"}

// newReceipt draws one receipt of a (variant "a" or "b") at random.
func newReceipt(r *rand.Rand, a app, variant, face string) receipt {
	lang := a.Langs[r.IntN(len(a.Langs))]
	rc := receipt{App: a.Name, Family: a.Family, Variant: variant, Lang: lang, Dark: r.IntN(2) == 0}
	rc.ID = newID(r, a.Family)
	whole := []int{100, 200, 300, 500, 750, 1000, 1500, 2000, 2500, 5000, 10000, 25000, 125000}[r.IntN(13)] + r.IntN(5)*r.IntN(300)
	paise := 0
	if r.IntN(4) == 0 {
		paise = r.IntN(100)
	}
	rc.Amount = fmt.Sprintf("%d.%02d", whole, paise)
	shown := a.Symbol + money(whole, paise, a.Family, r.IntN(2) == 0)
	if r.IntN(3) == 0 && a.Symbol == "₹" {
		shown = a.Symbol + " " + strings.TrimPrefix(shown, a.Symbol)
	}
	p := page{Accent: a.Accent, StatusBar: r.IntN(3) != 0, Time: fmt.Sprintf("%d:%02d", 1+r.IntN(12), r.IntN(60)),
		Title: a.Title[lang], Amount: shown, Font: template.CSS("'" + faceName(face) + "','Noto Sans Devanagari','Noto Sans Bengali',sans-serif")}
	rc.StatusBar = p.StatusBar
	if rc.Dark {
		p.Bg, p.Fg, p.Muted, p.Card = "#121212", "#eeeeee", "#9aa0a6", "#1e1e1e"
	} else {
		p.Bg, p.Fg, p.Muted, p.Card = "#f4f5f7", "#202124", "#5f6368", "#ffffff"
	}
	party := names[r.IntN(len(names))]
	when := fmt.Sprintf("%02d %s 2026, %d:%02d %s", 1+r.IntN(28), []string{"Nov", "Dec"}[r.IntN(2)], 1+r.IntN(12), r.IntN(60), []string{"AM", "PM"}[r.IntN(2)])
	idLabel := a.IDLabel[lang][0]
	if variant == "b" {
		idLabel = a.IDLabel[lang][1]
	}
	// Variant a: the amount at the top and rows beside their labels;
	// variant b: label above value, the amount also (or only) in the rows,
	// other rows around the ID in another order.
	p.HeadAmount = variant == "a" || r.IntN(2) == 0
	p.Stacked = variant == "b"
	p.Party = "To " + party
	if lang == "hi" {
		p.Party = party + " को"
	} else if lang == "bn" {
		p.Party = party + " কে"
	}
	rows := []row{{idLabel, rc.ID}}
	if a.Own != "" {
		rows = append(rows, row{a.Own, ownID(r, a.Name)})
	}
	acct := row{"Debited from", "XXXXXX" + fmt.Sprint(1000+r.IntN(9000))}
	if a.Family == "bkash" || a.Family == "nagad" {
		acct = row{"Account", fmt.Sprintf("01%d%08d", 3+r.IntN(7), r.IntN(100000000))}
	}
	rows = append(rows, acct, row{"Date", when})
	if !p.HeadAmount || r.IntN(2) == 0 {
		rows = append([]row{{a.AmtLbl[lang], shown}}, rows...)
	}
	if variant == "b" {
		r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	}
	if a.Family == "bkash" || a.Family == "nagad" {
		rows = append(rows, row{"Charge", a.Symbol + "0.00"})
	}
	p.Rows = rows
	var b strings.Builder
	if err := pageTmpl.Execute(&b, p); err != nil {
		panic(err)
	}
	rc.html = b.String()
	return rc
}

// faceName is a font family's name with only what names have (letters,
// digits, spaces, hyphens): it is written into the style sheet as is.
func faceName(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || r == '-' {
			return r
		}
		return -1
	}, s)
}

// newID is a transaction ID of the family's shape.
func newID(r *rand.Rand, family string) string {
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	switch family {
	case "bkash":
		for {
			var b strings.Builder
			for range 10 {
				b.WriteByte(alnum[r.IntN(len(alnum))])
			}
			if s := b.String(); strings.ContainsAny(s, "0123456789") && strings.ContainsAny(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				return s
			}
		}
	case "nagad":
		var b strings.Builder
		b.WriteString(fmt.Sprint(1 + r.IntN(9)))
		for range 7 {
			b.WriteByte(alnum[r.IntN(len(alnum))])
		}
		return b.String()
	}
	return fmt.Sprintf("%d%011d", 3+r.IntN(4), r.Int64N(100000000000))
}

// ownID is the app's own transaction ID, the one people paste by mistake.
func ownID(r *rand.Rand, app string) string {
	switch app {
	case "phonepe":
		return fmt.Sprintf("T2512%02d%016d", 1+r.IntN(28), r.Int64N(1e16))
	case "gpay":
		const s = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		b := []byte("CICAgK")
		for range 10 {
			b = append(b, s[r.IntN(len(s))])
		}
		return string(b)
	case "paytm":
		return fmt.Sprintf("%d", 20000000000000+r.Int64N(9e13))
	}
	return fmt.Sprintf("BHM%09d", r.IntN(1e9))
}

// money is an amount as an app shows it: grouped the Indian way for INR,
// with or without paise when they are zero.
func money(whole, paise int, family string, decimals bool) string {
	s := fmt.Sprint(whole)
	if len(s) > 3 {
		head, tail := s[:len(s)-3], s[len(s)-3:]
		var parts []string
		step := 2
		if family == "bkash" || family == "nagad" {
			step = 3
		}
		for len(head) > step {
			parts = append([]string{head[len(head)-step:]}, parts...)
			head = head[:len(head)-step]
		}
		parts = append([]string{head}, parts...)
		s = strings.Join(parts, ",") + "," + tail
	}
	if decimals || paise != 0 {
		s += fmt.Sprintf(".%02d", paise)
	}
	return s
}
