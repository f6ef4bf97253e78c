package provider

import (
	"iter"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// sequenceIDAttribute is the sequence_id argument of the data sources that read something of
// one sequence. It is not called id, so that it cannot be confused with the ids of the
// contacts or sends they list.
func sequenceIDAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "The sequence's id, such as `seq_onboarding`.",
		Required:            true,
		Validators:          []validator.String{idValidator("seq_onboarding")},
	}
}

// idValidator checks an id of the API (a sequence's, a segment's) at plan time; example is
// a valid one, for the message.
func idValidator(example string) validator.String {
	return stringvalidator.RegexMatches(client.IDPattern, "must be 1 to 64 letters, digits, underscores or hyphens, such as \""+example+"\"")
}

// limitAttribute is the optional cap on the items a listing data source reads.
func limitAttribute(items string) schema.Int64Attribute {
	return schema.Int64Attribute{
		MarkdownDescription: "The most " + items + " to read, at least 1. Without it every one is read, a page at a time.",
		Optional:            true,
		Validators:          []validator.Int64{int64validator.AtLeast(1)},
	}
}

// pageSize asks for pages no larger than the limit needs, and for the largest pages when
// everything is to be read.
func pageSize(limit types.Int64) int {
	if limit.IsNull() || limit.IsUnknown() {
		return client.MaxPageSize
	}
	return int(min(limit.ValueInt64(), client.MaxPageSize))
}

// collect reads items from a listing until it ends or limit items were read (no cap when
// limit is null), converting each. Stopping the loop stops the paging: no further page is
// requested.
func collect[T, M any](items iter.Seq2[T, error], limit types.Int64, convert func(*T) M) ([]M, error) {
	out := []M{}
	for item, err := range items {
		if err != nil {
			return nil, err
		}
		out = append(out, convert(&item))
		if !limit.IsNull() && !limit.IsUnknown() && int64(len(out)) >= limit.ValueInt64() {
			break
		}
	}
	return out, nil
}
