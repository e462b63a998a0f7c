package charts

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAppendJSONString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", `"plain"`},
		{"</script><script>alert(1)</script>", `"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"`},
		{"__f__alert(1)__f__", `"\u005f_f__alert(1)\u005f_f__"`},
		{"___f__", `"_\u005f_f__"`},
		{`a"b\c`, `"a\"b\\c"`},
		{"tab\tnl\ncr\r\x01", `"tab\tnl\ncr\r\u0001"`},
		{"Tom & Jerry", `"Tom \u0026 Jerry"`},
		{"line\u2028para\u2029", `"line\u2028para\u2029"`},
		{"bad \xff utf8", `"bad \ufffd utf8"`},
		{"Stojanović", `"Stojanovi\u0107"`},
		{"café", `"café"`},
		{"😀", `"\ud83d\ude00"`},
	}
	for _, tt := range tests {
		if got := string(appendJSONString(nil, tt.in)); got != tt.want {
			t.Errorf("appendJSONString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestSafeTextInGoEchartsJSON(t *testing.T) {
	b, err := json.Marshal(map[string]any{"data": []SafeText{"</script>", "__f__x__f__"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"data":["\u003c/script\u003e","\u005f_f__x\u005f_f__"]}`; got != want {
		t.Errorf("json.Marshal = %s, want %s", got, want)
	}
}

func FuzzAppendJSONString(f *testing.F) {
	f.Add("</script>__f__\u2028&")
	f.Add("\xff\xfe")
	f.Add("“Вождь” 😀 café")
	f.Fuzz(func(t *testing.T, s string) {
		out := string(appendJSONString(nil, s))
		for _, bad := range []string{"<", ">", "&", "__f__", "\u2028", "\u2029"} {
			if strings.Contains(out, bad) {
				t.Fatalf("appendJSONString(%q) = %s contains %q", s, out, bad)
			}
		}
		if r := firstPastLatin1(out); r >= 0 {
			t.Fatalf("appendJSONString(%q) = %s holds %q, past Latin-1", s, out, r)
		}
		var back string
		if err := json.Unmarshal([]byte(out), &back); err != nil {
			t.Fatalf("appendJSONString(%q) = %s is not JSON: %v", s, out, err)
		}
		if utf8.ValidString(s) && back != s {
			t.Fatalf("appendJSONString(%q) decodes to %q", s, back)
		}
	})
}
