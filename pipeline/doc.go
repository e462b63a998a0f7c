// Package pipeline reads, normalises, validates and writes the dated facts
// of a timeline. It knows nothing of HTML: package charts draws what it
// reads.
//
// A CSV file of facts, as a teacher writes it:
//
//	date,title,kind,about
//	1926–1953,Stalin leads the USSR,history,
//	c. 1929,A rough date,,
//	44 BC,An ancient year,,
//	2005,A study of the 1930s,work,stalin-leads-the-ussr-1926
//
// normalises, with derived ids, ISO 8601 days and EDTF, to (see Example)
//
//	id,kind,title,date,start,end,precision,approximate,uncertain,edtf,...
//	an-ancient-year-44bc,history,An ancient year,44 BC,-0043-01-01,-0043-12-31,year,,,-0043,...
//	stalin-leads-the-ussr-1926,history,Stalin leads the USSR,1926–1953,1926-01-01,1953-12-31,year,,,1926/1953,...
//	a-rough-date-1929,history,A rough date,c. 1929,1929-01-01,1929-12-31,year,true,,1929~,...
//	a-study-of-the-1930s-2005,historiography,A study of the 1930s,2005,2005-01-01,2005-12-31,year,,,2005,...
//
// Dates are read as people write them: years ("1981", "44 BC", "-0043"),
// decades ("1930s", "193X"), centuries ("19XX"), months ("March 1974",
// "1974-03"), days ("5 March 1953", "March 5, 1953", "1953-03-05"), ranges
// of any of these ("1926–1953", "1926 to 1953", "1926/1953", "1914–18",
// "June 1948 – May 1949", "100–44 BC"), open ranges ("1989/.."), and
// approximate ("c. 1929", "~1929", "1929~") or uncertain ("1929?") dates;
// and the forms historians write: centuries and millennia ("19th
// century", "4th century BC"), their parts ("early 1930s", "first half of
// the 20th century"), seasons and quarters ("Spring 1974", "Q1 1974"),
// dates open on one side ("before 1926", "after 1953"), days of a month
// ("8–16 March 1917"), one of several ("1667 or 1668") and Old Style days
// ("25 October 1917 (O.S.)", converted to the Gregorian calendar).
// Years BC are numbered astronomically, as ISO 8601 and EDTF do: 44 BC is
// year -43. Deep time reaches back to the Big Bang ("12,000 BC", "40,000
// BP", "2.5 Ma", "13.8 billion years ago"), in the precision it was
// written in.
//
// Options.Read reads dates in a lesson's language too (a DateReader):
// "5. März 1953", "vers 1929", "1930-е", "紀元前44年", with CLDR's month
// names and era words from package internal/locale.
//
// CSV goes through github.com/gocarina/gocsv, with the struct tags of one
// record type as the schema. Read reports every problem in a file at once,
// each at its physical line and column.
package pipeline

//go:generate go run gen_columns.go
