package extract

import (
	"strings"
	"unicode"

	"timeline/pipeline"
)

// maxDateWords is the most words a date expression takes: "from 5 March
// 1953 to 14 April 1954".
const maxDateWords = 9

// findDate finds the first date expression in a sentence, as written, and
// what it means: the longest run of words that ParseDate reads and that
// holds a year, a decade, a century or an era.
func findDate(s string) (expr string, d pipeline.Date, ok bool) {
	words := wordSpans(s)
	for i := range words {
		for n := min(maxDateWords, len(words)-i); n >= 1; n-- {
			from, to := words[i][0], words[i+n-1][1]
			text := strings.TrimRight(s[from:to], ",;:)")
			if !datelike(s, words[i:i+n], text) {
				continue
			}
			// Without a full stop that ends the sentence, then with it,
			// as "c." and "B.C." have one.
			for _, t := range []string{strings.TrimSuffix(text, "."), text} {
				if d, err := pipeline.ParseDate(t); err == nil && !d.IsZero() {
					return t, d, true
				}
			}
		}
	}
	return "", pipeline.Date{}, false
}

// wordSpans gives where each word of s starts and ends, without the
// punctuation that opens a word.
func wordSpans(s string) [][2]int {
	var spans [][2]int
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				spans = append(spans, [2]int{start, i})
				start = -1
			}
			continue
		}
		if start < 0 {
			if strings.ContainsRune("(“‘\"'[", r) {
				continue
			}
			start = i
		}
	}
	if start >= 0 {
		spans = append(spans, [2]int{start, len(s)})
	}
	return spans
}

// notBeside are words that make a number next to them no year: issue,
// page and volume marks, and quantities.
var notBeside = map[string]bool{"no": true, "no.": true, "p.": true, "pp.": true, "vol.": true, "vol": true, "issue": true,
	"page": true, "pages": true, "million": true, "millions": true, "billion": true, "thousand": true, "thousands": true,
	"hundred": true, "hundreds": true, "per": true, "percent": true, "%": true, "people": true, "men": true, "women": true}

// datelike tells whether a run of words may be a date: it holds a year
// of four digits, a decade, a century or millennium, or a year with its
// era; and no number in it stands beside an issue, page or quantity word.
func datelike(s string, words [][2]int, text string) bool {
	lower := strings.ToLower(text)
	hasYear := false
	for k, w := range words {
		word := strings.Trim(strings.ToLower(s[w[0]:w[1]]), ",;:.)")
		digits := strings.TrimRightFunc(strings.TrimLeftFunc(word, func(r rune) bool { return !unicode.IsDigit(r) }), func(r rune) bool { return !unicode.IsDigit(r) })
		if digits == "" {
			continue
		}
		// A number glued to a mark, "No.67", or a list marker, "1)".
		if strings.HasPrefix(word, "no.") || strings.HasPrefix(word, "p.") || strings.HasSuffix(s[w[0]:w[1]], ")") && !strings.Contains(s[w[0]:w[1]], "(") && len(digits) < 3 {
			return false
		}
		if isYear(digits) || strings.HasSuffix(word, "s") && len(digits) >= 3 ||
			strings.Contains(lower, "century") || strings.Contains(lower, "millenni") ||
			strings.Contains(lower, " bc") || strings.Contains(lower, " ad") || strings.Contains(lower, " bce") || strings.Contains(lower, " ce") {
			hasYear = true
		}
		// The words beside the run, and inside it.
		for _, j := range []int{k - 1, k + 1} {
			var beside string
			switch {
			case j >= 0 && j < len(words):
				beside = s[words[j][0]:words[j][1]]
			default:
				beside = wordAt(s, w, j > k)
			}
			if notBeside[strings.Trim(strings.ToLower(beside), ",;:")] {
				return false
			}
		}
	}
	return hasYear
}

// isYear: four digits, from 1000 to 2999.
func isYear(digits string) bool {
	return len(digits) == 4 && digits[0] >= '1' && digits[0] <= '2'
}

// wordAt gives the word of s just before or after the span w.
func wordAt(s string, w [2]int, after bool) string {
	if after {
		rest := strings.Fields(s[w[1]:])
		if len(rest) > 0 {
			return rest[0]
		}
		return ""
	}
	before := strings.Fields(s[:w[0]])
	if len(before) > 0 {
		return before[len(before)-1]
	}
	return ""
}
