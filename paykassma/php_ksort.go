package paykassma

import (
	"math"
	"strconv"
	"strings"
)

// ksort sorts a's entries as PHP 8's ksort($a) with SORT_REGULAR does. PHP's
// key comparison is not transitive (numeric strings compare as numbers, other
// strings byte-wise: "10" < "9a" < "9" < "10"), so the order it leaves depends
// on the algorithm; this is a port of zend_sort (Zend/zend_sort.c) with the
// stable fallback on insertion position that PHP 8 adds.
func ksort(a *phpArray) {
	e := a.entries
	s := zendSorter{
		cmp: func(i, j int) int {
			if c := compareKeys(e[i].key, e[j].key); c != 0 {
				return c
			}
			return compareInts(int64(e[i].pos), int64(e[j].pos))
		},
		swap: func(i, j int) { e[i], e[j] = e[j], e[i] },
	}
	s.sort(0, len(e))
}

// compareKeys is php_array_key_compare_unstable_i.
func compareKeys(a, b phpKey) int {
	switch {
	case a.isInt && b.isInt:
		return compareInts(a.i, b.i)
	case !a.isInt && !b.isInt:
		return smartStrcmp(a.s, b.s)
	case a.isInt:
		return compareLongToString(a.i, b.s)
	default:
		return -compareLongToString(b.i, a.s)
	}
}

func compareInts(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func compareFloats(a, b float64) int { // ZEND_NORMALIZE_BOOL(a - b)
	switch d := a - b; {
	case d < 0:
		return -1
	case d > 0:
		return 1
	}
	return 0
}

// smartStrcmp is zendi_smart_strcmp: two numeric strings compare as numbers,
// anything else byte-wise.
func smartStrcmp(s1, s2 string) int {
	n1 := phpNumericString(s1)
	if n1.kind == notNumeric {
		return strings.Compare(s1, s2)
	}
	n2 := phpNumericString(s2)
	if n2.kind == notNumeric {
		return strings.Compare(s1, s2)
	}
	if n1.oflow != 0 && n1.oflow == n2.oflow && n1.d-n2.d == 0 {
		// Integers overflowed to the same side: a float comparison is lossy.
		return strings.Compare(s1, s2)
	}
	if n1.kind == isLong && n2.kind == isLong {
		return compareInts(n1.l, n2.l)
	}
	d1, d2 := n1.d, n2.d
	switch {
	case n1.kind == isLong:
		if n2.oflow != 0 {
			return -n2.oflow
		}
		d1 = float64(n1.l)
	case n2.kind == isLong:
		if n1.oflow != 0 {
			return n1.oflow
		}
		d2 = float64(n2.l)
	case d1 == d2 && math.IsInf(d1, 0):
		return strings.Compare(s1, s2)
	}
	return compareFloats(d1, d2)
}

// compareLongToString is compare_longs_to_string: PHP 8 compares an integer
// with a non-numeric string as strings.
func compareLongToString(l int64, s string) int {
	switch n := phpNumericString(s); n.kind {
	case isLong:
		return compareInts(l, n.l)
	case isDouble:
		return compareFloats(float64(l), n.d)
	}
	return strings.Compare(strconv.FormatInt(l, 10), s)
}

type numericKind uint8

const (
	notNumeric numericKind = iota
	isLong
	isDouble
)

type phpNumber struct {
	kind  numericKind
	l     int64
	d     float64
	oflow int // ±1 when an integer string is beyond int64
}

// phpNumericString is _is_numeric_string_ex(str, len, &l, &d, false, &oflow):
// optional leading and trailing whitespace, a sign, digits with an optional
// fraction and exponent; no hex, no "inf". It reads bytes as the C code does,
// with a NUL after the end.
func phpNumericString(s string) phpNumber {
	at := func(i int) byte {
		if i < len(s) {
			return s[i]
		}
		return 0
	}
	isSpace := func(c byte) bool {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
	}
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }

	if s == "" {
		return phpNumber{}
	}
	str := 0
	for isSpace(at(str)) {
		str++
	}
	ptr := str
	neg := false
	if at(ptr) == '-' {
		neg = true
		ptr++
	} else if at(ptr) == '+' {
		ptr++
	}

	var n phpNumber
	isFloat := false
	digits := 0
	var tmp uint64
	if isDigit(at(ptr)) {
		for at(ptr) == '0' {
			ptr++
		}
		// With a dval wanted, PHP stops counting at 20 digits: an overflow.
	scan:
		for ; digits < 20; digits, ptr = digits+1, ptr+1 {
			c := at(ptr)
			switch {
			case isDigit(c):
				tmp = tmp*10 + uint64(c-'0')
				continue
			case c == '.':
				isFloat = true
			case c == 'e' || c == 'E':
				e := ptr + 1
				if at(e) == '-' || at(e) == '+' {
					ptr = e
					e++
				}
				isFloat = isDigit(at(e))
			}
			break scan
		}
		if digits >= 20 {
			n.oflow = 1
			if neg {
				n.oflow = -1
			}
			isFloat = true
		}
	} else if at(ptr) == '.' && isDigit(at(ptr+1)) {
		isFloat = true
	} else {
		return phpNumber{}
	}
	if isFloat {
		n.kind = isDouble
		n.d, ptr = zendStrtod(s, str)
	} else {
		n.kind = isLong
	}
	for i := ptr; i < len(s); i++ {
		if !isSpace(s[i]) {
			return phpNumber{}
		}
	}
	if n.kind == isLong {
		if digits == 19 {
			// strcmp against LONG_MIN's digits reads on to the C string's NUL,
			// so trailing whitespace makes "-9223372036854775808 " a double.
			rest := s[ptr-digits:]
			if i := strings.IndexByte(rest, 0); i >= 0 {
				rest = rest[:i]
			}
			if c := strings.Compare(rest, "9223372036854775808"); !(c < 0 || (c == 0 && neg)) {
				n.kind = isDouble
				n.d, _ = zendStrtod(s, str)
				n.oflow = 1
				if neg {
					n.oflow = -1
				}
				return n
			}
		}
		n.l = int64(tmp)
		if neg {
			n.l = -n.l
		}
	}
	return n
}

// zendStrtod parses the longest decimal prefix of s[start:] (sign, digits,
// optional '.' and digits, optional exponent) and returns its value and end.
func zendStrtod(s string, start int) (float64, int) {
	i := start
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	mantissa := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		mantissa++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			mantissa++
		}
	}
	if mantissa == 0 {
		return 0, start
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '-' || s[j] == '+') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			i = j
		}
	}
	return parseFloatLikePHP(s[start:i]), i
}

// zendSorter is zend_sort: insertion sort up to 16 elements, otherwise a
// quicksort with a median-of-3 (or of 5 from 1024 elements) pivot.
type zendSorter struct {
	cmp  func(i, j int) int
	swap func(i, j int)
}

func (z zendSorter) sort2(a, b int) {
	if z.cmp(a, b) > 0 {
		z.swap(a, b)
	}
}

func (z zendSorter) sort3(a, b, c int) {
	if z.cmp(a, b) <= 0 {
		if z.cmp(b, c) <= 0 {
			return
		}
		z.swap(b, c)
		if z.cmp(a, b) > 0 {
			z.swap(a, b)
		}
		return
	}
	if z.cmp(c, b) <= 0 {
		z.swap(a, c)
		return
	}
	z.swap(a, b)
	if z.cmp(b, c) > 0 {
		z.swap(b, c)
	}
}

func (z zendSorter) sort4(a, b, c, d int) {
	z.sort3(a, b, c)
	if z.cmp(c, d) > 0 {
		z.swap(c, d)
		if z.cmp(b, c) > 0 {
			z.swap(b, c)
			if z.cmp(a, b) > 0 {
				z.swap(a, b)
			}
		}
	}
}

func (z zendSorter) sort5(a, b, c, d, e int) {
	z.sort4(a, b, c, d)
	if z.cmp(d, e) > 0 {
		z.swap(d, e)
		if z.cmp(c, d) > 0 {
			z.swap(c, d)
			if z.cmp(b, c) > 0 {
				z.swap(b, c)
				if z.cmp(a, b) > 0 {
					z.swap(a, b)
				}
			}
		}
	}
}

func (z zendSorter) insertSort(start, n int) {
	switch n {
	case 0, 1:
	case 2:
		z.sort2(start, start+1)
	case 3:
		z.sort3(start, start+1, start+2)
	case 4:
		z.sort4(start, start+1, start+2, start+3)
	case 5:
		z.sort5(start, start+1, start+2, start+3, start+4)
	default:
		end, sentry := start+n, start+6
		for i := start + 1; i < sentry; i++ {
			j := i - 1
			if z.cmp(j, i) <= 0 {
				continue
			}
			for j != start {
				j--
				if z.cmp(j, i) <= 0 {
					j++
					break
				}
			}
			for k := i; k > j; k-- {
				z.swap(k, k-1)
			}
		}
		for i := sentry; i < end; i++ {
			j := i - 1
			if z.cmp(j, i) <= 0 {
				continue
			}
			for {
				j -= 2
				if z.cmp(j, i) <= 0 {
					j++
					if z.cmp(j, i) <= 0 {
						j++
					}
					break
				}
				if j == start {
					break
				}
				if j == start+1 {
					j--
					if z.cmp(i, j) > 0 {
						j++
					}
					break
				}
			}
			for k := i; k > j; k-- {
				z.swap(k, k-1)
			}
		}
	}
}

func (z zendSorter) sort(start, n int) {
	for n > 16 {
		end := start + n
		offset := n >> 1
		pivot := start + offset
		if n>>10 != 0 {
			delta := offset >> 1
			z.sort5(start, start+delta, pivot, pivot+delta, end-1)
		} else {
			z.sort3(start, pivot, end-1)
		}
		z.swap(start+1, pivot)
		pivot = start + 1
		i, j := pivot+1, end-1
	partition:
		for {
			for z.cmp(pivot, i) > 0 {
				if i++; i == j {
					break partition
				}
			}
			if j--; j == i {
				break
			}
			for z.cmp(j, pivot) > 0 {
				if j--; j == i {
					break partition
				}
			}
			z.swap(i, j)
			if i++; i == j {
				break
			}
		}
		z.swap(pivot, i-1)
		if (i-1)-start < end-i {
			z.sort(start, i-start-1)
			start, n = i, end-i
		} else {
			z.sort(i, end-i)
			n = i - start - 1
		}
	}
	z.insertSort(start, n)
}
