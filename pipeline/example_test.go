package pipeline_test

import (
	"fmt"
	"os"
	"strings"

	"timeline/pipeline"
)

func ExampleParseDate() {
	for _, s := range []string{"1926–1953", "1930s", "c. 1929", "15 March 44 BC", "1989/.."} {
		d, err := pipeline.ParseDate(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-15s %s %s %-7s %s\n", s, d.Start, d.End, d.Precision, d.EDTF)
	}
	_, err := pipeline.ParseDate("31 February 1930")
	fmt.Println(err)
	// Output:
	// 1926–1953       1926-01-01 1953-12-31 year    1926/1953
	// 1930s           1930-01-01 1939-12-31 decade  193X
	// c. 1929         1929-01-01 1929-12-31 year    1929~
	// 15 March 44 BC  -0043-03-15 -0043-03-15 day     -0043-03-15
	// 1989/..         1989-01-01 0000-00-00 year    1989/..
	// date "31 February 1930": no such day: February 1930 has 28 days
}

func ExampleRead() {
	in := "date,title,kind,about\n" +
		"1926–1953,Stalin leads the USSR,history,\n" +
		"Febtember 1930,A typo,,\n" +
		"2005,A study of the 1930s,work,stalin-leads-the-ussr-1926\n"
	t, problems, err := pipeline.Read(strings.NewReader(in), "data/example.csv", "example")
	if err != nil {
		panic(err)
	}
	for _, p := range problems {
		fmt.Println(p)
	}
	pipeline.WriteCSV(os.Stdout, t)
	// Output:
	// data/example.csv:3:1: date "Febtember 1930": not a date
	// id,kind,title,date,start,end,precision,approximate,uncertain,edtf,group,description,authors,published_in,about,url,source,tags
	// stalin-leads-the-ussr-1926,history,Stalin leads the USSR,1926–1953,1926-01-01,1953-12-31,year,,,1926/1953,,,,,,,,
	// a-study-of-the-1930s-2005,historiography,A study of the 1930s,2005,2005-01-01,2005-12-31,year,,,2005,,,,,stalin-leads-the-ussr-1926,,,
	// a-typo,history,A typo,,,,,,,,,,,,,,,
}

func ExampleNewTimeline() {
	lead, _ := pipeline.ParseDate("1926–1953")
	study, _ := pipeline.ParseDate("1974")
	t := pipeline.NewTimeline("built", nil,
		pipeline.Fact{Kind: pipeline.Historiography, Title: "A study", Date: study, About: "stalin"},
		pipeline.Fact{ID: "stalin", Title: "Stalin leads the USSR", Date: lead},
	)
	for i := range t.Len() {
		f := t.Fact(i)
		fmt.Println(f.ID, f.Kind, f.Date.EDTF)
	}
	for _, l := range t.Links() {
		fmt.Println(t.Fact(l.Work).Title, "studies", t.Fact(l.Studied).Title)
	}
	// Output:
	// stalin history 1926/1953
	// a-study-1974 historiography 1974
	// A study studies Stalin leads the USSR
}

// Example is the package documentation's example: a teacher's CSV and its
// normalised form, shown up to the edtf column.
func Example() {
	in := "date,title,kind,about\n" +
		"1926–1953,Stalin leads the USSR,history,\n" +
		"c. 1929,A rough date,,\n" +
		"44 BC,An ancient year,,\n" +
		"2005,A study of the 1930s,work,stalin-leads-the-ussr-1926\n"
	t, problems, err := pipeline.Read(strings.NewReader(in), "teacher.csv", "teacher")
	if err != nil || problems.Errors() > 0 {
		panic(fmt.Sprint(err, problems))
	}
	var out strings.Builder
	pipeline.WriteCSV(&out, t)
	for line := range strings.Lines(out.String()) {
		fields := strings.Split(strings.TrimSuffix(line, "\n"), ",")
		fmt.Println(strings.Join(fields[:10], ",") + ",...")
	}
	// Output:
	// id,kind,title,date,start,end,precision,approximate,uncertain,edtf,...
	// an-ancient-year-44bc,history,An ancient year,44 BC,-0043-01-01,-0043-12-31,year,,,-0043,...
	// stalin-leads-the-ussr-1926,history,Stalin leads the USSR,1926–1953,1926-01-01,1953-12-31,year,,,1926/1953,...
	// a-rough-date-1929,history,A rough date,c. 1929,1929-01-01,1929-12-31,year,true,,1929~,...
	// a-study-of-the-1930s-2005,historiography,A study of the 1930s,2005,2005-01-01,2005-12-31,year,,,2005,...
}

func ExampleDatesIn() {
	de := pipeline.DatesIn("de")
	for _, s := range []string{"5. März 1953", "um 1929", "1930er", "44 v. Chr.", "March 1974"} {
		d, err := de.Parse(s)
		fmt.Println(s, "→", d.EDTF, d.Precision, err)
	}
	_, err := de.Parse("3/4/1974")
	fmt.Println(err)
	// Output:
	// 5. März 1953 → 1953-03-05 day <nil>
	// um 1929 → 1929~ year <nil>
	// 1930er → 193X decade <nil>
	// 44 v. Chr. → -0043 year <nil>
	// March 1974 → 1974-03 month <nil>
	// date "3/4/1974": reads two ways: 3 April 1974 or 4 March 1974; write the month in words
}
