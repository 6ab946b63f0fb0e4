package ocr

import "image"

// Shape is what a glyph's own pixels say about it, for telling apart the
// pairs Tesseract confuses with the other kept among its choices (E/F,
// 1/I, 5/S, 9/S, 8/S). Each measure is a property of the letter or
// digit itself, not of one typeface; positions are fractions of the
// glyph's box (0 left or top, 1 right or bottom).
type Shape struct {
	// Holes are the enclosed counters' vertical centres, top to bottom:
	// 8 and B have two, 9 one high, 6 one low, 5, S, E, F none.
	Holes []float64
	// BottomRight is how far right the ink reaches in the glyph's lowest
	// rows: E's bottom bar runs out to the right, F's foot does not.
	BottomRight float64
	// TopLeft and TopRight are how far the ink of the top quarter reaches
	// beyond the stem (as wide as the stem is in the middle rows), left and
	// right, in stem widths: 1's flag only to the left, I's serifs both ways
	// alike (or neither).
	TopLeft, TopRight float64
	// Corner is how much further right the ink starts in the glyph's top
	// rows than anywhere in its top third, in its widths: 5's top-left is a
	// square corner where stem and bar meet (about 0), S's a curve (0.2).
	Corner float64
}

// ShapeOf measures the glyph in box r of c (an Inks box), dark on light,
// its ink as Inks finds it.
func ShapeOf(c *image.Gray, r image.Rectangle) Shape {
	r = r.Intersect(c.Bounds())
	w, h := r.Dx(), r.Dy()
	var s Shape
	if w < 3 || h < 6 {
		return s
	}
	t := darkest(c)/2 + otsu(c)/2
	ink := make([]bool, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			ink[y*w+x] = c.Pix[(r.Min.Y+y-c.Rect.Min.Y)*c.Stride+r.Min.X+x-c.Rect.Min.X] <= t
		}
	}
	s.Holes = holes(ink, w, h)
	rowSpan := func(y0, y1 int) (lo, hi int) {
		lo, hi = w, -1
		for y := max(0, y0); y < min(h, y1); y++ {
			for x := 0; x < w; x++ {
				if ink[y*w+x] {
					lo, hi = min(lo, x), max(hi, x)
				}
			}
		}
		return lo, hi
	}
	fw := float64(w - 1)
	if _, hi := rowSpan(h-max(2, h/8), h); hi >= 0 {
		s.BottomRight = float64(hi) / fw
	}
	if top, _ := rowSpan(0, max(2, h/16)); top < w {
		third, _ := rowSpan(0, h/3)
		s.Corner = float64(top-third) / float64(w)
	}
	// The stem: where the middle rows' ink starts and ends, on average (for
	// 1 and I, the stem alone).
	s0, s1, n := 0, 0, 0
	for y := 2 * h / 5; y < 3*h/5; y++ {
		a, b := -1, -1
		for x := 0; x < w; x++ {
			if ink[y*w+x] && a < 0 {
				a = x
			}
			if ink[y*w+x] {
				b = x
			}
		}
		if a >= 0 {
			s0, s1, n = s0+a, s1+b, n+1
		}
	}
	if n > 0 {
		a, b := float64(s0)/float64(n), float64(s1)/float64(n)
		sw := max(1, b-a+1)
		if lo, hi := rowSpan(0, h/4); hi >= 0 {
			s.TopLeft, s.TopRight = max(0, a-float64(lo))/sw, max(0, float64(hi)-b)/sw
		}
	}
	return s
}

// holes finds the background regions of a w×h ink mask that do not reach
// its border (4-connected), large enough not to be JPEG's noise, and gives
// their vertical centres as fractions of h.
func holes(ink []bool, w, h int) []float64 {
	seen := make([]bool, w*h)
	var out []float64
	stack := make([]int, 0, 64)
	minArea := max(3, w*h/100)
	for i := range ink {
		if ink[i] || seen[i] {
			continue
		}
		seen[i] = true
		stack = append(stack[:0], i)
		area, sumY, border := 0, 0, false
		for len(stack) > 0 {
			j := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y := j%w, j/w
			area++
			sumY += y
			if x == 0 || y == 0 || x == w-1 || y == h-1 {
				border = true
			}
			for _, k := range [4]int{j - 1, j + 1, j - w, j + w} {
				if k < 0 || k >= w*h || (k == j-1 && x == 0) || (k == j+1 && x == w-1) {
					continue
				}
				if !ink[k] && !seen[k] {
					seen[k] = true
					stack = append(stack, k)
				}
			}
		}
		if !border && area >= minArea {
			out = append(out, (float64(sumY)/float64(area)+0.5)/float64(h))
		}
	}
	return out
}
