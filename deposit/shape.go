package deposit

import (
	"image"
	"slices"
	"strings"

	"github.com/paykassma/checkout/ocr"
)

// A glyph of a letters-and-digits ID that the readings leave between two
// characters (one reading says E, another F; or every reading says 0 and
// keeps O among its choices) is settled by its drawn shape when the two
// differ in a way every typeface keeps: a counter (8, 9, 6 have one or
// two, S, 5, G none), E's bottom bar (F has none), 1's flag (I's serifs go
// both ways, or it has none), a 0 as narrow as the other digits where O,
// Q, D are wider. Only those two characters are weighed, and every closer
// look whose crop splits into the ID's glyphs must say the same.

// holes are how many closed counters a character has, for those where
// every typeface agrees and the counter is large enough to stay open in a
// small bold glyph; A, P, R and 4 (small or, for 4, open in some
// typefaces) are not counted on.
var holes = map[byte]int{
	'0': 1, '6': 1, '9': 1, '8': 2, 'B': 2, 'D': 1, 'O': 1, 'Q': 1,
	'1': 0, '2': 0, '3': 0, '5': 0, '7': 0, 'C': 0, 'E': 0, 'F': 0, 'G': 0, 'H': 0, 'I': 0, 'J': 0, 'K': 0,
	'L': 0, 'M': 0, 'N': 0, 'S': 0, 'T': 0, 'U': 0, 'V': 0, 'W': 0, 'X': 0, 'Y': 0, 'Z': 0,
}

// byShape settles glyph j of id among the characters cs from the looks'
// pixels; false when no look can tell or two looks disagree.
func byShape(id []byte, j int, cs []byte, looks []ocr.Line, page map[byte][]drawn) (byte, bool) {
	var verdict byte
	for _, l := range looks {
		if l.Crop == nil || len(l.Inks) != len(id) {
			continue
		}
		c, ok := shapeSays(id, j, cs, l, page)
		if !ok || verdict != 0 && c != verdict {
			return 0, false
		}
		verdict = c
	}
	return verdict, verdict != 0
}

// shapeSays is what one look's glyph j says among cs: first its counters,
// when every one of cs has a known count, then the pair that is left.
func shapeSays(id []byte, j int, cs []byte, l ocr.Line, page map[byte][]drawn) (byte, bool) {
	box := l.Inks[j]
	if !inkIsGlyph(l, j) {
		return 0, false
	}
	s := ocr.ShapeOf(l.Crop, box)
	aspect := float64(box.Dx()) / float64(max(1, box.Dy()))
	counted := !slices.ContainsFunc(cs, func(c byte) bool { _, ok := holes[c]; return !ok })
	if counted && aspect >= minHoled {
		cs = slices.DeleteFunc(slices.Clone(cs), func(c byte) bool { return holes[c] != len(s.Holes) })
	}
	if !splitRight(page, id, l) {
		page = nil // the page cannot tell
	}
	if c, ok, decided := pageChooses(cs, page, l.Crop, box, s); decided {
		return c, ok
	}
	switch len(cs) {
	case 1:
		return cs[0], counted && aspect >= minHoled
	case 2:
	default:
		return 0, false
	}
	a, b := min(cs[0], cs[1]), max(cs[0], cs[1])
	switch {
	case isRound(a) && isRound(b) && (a == '0') != (b == '0'):
		return roundSays(id, j, a, b, l.Inks)
	case (a == '6' || a == '9') && isRound(b) && len(s.Holes) == 1:
		// 9's counter is in its upper part, 6's in its lower, a round
		// glyph's in its middle (tuning half: 0.3, 0.7, 0.5).
		switch y := s.Holes[0]; {
		case a == '9' && y < 0.4, a == '6' && y > 0.6:
			return a, true
		case y > 0.45 && y < 0.55:
			return b, true
		}
	case a == 'E' && b == 'F':
		// A glyph split off its neighbour wrongly is narrow and may end in
		// the neighbour's ink: E and F are at least 0.7 as wide as high in
		// the tuning half (0.74–1.0), the wrongly split 0.33–0.61.
		if aspect < minWide {
			return 0, false
		}
		switch {
		case s.BottomRight >= 0.9:
			return 'E', true
		case s.BottomRight <= 0.7:
			return 'F', true
		}
	case a == '1' && b == 'I':
		switch {
		case s.TopRight <= 0.1 && s.TopLeft >= 0.45:
			return '1', true
		case s.TopRight >= 0.25 && s.TopLeft >= 0.25:
			return 'I', true
		}
	case a == '5' && b == 'S':
		if aspect < minHoled {
			return 0, false
		}
		switch {
		case s.Corner <= 0.05:
			return '5', true
		case s.Corner >= 0.1:
			return 'S', true
		}
	}
	return 0, false
}

// inkIsGlyph reports whether the ink measured as glyph j of look l is the
// glyph Tesseract read: its centre within Tesseract's box for it. Where
// the crop split wrongly, the two part ways (and a counter may be cut
// open or two glyphs taken as one).
func inkIsGlyph(l ocr.Line, j int) bool {
	box, g := l.Inks[j], l.Glyphs[j]
	mid := (box.Min.X + box.Max.X) / 2
	return mid >= g.Left && mid < g.Left+g.Width
}

// strokesAgree checks an ID's 1s and Is against their drawn tops, in the
// looks whose crop splits into the ID's glyphs: a 1 has its flag, its top
// reaching left of the stem only; an I has none (a plain bar, or serifs
// both ways). Tesseract reads a plain-bar I as 1 with no rival kept, and
// a J's hook as an I. In the tuning halves of three faces a 1's top
// reached 0.56–1.83 stems left and at most 0.17 right; an I's at most 0.44
// left or at least 0.2 right (a plain bar: 0 and 0); a J misread as I
// measured as a 1 does.
func strokesAgree(id []byte, looks []ocr.Line) bool {
	for _, l := range looks {
		if l.Crop == nil || len(l.Inks) != len(id) {
			continue
		}
		for i, c := range id {
			if c != '1' && c != 'I' || !inkIsGlyph(l, i) {
				continue
			}
			s := ocr.ShapeOf(l.Crop, l.Inks[i])
			flag := s.TopLeft >= 0.45 && s.TopRight <= 0.1
			if c == '1' && (s.TopRight >= 0.25 || s.TopLeft < 0.3) || c == 'I' && flag {
				return false
			}
		}
	}
	return true
}

// pageTwins are the letters drawn like a digit that the page's own
// digits tell from it (pageSays): in both tuning halves every such letter
// was further from the page's digit than unlikeMin and every such digit
// nearer than alikeMax, or between (undecided). 5 and S, 2 and Z, 1 and I
// are not: in one face or the other they are drawn too alike.
var pageTwins = map[byte]string{'0': "OQD", '8': "B", '4': "A"}

// pageChooses settles a glyph between a digit and letters drawn like it
// by the page's own drawing of the digit: the digit when drawn as the
// page's, else the one letter left (a D only with its square corner).
// decided is false when cs is not such a set or the page cannot tell.
func pageChooses(cs []byte, page map[byte][]drawn, crop *image.Gray, box image.Rectangle, s ocr.Shape) (c byte, ok, decided bool) {
	var d byte
	for _, c := range cs {
		if _, twin := pageTwins[c]; twin {
			if d != 0 {
				return 0, false, false
			}
			d = c
		}
	}
	if d == 0 || len(cs) < 2 || slices.ContainsFunc(cs, func(c byte) bool { return c != d && !strings.ContainsRune(pageTwins[d], rune(c)) }) {
		return 0, false, false
	}
	is, known := pageSays(page, d, crop, box)
	switch {
	case !known:
		return 0, false, false
	case is:
		return d, true, true
	}
	letters := slices.DeleteFunc(slices.Clone(cs), func(c byte) bool { return c == d })
	if len(letters) != 1 {
		return 0, false, true
	}
	return letters[0], letters[0] != 'D' || s.Corner <= squareCorner, true
}

// minWide and minHoled are the least width, in heights, of an E or F and
// of a glyph whose counters are counted: narrower, it was split wrongly
// and a counter may be cut open.
const (
	minWide  = 0.7
	minHoled = 0.5
)

func isRound(c byte) bool { return c == '0' || c == 'O' || c == 'Q' || c == 'D' }

// roundSays tells 0 from O, Q or D by width against the ID's digits 2–9
// (see roundShape).
func roundSays(id []byte, j int, a, b byte, inks []image.Rectangle) (byte, bool) {
	var digits []int
	for i, c := range id {
		if i != j && c >= '2' && c <= '9' {
			digits = append(digits, inks[i].Dx())
		}
	}
	if len(digits) == 0 {
		return 0, false
	}
	ratio := float64(inks[j].Dx()) / float64(median(digits))
	letter := a
	if a == '0' {
		letter = b
	}
	switch {
	case ratio <= narrowZero:
		return '0', true
	case ratio >= wideRound:
		return letter, true
	}
	return 0, false
}

// choices are the characters glyph j may be: what the first reading and
// each look read, and each look's rivals above altLimit, in capitals.
func choices(first byte, looks []ocr.Line, j int) []byte {
	out := []byte{first}
	add := func(s string) {
		// A small letter is no ID's character: it stands for its capital
		// only where the two are drawn alike (o, s, z…); l is a stroke.
		if s != upper(s) && !strings.Contains(sameCase, s) {
			return
		}
		if u := upper(s); isAlnum(u) && !slices.Contains(out, u[0]) {
			out = append(out, u[0])
		}
	}
	for _, l := range looks {
		g := l.Glyphs[j]
		for k, c := range g.Choices {
			if k == 0 || c.Conf > altLimit {
				add(c.Text)
			}
		}
	}
	return out
}

// sameCase are the small letters drawn as their capitals, smaller.
const sameCase = "cosuvwxz"
