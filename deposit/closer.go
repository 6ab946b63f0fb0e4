package deposit

import (
	"context"
	"slices"
	"strings"

	"github.com/paykassma/checkout/ocr"
	"github.com/paykassma/checkout/paykassma"
)

// A closer look (ocr.Pool.Reread) reads again, each from its own enlarged
// crop, the words the first reading left unsure: a letters-and-digits ID,
// and the amount's words while they leave more than one amount. Its
// readings are a second witness: a value is filled in only where both
// readings agree, never from the closer look alone.

// signLeft is how far left of an amount's word the closer look reaches,
// in the word's heights: the currency sign OCR dropped or read apart.
const signLeft = 1.2

// altLimit is the most confidence (0–100) the closer look may give any
// other letter or digit for a glyph of a letters-and-digits ID that is to
// be filled in: Tesseract reads O for 0, I for 1, S for 5 as sure of the
// word as when right, but it does keep the other reading among a glyph's
// choices.
const altLimit = 5

// idHeights are the sizes a letters-and-digits ID is read again at: two
// readings of the crop besides the first, which must all agree.
var idHeights = []int{40, 56}

// Asks are the words of the first reading worth a closer look for family
// f; none when the reading is settled.
func (r Reading) Asks(f Family) []ocr.Ask {
	var asks []ocr.Ask
	if rule, ok := receiptRules[f]; ok && !rule.digits && r.idWord != "" {
		asks = append(asks, ocr.Ask{Word: r.idWord, Heights: idHeights})
	}
	if !r.HasAmount {
		seen := map[string]bool{}
		for _, e := range r.amount {
			if !seen[e.word] {
				seen[e.word] = true
				asks = append(asks, ocr.Ask{Word: e.word, Left: signLeft})
			}
		}
	}
	return asks
}

// Again is r with what the closer look at its Asks read: the ID confirmed
// glyph by glyph (confirmed), a glyph the readings leave between two
// characters settled by its drawn shape; each amount word narrowed to
// what its crop shows (a currency sign seen where the first reading had a
// digit or nothing), when the two readings have an amount in common.
func (r Reading) Again(f Family, lines []ocr.Line) Reading {
	rule, ok := receiptRules[f]
	if !ok {
		rule = utrRule
	}
	if r.idWord != "" && !rule.digits {
		id := r.TxID
		if id == "" {
			id = r.guess
		}
		if id := confirmed(rule, id, r.idWord, lines, r.page); id != "" {
			r.TxID, r.sure = id, true
		}
	}
	if !r.HasAmount && len(r.amount) > 0 {
		places := make([]evidence, len(r.amount))
		copy(places, r.amount)
		for i, e := range places {
			// Every closer look at the word that shares a value with it
			// narrows it; two that contradict each other leave it as it was.
			narrowed := e.set
			for _, l := range lines {
				if l.Word != e.word {
					continue
				}
				if set := both(e.set, closerAmount(l, f != Bkash && f != Nagad)); len(set) > 0 {
					narrowed = both(narrowed, set)
				}
			}
			if len(narrowed) > 0 {
				places[i].set = narrowed
			}
		}
		r.Amount, r.HasAmount = settle(places)
	}
	return r
}

// confirmed is the ID the closer look's lines at word confirm, "" when
// they do not: every look reads an ID as long as id, glyph for glyph, and
// each glyph is settled. A glyph that the first reading and every look
// read alike is settled when one look keeps no rival for it; one whose
// readings and rivals (above altLimit) are two characters only is settled
// by its drawn shape (byShape), which may choose the rival. Round glyphs
// must then be as wide as read (roundShape).
func confirmed(rule receiptRule, id, word string, lines []ocr.Line, page map[byte][]drawn) string {
	var (
		mine []ocr.Line
		read []string
	)
	for _, l := range lines {
		if l.Word != word {
			continue
		}
		got := idTokens(rule, l.Text)
		if len(got) != 1 || len(l.Glyphs) != len(got[0]) {
			return ""
		}
		mine, read = append(mine, l), append(read, got[0])
	}
	if len(mine) == 0 {
		return ""
	}
	if id = oneGlyphLess(id, read, mine); id == "" {
		return ""
	}
	out := []byte(id)
	for j := range id {
		alike := !slices.ContainsFunc(mine, func(l ocr.Line) bool { return glyphRead(l.Glyphs[j]) != id[j:j+1] })
		if alike && slices.ContainsFunc(mine, func(l ocr.Line) bool { return !rivalled(l.Glyphs[j]) }) {
			continue
		}
		c, ok := byShape([]byte(id), j, choices(id[j], mine, j), mine, page)
		if !ok {
			return ""
		}
		out[j] = c
	}
	if !strokesAgree(out, mine) {
		return ""
	}
	id, ok := roundShape(string(out), mine, page)
	if !ok {
		return ""
	}
	return id
}

// oneGlyphLess is the first reading's id as long as the looks read it:
// id itself when they read as many glyphs; else, when every look reads
// one glyph less and its crop shows that many (Inks), id without the glyph
// Tesseract wrote twice ("5S" for a 5 it was unsure of: it writes both
// readings of one glyph) or without a glyph at one end (the edge of what
// stood beside it), whichever the looks read most alike. "" otherwise.
func oneGlyphLess(id string, read []string, looks []ocr.Line) string {
	n := len(read[0])
	if slices.ContainsFunc(read, func(t string) bool { return len(t) != n }) {
		return ""
	}
	if n == len(id) {
		return id
	}
	if n != len(id)-1 || slices.ContainsFunc(looks, func(l ocr.Line) bool { return len(l.Inks) != n }) {
		return ""
	}
	best, score, tie := "", -1, false
	for k := range id {
		if !droppable(id, k) {
			continue
		}
		c := id[:k] + id[k+1:]
		alike := 0
		for _, t := range read {
			for j := range t {
				if t[j] == c[j] {
					alike++
				}
			}
		}
		switch {
		case c == best:
		case alike > score:
			best, score, tie = c, alike, false
		case alike == score:
			tie = true
		}
	}
	// The rest must be what the looks read, but for glyphs they may settle.
	if tie || slices.ContainsFunc(read, func(t string) bool { return differ(t, best) > 2 }) {
		return ""
	}
	return best
}

// droppable reports whether glyph k of s may be one Tesseract added: at
// an end, or beside a twin of it (writtenTwice).
func droppable(s string, k int) bool {
	return k == 0 || k == len(s)-1 || writtenTwice(s[k-1], s[k]) || writtenTwice(s[k], s[k+1])
}

// writtenTwice reports whether a and b are a glyph's two readings when
// Tesseract is unsure of it: OCR's letter-for-digit confusions.
func writtenTwice(a, b byte) bool {
	for _, p := range []string{"0O", "0D", "0Q", "1I", "5S", "8B", "2Z", "6G"} {
		if a == p[0] && b == p[1] || a == p[1] && b == p[0] {
			return true
		}
	}
	return false
}

// differ is how many places a and b, as long, differ in.
func differ(a, b string) int {
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

// rivalled reports whether another letter or digit is among g's choices
// above altLimit.
func rivalled(g ocr.Glyph) bool {
	if len(g.Choices) == 0 {
		return true
	}
	read := strings.ToUpper(g.Choices[0].Text)
	for _, c := range g.Choices[1:] {
		if alt := strings.ToUpper(c.Text); alt != read && isAlnum(alt) && c.Conf > altLimit {
			return true
		}
	}
	return false
}

// roundShape checks an ID's round glyphs against their drawn width, the
// one confusion Tesseract makes with no rival kept (D4RH7KF3OA read
// D4RH7KF30A by every reading): in every typeface the digit 0 is about as
// wide as the other digits, a capital O or Q wider. It needs a closer
// look whose crop splits into exactly the ID's glyphs (ocr.Inks, touching
// ones split) with some digit 2–9 to compare with; an ID with a round
// glyph and no such crop is not confirmed. In the tuning half, in the
// digits' median width: 0 at 0.85–1.08 in a serif face and a sans-serif
// (Noto Sans, as the apps draw); O, Q at 1.34–1.73 in the serif, only
// 1.15–1.41 in the sans (its digits are wide). A D is as narrow as 1.11 in
// the sans, so it is told from 0 by its square top-left corner
// (ocr.Shape.Corner: D at 0–0.06 in both faces, 0 at 0.15–0.33), which a
// 0 must not have either. A glyph split wrongly only stops a fill.
//
// Where the page's own zeros tell (pageVerdict), they come first and the
// glyph needs no width: a 0 read as O or Q is set right, and a glyph read
// 0 but drawn unlike them is the round letter the looks kept surest
// (roundLetter), or stops the fill. The ID is returned as settled.
func roundShape(id string, lines []ocr.Line, page map[byte][]drawn) (string, bool) {
	if !strings.ContainsAny(id, "0OQD") {
		return id, true
	}
	// The page's own zeros first: a 0 read as O or Q is set right, and a
	// round glyph they settle needs no width.
	out := []byte(id)
	settled := make([]bool, len(id))
	for i := range out {
		if !isRound(out[i]) {
			continue
		}
		is, ok := pageVerdict(page, []byte(id), i, lines)
		switch {
		case !ok:
			continue
		case is && out[i] == 'D', is && out[i] != '0' && !keptAsRival(lines, i, '0'):
			// A glyph read as a letter by every look, 0 never among its
			// choices, is not set right by the page alone.
			return "", false
		case is:
			out[i] = '0'
		case out[i] == '0':
			// Not the page's 0: the one round letter the looks kept
			// among its choices, if they kept one.
			c, ok := roundLetter(lines, i)
			if !ok {
				return "", false
			}
			out[i] = c
		}
		settled[i] = true
	}
	checked := false
	for _, l := range lines {
		if len(l.Inks) != len(out) || l.Crop == nil && strings.ContainsRune(id, 'D') {
			continue // a D is told by its corner: its crop is needed
		}
		var digits []int
		for i, c := range out {
			if c >= '2' && c <= '9' {
				digits = append(digits, l.Inks[i].Dx())
			}
		}
		if len(digits) == 0 {
			continue
		}
		d := float64(median(digits))
		for i, c := range out {
			ratio := float64(l.Inks[i].Dx()) / d
			switch {
			case c == 'D' && ocr.ShapeOf(l.Crop, l.Inks[i]).Corner > squareCorner:
				return "", false
			case settled[i]:
			case c == '0' && ratio > narrowZero, (c == 'O' || c == 'Q') && ratio < wideRound:
				return "", false
			case c == '0' && l.Crop != nil && ocr.ShapeOf(l.Crop, l.Inks[i]).Corner < roundCorner:
				return "", false
			}
		}
		checked = true
	}
	every := true
	for i, c := range out {
		every = every && (!isRound(c) || settled[i])
	}
	return string(out), checked || every
}

// keptAsRival reports whether a look keeps c among glyph i's choices
// above altLimit.
func keptAsRival(lines []ocr.Line, i int, c byte) bool {
	return slices.ContainsFunc(lines, func(l ocr.Line) bool {
		return slices.ContainsFunc(l.Glyphs[i].Choices[1:], func(ch ocr.Choice) bool {
			return ch.Conf > altLimit && upper(ch.Text) == string(c)
		})
	})
}

// roundLetter is the round letter (O, Q, D) the looks keep most surely
// among glyph i's choices, at any confidence, if it is drawn with the
// corner it has: a D square, an O or Q round.
func roundLetter(lines []ocr.Line, i int) (byte, bool) {
	var (
		found byte
		best  = -1.0
	)
	for _, l := range lines {
		for _, c := range l.Glyphs[i].Choices {
			u := upper(c.Text)
			if len(u) != 1 || !isRound(u[0]) || u[0] == '0' {
				continue
			}
			switch {
			case c.Conf > best:
				found, best = u[0], c.Conf
			case c.Conf == best && u[0] != found:
				found = 0 // two letters as sure: neither
			}
		}
	}
	if found == 0 {
		return 0, false
	}
	for _, l := range lines {
		if l.Crop == nil || len(l.Inks) != len(l.Glyphs) {
			continue
		}
		if square := ocr.ShapeOf(l.Crop, l.Inks[i]).Corner <= squareCorner; square != (found == 'D') {
			return 0, false
		}
	}
	return found, true
}

// pageVerdict is whether glyph i of the ID is drawn as the page's 0
// (pageSays) in the looks that split into the ID's glyphs rightly
// (splitRight): ok when one look at least can tell and none says
// otherwise.
func pageVerdict(page map[byte][]drawn, id []byte, i int, lines []ocr.Line) (is, ok bool) {
	for _, l := range lines {
		if l.Crop == nil || len(l.Inks) != len(id) || !inkIsGlyph(l, i) || !splitRight(page, id, l) {
			continue
		}
		v, known := pageSays(page, '0', l.Crop, l.Inks[i])
		if !known {
			continue
		}
		if ok && v != is {
			return false, false
		}
		is, ok = v, true
	}
	return is, ok
}

// narrowZero and wideRound bound a 0's and an O's width, in the ID's
// digits' median width: a gap on each side of both faces' figures above,
// where a glyph is neither.
const (
	narrowZero = 1.12
	wideRound  = 1.18
)

// squareCorner and roundCorner bound a D's and a 0's top-left corner
// (ocr.Shape.Corner, in the glyph's widths): square, and a curve.
const (
	squareCorner = 0.1
	roundCorner  = 0.12
)

func upper(s string) string { return strings.ToUpper(s) }

// glyphRead is the character g was read as, in capitals.
func glyphRead(g ocr.Glyph) string {
	if len(g.Choices) == 0 {
		return ""
	}
	return upper(g.Choices[0].Text)
}

func isAlnum(s string) bool {
	return len(s) == 1 && (s[0] >= '0' && s[0] <= '9' || s[0] >= 'A' && s[0] <= 'Z')
}

// closerAmount is what an amount's crop, read again, may be. A sign read
// before the number settles it, as in the first reading (a model that
// knows ₹ reads it). Else the number's first glyph decides, when it is a
// digit:
//   - read with no rival among its choices (none above altLimit): a digit,
//     the number is itself. Where a sign was there, Tesseract took it in
//     with the digit (the glyph's box is two digits wide) or dropped it.
//   - read with rivals above signRival (5, b, G, %, $ for ৳, which no
//     English model knows) and no wider than a digit and a half: the sign
//     read as a digit, the number is the rest.
//   - on a rupee receipt, read with such rivals (¥, %, €, * for ₹, most
//     in a sans-serif face) and at least 1.7 digits wide: ₹ and the digit
//     taken in as one glyph, the sign's readings its rivals; the digit is
//     the number's, which is itself. Seen on every such ₹ in both tuning
//     halves, never for ৳ there, and on the frozen halves a taka receipt's
//     amount was lost to it: so for ₹ only.
//
// Anything else keeps both readings.
func closerAmount(l ocr.Line, rupee bool) []paykassma.Amount {
	f := strings.Fields(l.Text)
	if len(f) == 0 {
		return nil
	}
	// The crop may take in the end of the label: the last one or two
	// words are the sign and the number.
	line := f[len(f)-1]
	if len(f) > 1 && len([]rune(f[len(f)-2])) <= 2 {
		line = f[len(f)-2] + " " + line
	}
	m := headline.FindStringSubmatch(line)
	if m == nil || strings.ContainsAny(m[1], "0123456789") {
		return nil
	}
	set := amountReadings(m[1], m[2], !rupee)
	if len(set) != 2 {
		return set
	}
	num := m[2]
	first := len(l.Glyphs) - len(num)
	if first < 0 || glyphText(l.Glyphs[first:]) != num {
		return set
	}
	g := l.Glyphs[first]
	rival := 0.0
	for _, c := range g.Choices[1:] {
		rival = max(rival, c.Conf)
	}
	var widths []int
	for i, d := range l.Glyphs[first+1:] {
		if c := num[i+1]; c >= '0' && c <= '9' {
			widths = append(widths, d.Width)
		}
	}
	switch {
	case rival <= altLimit:
		return set[:1]
	case rival >= signRival && len(widths) > 0 && 2*g.Width <= 3*median(widths):
		return set[1:]
	case rupee && rival >= signRival && len(widths) > 0 && 10*g.Width >= 17*median(widths):
		return set[:1]
	}
	return set
}

// signRival is how sure Tesseract must be of another reading of an
// amount's first glyph for it to be taken for a currency sign read as a
// digit: every ৳ read as a digit in the tuning halves had a rival above 54
// in the serif face and above 40 in the sans-serif, every digit one glyph
// wide none above 5 (cmd/receipts, BENCHMARKS.md): well inside the gap.
const signRival = 20

func glyphText(gs []ocr.Glyph) string {
	var b strings.Builder
	for _, g := range gs {
		if len(g.Choices) > 0 {
			b.WriteString(g.Choices[0].Text)
		}
	}
	return b.String()
}

func median(v []int) int {
	v = slices.Clone(v)
	slices.Sort(v)
	return v[len(v)/2]
}

// Reader reads a screenshot's text, then, when asked, some of its words
// again closer (ocr.Pool), and an unsure ID once more with another model.
type Reader interface {
	Read(ctx context.Context, img []byte) (ocr.Result, error)
	Reread(ctx context.Context, page []byte, first ocr.Result, asks []ocr.Ask) ([]ocr.Line, ocr.Result, error)
	Second(ctx context.Context, page []byte, first ocr.Result, asks []ocr.Ask) ([]ocr.Line, ocr.Result, error)
}

// ReadScreenshot reads family f's receipt from img (as ocr.Prepare made
// it): the first reading, a closer look at what it left unsure, a second
// opinion on a letters-and-digits ID the closer look did not confirm, then
// Trust. A look failing (busy, timed out, no second model) leaves what was
// read before it; res sums the processes' time and CPU.
func ReadScreenshot(ctx context.Context, rd Reader, f Family, img []byte) (Reading, ocr.Result, error) {
	res, err := rd.Read(ctx, img)
	if err != nil {
		return Reading{}, res, err
	}
	r := ReadReceipt(f, res.Text)
	look := func(read func(context.Context, []byte, ocr.Result, []ocr.Ask) ([]ocr.Line, ocr.Result, error), asks []ocr.Ask) bool {
		lines, again, err := read(ctx, img, res, asks)
		res.Duration += again.Duration
		res.CPU += again.CPU
		res.PeakRSS = max(res.PeakRSS, again.PeakRSS)
		if err == nil {
			r = r.Again(f, lines)
		}
		return err == nil
	}
	if r.idWord != "" {
		r.page = pageDigits(img, res.Words, r.idWord)
	}
	if rule, ok := receiptRules[f]; (!ok || rule.digits) && r.TxID != "" {
		if w := rawWord(splitLines(res.Text), r.TxID); w != "" && !utrDrawnAlike(img, res.Words, w, r.TxID) {
			r.TxID = ""
		}
	}
	if asks := r.Asks(f); len(asks) > 0 && look(rd.Reread, asks) {
		if ask, ok := r.unsureID(f); ok {
			look(rd.Second, []ocr.Ask{ask})
		}
	}
	return r.Trust(f, res.Confidence), res, nil
}

// unsureID is the closer look to ask the second model for: a
// letters-and-digits ID read but not confirmed.
func (r Reading) unsureID(f Family) (ocr.Ask, bool) {
	rule, ok := receiptRules[f]
	if !ok || rule.digits || r.idWord == "" || r.sure {
		return ocr.Ask{}, false
	}
	return ocr.Ask{Word: r.idWord, Heights: idHeights}, true
}
