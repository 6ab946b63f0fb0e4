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
