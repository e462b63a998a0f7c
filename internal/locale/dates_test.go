package locale

import (
	"encoding/json"
	"os"
	"testing"
)

// TestDates checks the dates the page writes, in several languages; the page
// script's tests (charts/jstest) check its own writing against the same
// cases, from testdata/dates.json.
func TestDates(t *testing.T) {
	for _, c := range loadDateCases(t) {
		l, _ := For(c.Lang)
		var got string
		switch {
		case c.Day != 0:
			got = l.Day(c.Year, c.Month, c.Day)
		case c.Month != 0:
			got = l.Month(c.Year, c.Month)
		default:
			got = l.Year(c.Year)
		}
		if got != c.Want {
			t.Errorf("%s %d-%d-%d = %q, want %q", c.Lang, c.Year, c.Month, c.Day, got, c.Want)
		}
	}
}

type dateCase struct {
	Lang             string
	Year, Month, Day int
	Want             string
}

func loadDateCases(t *testing.T) []dateCase {
	b, err := os.ReadFile("testdata/dates.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []dateCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}
