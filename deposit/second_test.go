package deposit

import (
	"context"
	"testing"

	"github.com/paykassma/checkout/ocr"
)

// looks is a Reader that answers set readings and counts the second
// opinions asked for.
type looks struct {
	first          string
	closer, second []ocr.Line
	asked          int
}

func (l *looks) Read(context.Context, []byte) (ocr.Result, error) {
	return ocr.Result{Text: l.first, Words: []ocr.Word{{Text: "2BLINY1W", Conf: 60}}}, nil
}

func (l *looks) Reread(context.Context, []byte, ocr.Result, []ocr.Ask) ([]ocr.Line, ocr.Result, error) {
	return l.closer, ocr.Result{}, nil
}

func (l *looks) Second(_ context.Context, _ []byte, _ ocr.Result, asks []ocr.Ask) ([]ocr.Line, ocr.Result, error) {
	l.asked++
	if len(asks) != 1 || asks[0].Word != "2BLINY1W" {
		return nil, ocr.Result{}, ocr.ErrOff
	}
	return l.second, ocr.Result{}, nil
}

func TestReadScreenshot_ASecondModelConfirmsWhatTheFirstLeftUnsure(t *testing.T) {
	// Nagad "2BLINY1W" (tuning half): one English closer look read an extra
	// Z (2ZBLINY1W), so English confirms nothing; the Latin model's two
	// looks read 2BLINY1W, no glyph rivalled.
	line := func(text string) ocr.Line {
		return ocr.Line{Word: "2BLINY1W", Text: text, Glyphs: glyphs(text, 30)}
	}
	rd := &looks{first: "Amount 1,494\nTxn ID 2BLINY1W\nCharge 0.00",
		closer: []ocr.Line{line("2BLINY1W"), line("2ZBLINY1W")},
		second: []ocr.Line{line("2BLINY1W"), line("2BLINY1W")}}
	r, _, err := ReadScreenshot(context.Background(), rd, Nagad, nil)
	if err != nil || r.TxID != "2BLINY1W" || rd.asked != 1 {
		t.Errorf("ID %q (%v), second opinions %d: want 2BLINY1W from one second opinion", r.TxID, err, rd.asked)
	}

	// The second model disagreeing too: nothing filled.
	rd.second, rd.asked = []ocr.Line{line("2BLINY1W"), line("ZBLINY1W")}, 0
	if r, _, _ := ReadScreenshot(context.Background(), rd, Nagad, nil); r.TxID != "" {
		t.Errorf("both models unsure: ID %q filled", r.TxID)
	}

	// English confirmed it: no second opinion asked.
	rd.closer, rd.asked = rd.second[:1], 0
	if r, _, _ := ReadScreenshot(context.Background(), rd, Nagad, nil); r.TxID != "2BLINY1W" || rd.asked != 0 {
		t.Errorf("ID %q after %d second opinions, want 2BLINY1W and none", r.TxID, rd.asked)
	}
}
