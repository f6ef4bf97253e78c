package pluginlog

import (
	"os"
	"strings"
	"testing"
)

func TestQuietUnlessAsked(t *testing.T) {
	tests := []struct {
		name  string
		env   map[string]string
		quiet bool
	}{
		{"nothing asks for logs", nil, true},
		{"TF_LOG", map[string]string{"TF_LOG": "trace"}, false},
		{"an empty TF_LOG, which means no logs", map[string]string{"TF_LOG": ""}, true},
		{"TF_LOG_PROVIDER", map[string]string{"TF_LOG_PROVIDER": "debug"}, false},
		{"TF_LOG_SDK_FRAMEWORK", map[string]string{"TF_LOG_SDK_FRAMEWORK": "trace"}, false},
		{"the acceptance tests' log file", map[string]string{"TF_ACC_LOG_PATH": "/tmp/x"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearLogEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			QuietUnlessAsked()
			level, set := os.LookupEnv(envSDK)
			if got := set && level == "OFF"; got != tt.quiet {
				t.Errorf("with %v, %s is %q (set %v); want quiet %v", tt.env, envSDK, level, set, tt.quiet)
			}
		})
	}
}

// clearLogEnv unsets every variable that asks for logs, and restores them after the test.
func clearLogEnv(t *testing.T) {
	t.Helper()
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TF_LOG") || strings.HasPrefix(k, "TF_ACC_LOG") {
			t.Setenv(k, "")
			_ = os.Unsetenv(k)
		}
	}
	t.Setenv(envSDK, "")
	_ = os.Unsetenv(envSDK)
}
