package pipeline

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"testing"

	"timeline/internal/golden"
	"timeline/internal/schema"
)

// TestColumnsGenerated fails when columns_gen.go is not what the column
// table gives: run go generate ./pipeline.
func TestColumnsGenerated(t *testing.T) {
	out := filepath.Join(t.TempDir(), "columns_gen.go")
	if msg, err := exec.Command("go", "run", "gen_columns.go", "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("go run gen_columns.go: %v\n%s", err, msg)
	}
	if !bytes.Equal(golden.Read(t, out), golden.Read(t, "columns_gen.go")) {
		t.Error("columns_gen.go is not what internal/schema gives: run go generate ./pipeline")
	}
}

// TestColumnTable checks the table's own rules.
func TestColumnTable(t *testing.T) {
	seen := map[string]string{}
	for i, c := range schema.Columns {
		for _, name := range append([]string{c.Name}, c.Aliases...) {
			if other, dup := seen[name]; dup {
				t.Errorf("%q names both %s and %s", name, other, c.Name)
			}
			seen[name] = c.Name
		}
		if _, ok := FieldOf(i); ok != c.Field {
			t.Errorf("%s: Field %v, but FieldOf says %v", c.Name, c.Field, ok)
		}
		if c.Payload != "" && !c.Field {
			t.Errorf("%s: in the payload, but no text field keeps it", c.Name)
		}
		if c.Optional && c.Required {
			t.Errorf("%s: both optional and required", c.Name)
		}
	}
	if len(schema.Columns) > 64 {
		t.Error("more than 64 columns: Timeline.optional is a uint64 of them")
	}
}
