package deposit

import (
	"image"
	"slices"

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
	idBox, boxes, digits := pageNumbers(words, idWord)
	if idBox.Empty() || len(boxes) == 0 {
		return nil
	}
	cuts, err := ocr.CutWords(page, boxes, pageHeight, counts(digits))
	if err != nil {
		return nil
	}
	return drawnDigits(cuts, digits)
}

// pageNumbers are the boxes and digits of the words of a first reading
// that are numbers at about the height of the word anchor (whose box is
// given first), anchor itself left out.
func pageNumbers(words []ocr.Word, anchor string) (image.Rectangle, []image.Rectangle, []string) {
	var at image.Rectangle
	for _, w := range words {
		if w.Text == anchor {
			at = w.Box
			break
		}
	}
	if at.Empty() {
		return at, nil, nil
	}
	var (
		boxes  []image.Rectangle
		digits []string
	)
	for _, w := range words {
		d, ok := ocr.NumberDigits(w.Text)
		if !ok || w.Text == anchor || w.Conf < pageConf {
			continue
		}
		// A number of another size (the headline amount) may be drawn
		// bolder.
		if h := float64(w.Box.Dy()) / float64(at.Dy()); h < 0.8 || h > 1.25 {
			continue
		}
		boxes, digits = append(boxes, w.Box), append(digits, d)
	}
	return at, boxes, digits
}

func counts(digits []string) []int {
	ns := make([]int, len(digits))
	for i, d := range digits {
		ns[i] = len(d)
	}
	return ns
}

// utrDrawnAlike checks a 12-digit UTR read in one word against how the
// page draws its digits, the UTR's own among them: false when a glyph
// read as one digit is clearly drawn as another (ocr.Unlike at most
// alikeMax from that digit's drawings, at least unlikeMin from every
// drawing of the digit it was read as). Tesseract reads a digit of a UTR
// as another with no doubt it shows (an 8 as 0 in a serif face); a glyph
// that is neither clearly is let be. The verdict needs half the glyphs
// that have a drawing of their digit to be drawn alike it: else the
// word's ink was split in the wrong places.
func utrDrawnAlike(page []byte, words []ocr.Word, word, utr string) bool {
	at, boxes, digits := pageNumbers(words, word)
	if at.Empty() {
		return true
	}
	cuts, err := ocr.CutWords(page, append([]image.Rectangle{at}, boxes...), pageHeight, append([]int{len(utr)}, counts(digits)...))
	if err != nil || len(cuts[0].Inks) != len(utr) {
		return true // which ink is which digit is unknown
	}
	own, onPage := cuts[0], drawnDigits(cuts[1:], digits)
	var misread, known, alike int
	for i := range utr {
		// The page's drawings and the UTR's own, but for the glyph asked.
		refs := make(map[byte][]drawn, len(onPage)+len(utr))
		for d, v := range onPage {
			refs[d] = v
		}
		for k := range utr {
			if k != i {
				refs[utr[k]] = append(slices.Clip(refs[utr[k]]), drawn{own.Crop, own.Inks[k]})
			}
		}
		is, ok := pageSays(refs, utr[i], own.Crop, own.Inks[i])
		if len(refs[utr[i]]) > 0 {
			known++
		}
		if ok && is {
			alike++
		}
		if !ok || is {
			continue
		}
		for d := byte('0'); d <= '9'; d++ {
			if is, ok := pageSays(refs, d, own.Crop, own.Inks[i]); d != utr[i] && ok && is {
				misread++
				break
			}
		}
	}
	// A crop split in the wrong places (touching glyphs) shows few glyphs
	// drawn as their own digit, and whatever it shows says nothing.
	return misread == 0 || 2*alike < known
}

// splitRight reports whether look l's ink was split into the ID's glyphs
// in the right places, as far as the page can tell: half at least of the
// glyphs read as a digit the page draws are drawn alike it. A glyph cut in
// two or taken with its neighbour is unlike every digit, and would pass
// for a letter. A look with no such glyph is taken as split rightly.
func splitRight(page map[byte][]drawn, id []byte, l ocr.Line) bool {
	known, alike := 0, 0
	for i, c := range id {
		if c < '0' || c > '9' || len(page[c]) == 0 {
			continue
		}
		known++
		if is, ok := pageSays(page, c, l.Crop, l.Inks[i]); ok && is {
			alike++
		}
	}
	return 2*alike >= known
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

// alikeMax and unlikeMin bound how unlike (ocr.Unlike) the page's digit a
// glyph drawn as it is, and one drawn otherwise. In the tuning halves
// (cmd/receipts unlike; sans, serif, Liberation Sans), against the nearest
// of the page's drawings: a 0 at 0.10–0.29, O, Q, D at 0.28–0.86 (D
// nearest); an 8 at 0.10–0.26, B at 0.27–0.53; a 4 at 0.09–0.28, A at
// 0.38–0.54. Between the bounds a glyph is left to its other measures.
const (
	alikeMax  = 0.22
	unlikeMin = 0.33
)
