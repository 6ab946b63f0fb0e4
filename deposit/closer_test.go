package deposit

import (
	"image"
	"slices"
	"testing"

	"github.com/paykassma/checkout/ocr"
)

// The first readings and closer looks below are Tesseract's own
// (cmd/receipts, the tuning half), glyph choices under 1 left out.

func ch(text string, conf float64) ocr.Choice { return ocr.Choice{Text: text, Conf: conf} }

// sure is a glyph read with no rival.
func sure(text string, width int) ocr.Glyph {
	return ocr.Glyph{Width: width, Choices: []ocr.Choice{{Text: text, Conf: 99}}}
}

func glyphs(text string, width int) []ocr.Glyph {
	var out []ocr.Glyph
	for _, r := range text {
		out = append(out, sure(string(r), width))
	}
	return out
}

func TestAgain_ASignReadAsADigitIsToldByItsRivals(t *testing.T) {
	// Nagad: ৳500 read "6500" in the headline and the row; the closer
	// look's "6" has 5, %, $ as rivals and is a digit and a half wide.
	text := "Y OFS Tift HPA AICS\n6500\nAmit Singh @&\nofzratt 6500\nTxnID 1¥ZX76DU\nAccount 01969649508\nCharge 60.00"
	r := ReadReceipt(Nagad, text)
	if r.HasAmount {
		t.Fatalf("first reading alone: amount %s, want none (6500 or 500)", r.Amount)
	}
	if !slices.ContainsFunc(r.Asks(Nagad), func(a ocr.Ask) bool { return a.Word == "6500" && a.Left == signLeft }) {
		t.Fatalf("asks %v, want the amount's word", r.Asks(Nagad))
	}
	sign := ocr.Glyph{Width: 36, Choices: []ocr.Choice{ch("6", 96), ch("%", 55), ch("5", 54), ch("$", 45), ch("b", 41), ch("&", 39)}}
	line := ocr.Line{Word: "6500", Text: "6500", Glyphs: append([]ocr.Glyph{sign}, glyphs("500", 24)...)}
	got := r.Again(Nagad, []ocr.Line{line, line})
	if !got.HasAmount || got.Amount.String() != mustAmount("500") {
		t.Errorf("amount %s (%v), want 500", got.Amount, got.HasAmount)
	}

	// In the sans-serif face ৳'s readings are less sure: its b at 41 is
	// still far above any digit's rival.
	sans := ocr.Glyph{Width: 31, Choices: []ocr.Choice{ch("6", 97), ch("b", 41), ch("&", 37), ch("$", 35)}}
	sansLine := ocr.Line{Word: "6500", Text: "6500", Glyphs: append([]ocr.Glyph{sans}, glyphs("500", 25)...)}
	if got := r.Again(Nagad, []ocr.Line{sansLine}); !got.HasAmount || got.Amount.String() != mustAmount("500") {
		t.Errorf("sans ৳ read as 6: amount %s (%v), want 500", got.Amount, got.HasAmount)
	}

	// Two closer looks at the word that contradict each other (a sign, a
	// sure digit): neither is taken.
	digit := ocr.Line{Word: "6500", Text: "6500", Glyphs: append([]ocr.Glyph{sure("6", 24)}, glyphs("500", 24)...)}
	for _, order := range [][]ocr.Line{{line, digit}, {digit, line}} {
		if got := r.Again(Nagad, order); got.HasAmount {
			t.Errorf("contradicting closer looks: amount %s, want none", got.Amount)
		}
	}

	// The same rivals on a glyph two digits wide: ₹ taken in with the
	// digit (IMPS "₹611.16"), which stays: the number is itself.
	merged := ocr.Glyph{Width: 58, Choices: []ocr.Choice{ch("6", 84), ch("~", 77), ch("¥", 66), ch("$", 65), ch("™", 62)}}
	r = ReadReceipt(IMPS, "v Funds Transfer Successful\n611.16\nTo Neha Gupta\nIMPS Ref No. 413523887702")
	line = ocr.Line{Word: "611.16", Text: "611.16", Glyphs: append([]ocr.Glyph{merged}, glyphs("11.16", 22)...)}
	if got := r.Again(IMPS, []ocr.Line{line}); !got.HasAmount || got.Amount.String() != mustAmount("611.16") {
		t.Errorf("merged sign: amount %s (%v), want 611.16", got.Amount, got.HasAmount)
	}
	// Between a digit and a half and 1.7 digits wide it is neither: open.
	between := merged
	between.Width = 36
	line.Glyphs[0] = between
	if got := r.Again(IMPS, []ocr.Line{line}); got.HasAmount {
		t.Errorf("a first glyph 1.6 digits wide: amount %s, want none (611.16 or 11.16 stays open)", got.Amount)
	}
}

func TestAgain_ASureFirstDigitIsADigit(t *testing.T) {
	// PhonePe: ₹887.00 read "887.00", the sign dropped; the closer look is
	// sure of the 8 (its box took the sign in).
	r := ReadReceipt(PhonePe, "887.00\nTo Sabbir Hossain\nUTR 453364476527\nTransaction ID 1T2512144778083460344535")
	if r.HasAmount {
		t.Fatalf("first reading alone: amount %s, want none", r.Amount)
	}
	first := ocr.Glyph{Width: 59, Choices: []ocr.Choice{ch("8", 92)}}
	line := ocr.Line{Word: "887.00", Text: "887.00", Glyphs: append([]ocr.Glyph{first}, glyphs("87.00", 25)...)}
	got := r.Again(PhonePe, []ocr.Line{line})
	if !got.HasAmount || got.Amount.String() != mustAmount("887") || got.TxID != "453364476527" {
		t.Errorf("got %+v, want 887 and the UTR", got)
	}
}

func TestAgain_ASignSeenSettlesAndDisagreementKeepsTheFirstReading(t *testing.T) {
	r := ReadReceipt(PayTM, "25,012.64\nUPI Ref No 585274528881")
	// Read again with a model that knows ₹.
	got := r.Again(PayTM, []ocr.Line{{Word: "25,012.64", Text: "₹25,012.64", Glyphs: glyphs("₹25,012.64", 20)}})
	if !got.HasAmount || got.Amount.String() != mustAmount("25012.64") {
		t.Errorf("sign seen: %s (%v), want 25012.64", got.Amount, got.HasAmount)
	}
	// A closer look that reads other digits is no witness: nothing filled.
	got = r.Again(PayTM, []ocr.Line{{Word: "25,012.64", Text: "₹26,012.64", Glyphs: glyphs("₹26,012.64", 20)}})
	if got.HasAmount {
		t.Errorf("disagreeing closer look: amount %s, want none", got.Amount)
	}
}

func TestAgain_ALettersAndDigitsIDNeedsEveryReadingToAgreeWithoutRivals(t *testing.T) {
	text := "Amount 2,524\nTrxID TBRFVEF3C3\nAccount 01594742562"
	r := ReadReceipt(Bkash, text)
	if !slices.ContainsFunc(r.Asks(Bkash), func(a ocr.Ask) bool { return a.Word == "TBRFVEF3C3" && len(a.Heights) == 2 }) {
		t.Fatalf("asks %v, want the ID at two sizes", r.Asks(Bkash))
	}
	unsure := func(string) float64 { return 47 }
	if got := r.Trust(Bkash, unsure); got.TxID != "" {
		t.Fatalf("no closer look, confidence 47: ID %q filled", got.TxID)
	}
	line := ocr.Line{Word: "TBRFVEF3C3", Text: "TBRFVEF3C3", Glyphs: glyphs("TBRFVEF3C3", 40)}
	if got := r.Again(Bkash, []ocr.Line{line, line}).Trust(Bkash, unsure); got.TxID != "TBRFVEF3C3" {
		t.Errorf("two agreeing closer looks without rivals: ID %q, want TBRFVEF3C3", got.TxID)
	}

	// bKash "8Q03TNH5FK": one closer look reads S for 5, the other keeps
	// O (33) as the 0's rival: not filled.
	r = ReadReceipt(Bkash, "Amount 1,080\nTrxID 8Q03TNH5FK\nAccount 01705935830")
	a := ocr.Line{Word: "8Q03TNH5FK", Text: "8Q03TNH5FK", Glyphs: glyphs("8Q03TNH5FK", 20)}
	a.Glyphs[0].Choices = append(a.Glyphs[0].Choices, ocr.Choice{Text: "B", Conf: 25})
	b := ocr.Line{Word: "8Q03TNH5FK", Text: "8Q03TNHSFK", Glyphs: glyphs("8Q03TNHSFK", 20)}
	if got := r.Again(Bkash, []ocr.Line{a, b}).Trust(Bkash, unsure); got.TxID != "" {
		t.Errorf("closer looks disagree: ID %q filled", got.TxID)
	}
	if got := r.Again(Bkash, []ocr.Line{a, a}).Trust(Bkash, unsure); got.TxID != "" {
		t.Errorf("8 with B as a rival at 25: ID %q filled", got.TxID)
	}

	// A UTR is digits only: no closer look asked for it.
	if asks := ReadReceipt(UPI, "Amount ₹500\nUTR 412345678901").Asks(UPI); len(asks) != 0 {
		t.Errorf("asks %v for a UTR and a signed amount, want none", asks)
	}
}

// widths are glyph boxes of these widths, side by side, as ocr.Inks gives.
func widths(ws ...int) []image.Rectangle {
	var out []image.Rectangle
	x := 0
	for _, w := range ws {
		out = append(out, image.Rect(x, 0, x+w, 40))
		x += w + 4
	}
	return out
}

func TestAgain_ARoundGlyphMustBeAsWideAsItWasRead(t *testing.T) {
	// Nagad "4OGQF9QF": the first reading and both closer looks read
	// 40GQF9QF, no rival kept; the "0" is drawn as wide as the Qs, half as
	// wide again as the 4 and the 9.
	r := ReadReceipt(Nagad, "Amount 125,000\nTxn ID 40GQF9QF\nCharge 0.00")
	unsure := func(string) float64 { return 85 }
	look := func(inks []image.Rectangle) ocr.Line {
		return ocr.Line{Word: "40GQF9QF", Text: "40GQF9QF", Glyphs: glyphs("40GQF9QF", 30), Inks: inks}
	}
	wide := []ocr.Line{look(widths(20, 30, 32, 30, 25, 20, 32, 26)), look(widths(28, 41, 45, 42, 35, 27, 44, 35))}
	if got := r.Again(Nagad, wide).Trust(Nagad, unsure); got.TxID != "" {
		t.Errorf("a 0 as wide as an O: ID %q filled", got.TxID)
	}
	// Drawn as narrow as the digits: a 0.
	narrow := []ocr.Line{look(widths(20, 21, 32, 30, 25, 20, 32, 26)), look(nil)}
	if got := r.Again(Nagad, narrow).Trust(Nagad, unsure); got.TxID != "40GQF9QF" {
		t.Errorf("a 0 as wide as the digits: ID %q, want 40GQF9QF", got.TxID)
	}
	// No crop split into the ID's glyphs: a round glyph cannot be checked.
	if got := r.Again(Nagad, []ocr.Line{look(widths(20, 30, 62)), look(nil)}).Trust(Nagad, unsure); got.TxID != "" {
		t.Errorf("round glyphs unchecked: ID %q filled", got.TxID)
	}

	// bKash "OY509PMS98" as measured: O at 1.57, 0 at 1.05 of the digits.
	r = ReadReceipt(Bkash, "Amount 1,000\nTrxID OY509PMS98")
	l := ocr.Line{Word: "OY509PMS98", Text: "OY509PMS98", Glyphs: glyphs("OY509PMS98", 30), Inks: widths(33, 33, 20, 22, 21, 28, 45, 23, 22, 21)}
	if got := r.Again(Bkash, []ocr.Line{l, l}).Trust(Bkash, unsure); got.TxID != "OY509PMS98" {
		t.Errorf("O and 0 as drawn: ID %q, want OY509PMS98", got.TxID)
	}
}

func TestAgain_EachGlyphNeedsOneCloserLookWithoutARival(t *testing.T) {
	r := ReadReceipt(Bkash, "Amount 2,524\nTrxID YWSL6ZSZ2R")
	unsure := func(string) float64 { return 80 }
	a := ocr.Line{Word: "YWSL6ZSZ2R", Text: "YWSL6ZSZ2R", Glyphs: glyphs("YWSL6ZSZ2R", 30)}
	b := ocr.Line{Word: "YWSL6ZSZ2R", Text: "YWSL6ZSZ2R", Glyphs: glyphs("YWSL6ZSZ2R", 30)}
	a.Glyphs[2].Choices = append(a.Glyphs[2].Choices, ch("8", 6)) // S: 8 at 6 in one look
	if got := r.Again(Bkash, []ocr.Line{a, b}).Trust(Bkash, unsure); got.TxID != "YWSL6ZSZ2R" {
		t.Errorf("a rival in one look only: ID %q, want YWSL6ZSZ2R", got.TxID)
	}
	b.Glyphs[2].Choices = append(b.Glyphs[2].Choices, ch("5", 20)) // and 5 at 20 in the other
	if got := r.Again(Bkash, []ocr.Line{a, b}).Trust(Bkash, unsure); got.TxID != "" {
		t.Errorf("the S rivalled in both looks: ID %q filled", got.TxID)
	}
}

func TestAgain_AGlyphWrittenTwiceIsTheOneTheCloserLooksRead(t *testing.T) {
	// bKash "8Q03TNH5FK" read 8Q03TNH5SFK: Tesseract, unsure of the 5,
	// wrote both its readings. Eleven glyphs are no TrxID: nothing is filled
	// from the first reading, but its word is looked at closer.
	const word = "8Q03TNH5SFK"
	r := ReadReceipt(Bkash, "Amount 1,080\nTrxID "+word+"\nAccount 01705935830")
	unsure := func(string) float64 { return 90 }
	if got := r.Trust(Bkash, unsure); got.TxID != "" {
		t.Fatalf("eleven glyphs: ID %q filled", got.TxID)
	}
	if !slices.ContainsFunc(r.Asks(Bkash), func(a ocr.Ask) bool { return a.Word == word }) {
		t.Fatalf("asks %v, want the ID's word", r.Asks(Bkash))
	}
	// Both looks read ten glyphs, and their crops show ten.
	look := ocr.Line{Word: word, Text: "8Q03TNH5FK", Glyphs: glyphs("8Q03TNH5FK", 30), Inks: widths(20, 24, 21, 20, 20, 22, 21, 20, 19, 20)}
	if got := r.Again(Bkash, []ocr.Line{look, look}).Trust(Bkash, unsure); got.TxID != "8Q03TNH5FK" {
		t.Errorf("the looks read ten glyphs: ID %q, want 8Q03TNH5FK", got.TxID)
	}
	// A crop that shows eleven: the first reading may have been right.
	eleven := look
	eleven.Inks = widths(20, 24, 21, 20, 20, 22, 21, 20, 10, 10, 20)
	if got := r.Again(Bkash, []ocr.Line{look, eleven}).Trust(Bkash, unsure); got.TxID != "" {
		t.Errorf("a crop of eleven glyphs: ID %q filled", got.TxID)
	}
	// A glyph dropped that is no twin of its neighbour (the H) is no glyph
	// written twice: the looks read another ID.
	other := look
	other.Text, other.Glyphs = "8Q03TN5SFK", glyphs("8Q03TN5SFK", 30)
	if got := r.Again(Bkash, []ocr.Line{other, other}).Trust(Bkash, unsure); got.TxID != "" {
		t.Errorf("the looks dropped the H: ID %q filled", got.TxID)
	}
}

func TestReadReceipt_ATrxIDWithOneDigitReadIsFoundWithoutItsLabel(t *testing.T) {
	// bKash "ZGV7IQOIBM" in Bengali, read in two columns: labels, then
	// values. The 0 and 1 it may have been drawn with read as O and I,
	// one digit is left; a closer look then settles it.
	text := "TrxID\nAccount\nDate\n৳1,638\nZGV7IQOIBM\n01457853534\n05 Nov 2026, 9:25 AM"
	r := ReadReceipt(Bkash, text)
	if !slices.ContainsFunc(r.Asks(Bkash), func(a ocr.Ask) bool { return a.Word == "ZGV7IQOIBM" }) {
		t.Errorf("asks %v, want the ID", r.Asks(Bkash))
	}
	// A word in capitals with no digit is no ID.
	if r := ReadReceipt(Bkash, "TrxID\nAccount\nSUCCESSFUL\n01457853534"); r.TxID != "" {
		t.Errorf("a word in capitals: ID %q", r.TxID)
	}
}

func TestReadReceipt_AnAccountNumberUnderTheIDsLabelIsNoGuess(t *testing.T) {
	// Nagad: the ID not read on its row, the account's eleven digits on
	// the next line, one more than a Nagad ID has.
	r := ReadReceipt(Nagad, "Txn ID\nAccount 01848743915\nDate 16 Nov 2026")
	if asks := r.Asks(Nagad); slices.ContainsFunc(asks, func(a ocr.Ask) bool { return a.Word == "01848743915" }) {
		t.Errorf("asks %v: the account taken for an ID", asks)
	}
}

func TestAgain_ASymbolReadForALetterIsSettledByTheCloserLook(t *testing.T) {
	// bKash "IUS1SN360J": the J read as ")". Nothing is filled from the
	// first reading; its word is looked at closer, and two looks that read
	// J, no rival kept, settle it.
	const word = "IUS1SN360)"
	r := ReadReceipt(Bkash, "৳125,768.00\nTrxID "+word+"\nAccount 01758984008")
	unsure := func(string) float64 { return 90 }
	if got := r.Trust(Bkash, unsure); got.TxID != "" {
		t.Fatalf("a symbol in the ID: %q filled", got.TxID)
	}
	look := ocr.Line{Word: word, Text: "IUS1SN360J", Glyphs: glyphs("IUS1SN360J", 30), Inks: widths(8, 22, 21, 12, 21, 23, 21, 21, 21, 14)}
	if got := r.Again(Bkash, []ocr.Line{look, look}).Trust(Bkash, unsure); got.TxID != "IUS1SN360J" {
		t.Errorf("looks read J: ID %q, want IUS1SN360J", got.TxID)
	}
	// Looks that read the symbol again settle nothing.
	again := ocr.Line{Word: word, Text: word, Glyphs: glyphs(word, 30)}
	if got := r.Again(Bkash, []ocr.Line{again, again}).Trust(Bkash, unsure); got.TxID != "" {
		t.Errorf("looks read ): ID %q filled", got.TxID)
	}
	// Nagad "1YZX76DU" read 1¥ZX76DU.
	if asks := ReadReceipt(Nagad, "TxnID 1¥ZX76DU\nAccount 01969649508").Asks(Nagad); !slices.ContainsFunc(asks, func(a ocr.Ask) bool { return a.Word == "1¥ZX76DU" }) {
		t.Errorf("asks %v, want the ID's word", asks)
	}
}
