package ocr

import (
	"image"
	"image/color"
	"testing"
)

func TestInks_GlyphsLeftToRightWithoutSpecksRulesOrNeighbours(t *testing.T) {
	c := image.NewGray(image.Rect(0, 0, 200, 60))
	for i := range c.Pix {
		c.Pix[i] = 250
	}
	fill := func(r image.Rectangle, v uint8) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				c.SetGray(x, y, color.Gray{v})
			}
		}
	}
	fill(image.Rect(70, 15, 100, 45), 10)  // a wide glyph, second from the left
	fill(image.Rect(20, 15, 40, 45), 10)   // a glyph
	fill(image.Rect(45, 40, 50, 47), 10)   // a comma: a speck
	fill(image.Rect(120, 15, 140, 28), 10) // a glyph in two parts, one above the other
	fill(image.Rect(122, 30, 138, 45), 10)
	fill(image.Rect(0, 55, 200, 57), 10)   // the row's border: a rule
	fill(image.Rect(160, 0, 180, 10), 10)  // the row above, cut by the crop
	fill(image.Rect(150, 15, 170, 45), 10) // the last glyph
	got := Inks(c)
	want := []image.Rectangle{image.Rect(20, 15, 40, 45), image.Rect(70, 15, 100, 45), image.Rect(120, 15, 140, 45), image.Rect(150, 15, 170, 45)}
	if len(got) != len(want) {
		t.Fatalf("inks %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("ink %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestSplitInks_TouchingGlyphsSplitWhereTheyTouch(t *testing.T) {
	c := image.NewGray(image.Rect(0, 0, 100, 60))
	for i := range c.Pix {
		c.Pix[i] = 250
	}
	for _, r := range []image.Rectangle{image.Rect(20, 15, 40, 45), image.Rect(42, 15, 62, 45), image.Rect(40, 28, 42, 30), image.Rect(70, 15, 80, 45)} {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				c.SetGray(x, y, color.Gray{10})
			}
		}
	}
	inks := Inks(c)
	if len(inks) != 2 {
		t.Fatalf("inks %v, want the touching pair as one and the narrow glyph", inks)
	}
	got := splitInks(c, inks, 3)
	if len(got) != 3 || got[0].Min.X != 20 || got[0].Max.X < 40 || got[0].Max.X > 42 || got[1].Min.X < 40 || got[1].Max.X != 62 || got[2] != inks[1] {
		t.Errorf("split %v, want 20–40ish, 41ish–62 and the narrow one", got)
	}
	// Asked for more glyphs than can be there: no box wide enough is left.
	if got := splitInks(c, Inks(c), 9); len(got) != 3 {
		t.Errorf("split into %d (%v), want 3 and no more", len(got), got)
	}
}
