package client_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

// These measure the client and the local server together, over loopback HTTP and SQLite:
// what a provider operation costs against `kraiter serve`.

func benchClient(b *testing.B) *client.Client {
	b.Helper()
	inst := localservertest.Start(b)
	inst.CreateTemplate(b, "tmpl_welcome", "Welcome", "Welcome aboard")
	inst.CreateTemplate(b, "tmpl_tips", "Tips", "Three tips")
	c, err := client.New(client.Config{BaseURL: inst.URL, APIKey: inst.APIKey})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func BenchmarkCreate(b *testing.B) {
	c := benchClient(b)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		i++
		if _, err := c.Sequences.Create(ctx, client.CreateSequenceInput{ID: fmt.Sprintf("seq_%d", i), Name: "Bench", Definition: welcomeDef}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGet(b *testing.B) {
	c := benchClient(b)
	ctx := context.Background()
	if _, err := c.Sequences.Create(ctx, client.CreateSequenceInput{ID: "seq_bench", Name: "Bench", Definition: welcomeDef}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := c.Sequences.Get(ctx, "seq_bench"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListAll iterates over 1,000 sequences in pages of 100.
func BenchmarkListAll(b *testing.B) {
	c := benchClient(b)
	ctx := context.Background()
	for i := range 1000 {
		if _, err := c.Sequences.Create(ctx, client.CreateSequenceInput{ID: fmt.Sprintf("seq_%04d", i), Name: "Bench", Definition: welcomeDef}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range c.Sequences.List(ctx, client.ListOptions{Limit: client.MaxPageSize}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 1000 {
			b.Fatalf("listed %d sequences", n)
		}
	}
}
