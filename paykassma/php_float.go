package paykassma

import (
	"math"
	"strconv"
	"strings"
)

// phpFloatString prints f as PHP 8 does in implode and string conversion:
// "%.14G" through zend_gcvt (precision=14), e.g. 0.3 for 0.1+0.2, 1.0E+25,
// 1.0E-5, 100.1, -0, INF.
func phpFloatString(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	case math.IsNaN(f):
		return "NAN"
	}
	var b []byte
	if math.Signbit(f) {
		b = append(b, '-')
		f = -f
	}
	if f == 0 {
		return string(append(b, '0'))
	}
	// 14 significant digits, correctly rounded with ties to even, as
	// zend_dtoa mode 2 does; then trailing zeros dropped.
	e := strconv.FormatFloat(f, 'e', 13, 64) // d.ddddddddddddde±XX
	mant, exp, _ := strings.Cut(e, "e")
	digits := strings.TrimRight(mant[:1]+mant[2:], "0")
	if f >= 1e14 && f < 1e15 && f == math.Trunc(f) {
		// zend_dtoa's integer path settles an exact tie at the 15th digit
		// without trimming zeros: 100000000000005.0 prints 1.0000000000000E+14.
		if n := int64(f); n%10 == 5 && (n/10)%2 == 0 {
			digits = strconv.FormatInt(n/10, 10)
		}
	}
	x, _ := strconv.Atoi(exp)
	decpt := x + 1 // digits before the decimal point

	switch {
	case decpt < -3 || decpt > 14:
		b = append(b, digits[0], '.')
		if len(digits) == 1 {
			b = append(b, '0')
		} else {
			b = append(b, digits[1:]...)
		}
		b = append(b, 'E')
		if x < 0 {
			b = append(b, '-')
			x = -x
		} else {
			b = append(b, '+')
		}
		b = strconv.AppendInt(b, int64(x), 10)
	case decpt <= 0:
		b = append(b, "0."...)
		b = append(b, strings.Repeat("0", -decpt)...)
		b = append(b, digits...)
	default:
		if len(digits) <= decpt {
			b = append(b, digits...)
			b = append(b, strings.Repeat("0", decpt-len(digits))...)
		} else {
			b = append(b, digits[:decpt]...)
			b = append(b, '.')
			b = append(b, digits[decpt:]...)
		}
	}
	return string(b)
}
