// Package providerbench holds benchmarks that drive the kraiter provider, and the floor
// provider beside it, through the plugin protocol (tfprotov6) the way the CLI does during a
// plan: upgrade the stored state, validate the configuration, refresh, plan. Run them with
// -cpuprofile to see where the provider spends a plan; bench/run.sh writes the profile's top
// to bench/results/provider-profile.md.
//
// The API answers come from a canned server replaying the local server's own answer, so
// that a profile shows the provider and the client, not the server.
package providerbench
