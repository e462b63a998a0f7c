// Package schema declares the columns of a timeline's CSV, once: their
// names and aliases, what their values are, how they are checked, and
// where they go.
//
// Everything else follows from Columns. go generate ./pipeline writes
// pipeline's record (the gocsv struct whose tags are the file's schema),
// its Field constants and the fields of Fact from it
// (pipeline/columns_gen.go); the reader checks each value by its Value;
// the normalised CSV writes the columns in this order; the page's payload
// carries the columns that have a Payload key. Adding a column is one
// entry here, go generate, and tests; a column with a new Shown or Label
// also needs its words, "Heading.Shown" or "Field.Label", in each
// catalogue of internal/locale (a test says which are missing).
package schema

// Value is what a column's values are, and so how they are read and
// checked.
type Value int

const (
	Text    Value = iota // free text, trimmed
	ID                   // an id, trimmed: it may not hold ";", which separates ids
	List                 // items separated by ";", written back as "a; b"
	KindOf               // history or historiography, or an alias of either
	Date                 // a date as people write it
	URL                  // an http or https address
	Whole                // a whole number, written in decimal
	Derived              // written by the normaliser, from the date: not read
)

// Column is one column of a timeline's CSV.
type Column struct {
	Name    string   // in headers, in any case, and in the normalised CSV
	Aliases []string // other header names that mean it, in lower case
	Value   Value
	// Go is the name of the column's field in pipeline's record, and, for
	// columns that are read, in Fact. GoType is the Fact field's type.
	Go, GoType string
	// InFact is how Fact holds the value, when not as the field Go: a
	// date's derived columns are in Fact.Date.
	InFact string
	// Field: each fact keeps the column as text, which pipeline.Field
	// names.
	Field bool
	// Required columns must be in every header.
	Required bool
	// Optional columns are written to the normalised CSV, and sent to the
	// page, only when the input has them.
	Optional bool
	// Payload is the key of the column's text in the page's payload;
	// empty when the page does not need it.
	Payload string
	// Shown is the heading of the page table's column that shows the
	// column's values; columns with one heading share its cell, as
	// Headings orders them. Empty: the table does not show it.
	Shown string
	// Label names the column's value in a fact's tooltip; empty: the
	// tooltip does not list it.
	Label string
	Doc   string
}

// Headings are the page table's columns, in order. Each shows the columns
// whose Shown names it, and is left out when none of them is in the
// timeline.
var Headings = []string{"Date", "Range", "Kind", "Title", "Description", "Citation", "Studies", "Source", "Tags", "Media"}

// Columns are the columns, in the order the normalised CSV writes them.
var Columns = []Column{
	{Name: "id", Value: ID, Go: "ID", GoType: "string", Field: true, Payload: "id",
		Doc: "unique; empty: derived from the title and start year"},
	{Name: "kind", Value: KindOf, Go: "Kind", GoType: "Kind", Shown: "Kind",
		Doc: "history or historiography"},
	{Name: "title", Value: Text, Go: "Title", GoType: "string", Field: true, Required: true, Payload: "title", Shown: "Title",
		Doc: "required"},
	{Name: "date", Value: Date, Go: "Date", GoType: "Date", InFact: "Date.Text", Field: true, Payload: "date", Shown: "Date", Label: "Date",
		Doc: "as written, with what it means"},
	{Name: "start", Value: Derived, Go: "Start", Shown: "Range", Label: "Range", Doc: "the first day, ISO 8601"},
	{Name: "end", Value: Derived, Go: "End", Doc: "the last day, ISO 8601; empty for an open end"},
	{Name: "precision", Value: Derived, Go: "Precision", Doc: "day, month, year, decade or century"},
	{Name: "approximate", Value: Derived, Go: "Approximate", Doc: "true for c. 1929"},
	{Name: "uncertain", Value: Derived, Go: "Uncertain", Doc: "true for 1929?"},
	{Name: "edtf", Value: Derived, Go: "EDTF", InFact: "Date.EDTF", Field: true,
		Doc: "the date in the Extended Date/Time Format"},
	{Name: "display_date", Aliases: []string{"display date"}, Value: Text, Go: "DisplayDate", GoType: "string", Field: true, Optional: true, Payload: "disp", Shown: "Date",
		Doc: "the date as the page shows it, in place of date: a TimelineJS sheet's Display Date"},
	{Name: "group", Value: Text, Go: "Group", GoType: "string", Field: true, Payload: "grp", Shown: "Kind", Label: "Group",
		Doc: "the sub-lane within the kind's band"},
	{Name: "description", Value: Text, Go: "Description", GoType: "string", Field: true, Payload: "desc", Shown: "Description", Label: "Description"},
	{Name: "authors", Value: List, Go: "Authors", GoType: "List", Field: true, Payload: "au", Shown: "Citation", Label: "Authors"},
	{Name: "published_in", Aliases: []string{"published in"}, Value: Text, Go: "PublishedIn", GoType: "string", Field: true, Payload: "pub", Shown: "Citation", Label: "Published in"},
	{Name: "about", Value: List, Go: "About", GoType: "List", Field: true, Payload: "ab", Shown: "Studies",
		Doc: "for historiography: ids of the history facts it studies"},
	{Name: "url", Value: URL, Go: "URL", GoType: "string", Field: true, Payload: "url", Shown: "Title"},
	{Name: "source", Value: Text, Go: "Source", GoType: "string", Field: true, Payload: "src", Shown: "Source", Label: "Source"},
	{Name: "tags", Value: List, Go: "Tags", GoType: "List", Field: true, Payload: "tags", Shown: "Tags", Label: "Tags"},
	{Name: "step", Value: Whole, Go: "Step", GoType: "string", Field: true, Optional: true, Payload: "step",
		Doc: "a whole number: when any row has one, presenter mode shows the rows that have one, in its order"},
	// Media of a fact, as TimelineJS sheets have them.
	{Name: "media", Value: URL, Go: "Media", GoType: "string", Field: true, Optional: true, Payload: "media", Shown: "Media",
		Doc: "an image or other media, by its http or https address"},
	{Name: "media_credit", Aliases: []string{"media credit"}, Value: Text, Go: "MediaCredit", GoType: "string", Field: true, Optional: true, Payload: "mcredit", Shown: "Media"},
	{Name: "media_caption", Aliases: []string{"media caption"}, Value: Text, Go: "MediaCaption", GoType: "string", Field: true, Optional: true, Payload: "mcaption", Shown: "Media"},
	{Name: "media_alt", Aliases: []string{"media alt"}, Value: Text, Go: "MediaAlt", GoType: "string", Field: true, Optional: true, Payload: "malt", Shown: "Media",
		Doc: "the media's text alternative"},
}
