package main

import (
	"runtime/metrics"
	"sync"
	"time"
)

// heapSampler watches the heap while a listing runs: the peak of the bytes in heap objects
// (live and not yet swept), and the peak of the live heap each GC found.
type heapSampler struct {
	stop                  chan struct{}
	done                  sync.WaitGroup
	peakObjects, peakLive uint64
}

const (
	metricObjects = "/memory/classes/heap/objects:bytes"
	metricLive    = "/gc/heap/live:bytes"
	metricAllocs  = "/gc/heap/allocs:bytes"
)

// sampleEvery is how often the heap is read; a GC cycle of a few MB takes longer.
const sampleEvery = 500 * time.Microsecond

func startHeapSampler() *heapSampler {
	h := &heapSampler{stop: make(chan struct{})}
	h.done.Go(func() {
		samples := []metrics.Sample{{Name: metricObjects}, {Name: metricLive}}
		tick := time.NewTicker(sampleEvery)
		defer tick.Stop()
		for {
			metrics.Read(samples)
			h.peakObjects = max(h.peakObjects, samples[0].Value.Uint64())
			h.peakLive = max(h.peakLive, samples[1].Value.Uint64())
			select {
			case <-h.stop:
				return
			case <-tick.C:
			}
		}
	})
	return h
}

// finish stops the sampler and returns its peaks.
func (h *heapSampler) finish() (peakObjects, peakLive uint64) {
	close(h.stop)
	h.done.Wait()
	return h.peakObjects, h.peakLive
}

// allocated is the bytes allocated on the heap so far.
func allocated() uint64 {
	s := []metrics.Sample{{Name: metricAllocs}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
