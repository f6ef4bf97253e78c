package stepdiff

import (
	"fmt"
	"strconv"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// stepNode is one step of a definition flattened in document order (pre-order).
type stepNode struct {
	step *definition.Step
	path string
	// key is the step without its branches: two steps with the same key differ at most in
	// the steps they hold.
	key string
	// parent is the index of the condition holding the step, -1 at the top level; branch is
	// "then" or "else" under a condition.
	parent int
	branch string
	// branches are the branches from the top level down to the step: ".then.else".
	branches string
}

func flattenSteps(def *definition.Definition) []stepNode {
	var nodes []stepNode
	var walk func(path string, steps []definition.Step, parent int, branch, branches string)
	walk = func(path string, steps []definition.Step, parent int, branch, branches string) {
		for i := range steps {
			s := &steps[i]
			at := path + "[" + strconv.Itoa(i) + "]"
			nodes = append(nodes, stepNode{step: s, path: at, key: stepKey(s), parent: parent, branch: branch, branches: branches})
			self := len(nodes) - 1
			for _, f := range s.Type.StepLists() {
				walk(at+"."+f.Name, f.Steps(s), self, f.Name, branches+"."+f.Name)
			}
		}
	}
	walk("steps", def.Steps, -1, "", "")
	return nodes
}

// stepKey is a step's own content in canonical form, the fields of its type other than step
// lists: the same for steps that mean the same.
func stepKey(s *definition.Step) string {
	key := string(s.Type)
	fields := s.Type.Fields()
	for i := range fields {
		switch f := &fields[i]; f.Kind.Shape() {
		case definition.ShapeText:
			key += "\x00" + f.Filled(s)
		case definition.ShapeRule:
			key += "\x00" + canonicalRule(f.Rule(s))
		case definition.ShapeSteps:
		default:
			panic(fmt.Sprintf("stepdiff: field %q of step type %q has the unknown kind %v", f.Name, s.Type, f.Kind))
		}
	}
	return key
}

func canonicalRule(r *definition.Rule) string {
	if r == nil {
		return "null"
	}
	b, _ := r.MarshalJSON() // never fails
	return string(b)
}

// pairKind says how a new step was paired with an old one.
type pairKind uint8

const (
	pairCommon  pairKind = iota // in the longest common subsequence of keys: unchanged, maybe moved
	pairMoved                   // same key, out of order
	pairChanged                 // same type, in the same stretch between common steps, other key
)

// matching pairs the steps of an old and a new definition.
type matching struct {
	oldNodes, newNodes []stepNode
	newOf              []int      // old index → paired new index, or -1
	oldOf              []int      // new index → paired old index, or -1
	paired             []pairKind // new index → how it was paired, where oldOf is set
	// commonBefore is, for each old index, the new index of the last common step before
	// it, or -1: where a removed step stood in the new document.
	commonBefore []int
}

// matchSteps pairs steps in three passes: the longest common subsequence of keys (steps in
// the same order, unchanged); then steps with the same key elsewhere (moved); then steps of
// the same type in the same stretch between common steps (changed). The rest are added or
// removed.
func matchSteps(oldNodes, newNodes []stepNode) *matching {
	m := &matching{
		oldNodes: oldNodes, newNodes: newNodes,
		newOf: filled(len(oldNodes), -1), oldOf: filled(len(newNodes), -1),
		paired: make([]pairKind, len(newNodes)), commonBefore: filled(len(oldNodes), -1),
	}
	oldGap, newGap := m.pairCommon()
	m.pairSameKey()
	m.pairSameType(oldGap, newGap)
	return m
}

func filled(n, v int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

func (m *matching) pair(o, n int, kind pairKind) {
	m.newOf[o], m.oldOf[n], m.paired[n] = n, o, kind
}

// pairCommon pairs the longest common subsequence of keys and returns, for each old and
// new step left unpaired, the stretch it is in: the number of common steps before it.
func (m *matching) pairCommon() (oldGap, newGap []int) {
	for _, p := range commonSubsequence(m.oldNodes, m.newNodes) {
		m.pair(p[0], p[1], pairCommon)
	}
	oldGap, newGap = make([]int, len(m.oldNodes)), make([]int, len(m.newNodes))
	gap, last := 0, -1
	for o := range m.oldNodes {
		if m.newOf[o] >= 0 {
			gap, last = gap+1, m.newOf[o]
			continue
		}
		oldGap[o], m.commonBefore[o] = gap, last
	}
	gap = 0
	for n := range m.newNodes {
		if m.oldOf[n] >= 0 {
			gap++
			continue
		}
		newGap[n] = gap
	}
	return oldGap, newGap
}

// commonSubsequence returns the (old, new) index pairs of a longest common subsequence of
// keys. Among the longest it takes one with the most steps under the same branches: when a
// step moved into a condition and another stayed, the one that stayed is the common one, and
// the condition around it can still be paired as changed. (A plain LCS, such as go-udiff's,
// breaks such ties blindly.)
//
// The common prefix and suffix are paired first; the table of the rest is limited to a band
// around the diagonal, commonBand steps wider than the difference of lengths, so that the
// cost grows with the length of a definition, not its square. An alignment that would leave
// the band (a step moved further than that) is not found here: pairSameKey then reports the
// step as moved.
func commonSubsequence(oldNodes, newNodes []stepNode) [][2]int {
	keys, branches := map[string]int32{}, map[string]int32{}
	intern := func(table map[string]int32, s string) int32 {
		id, ok := table[s]
		if !ok {
			id = int32(len(table))
			table[s] = id
		}
		return id
	}
	oldKey, oldPlace := make([]int32, len(oldNodes)), make([]int32, len(oldNodes))
	for i, n := range oldNodes {
		oldKey[i], oldPlace[i] = intern(keys, n.key), intern(branches, n.branches)
	}
	newKey, newPlace := make([]int32, len(newNodes)), make([]int32, len(newNodes))
	for i, n := range newNodes {
		newKey[i], newPlace[i] = intern(keys, n.key), intern(branches, n.branches)
	}
	same := func(o, n int) bool { return oldKey[o] == newKey[n] }
	placed := func(o, n int) bool { return oldPlace[o] == newPlace[n] }

	var pairs [][2]int
	// A common prefix or suffix of steps in the same place belongs to an optimal answer.
	start := 0
	for start < len(oldNodes) && start < len(newNodes) && same(start, start) && placed(start, start) {
		pairs = append(pairs, [2]int{start, start})
		start++
	}
	oldEnd, newEnd := len(oldNodes), len(newNodes)
	for oldEnd > start && newEnd > start && same(oldEnd-1, newEnd-1) && placed(oldEnd-1, newEnd-1) {
		oldEnd, newEnd = oldEnd-1, newEnd-1
	}

	rows, cols := oldEnd-start, newEnd-start
	b := newBand(rows, cols)
	// score(i, j) is the best score of oldNodes[start+i:oldEnd] against newNodes[start+j:newEnd]:
	// weight per common step, which outweighs all bonuses together, plus one per step in place.
	weight := int32(rows + cols + 1)
	gain := func(i, j int) int32 {
		if placed(start+i, start+j) {
			return weight + 1
		}
		return weight
	}
	for i := rows - 1; i >= 0; i-- {
		for j := min(cols-1, i+b.hi); j >= max(0, i+b.lo); j-- {
			best := max(b.score(i+1, j), b.score(i, j+1))
			if same(start+i, start+j) {
				best = max(best, b.score(i+1, j+1)+gain(i, j))
			}
			b.set(i, j, best)
		}
	}
	for i, j := 0, 0; i < rows && j < cols; {
		switch {
		case same(start+i, start+j) && b.score(i, j) == b.score(i+1, j+1)+gain(i, j):
			pairs = append(pairs, [2]int{start + i, start + j})
			i, j = i+1, j+1
		case b.score(i+1, j) >= b.score(i, j+1):
			i++
		default:
			j++
		}
	}
	for k := 0; oldEnd+k < len(oldNodes); k++ {
		pairs = append(pairs, [2]int{oldEnd + k, newEnd + k})
	}
	return pairs
}

// commonBand is how far, in steps, an alignment may stray from the diagonal beyond the
// difference of the two lengths.
const commonBand = 64

// band is the part of commonSubsequence's table near the diagonal: the cells (i, j) with
// lo <= j-i <= hi.
type band struct {
	rows, cols, lo, hi int
	cells              []int32
}

func newBand(rows, cols int) *band {
	lo, hi := min(0, cols-rows)-commonBand, max(0, cols-rows)+commonBand
	return &band{rows: rows, cols: cols, lo: lo, hi: hi, cells: make([]int32, rows*(hi-lo+1))}
}

// score is a cell's score: 0 past the end of either list, -1 outside the band (a path
// through it is never taken).
func (b *band) score(i, j int) int32 {
	switch d := j - i; {
	case d < b.lo || d > b.hi:
		return -1
	case i == b.rows || j == b.cols:
		return 0
	default:
		return b.cells[i*(b.hi-b.lo+1)+d-b.lo]
	}
}

func (b *band) set(i, j int, v int32) { b.cells[i*(b.hi-b.lo+1)+j-i-b.lo] = v }

// pairSameKey pairs each unpaired new step with the first unpaired old step of the same key.
func (m *matching) pairSameKey() {
	byKey := map[string][]int{}
	for o, node := range m.oldNodes {
		if m.newOf[o] < 0 {
			byKey[node.key] = append(byKey[node.key], o)
		}
	}
	for n, node := range m.newNodes {
		if olds := byKey[node.key]; m.oldOf[n] < 0 && len(olds) > 0 {
			m.pair(olds[0], n, pairMoved)
			byKey[node.key] = olds[1:]
		}
	}
}

// pairSameType pairs each unpaired new step with the first unpaired old step of the same type
// in the same stretch between common steps: an edited step.
func (m *matching) pairSameType(oldGap, newGap []int) {
	type slot struct {
		gap int
		typ definition.StepType
	}
	waiting := map[slot][]int{}
	for o, old := range m.oldNodes {
		if m.newOf[o] < 0 {
			at := slot{oldGap[o], old.step.Type}
			waiting[at] = append(waiting[at], o)
		}
	}
	for n, node := range m.newNodes {
		at := slot{newGap[n], node.step.Type}
		if olds := waiting[at]; m.oldOf[n] < 0 && len(olds) > 0 {
			m.pair(olds[0], n, pairChanged)
			waiting[at] = olds[1:]
		}
	}
}

// sameParent reports whether old step o and new step n stand in the same list: both at the top
// level, or in the same branch of paired conditions.
func (m *matching) sameParent(o, n int) bool {
	old, cur := m.oldNodes[o], m.newNodes[n]
	if old.branch != cur.branch {
		return false
	}
	if old.parent < 0 || cur.parent < 0 {
		return old.parent == cur.parent
	}
	return m.newOf[old.parent] == cur.parent
}
