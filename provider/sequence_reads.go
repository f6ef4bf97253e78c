package provider

import (
	"context"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// Reading many sequences at once. Terraform refreshes one resource at a time, at most
// -parallelism at once, so a plan of N sequences waits N x latency / parallelism for its
// reads. When reads come in numbers, one listing of the account (pages of 100), read in the
// background, answers most of them: sequenceReads keeps what the listing found, for this
// provider process only (one plan or one apply). A read never waits for the listing: what
// the pages read so far do not hold, it asks for alone, as it always did, so the listing can
// only make reads faster.
//
// The rules that keep this safe:
//   - only the sequence's own answer can say it is gone: an id missing from the listing is
//     read on its own, and its NOT_FOUND goes through the same proof as every other;
//   - an entry is used once and then dropped, and never after this process wrote that
//     sequence (a page read before the write may arrive after it);
//   - an id listed twice is not answered from the listing;
//   - the listing holds at most snapshotMaxBytes of sequences; past that it stops.
//
// And the rules that keep it cheap, so that a small state in a large account does not pay
// for the account's size:
//   - no listing below snapshotThreshold reads;
//   - a page is read only while the reads seen so far pay for it (one page per
//     readsPerPage reads);
//   - a listing whose pages hold almost none of the sequences read (fewer than one a page,
//     after uselessPages pages) stops. A sequence counts whether the read came before its
//     page or after it: reads that come before the pages would otherwise make a listing
//     that is about to answer most of them look useless.
const (
	// snapshotThreshold is the read from which a listing starts. Below it, a plan reads
	// its sequences one by one exactly as before: 5 sequences in an account of 5,000 list
	// nothing.
	snapshotThreshold = 10
	// readsPerPage is how many reads pay for one page of the listing: a page of 100
	// sequences costs about what 10 single reads cost at the CLI's default parallelism of
	// 10, since the pages come one after another while the reads overlap.
	readsPerPage = 10
	// uselessPages is how many pages a listing reads before it judges whether its pages
	// hold the sequences read.
	uselessPages = 4
	// snapshotMaxBytes bounds the sequences the listing keeps in memory.
	snapshotMaxBytes = 64 << 20
	// listingTimeout bounds the whole listing.
	listingTimeout = 5 * time.Minute
)

// sequenceReads answers the reads of sequences of one provider process.
type sequenceReads struct {
	client *client.Client
	// The bounds in use: snapshotThreshold, readsPerPage and snapshotMaxBytes, but in tests.
	threshold, perPage, maxBytes int

	mu sync.Mutex
	// reads counts the reads asked for so far.
	reads int
	// written holds the ids this process created, updated or deleted.
	written map[string]bool
	// early holds the ids read before the listing started.
	early []string
	// listing is nil until reads come in numbers.
	listing *listing
}

func newSequenceReads(c *client.Client) *sequenceReads {
	return &sequenceReads{client: c, threshold: snapshotThreshold, perPage: readsPerPage, maxBytes: snapshotMaxBytes, written: map[string]bool{}}
}

// get reads sequence id: from the listing when it has it, otherwise on its own.
func (r *sequenceReads) get(ctx context.Context, id string) (*client.Sequence, error) {
	if seq := r.fromListing(ctx, id); seq != nil {
		return seq, nil
	}
	return r.client.Sequences.Get(ctx, id)
}

// wrote records that this process writes sequence id: the listing's entry for it, if it has
// one or gets one later, is never used.
func (r *sequenceReads) wrote(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.written[id] = true
	if r.listing != nil {
		r.listing.forget(id)
	}
}

// fromListing returns sequence id when the listing has it, or nil: read it on its own.
func (r *sequenceReads) fromListing(ctx context.Context, id string) *client.Sequence {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reads++
	if r.written[id] || (r.listing == nil && r.reads < r.threshold) {
		if r.listing == nil {
			r.early = append(r.early, id)
		}
		return nil
	}
	if r.listing == nil {
		r.listing = startListing(ctx, r.client, r.written, r.early, r.maxBytes)
		tflog.Debug(ctx, "reads of Kraiter sequences come in numbers; listing the account in the background", map[string]any{"reads": r.reads})
	}
	return r.listing.take(id, (r.reads+r.perPage-1)/r.perPage)
}

// listing is one listing of the account's sequences, read a page at a time in the
// background.
type listing struct {
	mu sync.Mutex
	// seqs holds what the pages brought and no read has taken yet.
	seqs map[string]*client.Sequence
	// seen holds every id the pages brought, true for those never to be answered from the
	// listing (listed twice, or written by this process).
	seen map[string]bool
	// bytes is about what seqs holds in memory, at most maxBytes and one page.
	bytes, maxBytes int
	// pages counts the pages read; relevant counts the sequences they brought that were read,
	// before their page came or after.
	pages, relevant int
	// asked holds the ids read.
	asked map[string]bool
	// allowed is how many pages the reads seen so far pay for.
	allowed int
	// more is signalled when allowed grows.
	more chan struct{}
	// ended is closed when the listing reads no more pages.
	ended chan struct{}
}

// startListing starts listing the account; written are the ids this process wrote so far,
// asked those it read.
func startListing(ctx context.Context, c *client.Client, written map[string]bool, asked []string, maxBytes int) *listing {
	l := &listing{
		seqs: map[string]*client.Sequence{}, seen: map[string]bool{}, asked: map[string]bool{},
		maxBytes: maxBytes, more: make(chan struct{}, 1), ended: make(chan struct{}),
	}
	for id := range written {
		l.seen[id] = true
	}
	for _, id := range asked {
		l.asked[id] = true
	}
	// The listing serves many reads, so the first read's cancellation must not end it; it
	// has a deadline of its own.
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), listingTimeout)
	go func() {
		defer close(l.ended)
		defer cancel()
		l.run(lctx, c)
	}()
	return l
}

// run reads pages while the reads pay for them, until the listing's end.
func (l *listing) run(ctx context.Context, c *client.Client) {
	for page, err := range c.Sequences.ListPages(ctx, client.ListOptions{Limit: client.MaxPageSize}) {
		if err != nil {
			tflog.Debug(ctx, "listing Kraiter sequences failed; reads go one by one", map[string]any{"error": err.Error()})
			return
		}
		if !l.add(page.Data) || page.NextCursor == "" || !l.mayReadPage(ctx) {
			return
		}
	}
}

// mayReadPage waits until the reads pay for one more page; it is false when the listing
// should end: its pages hold almost none of the sequences read, or its time is up.
func (l *listing) mayReadPage(ctx context.Context) bool {
	for {
		l.mu.Lock()
		pages, relevant, allowed := l.pages, l.relevant, l.allowed
		l.mu.Unlock()
		switch {
		case pages >= uselessPages && relevant < pages:
			tflog.Debug(ctx, "the listing of Kraiter sequences holds almost none of the sequences read; it stops", map[string]any{"pages": pages, "relevant": relevant})
			return false
		case pages < allowed:
			return true
		}
		select {
		case <-l.more:
		case <-ctx.Done():
			return false
		}
	}
}

// add keeps a page's sequences; it is false when the listing went past its memory bound.
func (l *listing) add(seqs []client.Sequence) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.pages++
	for i := range seqs {
		seq := &seqs[i]
		if _, again := l.seen[seq.ID]; again {
			// Listed twice, or written by this process: which is current is unclear, so
			// the read asks for it on its own.
			l.block(seq.ID)
			continue
		}
		l.seen[seq.ID] = false
		l.seqs[seq.ID] = seq
		l.bytes += sequenceSize(seq)
		if l.asked[seq.ID] {
			l.relevant++
		}
	}
	return l.bytes <= l.maxBytes
}

// take removes sequence id from the listing and returns it, or nil when the listing does not
// hold it; allowed is how many pages the reads seen so far pay for.
func (l *listing) take(id string, allowed int) *client.Sequence {
	l.mu.Lock()
	defer l.mu.Unlock()
	if allowed > l.allowed {
		l.allowed = allowed
		select {
		case l.more <- struct{}{}:
		default:
		}
	}
	askedBefore := l.asked[id]
	l.asked[id] = true
	seq := l.remove(id)
	if seq != nil && !askedBefore {
		l.relevant++
	}
	return seq
}

// forget makes sure sequence id is never answered from this listing.
func (l *listing) forget(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.block(id)
}

// block drops sequence id and keeps it from coming back; the caller holds l.mu.
func (l *listing) block(id string) {
	l.remove(id)
	l.seen[id] = true
}

// remove drops sequence id and returns it; the caller holds l.mu.
func (l *listing) remove(id string) *client.Sequence {
	seq := l.seqs[id]
	if seq != nil {
		delete(l.seqs, id)
		l.bytes -= sequenceSize(seq)
	}
	return seq
}

// sequenceSize is about what a sequence holds in memory.
func sequenceSize(seq *client.Sequence) int {
	size := len(seq.ID) + len(seq.Name) + len(seq.Definition) + len(seq.Status) + 128
	for _, t := range seq.Triggers {
		size += len(t.Type) + len(t.EventName) + len(t.SegmentID) + 48
	}
	return size
}
