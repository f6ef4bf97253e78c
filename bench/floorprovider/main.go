// Command floorprovider serves the floor provider (bench/floor) to Terraform and OpenTofu, for
// the plan benchmark. It logs as the kraiter provider does (pluginlog), so that the two are
// compared on the provider's own work.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/kraiter/terraform-provider-kraiter/bench/floor"
	"github.com/kraiter/terraform-provider-kraiter/internal/pluginlog"
)

func main() {
	pluginlog.QuietUnlessAsked()
	err := providerserver.Serve(context.Background(), floor.New, providerserver.ServeOpts{
		Address: "registry.opentofu.org/bench/floor",
	})
	if err != nil {
		log.Fatal(err)
	}
}
