package deposit

import (
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/paykassma/checkout/ocr"
)

// A closerCase is one receipt of cmd/receipts' tuning half as the checkout
// read it (testdata/closer): the first reading, the first reading's
// confidence in its ID, and the two closer looks at the ID with the crops
// they were read from.
type closerCase struct {
	Family, Want, First string
	Conf                float64
	Lines               []ocr.Line
	// Page are the page's numbers at about the ID's size (pageDigits),
	// each cut from name.pK.png, where the case has them.
	Page []struct {
		Digits string
		Inks   []image.Rectangle
	}
	page map[byte][]drawn
}

func loadCloser(t *testing.T, name string) closerCase {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "closer", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var c closerCase
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	for i := range c.Lines {
		f, err := os.Open(filepath.Join("testdata", "closer", fmt.Sprintf("%s.%d.png", name, i)))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		c.Lines[i].Crop = img.(*image.Gray)
	}
	var (
		cuts   []ocr.Cut
		digits []string
	)
	for k, p := range c.Page {
		cuts = append(cuts, ocr.Cut{Crop: loadGray(t, fmt.Sprintf("%s.p%d.png", name, k)), Inks: p.Inks})
		digits = append(digits, p.Digits)
	}
	c.page = drawnDigits(cuts, digits)
	return c
}

func loadGray(t *testing.T, name string) *image.Gray {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "closer", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img.(*image.Gray)
}

// read is what the checkout fills in from c.
func (c closerCase) read() string {
	f := Family(c.Family)
	r := ReadReceipt(f, c.First)
	r.page = c.page
	r = r.Again(f, c.Lines)
	return r.Trust(f, func(string) float64 { return c.Conf }).TxID
}

func TestAgain_AGlyphBetweenTwoReadingsIsSettledByItsShape(t *testing.T) {
	for _, tc := range []struct{ name, why string }{
		{"nagad-EF-rival", "F read three times, E its rival (30, 45) in both looks: no bottom bar"},
		{"nagad-EF-looks-differ", "E read first and in one look, F in the other: no bottom bar"},
		{"bkash-9S", "S read first and in one look (9 its rival), 9 in the other: one counter"},
		{"nagad-5S", "5 read first and in one look, S in the other: a square top-left corner"},
		{"nagad-0O", "0 read three times, O its rival (64, 32): as wide as an O, half again a digit's width"},
		{"bkash-1I", "1 read first, I in both looks (1 its rival at 77, 26; l too): serifs both ways"},
		{"nagad-9-among-six", "9 and S read, S, I, J, 3, O rivals: one counter, high (9, not O)"},
	} {
		c := loadCloser(t, tc.name)
		if got := c.read(); got != c.Want {
			t.Errorf("%s (%s): ID %q, want %q", tc.name, tc.why, got, c.Want)
		}
		// Without the crops the glyph stays unsettled and nothing is filled.
		for i := range c.Lines {
			c.Lines[i].Crop = nil
		}
		if got := c.read(); got != "" {
			t.Errorf("%s without its crops: ID %q filled", tc.name, got)
		}
	}
}

func TestAgain_ShapesDoNotFillWhatTheyCannotSettle(t *testing.T) {
	for _, tc := range []struct{ name, why string }{
		{"bkash-O-read-0", "D4RH7KF3OA read D4RH7KF30A by all, no rival: the O's width still stops it"},
		{"nagad-split-wrongly", "7NSKADFO: the crops split into 8 inks that are not the glyphs read"},
		{"nagad-I-three-choices", "4IVCCBQU: the I's rivals are 1 and T, three characters no counter tells apart"},
	} {
		c := loadCloser(t, tc.name)
		if got := c.read(); got != "" {
			t.Errorf("%s (%s): ID %q filled", tc.name, tc.why, got)
		}
	}
}

func TestAgain_TheInkMeasuredMustBeTheGlyphRead(t *testing.T) {
	// Tesseract's boxes moved off the glyphs (a crop split wrongly): the
	// F's ink is no longer within its box, nothing is settled.
	c := loadCloser(t, "nagad-EF-rival")
	for i := range c.Lines {
		g := &c.Lines[i].Glyphs[len(c.Want)-1]
		g.Left += 2 * g.Width
	}
	if got := c.read(); got != "" {
		t.Errorf("ink outside the glyph's box: ID %q filled", got)
	}
}

func TestAgain_ADIsToldFromAZeroByItsSquareCorner(t *testing.T) {
	// bKash "MVDBFH2236" in Noto Sans: read alike by all, no rival, but the
	// D is only 1.14 of the digits' width in one look, as narrow as a 0
	// could be. Its square top-left corner says D.
	c := loadCloser(t, "bkash-D-sans")
	if got := c.read(); got != c.Want {
		t.Fatalf("ID %q, want %q", got, c.Want)
	}
	// The D's top-left corner rounded off, as a 0's is: nothing filled.
	const d = 2
	for _, l := range c.Lines {
		box := l.Inks[d]
		for y := box.Min.Y; y < box.Min.Y+box.Dy()/5; y++ {
			for x := box.Min.X; x < box.Min.X+box.Dx()/3; x++ {
				l.Crop.SetGray(x, y, color.Gray{Y: 255})
			}
		}
	}
	if got := c.read(); got != "" {
		t.Errorf("a D with a round corner: ID %q filled", got)
	}
}

// drawOne draws, in a white crop, a stroke glyph at box b: a stem as wide
// as a fifth of b, centred, and a flag reaching from its top to b's left.
func drawOne(c *image.Gray, b image.Rectangle, flag bool) {
	stem := b.Dx() / 5
	x0 := b.Min.X + (b.Dx()-stem)/2
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := x0; x < x0+stem; x++ {
			c.SetGray(x, y, color.Gray{Y: 20})
		}
		if flag && y < b.Min.Y+b.Dy()/5 {
			for x := b.Min.X + (y-b.Min.Y)*2; x < x0; x++ {
				c.SetGray(x, y, color.Gray{Y: 20})
			}
		}
	}
}

func TestAgain_A1MustHaveItsFlagAndAnINone(t *testing.T) {
	// Liberation Sans draws I as a plain bar; Tesseract read bKash
	// "0NLDJ55I4Z"'s I as 1 in every reading, no rival kept, and the
	// ID was filled wrong. Here the last glyph, read 1 in both looks.
	const id = "TBRFVEF3C1"
	r := ReadReceipt(Bkash, "Amount 2,524\nTrxID "+id)
	unsure := func(string) float64 { return 80 }
	look := func(flag bool) ocr.Line {
		inks := widths(22, 22, 22, 20, 22, 22, 20, 21, 22, 22)
		crop := image.NewGray(image.Rect(0, -10, inks[9].Max.X+10, 50))
		for i := range crop.Pix {
			crop.Pix[i] = 250
		}
		drawOne(crop, inks[9], flag)
		l := ocr.Line{Word: id, Text: id, Glyphs: glyphs(id, 22), Inks: inks, Crop: crop}
		for i := range l.Glyphs {
			l.Glyphs[i].Left = inks[i].Min.X
		}
		return l
	}
	one := look(true)
	if got := r.Again(Bkash, []ocr.Line{one, one}).Trust(Bkash, unsure); got.TxID != id {
		t.Errorf("a 1 with its flag: ID %q, want %s", got.TxID, id)
	}
	bar := look(false)
	if got := r.Again(Bkash, []ocr.Line{bar, bar}).Trust(Bkash, unsure); got.TxID != "" {
		t.Errorf("a plain bar read 1: ID %q filled", got.TxID)
	}
	// An I drawn with a 1's flag (a J's hook, as Tesseract took it) is no I.
	const withI = "TBRFVEF3CI"
	r = ReadReceipt(Bkash, "Amount 2,524\nTrxID "+withI)
	flagged := look(true)
	flagged.Word, flagged.Text, flagged.Glyphs[9].Choices[0].Text = withI, withI, "I"
	if got := r.Again(Bkash, []ocr.Line{flagged, flagged}).Trust(Bkash, unsure); got.TxID != "" {
		t.Errorf("an I with a flag: ID %q filled", got.TxID)
	}
}
