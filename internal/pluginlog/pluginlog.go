// Package pluginlog decides how much a provider process logs before it serves.
package pluginlog

import (
	"os"
	"strings"
)

// envSDK sets the level of the plugin SDK's and the framework's own logs (terraform-plugin-go
// reads it when it serves).
const envSDK = "TF_LOG_SDK"

// QuietUnlessAsked turns the plugin SDK's and the framework's own logs off when nothing in
// the environment asks for logs. They default to TRACE and go to the CLI as JSON on standard
// error, which the CLI parses line by line and, without TF_LOG, throws away: in a plan of
// 1,000 sequences that was about 150,000 lines, a fifth of the provider's CPU and more of the
// CLI's. A provider inherits the CLI's environment, so a TF_LOG, TF_LOG_PROVIDER, TF_LOG_SDK*
// or the acceptance tests' TF_ACC_LOG* that is set (and not empty, which means no logs)
// leaves everything as it was.
func QuietUnlessAsked() {
	for _, kv := range os.Environ() {
		name, value, _ := strings.Cut(kv, "=")
		if value != "" && (strings.HasPrefix(name, "TF_LOG") || strings.HasPrefix(name, "TF_ACC_LOG")) {
			return
		}
	}
	_ = os.Setenv(envSDK, "OFF")
}
