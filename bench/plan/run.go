package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/kraiter/terraform-provider-kraiter/bench/harness"
	"github.com/kraiter/terraform-provider-kraiter/bench/report"
	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
)

// mainKinds are compared at every size; partKinds tell what each part of the schema costs.
var (
	mainKinds = []kind{terraformData, floorMin, floorSequence, kraiterSequence}
	partKinds = []kind{floorSequence, floorNoTimeouts, floorNoTriggers, floorNoTimestamps}
)

// planMode is a plan with or without refresh.
type planMode struct {
	name string
	args []string
}

var modes = []planMode{{"refresh", nil}, {"-refresh=false", []string{"-refresh=false"}}}

// sampleKey names the plans of one kind, size and mode.
type sampleKey struct {
	n    int
	kind string
	mode string
}

// smallKey names the plans of the small-state run: n sequences in state, in an account of
// only them or in a large one, with some server latency.
type smallKey struct {
	n       int
	large   bool
	latency time.Duration
}

// results is everything measured.
type results struct {
	plans map[sampleKey][]measurement
	parts map[sampleKey][]measurement
	// latency holds kraiter_sequence's plans by server latency, and latencyFloor the
	// floor_sequence plans made in turn with them.
	latency      map[time.Duration][]measurement
	latencyFloor []measurement
	small        map[smallKey][]measurement
	applies      map[sampleKey]measurement
	afterApp     measurement // the plan right after the largest kraiter_sequence apply
}

// bench holds what the phases share.
type bench struct {
	cfg        config
	r          *runner
	definition hclwrite.Tokens
	configs    string
	work       string
	res        results
}

func run(ctx context.Context, cfg config, args []string) (err error) {
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(root, "bench", "floor")); err != nil {
		return fmt.Errorf("run from the repository's root (bench/floor is not in %s)", root)
	}
	if cfg.tofu == "" {
		if cfg.tofu, err = findTofu(); err != nil {
			return err
		}
	}
	source := report.Source()
	version, err := tofuVersion(cfg.tofu)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "kraiter-bench-plan-")
	if err != nil {
		return err
	}
	if cfg.keep {
		fmt.Fprintln(os.Stderr, "plan: keeping the work directory", work)
	} else {
		defer os.RemoveAll(work)
	}

	b := &bench{cfg: cfg, configs: filepath.Join(work, "configs"), res: results{
		plans: map[sampleKey][]measurement{}, parts: map[sampleKey][]measurement{},
		latency: map[time.Duration][]measurement{}, small: map[smallKey][]measurement{}, applies: map[sampleKey]measurement{},
	}}
	if b.definition, err = definitionHCL(); err != nil {
		return err
	}
	server, err := b.setUp(ctx, root, work)
	if err != nil {
		return err
	}
	defer server.StopInto(&err)
	b.work = work

	started := time.Now()
	if err := b.measure(ctx); err != nil {
		return err
	}
	machine := report.ThisMachine()
	command := report.GoRunCommand("./bench/plan", args)
	setup := []string{
		"CLI: " + version + "; providers run through bench/rusagewrap (dev_overrides); local server: kraiter serve on a SQLite file",
		fmt.Sprintf("Each configuration: `count` resources with the same %d-step definition written with `jsonencode`; took %s in all", testgen.TypicalSteps, time.Since(started).Round(time.Second)),
	}
	pages := []struct {
		file string
		page *report.Page
	}{{"plan.md", planPage(b.cfg, b.res)}, {"apply.md", applyPage(b.cfg, b.res, machine.Cores)}}
	for _, p := range pages {
		p.page.Command, p.page.Machine, p.page.Source, p.page.Setup = command, machine, source, setup
		if err := p.page.Write(filepath.Join(cfg.out, p.file)); err != nil {
			return err
		}
	}
	return nil
}

// setUp builds the binaries, lays out the plugin directories and the CLI configuration, and
// starts the local server.
func (b *bench) setUp(ctx context.Context, root, work string) (*harness.Server, error) {
	bin := filepath.Join(work, "bin")
	builds := map[string]string{
		".":                     filepath.Join(bin, "terraform-provider-kraiter"),
		"./bench/floorprovider": filepath.Join(bin, "terraform-provider-floor"),
		"./bench/rusagewrap":    filepath.Join(bin, "rusagewrap"),
		"./cmd/kraiter":         filepath.Join(bin, "kraiter"),
	}
	for pkg, out := range builds {
		fmt.Fprintf(os.Stderr, "plan: building %s\n", pkg)
		if err := harness.Build(root, pkg, out); err != nil {
			return nil, err
		}
	}
	// Each provider's directory holds the wrapper under the provider's name.
	pluginDirs := map[string]string{}
	for _, local := range []string{"kraiter", "floor"} {
		dir := filepath.Join(work, "plugins", local)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		if err := copyExecutable(filepath.Join(bin, "rusagewrap"), filepath.Join(dir, "terraform-provider-"+local)); err != nil {
			return nil, err
		}
		pluginDirs[local] = dir
	}
	cliConfigPath := filepath.Join(work, "tofurc")
	if err := os.WriteFile(cliConfigPath, cliConfig(pluginDirs), 0o644); err != nil {
		return nil, err
	}
	logs := filepath.Join(work, "logs")
	if err := os.MkdirAll(logs, 0o755); err != nil {
		return nil, err
	}
	b.r = &runner{
		tofu: b.cfg.tofu, cliConfig: cliConfigPath, logs: logs, kraiter: filepath.Join(bin, "kraiter"),
		providers: map[string]string{"kraiter": builds["."], "floor": builds["./bench/floorprovider"]},
	}
	server, err := b.r.startServer(ctx, filepath.Join(work, "server"))
	if err != nil {
		return nil, err
	}
	b.r.server = server
	return server, nil
}

// startServer starts a local server whose files are in dir, with the templates the
// definitions name.
func (r *runner) startServer(ctx context.Context, dir string) (*harness.Server, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	server, err := harness.StartServer(r.kraiter, dir, harness.ServerOptions{DB: filepath.Join(dir, "kraiter.db")})
	if err != nil {
		return nil, err
	}
	if err := server.CreateTemplates(ctx, testgen.TypicalTemplates); err != nil {
		_ = server.Stop()
		return nil, err
	}
	return server, nil
}

func copyExecutable(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return fmt.Errorf("copy %s: %w", from, err)
	}
	if err := os.WriteFile(to, data, 0o755); err != nil {
		return fmt.Errorf("copy %s to %s: %w", from, to, err)
	}
	return nil
}
