package ocr

import (
	"bytes"
	"image"
	"image/png"
	"testing"
)

// ring draws a ring glyph (an O or a 0) w wide and h high at x0 on a
// white crop, its strokes t thick.
func ring(c *image.Gray, x0, y0, w, h, t int) image.Rectangle {
	for y := y0; y < y0+h; y++ {
		for x := x0; x < x0+w; x++ {
			if x < x0+t || x >= x0+w-t || y < y0+t || y >= y0+h-t {
				c.Pix[y*c.Stride+x] = 20
			}
		}
	}
	return image.Rect(x0, y0, x0+w, y0+h)
}

func white(w, h int) *image.Gray {
	c := image.NewGray(image.Rect(0, 0, w, h))
	for i := range c.Pix {
		c.Pix[i] = 250
	}
	return c
}

func TestUnlike_TellsAWiderRoundGlyphFromTheSameDrawnSmaller(t *testing.T) {
	c := white(200, 60)
	zero := ring(c, 10, 10, 22, 36, 5)
	// The same 0, drawn at another size in another word: alike.
	d := white(200, 80)
	bigger := ring(d, 10, 10, 29, 48, 7)
	// An O: as high, a third wider.
	o := ring(c, 60, 10, 30, 36, 5)
	if u := Unlike(c, zero, c, zero); u != 0 {
		t.Errorf("a glyph against itself: %.3f, want 0", u)
	}
	same, wider := Unlike(c, zero, d, bigger), Unlike(c, zero, c, o)
	if same > 0.22 || wider < 0.33 {
		t.Errorf("the same 0 larger %.3f (want ≤ 0.22), an O %.3f (want ≥ 0.33)", same, wider)
	}
	// A box shifted by a pixel (JPEG's noise at an edge) changes little.
	if u := Unlike(c, zero, c, zero.Add(image.Pt(1, 0))); u > 0.15 {
		t.Errorf("box a pixel off: %.3f", u)
	}
}

func TestCutWords_EnlargesEachWordAndSplitsItsGlyphs(t *testing.T) {
	c := white(120, 40)
	ring(c, 10, 12, 8, 14, 2)
	ring(c, 21, 12, 8, 14, 2)
	var b bytes.Buffer
	if err := png.Encode(&b, c); err != nil {
		t.Fatal(err)
	}
	cuts, err := CutWords(b.Bytes(), []image.Rectangle{image.Rect(10, 12, 29, 26)}, 40, []int{2})
	if err != nil {
		t.Fatal(err)
	}
	if got := cuts[0].Crop.Bounds().Dy(); got < 40 {
		t.Errorf("cut %d high, want the word 40 high and its margin", got)
	}
	if len(cuts[0].Inks) != 2 {
		t.Fatalf("inks %v, want two glyphs", cuts[0].Inks)
	}
	if _, err := CutWords([]byte("not a png"), nil, 40, nil); err != ErrNotImage {
		t.Errorf("not an image: %v", err)
	}
}
