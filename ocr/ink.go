package ocr

import (
	"image"
	"slices"
)

// Inks are the boxes of the glyphs drawn in c (a word's crop, dark on
// light), left to right, from the pixels themselves rather than
// Tesseract's own boxes (where the model "saw" each glyph, often far off):
// the parts darker than halfway from the darkest pixel to Otsu's
// threshold (bold glyphs blurred by JPEG touch at Otsu's), 8-connected; parts that overlap across x are
// one glyph; parts touching the crop's top or bottom (the neighbouring
// rows'), rules (a row's border) and specks (less than half the tallest
// glyph's height: commas, JPEG's noise) are left out. Glyphs that still
// touch come as one: the caller compares the count with what was read.
func Inks(c *image.Gray) []image.Rectangle {
	b := c.Bounds()
	w, h := b.Dx(), b.Dy()
	if w == 0 || h == 0 {
		return nil
	}
	t := darkest(c)/2 + otsu(c)/2
	label := make([]int32, w*h)
	var parts []image.Rectangle
	stack := make([]int, 0, 256)
	for i := range label {
		x, y := i%w, i/w
		if label[i] != 0 || c.Pix[y*c.Stride+x] > t {
			continue
		}
		n := int32(len(parts) + 1)
		r := image.Rect(x, y, x+1, y+1)
		label[i] = n
		stack = append(stack[:0], i)
		for len(stack) > 0 {
			j := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			jx, jy := j%w, j/w
			r = r.Union(image.Rect(jx, jy, jx+1, jy+1))
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					nx, ny := jx+dx, jy+dy
					if nx < 0 || ny < 0 || nx >= w || ny >= h {
						continue
					}
					k := ny*w + nx
					if label[k] == 0 && c.Pix[ny*c.Stride+nx] <= t {
						label[k] = n
						stack = append(stack, k)
					}
				}
			}
		}
		parts = append(parts, r)
	}
	parts = slices.DeleteFunc(parts, func(r image.Rectangle) bool {
		return r.Min.Y == 0 || r.Max.Y == h || r.Dx() > 3*r.Dy()
	})
	slices.SortFunc(parts, func(a, b image.Rectangle) int { return a.Min.X - b.Min.X })
	var out []image.Rectangle
	for _, r := range parts {
		if n := len(out); n > 0 {
			last := out[n-1]
			if overlap := min(last.Max.X, r.Max.X) - r.Min.X; 2*overlap > min(last.Dx(), r.Dx()) {
				out[n-1] = last.Union(r)
				continue
			}
		}
		out = append(out, r)
	}
	tallest := 0
	for _, r := range out {
		tallest = max(tallest, r.Dy())
	}
	return slices.DeleteFunc(out, func(r image.Rectangle) bool { return 2*r.Dy() < tallest })
}

// otsu is the grey level that best splits c's pixels into dark and light.
func otsu(c *image.Gray) uint8 {
	var hist [256]int
	b := c.Bounds()
	for y := 0; y < b.Dy(); y++ {
		for _, v := range c.Pix[y*c.Stride : y*c.Stride+b.Dx()] {
			hist[v]++
		}
	}
	total := b.Dx() * b.Dy()
	var sum float64
	for v, n := range hist {
		sum += float64(v * n)
	}
	var (
		sumDark, nDark float64
		best           float64
		t              uint8
	)
	for v, n := range hist {
		nDark += float64(n)
		if nDark == 0 {
			continue
		}
		nLight := float64(total) - nDark
		if nLight == 0 {
			break
		}
		sumDark += float64(v * n)
		d := sumDark/nDark - (sum-sumDark)/nLight
		if between := nDark * nLight * d * d; between > best {
			best, t = between, uint8(v)
		}
	}
	return t
}

// darkest is c's darkest grey level.
func darkest(c *image.Gray) uint8 {
	d := uint8(255)
	b := c.Bounds()
	for y := 0; y < b.Dy(); y++ {
		for _, v := range c.Pix[y*c.Stride : y*c.Stride+b.Dx()] {
			d = min(d, v)
		}
	}
	return d
}

// splitInks splits touching glyphs of c until there are n (the glyphs
// Tesseract read in the crop), each time the widest for its height at its
// faintest column in its middle half, where two glyphs touch. It stops
// short when no box is wide enough to hold two glyphs (wider than 0.7 of
// its height); the caller then sees a count that does not match.
func splitInks(c *image.Gray, inks []image.Rectangle, n int) []image.Rectangle {
	if len(inks) == 0 {
		return inks
	}
	inks = slices.Clone(inks)
	t := darkest(c)/2 + otsu(c)/2
	for len(inks) < n {
		wi, ratio := -1, 0.7
		for i, r := range inks {
			if q := float64(r.Dx()) / float64(r.Dy()); q > ratio {
				wi, ratio = i, q
			}
		}
		if wi < 0 {
			break
		}
		r := inks[wi]
		cut, least := -1, r.Dy()+1
		for x := r.Min.X + r.Dx()/4; x < r.Max.X-r.Dx()/4; x++ {
			ink := 0
			for y := r.Min.Y; y < r.Max.Y; y++ {
				if c.Pix[(y-c.Rect.Min.Y)*c.Stride+x-c.Rect.Min.X] <= t {
					ink++
				}
			}
			if ink < least {
				cut, least = x, ink
			}
		}
		if cut < 0 {
			break
		}
		left, right := r, r
		left.Max.X, right.Min.X = cut, cut+1
		inks = slices.Insert(slices.Delete(inks, wi, wi+1), wi, left, right)
	}
	return inks
}
