package i18n

import (
	"strings"
	"time"
)

// Digits writes the ASCII digits of s in lang's digits. One system per
// language, everywhere on its pages (amounts, times, list numbers, counts
// in sentences):
//   - Bengali: Bengali digits (০-৯). Bangla text in Bangladesh (the press,
//     government forms, bKash and Nagad in Bangla) counts in them, and our
//     catalog's sentences and the guides' list numbers already did, so the
//     amounts and times join them rather than the other way round.
//   - Hindi and English: the international digits, which India's
//     constitution makes the official form for Hindi too and every wallet
//     app in India shows.
//
// Codes the person copies or types (wallet numbers, transaction IDs,
// references, what they typed in a field) are not numbers and stay as the
// wallet apps write them.
func Digits(lang, s string) string {
	zero, ok := zeros[lang]
	if !ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return zero + r - '0'
		}
		return r
	}, s)
}

// zeros are the digit zero of each language that does not use ASCII digits.
var zeros = map[string]rune{"bn": '০'}

// Month is a month's name as lang writes it in a date: "Dec", "दिसंबर".
func Month(lang string, m time.Month) string {
	names, ok := months[lang]
	if !ok {
		names = months[Default]
	}
	return names[m-1]
}

var months = map[string][12]string{
	"en": {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	"hi": {"जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"},
	"bn": {"জানুয়ারি", "ফেব্রুয়ারি", "মার্চ", "এপ্রিল", "মে", "জুন", "জুলাই", "আগস্ট", "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর"},
}
