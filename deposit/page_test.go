package deposit

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/paykassma/checkout/ocr"
)

func TestAgain_AZeroReadAsAnOIsSetRightByThePagesOwnZeros(t *testing.T) {
	// bKash "UOSGXXE0CL" in Noto Sans: every reading took the 0 for an O
	// (one look kept 0 as a rival at 48), and the ID has no digit 2–9 to
	// measure widths against. The account number's and the date's zeros
	// are drawn as that glyph and unlike the ID's real O.
	c := loadCloser(t, "bkash-0-read-O-page")
	if got := c.read(); got != c.Want {
		t.Fatalf("ID %q, want %q", got, c.Want)
	}
	c.page = nil
	if got := c.read(); got != "" {
		t.Errorf("no numbers on the page: ID %q filled", got)
	}
}

func TestAgain_AnEightIsToldFromBByThePagesOwnEights(t *testing.T) {
	// bKash "T8DEP7LIU0": its 8 read with S and B as rivals. Counters
	// leave 8 or B; the account number's 8s are drawn as it is.
	c := loadCloser(t, "bkash-8B-page")
	if got := c.read(); got != c.Want {
		t.Fatalf("ID %q, want %q", got, c.Want)
	}
	delete(c.page, '8')
	if got := c.read(); got != "" {
		t.Errorf("the page without its 8s: ID %q filled", got)
	}
}

// drawWord draws text's 0s as rings and 1s as flagged strokes, 14 px
// wide and 24 high with 6 px between, from x0 on row y0 of c; its box.
func drawWord(c *image.Gray, x0, y0 int, text string) image.Rectangle {
	x := x0
	for _, r := range text {
		b := image.Rect(x, y0, x+14, y0+24)
		if r == '0' {
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					if x < b.Min.X+3 || x >= b.Max.X-3 || y < b.Min.Y+3 || y >= b.Max.Y-3 {
						c.SetGray(x, y, color.Gray{Y: 20})
					}
				}
			}
		} else {
			drawOne(c, b, true)
		}
		x += 20
	}
	return image.Rect(x0, y0, x-6, y0+24)
}

func TestUTRDrawnAlike_ADigitDrawnAsAnotherRefusesTheUTR(t *testing.T) {
	page := func(drawn string) ([]byte, []ocr.Word) {
		c := image.NewGray(image.Rect(0, 0, 400, 120))
		for i := range c.Pix {
			c.Pix[i] = 250
		}
		utr := drawWord(c, 20, 20, drawn)
		date := drawWord(c, 20, 70, "2010")
		var b bytes.Buffer
		if err := png.Encode(&b, c); err != nil {
			t.Fatal(err)
		}
		// Tesseract's reading: the UTR as 101010101010 whatever is drawn.
		return b.Bytes(), []ocr.Word{{Text: "101010101010", Conf: 95, Box: utr}, {Text: "2010", Conf: 95, Box: date}}
	}
	img, words := page("101010101010")
	if !utrDrawnAlike(img, words, "101010101010", "101010101010") {
		t.Errorf("every glyph drawn as read: refused")
	}
	// The fourth glyph, read 0, is drawn as the page's 1s are.
	img, words = page("101110101010")
	if utrDrawnAlike(img, words, "101010101010", "101010101010") {
		t.Errorf("a 1 read as 0: accepted")
	}
}
