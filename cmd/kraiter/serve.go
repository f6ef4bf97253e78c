package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
)

// shutdownGrace is how long in-flight requests get to finish once a signal arrives.
const shutdownGrace = 10 * time.Second

type serveOptions struct {
	addr      string
	db        string
	key       keyFlags
	seed      string
	readyFile string
	verbose   bool
	// allowHosts are host names the server answers to besides loopback ones.
	allowHosts []string
}

func newServeCmd() *cobra.Command {
	var o serveOptions
	limits := localserver.DefaultHTTPLimits
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run a local Kraiter server backed by SQLite, for tests, demos and CI",
		Long: fmt.Sprintf(`Run a local Kraiter server: Kraiter's sequences API (/v1/...) backed by a SQLite file,
with an engine that enrols contacts on events and sends against a virtual clock, and
admin routes under /_local/ (advance the clock, set a sequence's status, inject faults).

Every request needs "Authorization: Bearer KEY" with the key given by KRAITER_API_KEY,
--api-key-file or --api-key. With --addr 127.0.0.1:0 the server takes a free port; --ready-file
receives its base URL once it listens. SIGINT or SIGTERM stops it gracefully. One server
at a time may use a database file.

A client has %s to send a request's headers and %s for the whole request; an answer
may take %s (room for injected latency); an idle connection is closed after %s.
At most %d connections are open at once: past that, the connection that has waited
longest for a request, idle or still sending its headers or body, is closed to make room.

On a loopback address (the default), the server answers only requests addressed to
localhost, 127.0.0.1 (or any of 127.0.0.0/8) or [::1], with or without a port; others get
421 MISDIRECTED_REQUEST, so that a web page cannot reach it by DNS rebinding. --allow-host
NAME (repeatable) adds a name, such as one a container network gives the server.`, limits.ReadHeaderTimeout, limits.ReadTimeout,
			limits.WriteTimeout, limits.IdleTimeout, limits.MaxConnections),
		Example: `  KRAITER_API_KEY=dev-key kraiter serve
  KRAITER_API_KEY=dev-key kraiter serve --addr 127.0.0.1:0 --db :memory: --ready-file /tmp/kraiter.url
  kraiter serve --api-key-file local-key.txt --seed seed.json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd.Context(), o, cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.addr, "addr", "127.0.0.1:8474", "address to listen on; port 0 takes a free port")
	f.StringVar(&o.db, "db", "kraiter-local.db", `SQLite database file, created if missing; ":memory:" keeps nothing`)
	o.key.add(cmd, "API key clients must send as a bearer token")
	f.StringVar(&o.seed, "seed", "", "JSON file of templates and contacts to create or update at start")
	f.StringVar(&o.readyFile, "ready-file", "", "file to write the base URL to once listening (removed at shutdown)")
	f.BoolVar(&o.verbose, "verbose", false, "log every request")
	f.StringArrayVar(&o.allowHosts, "allow-host", nil, "a host name to answer to besides loopback ones, on a loopback address (repeatable)")
	completeFlagFiles(cmd, "seed", jsonFileExts...)
	completeFlagNothing(cmd, "addr")
	completeFlagNothing(cmd, "allow-host")
	return cmd
}

func runServe(ctx context.Context, o serveOptions, stderr io.Writer) error {
	key, err := o.key.key()
	if err != nil {
		return err
	}
	if key == "" {
		return errors.New("no API key: set KRAITER_API_KEY, or pass --api-key-file FILE; clients then send \"Authorization: Bearer KEY\"")
	}
	level := slog.LevelInfo
	if o.verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	var seed *localserver.Seed
	if o.seed != "" {
		if seed, err = localserver.LoadSeed(o.seed); err != nil {
			return err
		}
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	srv, err := localserver.Open(ctx, localserver.Config{DBPath: o.db, APIKey: key, Seed: seed, Logger: logger})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		_ = srv.Close()
		return fmt.Errorf("listen on %s: %w", o.addr, err)
	}
	url := baseURL(ln.Addr())
	httpSrv := localserver.NewHTTPServer(srv.Handler(), localserver.DefaultHTTPLimits, o.allowHosts, slog.NewLogLogger(logger.Handler(), slog.LevelWarn))
	served := make(chan error, 1)
	go func() { served <- httpSrv.Serve(ln) }()
	logger.Info("kraiter local server listening", "url", url, "db", o.db)

	var runErr error
	if o.readyFile != "" {
		if err := writeReadyFile(o.readyFile, url); err != nil {
			runErr = err
			stop()
		}
	}
	select {
	case err := <-served:
		runErr = fmt.Errorf("serve on %s: %w", url, err)
	case <-ctx.Done():
		// A second signal now ends the process at once.
		stop()
		logger.Info("shutting down; finishing requests in flight")
	}
	return errors.Join(runErr, shutdown(httpSrv, srv, o.readyFile))
}

// shutdown lets requests in flight finish, then closes the database and removes the ready
// file so that nothing points at a server that is gone.
func shutdown(httpSrv *localserver.HTTPServer, srv *localserver.Server, readyFile string) error {
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	var errs []error
	if err := httpSrv.Shutdown(ctx); err != nil {
		errs = append(errs, fmt.Errorf("stop serving: %w", err))
	}
	if err := srv.Close(); err != nil {
		errs = append(errs, err)
	}
	if readyFile != "" {
		if err := os.Remove(readyFile); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("remove ready file: %w", err))
		}
	}
	return errors.Join(errs...)
}

// baseURL is the URL clients use: an unspecified listen address (all interfaces) is
// reached through loopback.
func baseURL(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return "http://" + addr.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(tcp.Port))
}

// writeReadyFile writes the URL under a temporary name and renames it, so that a script
// waiting for the file never reads half of it.
func writeReadyFile(path, url string) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(url), 0o644); err != nil {
		return fmt.Errorf("write ready file: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write ready file: %w", err)
	}
	return nil
}
