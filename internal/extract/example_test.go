package extract_test

import (
	"fmt"

	"timeline/internal/extract"
)

func ExampleText() {
	text := `The Great Famine struck Ireland in the 1840s. Some 2 million people died or left.

Memory of Hunger
Róisín Kelly, Róisín Kelly
Éire-Ireland, Vol. 50, No. 3, 77-98 (2015)
How the Great Famine was remembered in schools and in song.
`
	for _, f := range extract.Text(text, "notes.txt").Facts {
		fmt.Printf("%s | %s | %q | %q | %q | about %q\n", f.Kind, f.Title, f.Date.Text, f.Authors, f.PublishedIn, f.About)
	}
	// Output:
	// history | The Great Famine struck Ireland | "the 1840s" | "" | "" | about ""
	// history | Some 2 million people died or left | "" | "" | "" | about ""
	// historiography | Memory of Hunger | "2015" | "Róisín Kelly" | "Éire-Ireland 50(3), 77–98" | about "the-great-famine-struck-ireland-1840"
}
