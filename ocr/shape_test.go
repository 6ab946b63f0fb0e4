package ocr

import (
	"image"
	"image/color"
	"testing"
)

// glyph paints a 30×50 glyph from rectangles (x0, y0, x1, y1 inside it)
// on a light crop, and gives the crop and the glyph's box.
func glyph(parts ...[4]int) (*image.Gray, image.Rectangle) {
	c := image.NewGray(image.Rect(0, 0, 50, 70))
	for i := range c.Pix {
		c.Pix[i] = 250
	}
	for _, p := range parts {
		for y := p[1]; y < p[3]; y++ {
			for x := p[0]; x < p[2]; x++ {
				c.SetGray(10+x, 10+y, color.Gray{10})
			}
		}
	}
	return c, image.Rect(10, 10, 40, 60)
}

func TestShapeOf_WhatTellsTheConfusedPairsApart(t *testing.T) {
	stem := [4]int{0, 0, 8, 50}
	top, mid, bottom := [4]int{0, 0, 30, 7}, [4]int{0, 22, 24, 28}, [4]int{0, 43, 30, 50}
	e, eBox := glyph(stem, top, mid, bottom)
	f, fBox := glyph(stem, top, mid, [4]int{0, 43, 14, 50}) // a foot serif, no bar
	if got := ShapeOf(e, eBox); got.BottomRight < 0.9 || len(got.Holes) != 0 {
		t.Errorf("E: %+v, want its bottom bar out to the right and no counter", got)
	}
	if got := ShapeOf(f, fBox); got.BottomRight > 0.7 {
		t.Errorf("F: %+v, want its foot short of the right", got)
	}

	// 8: two rings; 9: a ring above a stroke down the right.
	eight, box := glyph(top, [4]int{0, 0, 7, 50}, [4]int{23, 0, 30, 50}, mid, bottom)
	if got := ShapeOf(eight, box); len(got.Holes) != 2 || got.Holes[0] > 0.4 || got.Holes[1] < 0.6 {
		t.Errorf("8: counters %v, want one high and one low", got.Holes)
	}
	nine, box := glyph(top, [4]int{0, 0, 7, 28}, [4]int{23, 0, 30, 50}, mid, bottom)
	if got := ShapeOf(nine, box); len(got.Holes) != 1 || got.Holes[0] > 0.4 {
		t.Errorf("9: counters %v, want one, high", got.Holes)
	}

	// 1: a flag to the left at the top; I: serifs both ways.
	one, box := glyph([4]int{11, 0, 19, 50}, [4]int{3, 4, 11, 10}, [4]int{5, 45, 25, 50})
	if got := ShapeOf(one, box); got.TopRight > 0.1 || got.TopLeft < 0.45 {
		t.Errorf("1: %+v, want ink left of the stem at the top, none right", got)
	}
	eye, box := glyph([4]int{11, 0, 19, 50}, [4]int{5, 0, 25, 5}, [4]int{5, 45, 25, 50})
	if got := ShapeOf(eye, box); got.TopRight < 0.25 || got.TopLeft < 0.25 {
		t.Errorf("I: %+v, want serifs both ways", got)
	}

	// 5: the bar starts at the stem's corner; S: its top starts inside,
	// its back bulges below.
	five, box := glyph(top, [4]int{0, 0, 7, 25}, mid, [4]int{23, 22, 30, 50}, bottom)
	s, sBox := glyph([4]int{8, 0, 30, 7}, [4]int{0, 5, 7, 25}, mid, [4]int{23, 22, 30, 50}, bottom)
	if got := ShapeOf(five, box); got.Corner > 0.05 {
		t.Errorf("5: corner %.2f, want about 0", got.Corner)
	}
	if got := ShapeOf(s, sBox); got.Corner < 0.1 {
		t.Errorf("S: corner %.2f, want 0.1 or more", got.Corner)
	}
}
