package deposit

import (
	"image"
	"strings"

	"github.com/paykassma/checkout/ocr"
)

// A receipt draws its details in one typeface, so the digits of its
// account number, date and fees show how this app draws each digit,
// whatever its face (ocr.Unlike). A glyph of the ID that the readings
// leave between 0 and a round letter is a 0 when it is drawn as the
// page's own zeros and a letter when it is drawn clearly otherwise.

// drawn is one glyph of the page, its ink box in its word's cut.
type drawn struct {
	crop *image.Gray
	box  image.Rectangle
}

// pageHeight is the height the page's digits are cut at: idHeights' first.
const pageHeight = 40

// pageDigits are the digits drawn in the first reading's words that are
// numbers (the account, the date, a fee) at about the ID word's height,
// each word's glyphs split off as many as its digits; nil when the page
// has none or cannot be cut.
func pageDigits(page []byte, words []ocr.Word, idWord string) map[byte][]drawn {
	var idBox image.Rectangle
	for _, w := range words {
		if w.Text == idWord {
			idBox = w.Box
			break
		}
	}
	if idBox.Empty() {
		return nil
	}
	var (
		boxes  []image.Rectangle
		ns     []int
		digits []string
	)
	for _, w := range words {
		d, ok := numberDigits(w.Text)
		if !ok || w.Text == idWord || w.Conf < pageConf {
			continue
		}
		// A number of another size (the headline amount) may be drawn
		// bolder.
		if h := float64(w.Box.Dy()) / float64(idBox.Dy()); h < 0.8 || h > 1.25 {
			continue
		}
		boxes, ns, digits = append(boxes, w.Box), append(ns, len(d)), append(digits, d)
	}
	if len(boxes) == 0 {
		return nil
	}
	cuts, err := ocr.CutWords(page, boxes, pageHeight, ns)
	if err != nil {
		return nil
	}
	return drawnDigits(cuts, digits)
}

// drawnDigits are the glyphs of numbers' cuts by digit; a cut whose ink
// split into another count than its digits is left out, since which ink
// is which digit is then unknown.
func drawnDigits(cuts []ocr.Cut, digits []string) map[byte][]drawn {
	out := map[byte][]drawn{}
	for i, c := range cuts {
		if len(c.Inks) != len(digits[i]) {
			continue
		}
		for k := range digits[i] {
			out[digits[i][k]] = append(out[digits[i][k]], drawn{c.Crop, c.Inks[k]})
		}
	}
	return out
}

// pageConf is the least confidence a number's word needs for its digits
// to stand for the page's: one misread would teach a wrong drawing.
const pageConf = 90

// numberDigits are the digits of a word that is a number ("01712345678",
// "0.00", "2026,", "1:40"), whose other marks Inks leaves out as specks.
func numberDigits(w string) (string, bool) {
	var b strings.Builder
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r != '.' && r != ',' && r != ':':
			return "", false
		}
	}
	return b.String(), b.Len() >= 2
}

// pageSays is whether glyph box of crop is the page's digit d (true) or
// clearly not (false); decided is false when the page has no d or the
// glyph is neither clearly.
func pageSays(page map[byte][]drawn, d byte, crop *image.Gray, box image.Rectangle) (is, decided bool) {
	refs := page[d]
	if len(refs) == 0 || crop == nil {
		return false, false
	}
	u := 1.0
	for _, r := range refs {
		u = min(u, ocr.Unlike(crop, box, r.crop, r.box))
	}
	switch {
	case u <= alikeMax:
		return true, true
	case u >= unlikeMin:
		return false, true
	}
	return false, false
}

// alikeMax and unlikeMin bound how unlike (ocr.Unlike) the page's 0 a 0
// of the ID is, and an O, Q or D. In the tuning halves, against the
// nearest of the page's zeros: a 0 at 0.10–0.18 in the sans-serif face,
// 0.11–0.29 in the serif; O, Q, D at 0.25–0.54 in the sans (D nearest),
// 0.45–0.86 in the serif. Between them a glyph is left to its width.
const (
	alikeMax  = 0.22
	unlikeMin = 0.33
)
