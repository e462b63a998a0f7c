package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"timeline/internal/importer"
	"timeline/internal/outset"
	"timeline/internal/xlsx"
)

const importUsage = `Usage: timeline import [-o data/NAME.csv] [-force] FILE

Import converts another tool's timeline into a CSV of ours, data/NAME.csv
for FILE NAME.EXT, and writes the title and introduction, when the source
has them, to data/NAME.md. It reads:

	TimelineJS sheet, as CSV     a copy of the TimelineJS Google Sheet
	                             template, downloaded as .csv
	TimelineJS sheet, as .xlsx   the same, downloaded as Excel
	TimelineJS JSON              {"title": …, "events": […], "eras": […]}
	CSL-JSON                     Zotero's export: [{"id": …, "type": …}, …]
	Wikidata query result        downloaded from query.wikidata.org as CSV
	                             or JSON: item, itemLabel, date (or start
	                             and end), and optionally datePrecision
	BibTeX, BibLaTeX (.bib)      Zotero's, or any reference manager's, export

It prints where each source column went. Nothing is dropped: a column it
has no use for is kept as an extra column of the same name, and what it
changes on the way is listed, with its row. It never overwrites a file
unless -force is given, and never the file it reads. The CSV it writes is
then checked as "timeline check" does: the exit status is 1 when it has
errors to fix by hand.

Flags:
`

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	target := newTargetFlags(fs)
	if err := parseFlags(fs, importUsage, args, stdout, stderr); err != nil {
		return err
	}
	src, csvPath, err := target.paths(fs, "name one file to import", importUsage, stderr)
	if err != nil {
		return err
	}
	mdPath := outset.IntroOf(csvPath)

	f, err := openInput(src)
	if err != nil {
		return err
	}
	res, err := convert(f, src)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	intro := res.IntroMarkdown()
	targets := []string{csvPath}
	if intro != "" {
		targets = append(targets, mdPath)
	}
	for _, path := range targets {
		if err := mayWrite(path, src, *target.force); err != nil {
			return err
		}
	}
	written, err := writeFacts(csvPath, res.Facts, res.Columns)
	if err != nil {
		return err
	}
	if intro != "" {
		if err := writeNew(mdPath, []byte(intro)); err != nil {
			return err
		}
	}
	printReport(stdout, src, csvPath, mdPath, intro != "", res)
	return checkWritten(ctx, stdout, csvPath, written)
}

// mayWrite refuses to write path when it is the source, or exists and
// force is not given.
func mayWrite(path, src string, force bool) error {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if srcSt, err := os.Stat(src); err == nil && os.SameFile(st, srcSt) {
		return fmt.Errorf("%s is the file imported: name another with -o", path)
	}
	if !force {
		return fmt.Errorf("%s exists: name another with -o, or replace it with -force", path)
	}
	return nil
}

// convert reads a source file in the format its name and its start tell.
func convert(f *os.File, src string) (*importer.Result, error) {
	place := func(row int) string { return fmt.Sprintf("%s:%d", src, row) }
	switch strings.ToLower(filepath.Ext(src)) {
	case ".json":
		b, err := io.ReadAll(f)
		if err != nil {
			return nil, err
		}
		if trimmed := bytes.TrimLeft(b, " \t\r\n\uFEFF"); len(trimmed) > 0 && trimmed[0] == '[' {
			return importer.CSLJSON(bytes.NewReader(b))
		}
		if importer.IsSPARQLJSON(b) {
			return importer.WikidataJSON(bytes.NewReader(b))
		}
		return importer.TimelineJSJSON(bytes.NewReader(b), func(list string, i int) string {
			if list == "title" || list == "" {
				return strings.TrimSuffix(src+": "+list, ": ")
			}
			return fmt.Sprintf("%s: %s[%d]", src, list, i)
		})
	case ".bib", ".bibtex":
		text, err := io.ReadAll(f)
		if err != nil {
			return nil, err
		}
		return importer.BibTeX(string(bytes.TrimPrefix(text, []byte("\uFEFF"))))
	case ".xlsx":
		sheet, err := xlsx.Read(f)
		if err != nil {
			return nil, err
		}
		return importer.Rows(sheet.Rows, func(row int) string {
			return fmt.Sprintf("%s:%s!A%d", src, sheet.Name, sheet.RowNumbers[min(row-1, len(sheet.RowNumbers)-1)])
		})
	case ".csv", ".tsv", ".txt":
		rows, err := importer.ReadRows(f)
		if err != nil {
			return nil, err
		}
		return importer.Rows(rows, place)
	}
	return nil, fmt.Errorf("import reads TimelineJS sheets and Wikidata query results (.csv, .xlsx, .json), CSL-JSON (.json) and BibTeX (.bib), not %s files", filepath.Ext(src))
}

// printReport says what import wrote and where each source column went.
func printReport(w io.Writer, src, csvPath, mdPath string, wroteIntro bool, res *importer.Result) {
	fmt.Fprintf(w, "%s: %s\n", src, res.Format)
	fmt.Fprintf(w, "wrote %s: %s\n", csvPath, plural(len(res.Facts), "fact"))
	if wroteIntro {
		fmt.Fprintf(w, "wrote %s: the title and introduction\n", mdPath)
	}
	fmt.Fprintln(w, "\ncolumns:")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, m := range res.Mappings {
		fmt.Fprintf(tw, "  %s\t→ %s\n", m.From, m.To)
	}
	tw.Flush()
	if len(res.Notes) > 0 {
		fmt.Fprintln(w, "\nnotes:")
		for _, n := range res.Notes {
			fmt.Fprintf(w, "  %s\n", n)
		}
	}
}
