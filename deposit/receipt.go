package deposit

import (
	"regexp"
	"slices"
	"strings"

	"github.com/paykassma/checkout/paykassma"
)

// Reading is what the text of a payment's screenshot gave: a suggestion for
// the form, never proof (Paykassma verifies the payment).
type Reading struct {
	TxID      string // the UTR or TrxID; "" when none could be read for sure
	Amount    paykassma.Amount
	HasAmount bool
	// Look is the i18n key saying which number to look for, when the image
	// shows an app's own ID but no UTR; "" otherwise.
	Look string

	idWord string     // the ID as the text had it, for a closer look
	guess  string     // a glyph too long to be the ID, for a closer look only (longByOne)
	sure   bool       // a closer look confirmed the ID glyph by glyph (Again)
	amount []evidence // each place the amount shows
	// page are the digits as the page draws them (pageDigits), for
	// telling an ID's 0 from O, Q, D.
	page map[byte][]drawn
}

// evidence is one place the amount shows: the word it was read from and
// the amounts that word may be.
type evidence struct {
	word string
	set  []paykassma.Amount
}

// Found reports whether anything was read.
func (r Reading) Found() bool { return r.TxID != "" || r.HasAmount }

// receiptRule is how a family's transaction ID shows on a receipt: the
// labels before it, its shape once read, and whether OCR's letter-for-digit
// confusions (O for 0, l for 1) may be fixed inside it.
type receiptRule struct {
	labels *regexp.Regexp
	shape  *regexp.Regexp
	digits bool
	// loose finds the ID without its label (a label in Hindi or Bengali,
	// which the English OCR does not read): accepted only when exactly one
	// token in the whole text has the shape.
	loose func(token string) bool
	// minConf is the OCR's confidence (0–100) an ID read needs to be
	// filled in (Trust).
	minConf float64
}

// UTR labels, as the apps print them: Paytm "UPI Ref No", PhonePe "UTR",
// Google Pay "UPI transaction ID", BHIM "UPI Ref. ID", banks "IMPS Ref No.",
// "Reference Number (RRN)". Google Pay's own "Google transaction ID" and
// PhonePe's "Transaction ID" are not among them (appIDLabels).
var utrLabels = regexp.MustCompile(`(?i)\b(utr|upi\s*ref(erence)?|ref(erence)?\.?\s*(no|id|number|num)\b|rrn|upi\s*transaction\s*id|imps\s*ref|bank\s*ref|transaction\s*ref(erence)?)`)

// appIDLabels are the labels of an app's own IDs, which are not the UTR.
var appIDLabels = regexp.MustCompile(`(?i)(google\s*transaction\s*id|order\s*id|^\W*transaction\s*id)`)

var receiptRules = map[Family]receiptRule{
	// Letters and digits: Tesseract reads O for 0, I for 1, S for 5, E for
	// F in a third of them, as confident as when right (cmd/receipts,
	// BENCHMARKS.md); only the surest are filled in.
	Bkash: {labels: regexp.MustCompile(`(?i)\b(trx\s*id|transaction\s*id|txn\s*id)`), shape: regexp.MustCompile(`^[A-Z0-9]{10}$`), loose: mixed(10), minConf: alnumConf},
	Nagad: {labels: regexp.MustCompile(`(?i)\b(txn\s*id|trx\s*id|transaction\s*id)`), shape: regexp.MustCompile(`^[A-Z0-9]{8,10}$`), loose: mixed(8), minConf: alnumConf},
}

// alnumConf is the confidence a letters-and-digits ID needs: above every
// wrong reading in the tuning half of the corpus.
const alnumConf = 92

// utrRule reads a 12-digit UTR/RRN: UPI, PhonePe, IMPS, Paytm's UPI
// payments, and bank transfers to a manual PS.
var utrRule = receiptRule{labels: utrLabels, shape: regexp.MustCompile(`^[0-9]{12}$`), digits: true,
	loose: func(t string) bool { return len(t) == 12 && allDigits(t) }}

// mixed accepts a token of n capitals and digits, two letters and a digit
// at least (OCR reads an ID's 0 as O and 1 as I, so few digits may show):
// a TrxID, not a word or a number (a masked account "XXXXXX4852" starts XX).
func mixed(n int) func(string) bool {
	return func(t string) bool {
		if len(t) != n || strings.HasPrefix(t, "XX") {
			return false
		}
		var letters, digits int
		for _, r := range t {
			switch {
			case r >= '0' && r <= '9':
				digits++
			case r >= 'A' && r <= 'Z':
				letters++
			default:
				return false
			}
		}
		return letters >= 2 && digits >= 1
	}
}

// digitFixes are what OCR reads for a digit inside a number; applied only
// to a token that is mostly digits, never to a word.
var digitFixes = strings.NewReplacer("O", "0", "o", "0", "D", "0", "Q", "0", "I", "1", "l", "1", "|", "1", "i", "1", "!", "1",
	"S", "5", "s", "5", "B", "8", "Z", "2", "z", "2", "G", "6", "g", "9", "q", "9")

// ReadReceipt finds the transaction ID and the amount in the text OCR read
// from family f's payment screenshot. A value is given only when the text
// names it unambiguously: a wrong ID filled in is worse than none.
func ReadReceipt(f Family, text string) Reading {
	lines := splitLines(text)
	rule, ok := receiptRules[f]
	if !ok {
		rule = utrRule
	}
	r := Reading{TxID: readID(rule, lines)}
	if r.TxID == "" && rule.digits {
		r.Look = ownIDLook(lines)
	}
	if r.TxID != "" && !rule.digits {
		r.idWord = rawWord(lines, r.TxID)
	}
	if r.TxID == "" && !rule.digits {
		fixed := make([]string, len(lines))
		for i, l := range lines {
			fixed[i] = symbolFixes.Replace(l)
		}
		if r.guess = longByOne(rule, fixed); r.guess == "" {
			r.guess = readID(rule, fixed)
		}
		if r.guess != "" {
			r.idWord = rawWord(lines, r.guess)
		}
	}
	r.amount = readAmount(lines, f == Bkash || f == Nagad)
	r.Amount, r.HasAmount = settle(r.amount)
	return r
}

// symbolFixes are the symbols OCR reads for a capital of a
// letters-and-digits ID: ¥ for Y, $ and § for S, € for E, ) for J, | for
// I. A word that is an ID only once they are undone is a guess, which
// only a closer look can settle.
var symbolFixes = strings.NewReplacer("¥", "Y", "$", "S", "§", "S", "€", "E", ")", "J", "|", "I")

// rawWord is the word of lines that reads as id once trimmed, in capitals
// and with symbolFixes undone, as OCR gave it.
func rawWord(lines []string, id string) string {
	for _, l := range lines {
		for _, w := range strings.Fields(l) {
			if symbolFixes.Replace(strings.ToUpper(strings.Trim(w, trimmed))) == id {
				return w
			}
		}
	}
	return ""
}

// Trust drops the ID when the OCR was less sure of it (conf: the word's
// confidence, 0–100, -1 unknown) than family f's IDs need.
func (r Reading) Trust(f Family, conf func(word string) float64) Reading {
	if rule, ok := receiptRules[f]; ok && r.TxID != "" && !r.sure && rule.minConf > 0 && conf(r.TxID) < rule.minConf {
		r.TxID = ""
	}
	return r
}

func splitLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// readID is the one ID the labels point to, or failing a label, the one
// token of the ID's shape in the whole text; "" when none or several.
func readID(rule receiptRule, lines []string) string {
	labelled := labelledTokens(rule, lines, rule.shape.MatchString)
	if id, ok := only(labelled); ok {
		return id
	}
	if len(labelled) > 0 {
		return "" // two different IDs under labels: ask
	}
	var loose []string
	for _, l := range lines {
		if rule.digits && appIDLabels.MatchString(l) {
			continue
		}
		for _, t := range tokens(rule, l) {
			if rule.loose(t) {
				loose = append(loose, t)
			}
		}
	}
	id, _ := only(loose)
	return id
}

// labelledTokens are the tokens that match, each the first ones after a
// label of the rule's on its line or, failing any there, on the next.
func labelledTokens(rule receiptRule, lines []string, match func(string) bool) []string {
	var out []string
	for i, l := range lines {
		loc := rule.labels.FindStringIndex(l)
		if loc == nil || (rule.digits && appIDLabels.MatchString(l[:loc[1]])) {
			continue
		}
		found := matching(tokens(rule, l[loc[1]:]), match)
		if len(found) == 0 && i+1 < len(lines) {
			found = matching(tokens(rule, lines[i+1]), match)
		}
		out = append(out, found...)
	}
	return out
}

func matching(ts []string, match func(string) bool) []string {
	return slices.DeleteFunc(ts, func(t string) bool { return !match(t) })
}

// longByOne is the one token under an ID label that is a glyph longer
// than the rule's shape allows and has it without a glyph Tesseract may
// have written twice or at one end (oneGlyphLess): a guess only a closer
// look can settle; "" when none or several.
func longByOne(rule receiptRule, lines []string) string {
	guess, _ := only(labelledTokens(rule, lines, func(t string) bool {
		// A number (the account under the ID's row) is no guess: a TrxID
		// has letters.
		if rule.shape.MatchString(t) || len(t) < 2 || !mixed(len(t))(t) {
			return false
		}
		for k := range t {
			if droppable(t, k) && rule.shape.MatchString(t[:k]+t[k+1:]) {
				return true
			}
		}
		return false
	}))
	return guess
}

// smallLetters reports whether w has a small letter unlike its capital:
// a word of the receipt's text (SUCCESSFUL has bKash's TrxID's shape), not
// an ID, which apps print in capitals. Tesseract does read a capital as
// its small twin where the two are drawn alike (sameCase).
func smallLetters(w string) bool {
	return strings.ContainsFunc(w, func(r rune) bool {
		return r >= 'a' && r <= 'z' && !strings.ContainsRune(sameCase, r)
	})
}

// idTokens are the tokens of s that have the rule's shape.
func idTokens(rule receiptRule, s string) []string {
	var out []string
	for _, t := range tokens(rule, s) {
		if rule.shape.MatchString(t) {
			out = append(out, t)
		}
	}
	return out
}

// tokens splits s into candidate IDs: for digits, runs of digit groups
// joined ("4123 4567 8901") and mostly-digit tokens with OCR's confusions
// fixed; for letters and digits, the words printed in capitals, put in
// capitals.
func tokens(rule receiptRule, s string) []string {
	words := strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == ':' || r == '-' || r == '#' || r == ',' || r == '(' || r == ')' || r == '\t' || r == '—'
	})
	var out []string
	if !rule.digits {
		for _, w := range words {
			if w = strings.Trim(w, trimmed); !smallLetters(w) {
				out = append(out, strings.ToUpper(w))
			}
		}
		return out
	}
	run := ""
	for _, w := range words {
		w = strings.Trim(w, trimmed)
		if mostlyDigits(w) {
			w = digitFixes.Replace(w)
		}
		if allDigits(w) && w != "" {
			if len(w) <= 4 || len(w) == 12 { // a group of a spaced ID, or a whole one
				run += w
				if len(w) == 12 || len(run) >= 12 {
					out = append(out, run)
					if len(w) == 12 && len(run) != 12 {
						out = append(out, w)
					}
					run = ""
				}
				continue
			}
			out = append(out, w)
		}
		if run != "" {
			out = append(out, run)
			run = ""
		}
	}
	if run != "" {
		out = append(out, run)
	}
	return out
}

// trimmed is the punctuation OCR leaves around a word.
const trimmed = ".;'\"`‘’“”,_—~"

// mostlyDigits: at least 8 characters, three in four of them digits.
func mostlyDigits(w string) bool {
	if len(w) < 8 {
		return false
	}
	n := 0
	for _, r := range w {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n*4 >= len(w)*3
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// only is the one distinct value of vs.
func only(vs []string) (string, bool) {
	vs = slices.Compact(slices.Sorted(slices.Values(vs)))
	if len(vs) == 1 {
		return vs[0], true
	}
	return "", false
}

// ownIDLook says which number to look for when the text shows an app's own
// ID (Google Pay's CIC…, PhonePe's T…) and no UTR.
func ownIDLook(lines []string) string {
	for _, l := range lines {
		for _, w := range strings.Fields(l) {
			w = strings.Trim(w, ".:;")
			for _, m := range mistakes {
				if m.shape.MatchString(w) {
					return "read.look." + strings.TrimPrefix(m.problem, "err.key1.")
				}
			}
		}
	}
	return ""
}

// amountLabels precede the amount in a receipt's details.
var amountLabels = regexp.MustCompile(`(?i)\b(amount|paid|total|sent|received|rs\.?|inr|bdt|tk\.?)\b`)

// notAmount are rows whose number is not the payment's: fees, balances.
var notAmount = regexp.MustCompile(`(?i)(charge|fee|balance|cashback|reward|points|date|time|account|a/c|from|\bno\b|\bid\b)`)

// unlabelled is a row of words with no digit, then an amount with paise or
// grouping (with its sign), at its end.
var unlabelled = regexp.MustCompile(`^[^0-9]*[A-Za-z][^0-9]*\s\S?([0-9]{1,3}(,[0-9]{2,3})+(\.[0-9]{2})?|[0-9]+\.[0-9]{2})$`)

// amountWord is a word of a row that is an amount, with what OCR read for
// the currency sign run into it.
var amountWord = regexp.MustCompile(`^([^A-Za-z0-9]{0,2}|Rs\.?|Tk\.?)(` + amountNumber + `)[.,;]?$`)

// headline is a line that is only an amount with the currency sign before
// it: OCR reads ₹ as %, $, ¥, =, a letter apart (Z, t), or as a digit run
// into the number.
var headline = regexp.MustCompile(`^([^\sA-Za-z0-9]{0,2}|[A-Za-z] |Rs\.?|Tk\.?|INR|BDT)\s*(` + amountNumber + `)$`)

// amountNumber is how receipts print an amount: grouped by commas, or
// ungrouped below ten million, with or without paise. A first group of
// four digits is a currency sign read as a digit before a grouped amount
// ("6125,196.00" for ৳125,196.00): no wallet sends the seven digits a
// dropped comma would make in one payment.
const amountNumber = `[0-9]{1,4}(?:,[0-9]{2,3})+(?:\.[0-9]{2})?|[0-9]{1,7}(?:\.[0-9]{2})?`

// readAmount is the amount the receipt states, as a headline or in a
// labelled row. The currency sign before it is often read as a digit
// ("₹500" as "7500", "৳500" as "6500"), so a number with no sign read
// stands for two amounts, itself and itself without its first digit; each
// place the amount shows narrows the choice, and only one amount left is an
// answer.
func readAmount(lines []string, taka bool) []evidence {
	var found []evidence
	for i, l := range lines {
		if m := headline.FindStringSubmatch(l); m != nil && !strings.ContainsAny(m[1], "0123456789") {
			if i > 0 && notAmount.MatchString(lines[i-1]) && !amountLabels.MatchString(lines[i-1]) {
				continue // a fee's or an account's value, under its label
			}
			if set := amountReadings(m[1], m[2], taka); len(set) > 0 {
				f := strings.Fields(l)
				found = append(found, evidence{word: f[len(f)-1], set: set})
			}
			continue
		}
		if notAmount.MatchString(l) {
			continue
		}
		loc := amountLabels.FindStringIndex(l)
		if loc == nil {
			// A label in Hindi or Bengali, read as gibberish: a row of
			// words and one amount with paise or grouping at its end.
			if unlabelled.MatchString(l) {
				loc = []int{0, 0}
			} else {
				continue
			}
		}
		// The last number in the row: a sign read as a digit of its own
		// ("Amount 2 1,250") comes before it.
		words := strings.Fields(l[loc[1]:])
		for j := len(words) - 1; j >= 0; j-- {
			m := amountWord.FindStringSubmatch(words[j])
			if m == nil {
				continue
			}
			sign := m[1]
			if sign == "" && j > 0 && len([]rune(words[j-1])) <= 2 {
				sign = words[j-1] // "Amount % 500": the sign a word of its own
			}
			if set := amountReadings(sign, m[2], taka); len(set) > 0 {
				found = append(found, evidence{word: words[j], set: set})
			}
			break
		}
	}
	return found
}

// settle is the one amount every place agrees on, if there is one.
func settle(places []evidence) (paykassma.Amount, bool) {
	if len(places) == 0 {
		return paykassma.Amount{}, false
	}
	left := places[0].set
	for _, p := range places[1:] {
		left = both(left, p.set)
	}
	if len(left) != 1 {
		return paykassma.Amount{}, false
	}
	return left[0], true
}

// both is the amounts of a that are also in b.
func both(a, b []paykassma.Amount) []paykassma.Amount {
	return slices.DeleteFunc(slices.Clone(a), func(x paykassma.Amount) bool {
		return !slices.ContainsFunc(b, func(y paykassma.Amount) bool { return x.Equal(y.Decimal) })
	})
}

// amountReadings are what a printed number may be: itself when a sign was
// read before it; else also itself less its first digit (the sign read as
// one), when that is still a well-formed amount. On a taka receipt a
// symbol read for the sign settles nothing: the English model has no ৳,
// and what it reads for one is a glyph or two of what it resembles, a
// digit among them ("$62,775" for ৳2,775); only ৳, Tk or BDT read do.
func amountReadings(sign, num string, taka bool) []paykassma.Amount {
	if taka && !takaSign.MatchString(sign) {
		sign = ""
	}
	var out []paykassma.Amount
	if len(num) > 1 && num[0] == '0' && num[1] != '.' {
		sign, num = "0", num[1:] // no amount starts with 0: the sign read as one
	}
	if a, ok := amountOf(num); ok {
		out = append(out, a)
	}
	if sign == "" && len(num) > 1 && num[1] >= '1' && num[1] <= '9' {
		if a, ok := amountOf(num[1:]); ok {
			out = append(out, a)
		}
	}
	if sign == "" && num[1:] == "0.00" {
		// "60.00": a fee of ৳0.00 with its sign read as a digit (a
		// payment is never nothing), where the receipt was read in two
		// columns and the fee's label is far from it. It says nothing
		// about the payment.
		return nil
	}
	return out
}

// takaSign is a taka sign read as itself.
var takaSign = regexp.MustCompile(`^\s*(৳|Tk\.?|BDT)\s*$`)

// amountOf is a printed number as an amount, through the form's own parser.
func amountOf(s string) (paykassma.Amount, bool) {
	a, problem := ParseAmount(s)
	return a, problem == ""
}
