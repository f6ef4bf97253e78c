package definition

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestWriteStringMatchesTheEncoder checks the plain-text shortcut of writeString against
// encoding/json (without HTML escaping) on strings of every kind.
func TestWriteStringMatchesTheEncoder(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "tmpl_welcome", "2d", "a b-c.d:e", "<&>", `quote "x"`, `back\slash`, "tab\t", "nul\x00", "del\x7f", "é", "😀", "\u2028", "bad\xff", "~"} {
		var got, want bytes.Buffer
		writeString(&got, s)
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(s)
		if got.String()+"\n" != want.String() {
			t.Errorf("writeString(%q) = %s, want %s", s, got.String(), want.String())
		}
	}
}
