# In a clone of the repository: build the provider as a release does, for this machine,
# straight into the plugins folder of each CLI, so that nothing is left in the clone.
version=0.1.0
platform="$(go env GOOS)_$(go env GOARCH)"
for host in registry.terraform.io registry.opentofu.org; do # Terraform's, then OpenTofu's
  dir=~/.terraform.d/plugins/$host/kraiter/kraiter/$version/$platform
  mkdir -p "$dir"
  CGO_ENABLED=0 go build -trimpath -ldflags "-X main.version=$version" \
    -o "$dir/terraform-provider-kraiter_v$version" .
done
