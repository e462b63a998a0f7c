package locale

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"timeline/internal/testenv"
)

// TestCatalogues checks that every language has every message English
// has, no other, and the same {{.Field}} marks in each form.
func TestCatalogues(t *testing.T) {
	en, _ := For("en")
	want := en.IDs()
	if len(Tags()) != 21 {
		t.Errorf("languages %v, want 21", Tags())
	}
	for _, tag := range Tags() {
		l, ok := For(tag)
		if !ok || l.Tag != tag {
			t.Fatalf("For(%q) = %q, %v", tag, l.Tag, ok)
		}
		if got := l.IDs(); !slices.Equal(got, want) {
			t.Errorf("%s: ids differ from English's:\nmissing %v\nextra %v", tag, diff(want, got), diff(got, want))
		}
		for _, id := range want {
			if strings.HasPrefix(id, "Parse.") {
				continue
			}
			wantMarks := marks(en.Forms(id)["other"])
			for form, s := range l.Forms(id) {
				// A form may leave a mark out (Arabic "two" says "two facts" in
				// words, without {{.Count}}), but may not add one.
				if got := marks(s); len(diff(got, wantMarks)) > 0 {
					t.Errorf("%s %s (%s): marks %v, want %v", tag, id, form, got, wantMarks)
				}
			}
		}
	}
}

// TestPlurals fills every plural message in every language with counts
// that take each CLDR category somewhere: go-i18n fails on a count whose
// form the catalogue lacks.
func TestPlurals(t *testing.T) {
	en, _ := For("en")
	for _, tag := range Tags() {
		l, _ := For(tag)
		for _, id := range en.IDs() {
			if len(en.Forms(id)) < 2 {
				continue
			}
			for _, n := range []any{0, 1, 2, 3, 5, 11, 21, 22, 25, 100, 101, 102, 111, 1000000, "1.5", "2.5"} {
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Errorf("%s %s with %v: %v", tag, id, n, r)
						}
					}()
					l.Text(id, map[string]any{"Count": n, "Shown": 1, "First": 1, "Last": 2, "From": "x", "To": "y"})
				}()
			}
		}
	}
}

func TestPluralForms(t *testing.T) {
	tests := []struct {
		tag  string
		n    any
		want string
	}{
		{"en", 1, "1 fact"}, {"en", 2, "2 facts"},
		{"de", 1, "1 Eintrag"}, {"de", 3, "3 Einträge"},
		{"ru", 1, "1 факт"}, {"ru", 3, "3 факта"}, {"ru", 5, "5 фактов"}, {"ru", 21, "21 факт"}, {"ru", "1.5", "1.5 факта"},
		{"pl", 22, "22 fakty"}, {"pl", 12, "12 faktów"},
		{"ar", 2, "واقعتان"}, {"ar", 3, "3 وقائع"}, {"ar", 11, "11 واقعة"},
		{"ja", 5, "5 件"},
	}
	for _, tt := range tests {
		l, _ := For(tt.tag)
		if got := l.Text("Facts", map[string]any{"Count": tt.n}); got != tt.want {
			t.Errorf("%s Facts %v = %q, want %q", tt.tag, tt.n, got, tt.want)
		}
	}
}

func TestFor(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"de", "de", true}, {"de-AT", "de", true}, {"pt-BR", "pt", true}, {"sr-Latn", "sr-Latn", true},
		{"sr-Latn-RS", "sr-Latn", true}, {"sr-Cyrl", "sr", true}, {"en-GB", "en", true},
		{"fi", "en", false}, {"not a tag", "en", false},
	}
	for _, tt := range tests {
		l, ok := For(tt.in)
		if l.Tag != tt.want || ok != tt.ok {
			t.Errorf("For(%q) = %q, %v; want %q, %v", tt.in, l.Tag, ok, tt.want, tt.ok)
		}
	}
}

func TestCalendars(t *testing.T) {
	for _, tag := range Tags() {
		l, _ := For(tag)
		for i, m := range l.Months {
			if m == "" || l.MonthsAbbr[i] == "" || l.StandAlone[i] == "" {
				t.Errorf("%s: month %d has no name", tag, i+1)
			}
		}
		if len(l.BC) == 0 || len(l.AD) == 0 {
			t.Errorf("%s: no era words", tag)
		}
		p := l.Patterns
		for _, s := range []string{p.Day, p.DayBC} {
			if !strings.Contains(s, "{d}") || !strings.Contains(s, "{y}") {
				t.Errorf("%s: day pattern %q", tag, s)
			}
		}
	}
	de, _ := For("de")
	if de.Months[2] != "März" || de.BC[0] != "v. Chr." || de.Patterns.Day != "{d}. {MMM} {y}" {
		t.Errorf("de: %q %q %q", de.Months[2], de.BC[0], de.Patterns.Day)
	}
	ru, _ := For("ru")
	if ru.Months[2] != "марта" || ru.StandAlone[2] != "март" {
		t.Errorf("ru: %q %q", ru.Months[2], ru.StandAlone[2])
	}
}

func marks(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "{{.")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "}}")
		out = append(out, s[i:i+j+2])
		s = s[i+j+2:]
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// diff lists the strings of a that b lacks.
func diff(a, b []string) []string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}

// TestCLDRGenerated checks that cldr.go is what gen_cldr.go writes from the
// pinned cldr-dates-full package, which npm ci installs.
func TestCLDRGenerated(t *testing.T) {
	dir := filepath.Join("..", "..", "node_modules", "cldr-dates-full")
	if _, err := os.Stat(dir); err != nil {
		testenv.Skip(t, "no %s: run npm ci", dir)
	}
	out := filepath.Join(t.TempDir(), "cldr.go")
	cmd := exec.Command("go", "run", "gen_cldr.go", "-cldr", dir, "-o", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gen_cldr: %v\n%s", err, b)
	}
	want, _ := os.ReadFile("cldr.go")
	got, _ := os.ReadFile(out)
	if !bytes.Equal(got, want) {
		t.Error("cldr.go is not what gen_cldr.go writes: run go generate ./internal/locale")
	}
}
