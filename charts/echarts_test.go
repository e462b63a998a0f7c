package charts

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"timeline/internal/browsertest"
)

// TestPinnedECharts checks that the pins agree with the npm package the
// tests use: the SHA-256 and the Subresource Integrity hash.
func TestPinnedECharts(t *testing.T) {
	js := browsertest.EChartsJS(t)
	sum := sha256.Sum256(js)
	if got := hex.EncodeToString(sum[:]); got != EChartsSHA256 {
		t.Errorf("node_modules ECharts SHA-256 = %s, want %s", got, EChartsSHA256)
	}
	sri := sha512.Sum384(js)
	if got := "sha384-" + base64.StdEncoding.EncodeToString(sri[:]); got != EChartsIntegrity {
		t.Errorf("node_modules ECharts integrity = %s, want %s", got, EChartsIntegrity)
	}
	pkg, err := os.ReadFile(filepath.Join(browsertest.RepoRoot(t), "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(pkg), `"echarts": "`+EChartsVersion+`"`) {
		t.Errorf("package.json does not pin echarts %s", EChartsVersion)
	}
}
