package charts

import "testing"

func TestParseLang(t *testing.T) {
	tests := []struct {
		in, want string
		rtl      bool
	}{
		{"en", "en", false}, {"de", "de", false}, {"he", "he", true}, {"ar", "ar", true},
		{"fa", "fa", true}, {"ur", "ur", true}, {"sr-Latn", "sr-Latn", false}, {"sr", "sr", false},
		{"ja", "ja", false}, {"zh", "zh", false}, {"EN-gb", "en-GB", false},
	}
	for _, tt := range tests {
		got, err := ParseLang(tt.in)
		if err != nil || got != tt.want || IsRTL(got) != tt.rtl {
			t.Errorf("ParseLang(%q) = %q, %v, right to left %v; want %q, %v", tt.in, got, err, IsRTL(got), tt.want, tt.rtl)
		}
	}
	if _, err := ParseLang("not a language!"); err == nil {
		t.Error("ParseLang took a bad tag")
	}
}

func TestIntroLang(t *testing.T) {
	intro, err := ParseIntro("x.md", []byte("---\nlang: he\nview: 1925–1955\n---\n# כותרת\n"))
	if err != nil || intro.Lang != "he" || intro.Title != "כותרת" || intro.View.Start.Year != 1925 {
		t.Errorf("intro = %+v, %v", intro, err)
	}
	if _, err := ParseIntro("x.md", []byte("---\nlang: !!\n---\n")); err == nil || err.Error() != `x.md: lang: "!!" is not a language tag such as en, de or he` {
		t.Errorf("a bad lang: %v", err)
	}
}
