package pipeline

import (
	"errors"
	"strings"
	"testing"
	"timeline/internal/locale"
)

// TestDateReader reads dates as each language writes them: its month
// names, era words and circa and decade words. The EDTF form says what
// each means.
func TestDateReader(t *testing.T) {
	tests := []struct{ lang, in, edtf string }{
		{"de", "März 1974", "1974-03"},
		{"de", "5. März 1953", "1953-03-05"},
		{"de", "1930er", "193X"},
		{"de", "1930er Jahre", "193X"},
		{"de", "um 1929", "1929~"},
		{"de", "44 v. Chr.", "-0043"},
		{"de", "15. Mär 44 v. Chr.", "-0043-03-15"},
		{"de", "Sept. 1939 – Mai 1945", "1939-09/1945-05"},
		{"de", "5.3.1953", "1953-03-05"},
		{"fr", "mars 1974", "1974-03"},
		{"fr", "vers 1929", "1929~"},
		{"fr", "44 av. J.-C.", "-0043"},
		{"fr", "5 mars 1953", "1953-03-05"},
		{"fr", "années 1930", "193X"},
		{"fr", "juil. 1789", "1789-07"},
		{"es", "marzo de 1974", "1974-03"},
		{"es", "5 de marzo de 1953", "1953-03-05"},
		{"es", "hacia 1929", "1929~"},
		{"es", "44 a. C.", "-0043"},
		{"es", "década de 1930", "193X"},
		{"it", "marzo 1974", "1974-03"},
		{"it", "5 marzo 1953", "1953-03-05"},
		{"it", "circa 1929", "1929~"},
		{"it", "44 a.C.", "-0043"},
		{"it", "anni 1930", "193X"},
		{"pt", "março de 1974", "1974-03"},
		{"pt", "por volta de 1929", "1929~"},
		{"pt", "44 a.C.", "-0043"},
		{"nl", "maart 1974", "1974-03"},
		{"nl", "omstreeks 1929", "1929~"},
		{"nl", "44 v.Chr.", "-0043"},
		{"nl", "jaren 1930", "193X"},
		{"pl", "marzec 1974", "1974-03"},
		{"pl", "5 marca 1953 r.", "1953-03-05"},
		{"pl", "ok. 1929", "1929~"},
		{"pl", "44 p.n.e.", "-0043"},
		{"cs", "březen 1974", "1974-03"},
		{"cs", "5. března 1953", "1953-03-05"},
		{"cs", "kolem 1929", "1929~"},
		{"cs", "44 př. n. l.", "-0043"},
		{"sv", "mars 1974", "1974-03"},
		{"sv", "omkring 1929", "1929~"},
		{"sv", "44 f.Kr.", "-0043"},
		{"sv", "1930-talet", "193X"},
		{"ru", "март 1974", "1974-03"},
		{"ru", "5 марта 1953 г.", "1953-03-05"},
		{"ru", "1930-е", "193X"},
		{"ru", "1930-е годы", "193X"},
		{"ru", "около 1929", "1929~"},
		{"ru", "44 до н. э.", "-0043"},
		{"uk", "березень 1974", "1974-03"},
		{"uk", "5 березня 1953 р.", "1953-03-05"},
		{"uk", "близько 1929", "1929~"},
		{"uk", "44 до н. е.", "-0043"},
		{"uk", "1930-ті", "193X"},
		{"sr", "март 1974", "1974-03"},
		{"sr", "5. март 1953.", "1953-03-05"},
		{"sr", "око 1929", "1929~"},
		{"sr", "44. п. н. е.", "-0043"},
		{"sr-Latn", "mart 1974", "1974-03"},
		{"sr-Latn", "oko 1929", "1929~"},
		{"sr-Latn", "44 p. n. e.", "-0043"},
		{"tr", "Mart 1974", "1974-03"},
		{"tr", "5 Mart 1953", "1953-03-05"},
		{"tr", "yaklaşık 1929", "1929~"},
		{"tr", "MÖ 44", "-0043"},
		{"tr", "1930'lar", "193X"},
		{"el", "Μάρτιος 1974", "1974-03"},
		{"el", "5 Μαρτίου 1953", "1953-03-05"},
		{"el", "περίπου 1929", "1929~"},
		{"el", "44 π.Χ.", "-0043"},
		{"ar", "مارس 1974", "1974-03"},
		{"ar", "5 مارس 1953", "1953-03-05"},
		{"ar", "نحو 1929", "1929~"},
		{"ar", "44 ق.م", "-0043"},
		{"ar", "١٩٧٤", "1974"},
		{"he", "מרץ 1974", "1974-03"},
		{"he", "5 במרץ 1953", "1953-03-05"},
		{"he", "בערך 1929", "1929~"},
		{"he", "44 לפנה״ס", "-0043"},
		{"zh", "1974年3月", "1974-03"},
		{"zh", "1953年3月5日", "1953-03-05"},
		{"zh", "1930年代", "193X"},
		{"zh", "约1929年", "1929~"},
		{"zh", "公元前44年", "-0043"},
		{"ja", "1974年3月", "1974-03"},
		{"ja", "1953年3月5日", "1953-03-05"},
		{"ja", "1930年代", "193X"},
		{"ja", "紀元前44年", "-0043"},
		{"ko", "1974년 3월", "1974-03"},
		{"ko", "1953년 3월 5일", "1953-03-05"},
		{"ko", "1930년대", "193X"},
		{"ko", "기원전 44년", "-0043"},
		// English always reads.
		{"de", "March 1974", "1974-03"},
		{"ru", "c. 1929", "1929~"},
		{"pt", "2.5 million years ago", "Y-2498050"},
		{"ja", "44 BC", "-0043"},
	}
	for _, tt := range tests {
		d, err := DatesIn(tt.lang).Parse(tt.in)
		if err != nil || d.EDTF != tt.edtf || d.Text != tt.in {
			t.Errorf("%s %q = %q (text %q), %v; want %q", tt.lang, tt.in, d.EDTF, d.Text, err, tt.edtf)
		}
	}
}

func TestDateReaderTwoReadings(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{"de", "3/4/1974", `date "3/4/1974": reads two ways: 3 April 1974 or 4 March 1974; write the month in words`},
		{"fr", "jui 1789", `date "jui 1789": "jui" begins juin and juillet: write more of the month`},
	}
	for _, tt := range tests {
		_, err := DatesIn(tt.lang).Parse(tt.in)
		if !errors.Is(err, ErrAmbiguous) || err.Error() != tt.want {
			t.Errorf("%s %q: %v, want %s", tt.lang, tt.in, err, tt.want)
		}
	}
	// English reads the English forms alone.
	if _, err := DatesIn("en").Parse("März 1974"); !errors.Is(err, ErrNotADate) {
		t.Errorf("en März 1974: %v", err)
	}
}

// FuzzDateReader reads any text in every language: no panic, and a date
// it reads is a valid one, whose text is the input's, trimmed.
func FuzzDateReader(f *testing.F) {
	for _, s := range []string{"5. März 1953", "1930er", "um 1929", "44 v. Chr.", "3/4/1974", "jui 1789", "1953年3月5日", "公元前44年",
		"١٩٧٤", "5 במרץ 1953", "década de 1930", "13.8 Ga", "c. 12,000 BC", "bc 1.2.", "年月日", "ב", "-е", "1930-е–1940-е"} {
		f.Add(s)
	}
	tags := locale.Tags()
	f.Fuzz(func(t *testing.T, s string) {
		for _, tag := range tags {
			d, err := DatesIn(tag).Parse(s)
			if err != nil {
				continue
			}
			if d.Text != strings.TrimSpace(s) {
				t.Errorf("%s %q: text %q", tag, s, d.Text)
			}
			if !d.IsZero() {
				if verr := d.Validate(); verr != nil {
					t.Errorf("%s %q: %v", tag, s, verr)
				}
			}
		}
	})
}
