package deposit

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/paykassma/checkout/ocr"
)

// go test ./deposit -run Debug -file=... (temporary)
func TestDebugOne(t *testing.T) {
	file := os.Getenv("DBG_FILE")
	if file == "" {
		t.Skip()
	}
	fam := Family(os.Getenv("DBG_FAM"))
	pool := ocr.New(ocr.Config{Command: "tesseract", Workers: 1, Queue: 4, Timeout: time.Minute, Memory: 1 << 30, Second: "Latin"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	data, _ := os.ReadFile(file)
	img, _ := ocr.Prepare(data)
	res, _ := pool.Read(context.Background(), img)
	r := ReadReceipt(fam, res.Text)
	fmt.Printf("first: id=%q guess=%q word=%q conf=%.0f\n", r.TxID, r.guess, r.idWord, res.Confidence(r.TxID))
	r.page = pageDigits(img, res.Words, r.idWord)
	for d, v := range r.page {
		fmt.Printf("page %c x%d ", d, len(v))
	}
	fmt.Println()
	lines, _, _ := pool.Reread(context.Background(), img, res, r.Asks(fam))
	for _, l := range lines {
		if l.Word != r.idWord {
			continue
		}
		var b strings.Builder
		for _, g := range l.Glyphs {
			for k, c := range g.Choices {
				if k == 0 || c.Conf > 1 {
					fmt.Fprintf(&b, "%s%.0f/", c.Text, c.Conf)
				}
			}
			b.WriteString(" ")
		}
		fmt.Printf("look %q inks=%d: %s\n", l.Text, len(l.Inks), b.String())
		if len(l.Inks) == len(l.Glyphs) {
			for j := range l.Glyphs {
				var us []string
				for _, d := range "0123456789" {
					if refs := r.page[byte(d)]; len(refs) > 0 {
						u := 1.0
						for _, rf := range refs {
							u = min(u, ocr.Unlike(l.Crop, l.Inks[j], rf.crop, rf.box))
						}
						us = append(us, fmt.Sprintf("%c:%.2f", d, u))
					}
				}
				s := ocr.ShapeOf(l.Crop, l.Inks[j])
				fmt.Printf("   %d %s holes=%v corner=%.2f tl=%.2f tr=%.2f br=%.2f | %s\n", j, glyphRead(l.Glyphs[j]), s.Holes, s.Corner, s.TopLeft, s.TopRight, s.BottomRight, strings.Join(us, " "))
			}
		}
	}
	a := r.Again(fam, lines)
	fmt.Printf("again: %q sure=%v\n", a.TxID, a.sure)
}
