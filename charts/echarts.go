package charts

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// CheckECharts refuses anything but the pinned release: an offline page
// inlines only bytes that pass it.
func CheckECharts(b []byte) error {
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); got != EChartsSHA256 {
		return fmt.Errorf("SHA-256 %s is not that of ECharts %s (%s): refusing it", got, EChartsVersion, EChartsSHA256)
	}
	return nil
}
