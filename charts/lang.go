package charts

import (
	"fmt"

	"golang.org/x/text/language"
)

// DefaultLang is the language of a page that names none.
const DefaultLang = "en"

// ParseLang reads a language tag, "he" or "sr-Latn", as BCP 47 writes it,
// and gives it in its canonical form.
func ParseLang(s string) (string, error) {
	tag, err := language.Parse(s)
	if err != nil {
		return "", fmt.Errorf("%q is not a language tag such as en, de or he", s)
	}
	return tag.String(), nil
}

// rtlScripts are the scripts written from right to left, in the tags
// x/text gives them (ISO 15924).
var rtlScripts = map[string]bool{"Arab": true, "Hebr": true, "Thaa": true, "Syrc": true, "Nkoo": true, "Adlm": true, "Mand": true, "Samr": true}

// IsRTL tells whether a language is written from right to left, by the
// script x/text gives it: Arabic, Hebrew, Persian, Urdu, Yiddish are.
func IsRTL(lang string) bool {
	tag, err := language.Parse(lang)
	if err != nil {
		return false
	}
	script, _ := tag.Script()
	return rtlScripts[script.String()]
}
