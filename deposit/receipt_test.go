package deposit

import (
	"testing"

	"github.com/paykassma/checkout/i18n"
)

// The texts below are what Tesseract read from generated receipts
// (cmd/receipts), misreadings and all: ₹ as %, ¥, 7 or 2, ৳ as 6.
func TestReadReceipt_FillsTheIDAndAmountAsTheAppShowsThem(t *testing.T) {
	tests := []struct {
		name   string
		family Family
		text   string
		id     string
		amount string // "" = none
	}{
		{"Paytm, label beside value, sign read as a digit of its own", PayTM, `# Paid Successfully

% 1,25,456.33

To Arjun Traders
Amount 2 1,25,456.33
UPI Ref No 585274528881
Order ID 90657326405919
Debited from XXXXXX4852
Date 22 Nov 2026, 9:28 PM.`, "585274528881", "125456.33"},
		{"PhonePe in Hindi: the label unread, the UTR still labelled UTR, ₹ read as 7", PhonePe, `¢ ta-ot AT
10,081

Neha Gupta #1
sara fever 710,081
UTR 388596103707
Transaction ID 1T2512168833012561444118
Debited from XXXXXX5388`, "388596103707", "10081"},
		{"Google Pay: the UPI transaction ID, not Google's own", UPI, `Amount $2,388.36

UPI transaction ID 692731006116
Google transaction ID CICAgK3B9KBLIcoC
Debited from XXXXXX6351`, "692731006116", "2388.36"},
		{"label above value", IMPS, `~ 2,000.00

To Neha Gupta

Date
13 Dec 2026, 4:28 PM

Reference Number (RRN)
405105705824

Debited from
XXXXXX2929`, "405105705824", "2000"},
		{"OCR's O and l inside the UTR are digits", UPI, "UPI Ref No: 4l23456789O1\nAmount ₹500", "412345678901", "500"},
		{"a spaced UTR", UPI, "UTR: 4123 4567 8901", "412345678901", ""},
		{"bKash: ৳ read as 6 in the headline, the row agrees on the rest", Bkash, `v Send Money Successful

61,500

To Mohammad Rahim

Account
01486555519

Amount
1,500

Transaction ID
NP69N174GW

Charge
60.00`, "NP69N174GW", "1500"},
		{"Nagad: the Bengali label unread, the one ID-shaped token", Nagad, `¢ OFS Bf TPH AN
10,045.00

Account
01360904661

CATA OSS
96MARKQH

Charge
0.00`, "96MARKQH", "10045"},
		{"bKash: the TrxID's label read apart from its value, a word of the title in the ID's shape between", Bkash, `TrxID
v Send Money Successful
6974.00
To Karim Store
V4AWLRRG2H
Account 01929868573
Date 28 Dec 2026, 3:07 PM
Charge 50.00`, "V4AWLRRG2H", ""},
		{"an amount whose sign may be its first digit, seen once: not filled", Nagad, "Amount 6500.00\nTxn ID 2BLINY1W\nCharge 60.00", "2BLINY1W", ""},
		{"two different UTRs under labels: none", UPI, "UTR 412345678901\nUPI Ref No 512345678901", "", ""},
		{"a headline with no sign, whose first digit may be ₹: not filled", UPI, "870.40\nRef No.\n350579762326", "350579762326", ""},
		{"another app's screen", UPI, "Chats\nMom\nsee you at 7\n12:41", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ReadReceipt(tt.family, tt.text)
			if got.TxID != tt.id {
				t.Errorf("ID = %q, want %q", got.TxID, tt.id)
			}
			switch {
			case tt.amount == "" && got.HasAmount:
				t.Errorf("amount = %s, want none", got.Amount)
			case tt.amount != "" && (!got.HasAmount || got.Amount.String() != mustAmount(tt.amount)):
				t.Errorf("amount = %s (%v), want %s", got.Amount, got.HasAmount, tt.amount)
			}
		})
	}
}

func mustAmount(s string) string {
	a, _ := ParseAmount(s)
	return a.String()
}

func TestReadReceipt_AnAppsOwnIDAloneSaysWhichNumberToLookFor(t *testing.T) {
	tests := map[string]struct {
		text, look string
	}{
		"Google Pay": {"Google transaction ID\nCICAgK3B9KBLIcoC\n₹500", "read.look.gpay"},
		"PhonePe":    {"Transaction ID\nT2512250267338768325064\nPaid to Neha", "read.look.phonepeid"},
		"nothing":    {"a blurred photo", ""},
	}
	for name, tt := range tests {
		got := ReadReceipt(UPI, tt.text)
		if got.TxID != "" || got.Look != tt.look {
			t.Errorf("%s: ID %q look %q, want none and %q", name, got.TxID, got.Look, tt.look)
		}
		if tt.look != "" && i18n.T("en", tt.look) == tt.look {
			t.Errorf("%s: %s has no English text", name, tt.look)
		}
	}
}

func TestTrust_ALettersAndDigitsIDReadUnsurelyIsNotFilledIn(t *testing.T) {
	r := ReadReceipt(Bkash, "TrxID 9GH4K2LM7P\nAmount ৳1,500.00")
	conf := func(c float64) func(string) float64 { return func(string) float64 { return c } }
	if got := r.Trust(Bkash, conf(80)); got.TxID != "" || !got.HasAmount {
		t.Errorf("unsure: %+v, want no ID and the amount", got)
	}
	if got := r.Trust(Bkash, conf(97)); got.TxID != "9GH4K2LM7P" {
		t.Errorf("sure: %+v", got)
	}
	if got := ReadReceipt(UPI, "UTR 412345678901").Trust(UPI, conf(60)); got.TxID != "412345678901" {
		t.Errorf("a UTR's digits are fixed inside the ID, not gated: %+v", got)
	}
}

func TestReadReceipt_AnAmountUnderAnUnreadLabelNarrowsTheHeadline(t *testing.T) {
	// Nagad in Bengali: ৳ read as 6 in the headline and as 0 in the row
	// whose label OCR could not read.
	r := ReadReceipt(Nagad, "Y OFS Tile APT AACR\n6373.89\nAmit Singh @&\nofzart 0373.89\nCharge\n0.00")
	if !r.HasAmount || r.Amount.String() != "373.89" {
		t.Errorf("amount %s (%v), want 373.89", r.Amount, r.HasAmount)
	}
}

func TestReadReceipt_ASignReadAsADigitBeforeAGroupedAmount(t *testing.T) {
	// Nagad in Bengali, ৳125,196.00 read 6125,196.00: four digits before
	// the first comma are no grouping, so the 6 is the sign.
	r := ReadReceipt(Nagad, "Vv OFS Ald WHS RAC\n6125,196.00\nNeha Gupta @&\nTxn ID 9G1UHS5LO\nAccount 01487186176")
	if !r.HasAmount || r.Amount.String() != mustAmount("125196.00") {
		t.Errorf("amount %v (%v), want 125196.00", r.Amount, r.HasAmount)
	}
}

func TestReadReceipt_AZeroFeeReadApartFromItsLabelIsNoAmount(t *testing.T) {
	// bKash in Bengali read in two columns, labels then values: the fee
	// ৳0.00 comes as 60.00 with no label before it. The headline 6634.00
	// and the row's 4634.00 agree on 634.00 alone.
	text := "TrxID\nAccount\nDate\nCharge\nShare\n¥ OTs alfa eT\n6634.00\nNeha Gupta @&\n4634.00\nCL726SORDR\n01955366873\n28 Dec 2026, 4:18 AM\n60.00\nCheck Balance )"
	r := ReadReceipt(Bkash, text)
	if !r.HasAmount || r.Amount.String() != mustAmount("634.00") {
		t.Errorf("amount %v (%v), want 634.00", r.Amount, r.HasAmount)
	}
	// A payment of 60.00 is still read where it shows with its sign.
	if r := ReadReceipt(Bkash, "Amount ৳60.00\nTrxID CL726SORDR"); !r.HasAmount || r.Amount.String() != mustAmount("60.00") {
		t.Errorf("৳60.00: amount %v (%v)", r.Amount, r.HasAmount)
	}
}

func TestReadReceipt_ASymbolForTakaSettlesNothing(t *testing.T) {
	// Nagad in Liberation Sans: ৳2,775 read $62,775 in the headline (৳ as
	// two glyphs) and 62,775 in the row. Both readings stay: 62,775 was
	// filled before, 22,500 taka too many.
	r := ReadReceipt(Nagad, "v Send Money Successful\n$62,775\nTo Rahul Kumar\nAmount 62,775\nTxn ID 2BCTPP3Y")
	if r.HasAmount {
		t.Errorf("amount %v filled from a symbol read for ৳", r.Amount)
	}
	// ৳ read as itself settles it; on a rupee receipt a symbol still does.
	if r := ReadReceipt(Nagad, "৳62,775\nAmount 62,775"); !r.HasAmount || r.Amount.String() != mustAmount("62775") {
		t.Errorf("৳ read: amount %v (%v), want 62775", r.Amount, r.HasAmount)
	}
	if r := ReadReceipt(UPI, "%62,775\nAmount 62,775"); !r.HasAmount || r.Amount.String() != mustAmount("62775") {
		t.Errorf("rupee receipt: amount %v (%v), want 62775", r.Amount, r.HasAmount)
	}
}
