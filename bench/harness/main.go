package harness

import (
	"context"
	"fmt"
	"os"
	"os/signal"
)

// Main runs a benchmark command's run until it ends or the user interrupts it, and exits 1
// with the command's name and the error when it fails.
func Main(name string, run func(context.Context) error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}
