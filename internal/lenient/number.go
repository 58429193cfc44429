package lenient

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
)

// numberFit is how a JSON number fits a Go number type.
type numberFit uint8

const (
	fits       numberFit = iota // stored
	fractional                  // an integer type, and the number has a fraction
	outOfRange                  // too large or too small for the type
)

// storeNumber stores the JSON number literal lit in v, a Go integer or float,
// if it fits. An integer type takes any literal whose value is integral,
// 2.0 and 2e0 included, converted exactly: the literal is read as decimal
// digits, never through a float64 that would round 9007199254740993.0.
func storeNumber(v reflect.Value, lit string) numberFit {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(lit, v.Type().Bits())
		if err != nil || v.OverflowFloat(f) {
			return outOfRange
		}
		v.SetFloat(f)
		return fits
	}
	digits, negative, fit := integerDigits(lit)
	if fit != fits {
		return fit
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if negative {
			digits = "-" + digits
		}
		i, err := strconv.ParseInt(digits, 10, 64)
		if err != nil || v.OverflowInt(i) {
			return outOfRange
		}
		v.SetInt(i)
	default: // the unsigned kinds
		if negative && digits != "0" {
			return outOfRange
		}
		u, err := strconv.ParseUint(digits, 10, 64)
		if err != nil || v.OverflowUint(u) {
			return outOfRange
		}
		v.SetUint(u)
	}
	return fits
}

// maxIntegerDigits is more decimal digits than any 64-bit integer has.
const maxIntegerDigits = 21

// integerDigits returns the decimal digits of the JSON number literal lit,
// without sign or leading zeros ("0" for zero), and whether it is negative,
// when its value is an integer of at most maxIntegerDigits digits.
func integerDigits(lit string) (digits string, negative bool, fit numberFit) {
	negative = strings.HasPrefix(lit, "-")
	mantissa, exponent, hasExponent := strings.Cut(strings.TrimPrefix(lit, "-"), "e")
	if !hasExponent {
		mantissa, exponent, hasExponent = strings.Cut(mantissa, "E")
	}
	whole, fraction, _ := strings.Cut(mantissa, ".")
	all := whole + fraction
	// The value is 0.all × 10^point: point is where the decimal point sits
	// in all once leading zeros are gone.
	trimmed := strings.TrimLeft(all, "0")
	point := len(whole) - (len(all) - len(trimmed))
	all = strings.TrimRight(trimmed, "0")
	if all == "" {
		return "0", negative, fits
	}
	if hasExponent {
		// An exponent beyond ±2^40 outweighs any literal's digits: the value
		// is then either far too large or has a fraction.
		e, err := strconv.Atoi(exponent)
		switch negativeExponent := strings.HasPrefix(exponent, "-"); {
		case (err != nil || e < -1<<40) && negativeExponent:
			return "", negative, fractional
		case err != nil || e > 1<<40:
			return "", negative, outOfRange
		}
		point += e
	}
	switch {
	case point < len(all):
		return "", negative, fractional
	case point > maxIntegerDigits:
		return "", negative, outOfRange
	}
	return all + strings.Repeat("0", point-len(all)), negative, fits
}

// isNumber reports whether s is exactly one JSON number literal, with no
// space around it.
func isNumber(s string) bool {
	if s == "" || s[len(s)-1] < '0' || s[len(s)-1] > '9' {
		return false
	}
	if c := s[0]; c != '-' && (c < '0' || c > '9') {
		return false
	}
	return json.Valid([]byte(s))
}
