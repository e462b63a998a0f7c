package charts

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
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
	if got := browsertest.NPMPin(t, "echarts"); got != EChartsVersion {
		t.Errorf("package.json pins echarts %q, want %s", got, EChartsVersion)
	}
}
