package ocr

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"strings"
)

// A receipt draws all its details in one typeface: the digits of its
// account number, date and fees are drawn exactly as the same digits in
// the transaction ID. Those words, read for sure as digits, show how this
// app draws each digit, whatever its face; a glyph of the ID that
// Tesseract leaves between a digit and the letter drawn like it (0 and O,
// 5 and S, 8 and B) is then that digit when it is drawn as the page's own,
// and the letter when it is drawn otherwise.

// Cut is a word of the first reading cut out of the page and enlarged to
// height pixels, as Reread cuts it, with its glyphs' ink boxes (Inks),
// touching ones split until there are n.
type Cut struct {
	Crop *image.Gray
	Inks []image.Rectangle
}

// CutWords cuts each box out of page (Prepare's bytes) at height pixels,
// splitting its ink into as many glyphs as ns says.
func CutWords(page []byte, boxes []image.Rectangle, height int, ns []int) ([]Cut, error) {
	img, err := png.Decode(bytes.NewReader(page))
	if err != nil {
		return nil, ErrNotImage
	}
	src := toGray(img)
	out := make([]Cut, len(boxes))
	for i, b := range boxes {
		c := cutOne(src, b, height)
		out[i] = Cut{Crop: c, Inks: splitInks(c, Inks(c), ns[i])}
	}
	return out, nil
}

// cutOne is box b of src with Reread's margin, enlarged so b is height
// pixels high.
func cutOne(src *image.Gray, b image.Rectangle, height int) *image.Gray {
	m := max(2, b.Dy()/3)
	r := image.Rect(b.Min.X-m, b.Min.Y-m, b.Max.X+m, b.Max.Y+m).Intersect(src.Bounds())
	if r.Empty() {
		r = image.Rect(0, 0, 1, 1)
	}
	return enlarge(src, r, float64(height)/float64(max(1, b.Dy())))
}

// NumberDigits are the digits of a word that is a number ("01712345678",
// "0.00", "2026,", "1:40"): its other marks are specks Inks leaves out, so
// its ink splits into as many glyphs as it has digits.
func NumberDigits(w string) (string, bool) {
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

// unlikeRows is the height glyphs are compared at.
const unlikeRows = 32

// Unlike is how differently two glyphs are drawn, 0 (alike) to 1: each
// glyph's ink, scaled to one height keeping its width, centred on the
// other, as the share of their joint ink where they differ. A glyph
// narrower or wider than the other (a 0 against an O) differs at its
// sides as well as in its shape.
func Unlike(a *image.Gray, ra image.Rectangle, b *image.Gray, rb image.Rectangle) float64 {
	ga, wa := inkGrid(a, ra)
	gb, wb := inkGrid(b, rb)
	if wa == 0 || wb == 0 {
		return 1
	}
	best := 1.0
	// Where each glyph's box starts depends on a pixel of JPEG's noise:
	// the best of small shifts.
	for dy := -unlikeShift; dy <= unlikeShift; dy++ {
		for dx := -unlikeShift; dx <= unlikeShift; dx++ {
			best = min(best, unlikeAt(ga, wa, gb, wb, dx, dy))
		}
	}
	return best
}

// unlikeShift is the most, in grid cells, one glyph is moved against the
// other.
const unlikeShift = 2

// unlikeAt is Unlike for grids ga (wa wide) and gb centred on each other,
// gb moved by dx, dy cells.
func unlikeAt(ga []float64, wa int, gb []float64, wb int, dx, dy int) float64 {
	w := max(wa, wb) + 2*unlikeShift
	oa, ob := (w-wa)/2, (w-wb)/2+dx
	var diff, union float64
	for y := -unlikeShift; y < unlikeRows+unlikeShift; y++ {
		for x := range w {
			var va, vb float64
			if x >= oa && x < oa+wa && y >= 0 && y < unlikeRows {
				va = ga[y*wa+x-oa]
			}
			if yb := y - dy; x >= ob && x < ob+wb && yb >= 0 && yb < unlikeRows {
				vb = gb[yb*wb+x-ob]
			}
			diff += math.Abs(va - vb)
			union += max(va, vb)
		}
	}
	if union == 0 {
		return 1
	}
	return diff / union
}

// inkGrid is the glyph in r of c as ink shares (0–1) on a grid
// unlikeRows high and as wide as its proportions say, by area.
func inkGrid(c *image.Gray, r image.Rectangle) ([]float64, int) {
	r = r.Intersect(c.Bounds())
	if r.Dx() < 1 || r.Dy() < 2 {
		return nil, 0
	}
	t := darkest(c)/2 + otsu(c)/2
	k := float64(unlikeRows) / float64(r.Dy())
	w := max(1, int(float64(r.Dx())*k+0.5))
	grid := make([]float64, unlikeRows*w)
	// Each cell takes the pixels it covers, at least one.
	span := func(i, n, size int) (int, int) {
		lo := i * size / n
		return lo, max(lo+1, (i+1)*size/n)
	}
	for gy := range unlikeRows {
		y0, y1 := span(gy, unlikeRows, r.Dy())
		for gx := range w {
			x0, x1 := span(gx, w, r.Dx())
			ink, all := 0, 0
			for y := y0; y < y1; y++ {
				for x := x0; x < x1; x++ {
					all++
					if c.Pix[(r.Min.Y+y-c.Rect.Min.Y)*c.Stride+r.Min.X+x-c.Rect.Min.X] <= t {
						ink++
					}
				}
			}
			grid[gy*w+gx] = float64(ink) / float64(all)
		}
	}
	return grid, w
}
