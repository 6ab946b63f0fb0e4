package paykassma

// JSON helpers for a PHP API: exact numbers, [] for empty maps, fields whose
// type varies, and amounts no page could print.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"reflect"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// UnmarshalJSON accepts an empty PHP array ([]) for stockpiling, which PHP
// sends for an empty map.
func (p *DepositPostback) UnmarshalJSON(b []byte) error {
	type plain DepositPostback
	var v struct {
		*plain
		Stockpiling json.RawMessage `json:"stockpiling"`
	}
	v.plain = (*plain)(p)
	if err := unmarshal(b, &v); err != nil {
		return err
	}
	p.Stockpiling = nil
	return unmarshalPHPMap(v.Stockpiling, &p.Stockpiling)
}

// UnmarshalJSON accepts an empty PHP array ([]) for payments_details and
// bank_details.
func (p *WithdrawalPostback) UnmarshalJSON(b []byte) error {
	type plain WithdrawalPostback
	var v struct {
		*plain
		PaymentsDetails json.RawMessage `json:"payments_details"`
		BankDetails     json.RawMessage `json:"bank_details"`
	}
	v.plain = (*plain)(p)
	if err := unmarshal(b, &v); err != nil {
		return err
	}
	p.PaymentsDetails, p.BankDetails = nil, nil
	if err := unmarshalPHPMap(v.PaymentsDetails, &p.PaymentsDetails); err != nil {
		return err
	}
	return unmarshalPHPMap(v.BankDetails, &p.BankDetails)
}

func unmarshalPHPMap[M ~map[K]V, K comparable, V any](raw json.RawMessage, m *M) error {
	if isNull(raw) || isEmptyArray(raw) {
		return nil
	}
	return unmarshal(raw, m)
}

// unmarshal decodes exactly one JSON value, with numbers kept as
// json.Number wherever a generic value is decoded, and refuses trailing data
// (two concatenated answers are not an answer).
func unmarshal(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}

// maxExponent bounds the exponent of every decoded amount: decimal accepts
// 1e-2000000000 (as a number or a quoted string) and would then need
// gigabytes to print it. Real amounts have at most 8 decimals.
const maxExponent = 64

var decimalType = reflect.TypeFor[decimal.Decimal]()

// checkDecimals walks a decoded value and refuses an amount no page could
// print. Identifiers are left alone: a label may well read "5e100".
func checkDecimals(v reflect.Value) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return checkDecimals(v.Elem())
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if err := checkDecimals(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		if v.Type().Elem().Kind() == reflect.String {
			return nil
		}
		for it := v.MapRange(); it.Next(); {
			if err := checkDecimals(it.Value()); err != nil {
				return err
			}
		}
	case reflect.Struct:
		if v.Type() == decimalType {
			d := v.Interface().(decimal.Decimal)
			if e := d.Exponent(); e > maxExponent || e < -maxExponent {
				return fmt.Errorf("amount with exponent %d out of range", e)
			}
			return nil
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				if err := checkDecimals(v.Field(i)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func stringOf(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || raw[0] != '"' {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

func numberOf(raw json.RawMessage) (string, bool) {
	var n json.Number
	if len(raw) == 0 || raw[0] == '"' || unmarshal(raw, &n) != nil {
		return "", false
	}
	return n.String(), true
}

// intOf reads a code sent as a number or a numeric string.
func intOf(raw json.RawMessage) (int, bool) {
	s, ok := stringOf(raw)
	if !ok {
		s, ok = numberOf(raw)
	}
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, false
	}
	return n, true
}

// fieldsOf reads a map of field errors: {"key1": ["msg", ...]} as the
// document shows, tolerating {"key1": "msg"}. nil when raw is not an object.
func fieldsOf(raw json.RawMessage) map[string][]string {
	var m map[string]json.RawMessage
	if len(raw) == 0 || raw[0] != '{' || unmarshal(raw, &m) != nil || m == nil {
		return nil
	}
	fields := make(map[string][]string, len(m))
	for k, v := range m {
		if s, ok := stringOf(v); ok {
			fields[k] = []string{s}
		} else if msgs := stringsOf(v); msgs != nil {
			fields[k] = msgs
		} else if !isNull(v) {
			fields[k] = []string{compact(v)}
		}
	}
	return fields
}

// stringsOf reads an array of messages; elements that are not strings are
// kept as their JSON text.
func stringsOf(raw json.RawMessage) []string {
	var items []json.RawMessage
	if len(raw) == 0 || raw[0] != '[' || unmarshal(raw, &items) != nil {
		return nil
	}
	msgs := make([]string, 0, len(items))
	for _, it := range items {
		if s, ok := stringOf(it); ok {
			msgs = append(msgs, s)
		} else {
			msgs = append(msgs, compact(it))
		}
	}
	return msgs
}

func compact(raw json.RawMessage) string {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return string(raw)
	}
	return b.String()
}

func isNull(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) == 0 || bytes.Equal(t, []byte("null"))
}

func isEmptyArray(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) >= 2 && t[0] == '[' && t[len(t)-1] == ']' && len(bytes.TrimSpace(t[1:len(t)-1])) == 0
}

// describeType names a non-JSON content type in an error ("an HTML error
// page" is the usual case behind a proxy).
func describeType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil || mt == "" || mt == "application/json" {
		return ""
	}
	return " (" + truncate(mt, 60) + " body)"
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
