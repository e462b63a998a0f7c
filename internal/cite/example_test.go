package cite_test

import (
	"fmt"
	"os"

	"timeline/internal/cite"
	"timeline/pipeline"
)

func Example() {
	d, _ := pipeline.ParseDate("1981")
	w := cite.FromFact(pipeline.Fact{
		ID: "bettelheim-chavance-1981", Kind: pipeline.Historiography, Date: d,
		Title:       "Stalinism as the Ideology of State Capitalism",
		Authors:     "Charles Bettelheim; Bernard Chavance",
		PublishedIn: "Review of Radical Political Economics 13(1), 40–54",
		Source:      "Seed text: Bettelheim and Chavance (1981), abstract",
	})
	fmt.Println(w.Reference())
	cite.WriteBibTeX(os.Stdout, []cite.Work{w})
	// Output:
	// Bettelheim, Charles and Bernard Chavance (1981). Stalinism as the Ideology of State Capitalism. Review of Radical Political Economics 13(1), 40–54.
	// @article{bettelheim-chavance-1981,
	//   title = {Stalinism as the Ideology of State Capitalism},
	//   author = {Bettelheim, Charles and Chavance, Bernard},
	//   date = {1981},
	//   year = {1981},
	//   timelinedate = {1981},
	//   journal = {Review of Radical Political Economics},
	//   volume = {13},
	//   number = {1},
	//   pages = {40--54},
	//   timelinesource = {Seed text: Bettelheim and Chavance (1981), abstract},
	// }
}
