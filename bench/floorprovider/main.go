// Command floorprovider serves the floor provider (bench/floor) to Terraform and OpenTofu, for
// the plan benchmark.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/kraiter/terraform-provider-kraiter/bench/floor"
)

func main() {
	err := providerserver.Serve(context.Background(), floor.New, providerserver.ServeOpts{
		Address: "registry.opentofu.org/bench/floor",
	})
	if err != nil {
		log.Fatal(err)
	}
}
