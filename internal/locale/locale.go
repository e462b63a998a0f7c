// Package locale holds the languages a timeline page speaks: for each, a
// catalogue of the page's words (messages/TAG.json, in go-i18n's format,
// with CLDR plural forms), and the month names, era words and date
// patterns of CLDR's Gregorian calendar (cldr.go, generated from the
// cldr-dates-full package by gen_cldr.go).
//
// A catalogue marks a translation its writer was unsure of with a
// "description" beginning "unsure".
package locale

//go:generate go run gen_cldr.go -cldr ../../node_modules/cldr-dates-full

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// calendar is a language's Gregorian calendar, from CLDR: its month names,
// its words for the eras, and how it writes dates.
type calendar struct {
	// Months and MonthsAbbr name the months in a date ("5 марта"),
	// StandAlone and StandAloneAbbr on their own ("март").
	Months, MonthsAbbr, StandAlone, StandAloneAbbr [12]string
	// BC and AD list the era's words, the abbreviation first.
	BC, AD   []string
	Patterns Patterns
}

// Patterns say how a language writes a year, a month and a day, and the
// same before the common era. In each, {y} stands for the year, {M} for
// the month's number, {MMM} for its abbreviated name in a date, {LLL} for
// it on its own, {d} for the day and {G} for the era.
type Patterns struct {
	Year, Month, Day       string
	YearBC, MonthBC, DayBC string
}

// Default is the language of a page that names none.
const Default = "en"

//go:embed messages/*.json
var catalogues embed.FS

// A Locale is one language the page speaks.
type Locale struct {
	// Tag is the catalogue's BCP 47 tag: "de", "sr-Latn".
	Tag string
	calendar
	localizer      *i18n.Localizer
	messages       map[string]*i18n.Message
	group, decimal string // see Separators
}

// The catalogues, by tag, their tags sorted, and a matcher of tags to
// them, whose answers index matched: read once, when the program starts,
// and never changed.
var locales, tags, matcher, matched = load()

// load reads every catalogue. They are embedded and checked by the tests,
// so an error here is a broken build.
func load() (map[string]*Locale, []string, language.Matcher, []string) {
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	files, err := catalogues.ReadDir("messages")
	if err != nil {
		panic(err)
	}
	locales := map[string]*Locale{}
	var tags []string
	var parsed []language.Tag
	for _, f := range files {
		mf, err := bundle.LoadMessageFileFS(catalogues, path.Join("messages", f.Name()))
		if err != nil {
			panic(fmt.Sprintf("locale: %v", err))
		}
		tag := mf.Tag.String()
		cal, ok := calendars[tag]
		if !ok {
			panic("locale: no CLDR calendar for " + tag)
		}
		l := &Locale{Tag: tag, calendar: *cal, localizer: i18n.NewLocalizer(bundle, tag), messages: map[string]*i18n.Message{}}
		l.group, l.decimal = separators(tag)
		for _, m := range mf.Messages {
			l.messages[m.ID] = m
		}
		locales[tag] = l
		tags = append(tags, tag)
	}
	slices.Sort(tags)
	// English first: the matcher falls back to it.
	order := []string{Default}
	for _, t := range tags {
		if t != Default {
			order = append(order, t)
		}
	}
	for _, t := range order {
		parsed = append(parsed, language.MustParse(t))
	}
	return locales, tags, language.NewMatcher(parsed), order
}

// Tags lists the languages with a catalogue, sorted.
func Tags() []string {
	return slices.Clone(tags)
}

// For gives the catalogue closest to a language tag: "de-AT" gets de's,
// "sr-Latn-RS" sr-Latn's. A language with none gets English, and ok false.
func For(tag string) (l *Locale, ok bool) {
	if l, found := locales[tag]; found {
		return l, true
	}
	t, err := language.Parse(tag)
	if err != nil {
		return locales[Default], false
	}
	_, i, conf := matcher.Match(t)
	if conf < language.High {
		return locales[Default], false
	}
	return locales[matched[i]], true
}

// Text gives message id, filled in from data, a map of its fields such as
// {"Count": 3}. A message with plural forms takes the one data's Count
// needs, by the language's CLDR rule.
func (l *Locale) Text(id string, data map[string]any) string {
	cfg := &i18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if n, ok := data["Count"]; ok {
		cfg.PluralCount = n
	}
	return l.localize(cfg)
}

// localize gives a message as cfg asks for it.
func (l *Locale) localize(cfg *i18n.LocalizeConfig) string {
	s, err := l.localizer.Localize(cfg)
	if err != nil {
		// Every id in English is in every catalogue, as a test checks; a
		// missing one is a typo in the caller.
		panic(fmt.Sprintf("locale %s: %v", l.Tag, err))
	}
	return s
}

// Word gives message id, which has no fields.
func (l *Locale) Word(id string) string { return l.Text(id, nil) }

// Forms gives the plural forms of message id, by CLDR category ("one",
// "few", "other"), as written, with their {{.Field}} marks; a message
// without plural forms has just "other".
func (l *Locale) Forms(id string) map[string]string {
	m := l.messages[id]
	if m == nil {
		panic(fmt.Sprintf("locale %s: no message %s", l.Tag, id))
	}
	forms := map[string]string{}
	for k, v := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other} {
		if v != "" {
			forms[k] = v
		}
	}
	return forms
}

// IDs lists the ids of the language's messages, sorted.
func (l *Locale) IDs() []string {
	var ids []string
	for id := range l.messages {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// List gives message id's forms as a list, split at "|": the words a date
// may be written with.
func (l *Locale) List(id string) []string {
	var out []string
	for _, s := range strings.Split(l.Forms(id)["other"], "|") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
