package ocr

import (
	"bytes"
	"context"
	"html"
	"image"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Ask is a word of a first reading to read again on its own: Word as the
// first reading had it, Left how much of what stands to its left to take
// in, in the word's heights (a currency sign OCR dropped or split off).
type Ask struct {
	Word string
	Left float64
	// Heights are the heights, in pixels, to read it at, each a line of
	// its own; none: rereadHeight.
	Heights []int
}

// Line is one word read again from its own crop (Reread): what it says and,
// glyph by glyph, what else each glyph might be.
type Line struct {
	Word   string // the word of the first reading it is a closer look at
	Text   string
	Glyphs []Glyph
	// Inks are the glyphs drawn in the crop, left to right (Inks), those
	// that touch split until there are as many as Glyphs when they can be.
	Inks []image.Rectangle
	// Crop is the enlarged crop the line was read from, for shape checks
	// on its glyphs.
	Crop *image.Gray
}

// Glyph is one character read again: the LSTM's choices for it, the one
// read first, each with its confidence (0–100).
type Glyph struct {
	Choices []Choice
	Width   int // its box's width as Tesseract placed it, in the enlarged crop's pixels
	Left    int // its box's left edge as Tesseract placed it, in the crop's pixels
}

// Choice is one reading of a glyph.
type Choice struct {
	Text string
	Conf float64
}

// rereadHeight is the height, in pixels, each word is scaled to: about
// twice a receipt's value text as a phone's screenshot shrunk to LongSide
// has it, where Tesseract read the small bold digits and capitals best
// (cmd/receipts, BENCHMARKS.md: three or four times was worse). One height
// for all, since a block of text of one size is read whole where a tall
// headline beside small rows made Tesseract drop the small ones.
const rereadHeight = 44

// Reread takes a closer look at some words of first, read from page (the
// bytes Prepare gave): each occurrence of each asked word is cropped,
// enlarged and put on a line of its own in one image, read in one more
// process with the glyphs' alternatives (lstm_choice_mode). Lines come in
// the order asked, one per occurrence found; a word not found gives none.
// It is bound by the pool's workers and queue like Read, and by what is
// left of the timeout once first took its time: the two readings of one
// screenshot stay within Config.Timeout together.
func (p *Pool) Reread(ctx context.Context, page []byte, first Result, asks []Ask) ([]Line, Result, error) {
	if p == nil {
		return nil, Result{}, ErrOff
	}
	return p.reread(ctx, page, first, asks, []string{"-l", p.rereadLang()})
}

// reread is Reread with the model model says (-l and where it is).
func (p *Pool) reread(ctx context.Context, page []byte, first Result, asks []Ask, model []string) ([]Line, Result, error) {
	var (
		boxes   []image.Rectangle
		heights []int
		words   []string
	)
	for _, a := range asks {
		hs := a.Heights
		if len(hs) == 0 {
			hs = []int{rereadHeight}
		}
		for _, w := range first.Words {
			if w.Text != a.Word {
				continue
			}
			b := w.Box
			b.Min.X -= int(a.Left * float64(b.Dy()))
			for _, h := range hs {
				boxes, heights, words = append(boxes, b), append(heights, h), append(words, a.Word)
			}
		}
	}
	if len(boxes) == 0 {
		return nil, Result{}, nil
	}
	start := time.Now()
	left := p.cfg.Timeout - first.Duration
	if left <= 0 {
		return nil, Result{}, ErrTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, left)
	defer cancel()
	select {
	case p.admit <- struct{}{}:
		defer func() { <-p.admit }()
	default:
		return nil, Result{}, ErrBusy
	}
	img, err := png.Decode(bytes.NewReader(page))
	if err != nil {
		return nil, Result{}, ErrNotImage
	}
	strip, spans, crops := stack(img, boxes, heights)
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, strip); err != nil {
		return nil, Result{}, err
	}
	// hOCR by its variable, not the "hocr" config file, which a model's
	// own folder (Second) does not have.
	args := append(model, "--psm", "6", "-c", "lstm_choice_mode=2", "-c", "hocr_char_boxes=1", "-c", "tessedit_create_hocr=1")
	out, res, err := p.runOne(ctx, start, buf.Bytes(), args)
	if err != nil {
		return nil, res, err
	}
	lines := make([]Line, len(boxes))
	for i := range lines {
		lines[i].Word = words[i]
	}
	for _, hl := range parseHOCR(out) {
		mid := (hl.top + hl.bottom) / 2
		for i, s := range spans {
			if mid >= s[0] && mid < s[1] {
				if lines[i].Text != "" {
					lines[i].Text += " "
				}
				lines[i].Text += hl.text
				for _, g := range hl.glyphs {
					g.Left -= stackPad // the strip's margin
					lines[i].Glyphs = append(lines[i].Glyphs, g)
				}
			}
		}
	}
	for i := range lines {
		lines[i].Inks = splitInks(crops[i], Inks(crops[i]), len(lines[i].Glyphs))
		lines[i].Crop = crops[i]
	}
	res.Text = ""
	for i, l := range lines {
		if i > 0 {
			res.Text += "\n"
		}
		res.Text += l.Text
	}
	return lines, res, nil
}

func (p *Pool) rereadLang() string {
	if p.cfg.RereadLang != "" {
		return p.cfg.RereadLang
	}
	return "eng"
}

// stackPad is the strip's margin around each crop, in pixels.
const stackPad = 16

// stack puts each box of img, with a margin, scaled so the box is as high
// as heights says,
// on a white strip one under the other, a line's height apart; spans are
// the rows each box took.
func stack(img image.Image, boxes []image.Rectangle, heights []int) (*image.Gray, [][2]int, []*image.Gray) {
	const pad = stackPad
	src := toGray(img)
	var crops []*image.Gray
	w, h := 0, pad
	var spans [][2]int
	for i, b := range boxes {
		c := cutOne(src, b, heights[i])
		crops = append(crops, c)
		w = max(w, c.Bounds().Dx())
		spans = append(spans, [2]int{h - pad/2, h + c.Bounds().Dy() + pad/2})
		h += c.Bounds().Dy() + max(pad, c.Bounds().Dy())
	}
	out := image.NewGray(image.Rect(0, 0, w+2*pad, h))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	for i, c := range crops {
		y0 := spans[i][0] + pad/2
		for y := 0; y < c.Bounds().Dy(); y++ {
			copy(out.Pix[(y0+y)*out.Stride+pad:], c.Pix[y*c.Stride:y*c.Stride+c.Bounds().Dx()])
		}
	}
	return out, spans, crops
}

// enlarge scales the r part of g k times, bilinearly: the strokes stay
// smooth where nearest-pixel scaling would make steps Tesseract misreads.
func enlarge(g *image.Gray, r image.Rectangle, k float64) *image.Gray {
	k = min(max(k, 0.5), 4)
	w, h := max(1, int(float64(r.Dx())*k)), max(1, int(float64(r.Dy())*k))
	out := image.NewGray(image.Rect(0, 0, w, h))
	at := func(x, y int) float64 {
		return float64(g.Pix[(r.Min.Y+y-g.Rect.Min.Y)*g.Stride+r.Min.X+x-g.Rect.Min.X])
	}
	for y := 0; y < h; y++ {
		fy := max(0, (float64(y)+0.5)/k-0.5)
		y0 := min(int(fy), r.Dy()-1)
		y1, ty := min(y0+1, r.Dy()-1), fy-float64(y0)
		for x := 0; x < w; x++ {
			fx := max(0, (float64(x)+0.5)/k-0.5)
			x0 := min(int(fx), r.Dx()-1)
			x1, tx := min(x0+1, r.Dx()-1), fx-float64(x0)
			v := (at(x0, y0)*(1-tx)+at(x1, y0)*tx)*(1-ty) + (at(x0, y1)*(1-tx)+at(x1, y1)*tx)*ty
			out.Pix[y*out.Stride+x] = uint8(v + 0.5)
		}
	}
	return out
}

// toGray is img as grey (Prepare's output already is).
func toGray(img image.Image) *image.Gray {
	if g, ok := img.(*image.Gray); ok {
		return g
	}
	b := img.Bounds()
	g := image.NewGray(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g.Set(x, y, img.At(x, y))
		}
	}
	return g
}

// hocrLine is one line of tesseract's hOCR: its vertical extent, its words
// joined by spaces, and its glyphs with their choices.
type hocrLine struct {
	top, bottom int
	text        string
	glyphs      []Glyph
}

// hocrPart is the part of hOCR that Reread needs: lines' boxes (a line
// Tesseract takes for a heading or a caption is one too), words' starts,
// each glyph read (x_conf) and its choices (x_confs).
var hocrPart = regexp.MustCompile(`class='ocr_(?:line|header|caption|textfloat)'[^>]*title="bbox \d+ (\d+) \d+ (\d+)|class='(ocrx_word)'|title='x_bboxes (\d+) \d+ (\d+) \d+; x_conf ([0-9.]+)'>([^<]*)</span>|title='x_confs ([0-9.]+)'>([^<]*)</span>`)

// parseHOCR reads the lines of tesseract's hOCR output made with
// hocr_char_boxes and lstm_choice_mode=2.
func parseHOCR(out string) []hocrLine {
	var (
		lines []hocrLine
		cur   *hocrLine
		word  strings.Builder
		fresh bool // the next choice list belongs to the glyph just read
	)
	endWord := func() {
		if cur != nil && word.Len() > 0 {
			if cur.text != "" {
				cur.text += " "
			}
			cur.text += word.String()
		}
		word.Reset()
	}
	for _, m := range hocrPart.FindAllStringSubmatch(out, -1) {
		switch {
		case m[1] != "":
			endWord()
			top, _ := strconv.Atoi(m[1])
			bottom, _ := strconv.Atoi(m[2])
			lines = append(lines, hocrLine{top: top, bottom: bottom})
			cur = &lines[len(lines)-1]
		case m[3] != "":
			endWord()
		case m[6] != "" && cur != nil:
			c := html.UnescapeString(m[7])
			word.WriteString(c)
			conf, _ := strconv.ParseFloat(m[6], 64)
			x0, _ := strconv.Atoi(m[4])
			x1, _ := strconv.Atoi(m[5])
			cur.glyphs = append(cur.glyphs, Glyph{Choices: []Choice{{Text: c, Conf: conf}}, Width: x1 - x0, Left: x0})
			fresh = true
		case m[8] != "" && cur != nil && len(cur.glyphs) > 0:
			g := &cur.glyphs[len(cur.glyphs)-1]
			c := html.UnescapeString(m[9])
			conf, _ := strconv.ParseFloat(m[8], 64)
			if fresh && c == g.Choices[0].Text {
				fresh = false // the list restates the glyph read: keep the first's confidence
				continue
			}
			fresh = false
			g.Choices = append(g.Choices, Choice{Text: c, Conf: conf})
		}
	}
	endWord()
	return lines
}
