package charts

import (
	"bytes"
	"strings"
	"testing"
)

// TestIndexInLanguages writes the index in the build's language: its
// words, its plural forms, its direction, and file names escaped inside
// the translated sentences.
func TestIndexInLanguages(t *testing.T) {
	x := Index{Folder: "data & <notes>", Entries: []IndexEntry{
		{Name: "a", Title: "Alpha", Facts: 3, Dated: 2, Years: []int{-43, 2005}, Source: "a.csv", Status: StatusBuilt, Page: true, Latest: true},
		// From an older version's index.json: its range alone.
		{Name: "old", Title: "Old", Facts: 1, Dated: 1, Range: "1930", Source: "old.csv", Status: StatusBuilt, Page: true, Latest: true},
		{Name: "b", Title: "Beta", Facts: 1, Dated: 0, Source: "b&<c>.csv", Status: StatusFailed, Errors: 2, Page: true, Latest: true},
		{Name: "c", Title: "Gamma", Source: "c.csv", Status: StatusFailed, Errors: 1, Latest: false},
	}}
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"", []string{
			`<html lang="en">`,
			`<title>Timelines</title>`,
			`<p class="built">The latest build read every CSV file in the folder <code>data &amp; &lt;notes&gt;</code>.</p>`,
			`<th scope="col">Latest build</th>`,
			`<tr><th scope="row"><a href="a.html">Alpha</a></th><td data-label="Facts">3 (2 dated)</td><td data-label="Dates">44 BC – 2005</td><td data-label="Embed"><a href="a.embed.html">chart alone</a></td><td data-label="Latest build">built from <code>a.csv</code></td></tr>`,
			`<tr><th scope="row"><a href="b.html">Beta</a></th><td data-label="Facts">1 (0 dated)</td><td data-label="Dates">undated</td><td data-label="Embed"><a href="b.embed.html">chart alone</a></td><td data-label="Latest build"><strong>failed</strong>: 2 errors in <code>b&amp;&lt;c&gt;.csv</code>; this is the last good version</td></tr>`,
			`<tr><th scope="row">Gamma</th><td data-label="Facts"></td><td data-label="Dates"></td><td data-label="Embed"></td><td data-label="Latest build"><strong>failed</strong>: 1 error in <code>c.csv</code>; no page yet (an earlier build)</td></tr>`,
		}},
		{"de", []string{
			`<html lang="de">`,
			`<title>Zeitleisten</title>`,
			`<p class="built">Der letzte Build las jede CSV-Datei im Ordner <code>data &amp; &lt;notes&gt;</code>.</p>`,
			`<tr><th scope="row"><a href="a.html">Alpha</a></th><td data-label="Einträge">3 (2 datiert)</td><td data-label="Zeitraum">44 v. Chr. – 2005</td><td data-label="Einbetten"><a href="a.embed.html">nur das Diagramm</a></td><td data-label="Letzter Build">erstellt aus <code>a.csv</code></td></tr>`,
			`<td data-label="Einträge">1 (0 datiert)</td><td data-label="Zeitraum">ohne Datum</td>`,
			`<td data-label="Zeitraum">1930</td>`,
			`<td data-label="Letzter Build"><strong>fehlgeschlagen</strong>: 1 Fehler in <code>c.csv</code>; noch keine Seite (ein früherer Build)</td>`,
		}},
		{"ru", []string{
			`<td data-label="Последняя сборка"><strong>ошибка</strong>: 2 ошибки в <code>b&amp;&lt;c&gt;.csv</code>; это последняя исправная версия</td>`,
			`<td data-label="Последняя сборка"><strong>ошибка</strong>: 1 ошибка в <code>c.csv</code>; страницы пока нет (более ранняя сборка)</td>`,
		}},
		{"he", []string{
			`<html lang="he" dir="rtl">`,
			`<td data-label="תאריכים"><bdi>44 לפנה״ס – 2005</bdi></td>`,
			`<td data-label="תאריכים"><bdi>1930</bdi></td>`,
			`<td data-label="בנייה אחרונה"><strong>נכשל</strong>: שתי שגיאות ב־<code>b&amp;&lt;c&gt;.csv</code>; זו הגרסה התקינה האחרונה</td>`,
		}},
		// A language with no words: English, in its own tag.
		{"fi", []string{`<html lang="fi">`, `<title>Timelines</title>`}},
	} {
		var b bytes.Buffer
		if err := WriteIndex(&b, x, tc.lang); err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%q: index lacks\n%s\nin\n%s", tc.lang, w, b.String())
			}
		}
	}
}

// TestIndexNamedFiles lists the files a build was given by name.
func TestIndexNamedFiles(t *testing.T) {
	var b bytes.Buffer
	if err := WriteIndex(&b, Index{Named: []string{"a.csv", "b.xlsx"}}, "fr"); err != nil {
		t.Fatal(err)
	}
	if want := `<p class="built">La dernière construction a lu les fichiers nommés : <code>a.csv</code>, <code>b.xlsx</code>.</p>`; !strings.Contains(b.String(), want) {
		t.Errorf("index lacks %s in\n%s", want, b.String())
	}
}

// TestIndexCommonLanguage speaks the language every lesson names when the
// build names none, and English when the lessons differ.
func TestIndexCommonLanguage(t *testing.T) {
	for _, tc := range []struct {
		langs []string
		want  string
	}{
		{[]string{"de", "de"}, `<html lang="de">`},
		{[]string{"de", "fr"}, `<html lang="en">`},
		{[]string{"de", ""}, `<html lang="en">`},
		{nil, `<html lang="en">`},
	} {
		var x Index
		for i, l := range tc.langs {
			x.Entries = append(x.Entries, IndexEntry{Name: string(rune('a' + i)), Lang: l, Status: StatusBuilt, Page: true, Latest: true})
		}
		var b bytes.Buffer
		if err := WriteIndex(&b, x, ""); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), tc.want) {
			t.Errorf("lessons in %q: index lacks %s", tc.langs, tc.want)
		}
	}
}
