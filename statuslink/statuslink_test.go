package statuslink

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRead_TakesOnlyWhatWasSignedForThirtyDays(t *testing.T) {
	made := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	s := New([]byte("a-session-hash-key-of-32-bytes-!!"))
	p := Payment{Ref: "PKABCDEFGHIJKLMNOPQRST", Label: "u42", Currency: "INR", WalletType: "paytm", Made: made.Unix()}
	tok := s.Token(p)
	if got, err := s.Read(tok, made.Add(29*24*time.Hour)); err != nil || got != p {
		t.Fatalf("read %+v, %v", got, err)
	}
	if _, err := s.Read(tok, made.Add(31*24*time.Hour)); !errors.Is(err, ErrExpired) {
		t.Errorf("after 31 days: %v", err)
	}
	other := New([]byte("another-key-another-key-another!!"))
	body, _, _ := strings.Cut(tok, ".")
	forged := Payment{Ref: p.Ref, Label: "someone-else", Currency: "INR", WalletType: "paytm", Made: p.Made}
	for name, bad := range map[string]string{
		"another key":             other.Token(p),
		"another label, same sig": other.Token(forged)[:len(body)] + tok[len(body):],
		"no signature":            body,
		"garbage":                 "x.y",
		"empty":                   "",
	} {
		if _, err := s.Read(bad, made); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if strings.Contains(tok, "key1") || strings.Contains(tok, "20512345678") {
		t.Error("a transaction ID in the token")
	}
}
