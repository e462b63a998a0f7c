package charts

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
)

// ErrEChartsChecksum is the cause of the error for a copy of ECharts that
// is not the pinned release.
var ErrEChartsChecksum = errors.New("not the pinned ECharts")

// checksumError reports a copy of ECharts whose SHA-256 is not the pin's.
type checksumError struct{ got string }

func (e *checksumError) Error() string {
	return fmt.Sprintf("SHA-256 %s is not that of ECharts %s (%s): refusing it", e.got, EChartsVersion, EChartsSHA256)
}

func (e *checksumError) Unwrap() error { return ErrEChartsChecksum }

// CheckECharts refuses anything but the pinned release, with an error that
// is ErrEChartsChecksum: an offline page inlines only bytes that pass it.
func CheckECharts(b []byte) error {
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); got != EChartsSHA256 {
		return &checksumError{got}
	}
	return nil
}
