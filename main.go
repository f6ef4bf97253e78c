// Command terraform-provider-kraiter serves the Kraiter provider to Terraform and OpenTofu.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/kraiter/terraform-provider-kraiter/internal/pluginlog"
	"github.com/kraiter/terraform-provider-kraiter/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers such as delve")
	flag.Parse()

	pluginlog.QuietUnlessAsked()
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/kraiter/kraiter",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err)
	}
}
