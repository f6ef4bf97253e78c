package exportconfig

import (
	"fmt"

	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// resourceName turns a sequence id (letters, digits, "_" and "-") into a Terraform name,
// which must not start with a digit or "-".
func resourceName(id string) string {
	if hclsyntax.ValidIdentifier(id) {
		return id
	}
	return "s_" + id
}

// uniqueName returns base, or else the first of base_2, base_3... whose key is not taken,
// and takes it: two ids that map to one name (such as "9lives" and "s_9lives") stay apart.
func uniqueName(base string, taken map[string]bool, key func(string) string) string {
	name := base
	for n := 2; taken[key(name)]; n++ {
		name = fmt.Sprintf("%s_%d", base, n)
	}
	taken[key(name)] = true
	return name
}

func identity(s string) string { return s }
