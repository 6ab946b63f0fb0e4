package depositor

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"io"
	"reflect"
	"testing"
)

// sample is a state with every field set, an attempt, a payment and a
// merchant, for changing one field at a time.
func sample() *State {
	st := New("u42", "INR", "hi")
	st.Start = 1764633600
	st.SetPayment("paytm", &Payment{Identifier: "9876543210@paytm", Created: 1764633600})
	st.Merchant = &Merchant{WalletType: "paytm", FixedAmount: "500.00", TxPrefix: "m1-", SuccessURL: "https://shop.example/ok",
		FailURL: "https://shop.example/fail", PendingURL: "https://shop.example/wait", Origin: "https://shop.example"}
	st.Record(Attempt{Ref: "m1-abc", WalletType: "paytm", TxID: "123456789012", Amount: "500.00", Stated: "500.00",
		Outcome: Failed, At: 1764633700, Detail: "Transaction not found", Saved: "0.00"})
	return st
}

// changeEach calls f with a copy of v changed in one exported field at a
// time, naming the field; a kind it cannot change fails the test, so a new
// field of a new kind is not skipped quietly.
func changeEach(t *testing.T, v reflect.Value, path string, f func(field string)) {
	t.Helper()
	for i := 0; i < v.NumField(); i++ {
		sf := v.Type().Field(i)
		if !sf.IsExported() {
			if sf.Name != "seen" {
				t.Errorf("%s.%s: an unexported field Same does not know", path, sf.Name)
			}
			continue
		}
		fv, name := v.Field(i), path+"."+sf.Name
		old := reflect.New(fv.Type()).Elem()
		old.Set(fv)
		switch fv.Kind() {
		case reflect.String:
			fv.SetString(fv.String() + "x")
		case reflect.Int64:
			fv.SetInt(fv.Int() + 1)
		default:
			continue // maps, slices and pointers: changed inside, below
		}
		f(name)
		fv.Set(old)
	}
}

func TestSame_EveryFieldCounts(t *testing.T) {
	base := sample()
	if !base.Same(sample()) || !base.Same(base.Clone()) {
		t.Fatal("a state is not the same as its copy")
	}
	check := func(st *State, what string) {
		t.Helper()
		if st.Same(base) || base.Same(st) {
			t.Errorf("%s changed, but Same says the states are the same", what)
		}
		a, _ := json.Marshal(st)
		b, _ := json.Marshal(base)
		if bytes.Equal(a, b) {
			t.Errorf("%s: the change is not in the JSON either: the test changed nothing", what)
		}
	}
	st := sample()
	changeEach(t, reflect.ValueOf(st).Elem(), "State", func(f string) { check(st, f) })
	for _, s := range []struct {
		name string
		v    func(*State) reflect.Value
	}{
		{"Attempt", func(s *State) reflect.Value { return reflect.ValueOf(&s.Attempts[0]).Elem() }},
		{"Payment", func(s *State) reflect.Value { return reflect.ValueOf(s.Payments["paytm"]).Elem() }},
		{"Merchant", func(s *State) reflect.Value { return reflect.ValueOf(s.Merchant).Elem() }},
	} {
		st := sample()
		changeEach(t, s.v(st), s.name, func(f string) { check(st, f) })
	}
	// What the fields hold as a whole: one attempt more, a payment more or
	// under another wallet type, no merchant.
	more := sample()
	more.Record(Attempt{Ref: "m1-def", WalletType: "paytm", Outcome: Done, At: 1764633800})
	check(more, "an attempt more")
	pay := sample()
	pay.SetPayment("upi_l", &Payment{Identifier: "x@upi"})
	check(pay, "a payment more")
	moved := sample()
	moved.Payments["upi_l"] = moved.Payments["paytm"]
	delete(moved.Payments, "paytm")
	check(moved, "a payment under another wallet type")
	none := sample()
	none.Merchant = nil
	check(none, "no merchant")
	for _, kind := range []reflect.Type{reflect.TypeOf(State{}), reflect.TypeOf(Attempt{}), reflect.TypeOf(Payment{}), reflect.TypeOf(Merchant{})} {
		for i := 0; i < kind.NumField(); i++ {
			switch k := kind.Field(i).Type.Kind(); k {
			case reflect.String, reflect.Int64, reflect.Map, reflect.Slice, reflect.Pointer:
			default:
				t.Errorf("%s.%s is a %s: teach changeEach and Same about it", kind.Name(), kind.Field(i).Name, k)
			}
		}
	}
}

func TestCodec_ShortStatesAreStoredAsTheyAreAndAnyInflaterReadsThem(t *testing.T) {
	c := newCodec(t, 3)
	short := New("u42", "INR", "en")
	tok, raw, err := c.fit(short)
	if err != nil {
		t.Fatal(err)
	}
	deflated, _ := encode(short, &fastWriters)
	if unstored(raw) == nil || len(raw) >= len(deflated) {
		t.Errorf("a new depositor's state: %d bytes kept, %d deflated; want it stored as it is, and shorter", len(raw), len(deflated))
	}
	// What an instance from before this change does with it: inflate.
	j, err := io.ReadAll(flate.NewReader(bytes.NewReader(raw)))
	var old State
	if err != nil || json.Unmarshal(j, &old) != nil || !old.Same(short) {
		t.Errorf("an inflater reads the stored state as %q (%v)", j, err)
	}
	var b []byte
	if err := c.sc.Decode(Field, tok, &b); err != nil || !decode(b).Same(short) {
		t.Errorf("the token does not give the state back: %v", err)
	}

	long := full()
	_, raw, err = c.fit(long)
	if err != nil {
		t.Fatal(err)
	}
	if unstored(raw) != nil {
		t.Errorf("a state with %d attempts was stored as it is (%d bytes), not deflated", len(long.Attempts), len(raw))
	}
	if got := decode(raw); got == nil || !got.Same(long) {
		t.Error("a deflated state does not come back the same")
	}
	// A stored block's header that lies about its length is not taken as one.
	bad := bytes.Clone(stored([]byte(`{"l":"u42","c":"INR"}`)))
	bad[1]++
	if unstored(bad) != nil {
		t.Error("a stored block with a wrong length was read as a state")
	}
}
