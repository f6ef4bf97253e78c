package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// Environment variables the CLI reads, as the provider does.
const (
	envAPIKey  = "KRAITER_API_KEY"
	envBaseURL = "KRAITER_BASE_URL"
)

// maxKeyFile bounds what --api-key-file reads: a key is a line, not a file's worth.
const maxKeyFile = 4 << 10

// keyFlags give an API key. The key comes from the environment or a file first: a key on the
// command line shows in ps and shell history.
type keyFlags struct {
	apiKey, apiKeyFile string
}

// add registers --api-key-file and --api-key on cmd; what says what the key is for.
func (a *keyFlags) add(cmd *cobra.Command, what string) {
	f := cmd.Flags()
	f.StringVar(&a.apiKeyFile, "api-key-file", "", "file holding the "+what+" (preferred to --api-key, which ps shows)")
	f.StringVar(&a.apiKey, "api-key", "", what+" (prefer env "+envAPIKey+" or --api-key-file)")
	completeFlagNothing(cmd, "api-key")
	completeFlagFiles(cmd, "api-key-file")
}

// apiFlags are the flags of a command that calls Kraiter's API.
type apiFlags struct {
	keyFlags
	baseURL string
}

// add registers --base-url, --api-key-file and --api-key on cmd.
func (a *apiFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&a.baseURL, "base-url", "", "Kraiter API address (env "+envBaseURL+"; default "+client.DefaultBaseURL+")")
	completeFlagNothing(cmd, "base-url")
	a.keyFlags.add(cmd, "Kraiter API key")
}

// key is the API key: --api-key, else --api-key-file, else the environment; "" when none.
func (a *keyFlags) key() (string, error) {
	switch {
	case a.apiKey != "" && a.apiKeyFile != "":
		return "", fmt.Errorf("pass either --api-key or --api-key-file, not both")
	case a.apiKey != "":
		return a.apiKey, nil
	case a.apiKeyFile != "":
		return readKeyFile(a.apiKeyFile)
	}
	return os.Getenv(envAPIKey), nil
}

// readKeyFile reads a key from a file: its first line, trimmed.
func readKeyFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("--api-key-file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return "", fmt.Errorf("--api-key-file: %w", err)
	}
	if len(data) > maxKeyFile {
		return "", fmt.Errorf("--api-key-file %s: larger than %d bytes; it should hold the key alone", path, maxKeyFile)
	}
	line, _, _ := strings.Cut(string(data), "\n")
	key := strings.TrimSpace(line)
	if key == "" {
		return "", fmt.Errorf("--api-key-file %s: the file is empty; it should hold the key", path)
	}
	return key, nil
}

// config is the client configuration the flags and the environment give; required says
// whether a missing key is an error (a command that can run offline passes false and
// checks APIKey itself).
func (a *apiFlags) config(cmd *cobra.Command, version string, required bool) (client.Config, error) {
	key, err := a.key()
	if err != nil {
		return client.Config{}, usageError(cmd, "%v", err)
	}
	if key == "" && required {
		return client.Config{}, usageError(cmd, "an API key is required: set %s, or pass --api-key-file", envAPIKey)
	}
	base := a.baseURL
	if base == "" {
		base = os.Getenv(envBaseURL)
	}
	return client.Config{BaseURL: base, APIKey: key, UserAgent: "kraiter-cli/" + version}, nil
}

// client makes the client of cfg; a base URL it refuses is a usage error.
func (a *apiFlags) client(cmd *cobra.Command, cfg client.Config) (*client.Client, error) {
	c, err := client.New(cfg)
	if err != nil {
		return nil, usageError(cmd, "--base-url (or %s): %v", envBaseURL, err)
	}
	return c, nil
}
