package paykassma

import (
	"crypto/md5"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrSignPayload is returned by Sign when the payload is not a JSON object
// that PHP's json_decode accepts.
var ErrSignPayload = errors.New("paykassma: sign: payload is not a JSON object")

// Sign computes the withdrawal signature of a JSON object, equal to the API
// document's PHP generateSignature on json_decode($payload, true):
// sha1(privateKey . md5(multiImplode(':', ksort(data)))) in lowercase hex.
//
// The server recomputes the signature from the JSON it receives, so Sign
// reproduces PHP 8 exactly rather than approximately: json_decode's key and
// number handling, ksort's ordering of mixed keys (including its sort
// algorithm, which decides the order when PHP's key comparison is not
// transitive), and the way implode prints scalars (floats with precision=14,
// PHP's default). Only the top level is sorted; nested arrays keep their order.
func Sign(privateKey string, payload []byte) (string, error) {
	imploded, err := signedString(payload)
	if err != nil {
		return "", err
	}
	sum := md5.Sum(imploded)
	sig := sha1.Sum([]byte(privateKey + hex.EncodeToString(sum[:])))
	return hex.EncodeToString(sig[:]), nil
}

// signedString is multiImplode(':', ksort(json_decode(payload, true))), the
// string whose md5 the signature covers.
func signedString(payload []byte) ([]byte, error) {
	p := jsonParser{data: payload}
	top, err := p.document()
	if err != nil {
		return nil, err
	}
	if top.array == nil || !top.array.object {
		return nil, fmt.Errorf("%w: top-level value is not an object", ErrSignPayload)
	}
	ksort(top.array)
	return multiImplode(nil, top.array), nil
}

// phpValue is a decoded JSON value as PHP holds it after json_decode($x, true).
// Scalars are kept as the string implode prints for them.
type phpValue struct {
	str   string
	array *phpArray // non-nil for a JSON object or list
}

// phpArray is a PHP array in iteration order.
type phpArray struct {
	object  bool
	entries []phpEntry
	index   map[phpKey]int // objects only: where each key sits, for duplicates
}

type phpEntry struct {
	key phpKey
	val phpValue
	pos int // insertion position, ksort's tie-breaker
}

// phpKey is an array key: json_decode turns "123" (canonical decimal that
// fits int64) into an integer key and keeps every other string.
type phpKey struct {
	isInt bool
	i     int64
	s     string
}

func multiImplode(dst []byte, a *phpArray) []byte {
	for n, e := range a.entries {
		if n > 0 {
			dst = append(dst, ':')
		}
		if e.val.array != nil {
			dst = multiImplode(dst, e.val.array)
		} else {
			dst = append(dst, e.val.str...)
		}
	}
	return dst
}

// set stores a decoded member. Like json_decode (zend_symtable_update), a
// repeated key keeps its first position and takes the last value.
func (a *phpArray) set(key phpKey, val phpValue) {
	if i, ok := a.index[key]; ok {
		a.entries[i].val = val
		return
	}
	a.index[key] = len(a.entries)
	a.entries = append(a.entries, phpEntry{key: key, val: val, pos: len(a.entries)})
}

func makeKey(s string) phpKey {
	// _zend_handle_numeric_str_ex: an optional '-', digits, no leading zero
	// (so "-0" and "01" stay strings), within int64.
	d := strings.TrimPrefix(s, "-")
	canonical := d != "" && !(d[0] == '0' && len(s) > 1)
	for i := 0; canonical && i < len(d); i++ {
		canonical = d[i] >= '0' && d[i] <= '9'
	}
	if canonical {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return phpKey{isInt: true, i: n}
		}
	}
	return phpKey{s: s}
}
