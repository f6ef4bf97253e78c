package definition

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Bounds of CheckStrictJSON. Past maxStrictDepth encoding/json refuses the text itself, so
// the check stops there; past maxStrictProblems more problems would bury the first ones.
const (
	maxStrictDepth    = 10000
	maxStrictProblems = 50
)

// CheckStrictJSON reports what encoding/json lets through in JSON text but a definition or a
// request must not hold, because the decoder would silently change it: bytes that are not
// UTF-8 and lone UTF-16 surrogate escapes such as "\ud800" (both become U+FFFD), the NUL
// character, raw or escaped, in a string or key, and a key repeated in one object (the last
// one wins). Each problem carries the path of the string or key, such as
// "steps[2].templateId" or "triggers[0].type".
//
// Text that is not JSON is checked up to where it stops being JSON: saying what is wrong with
// its syntax is the decoder's job. The check reads the text once, whatever its nesting, and
// never panics.
func CheckStrictJSON(data []byte) []Problem {
	s := &strictScanner{data: data}
	s.scan()
	return s.problems
}

type strictScanner struct {
	data     []byte
	pos      int
	stack    []strictFrame
	problems []Problem
}

// strictFrame is an open object or array and the member being read in it.
type strictFrame struct {
	object bool
	key    string              // the current member's key, in an object
	index  int                 // the current element's index, in an array
	keys   map[string]struct{} // the keys seen so far, in an object
}

// stringFaults is what one string held that it must not.
type stringFaults struct {
	invalidUTF8 byte   // the first byte that is not UTF-8, or 0
	nul         bool   // a NUL character, raw or escaped
	surrogate   string // the first lone surrogate escape, such as `\ud800`
}

func (f stringFaults) any() bool { return f.invalidUTF8 != 0 || f.nul || f.surrogate != "" }

// scan walks the values of the text. It stops at the end of the first top-level value, at
// anything that is not JSON, or once it has found maxStrictProblems.
func (s *strictScanner) scan() {
	for len(s.problems) < maxStrictProblems {
		opened, ok := s.value()
		if !ok {
			return
		}
		// In a container just opened, its first member comes next.
		if !opened && !s.next() {
			return
		}
	}
}

// value reads one value, or opens the container it starts (reading an object's first key),
// and reports whether it opened one and whether to go on.
func (s *strictScanner) value() (opened, ok bool) {
	s.space()
	if s.pos >= len(s.data) {
		return false, false
	}
	switch c := s.data[s.pos]; c {
	case '{', '[':
		if len(s.stack) >= maxStrictDepth {
			return false, false
		}
		s.pos++
		s.stack = append(s.stack, strictFrame{object: c == '{'})
		s.space()
		if s.pos < len(s.data) && s.data[s.pos] == closer(c == '{') {
			s.pos++
			s.stack = s.stack[:len(s.stack)-1]
			return false, true
		}
		if c == '{' {
			return true, s.key()
		}
		return true, true
	case '"':
		_, faults, ok := s.str(false)
		if ok && faults.any() {
			s.report(s.path(), faults)
		}
		return false, ok
	}
	// A number, true, false or null: which of them, and whether it is well formed, is the
	// decoder's to check.
	start := s.pos
	for s.pos < len(s.data) && isLiteralByte(s.data[s.pos]) {
		s.pos++
	}
	return false, s.pos > start
}

// next moves past the value just read: it closes the containers that end there and steps to
// the next member. It reports false at the end of the top-level value or of the JSON.
func (s *strictScanner) next() bool {
	for len(s.stack) > 0 {
		s.space()
		if s.pos >= len(s.data) {
			return false
		}
		top := &s.stack[len(s.stack)-1]
		switch s.data[s.pos] {
		case ',':
			s.pos++
			if top.object {
				return s.key()
			}
			top.index++
			return true
		case closer(top.object):
			s.pos++
			s.stack = s.stack[:len(s.stack)-1]
		default:
			return false
		}
	}
	return false
}

// key reads an object member's key and the colon after it, and reports a repeated key.
func (s *strictScanner) key() bool {
	s.space()
	if s.pos >= len(s.data) || s.data[s.pos] != '"' {
		return false
	}
	key, faults, ok := s.str(true)
	if !ok {
		return false
	}
	top := &s.stack[len(s.stack)-1]
	top.key = key
	if faults.any() {
		s.report(s.path(), faults)
	}
	if top.keys == nil {
		top.keys = map[string]struct{}{}
	}
	if _, seen := top.keys[key]; seen {
		s.add(s.path(), fmt.Sprintf("the key %s appears more than once in this object; keep one", strconv.Quote(key)))
	}
	top.keys[key] = struct{}{}
	s.space()
	if s.pos >= len(s.data) || s.data[s.pos] != ':' {
		return false
	}
	s.pos++
	return true
}

// str reads a string from its opening quote, decoding it when keep is set (keys are compared,
// values are not), and notes what it holds that it must not.
func (s *strictScanner) str(keep bool) (string, stringFaults, bool) {
	var faults stringFaults
	var b strings.Builder
	s.pos++
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		switch {
		case c == '"':
			s.pos++
			return b.String(), faults, true
		case c == '\\':
			r, ok := s.escape(&faults)
			if !ok {
				return "", faults, false
			}
			if keep {
				b.WriteRune(r)
			}
			continue
		case c < utf8.RuneSelf:
			// Other raw control characters are not JSON; the decoder says so.
			if c == 0 {
				faults.nul = true
			}
			if keep {
				b.WriteByte(c)
			}
			s.pos++
			continue
		}
		r, size := utf8.DecodeRune(s.data[s.pos:])
		if r == utf8.RuneError && size == 1 && faults.invalidUTF8 == 0 {
			faults.invalidUTF8 = c
		}
		if keep {
			b.Write(s.data[s.pos : s.pos+size])
		}
		s.pos += size
	}
	return "", faults, false
}

// escape reads a backslash escape, a surrogate pair as one, and returns the character it
// stands for (U+FFFD for a lone surrogate).
func (s *strictScanner) escape(faults *stringFaults) (rune, bool) {
	if s.pos+1 >= len(s.data) {
		return 0, false
	}
	e := s.data[s.pos+1]
	if e != 'u' {
		r, ok := simpleEscapes[e]
		s.pos += 2
		return r, ok
	}
	u, ok := hex4(s.data, s.pos+2)
	if !ok {
		return 0, false
	}
	text := string(s.data[s.pos : s.pos+6])
	s.pos += 6
	switch {
	case u == 0:
		faults.nul = true
		return 0, true
	case u >= 0xD800 && u < 0xDC00:
		if s.pos+6 <= len(s.data) && s.data[s.pos] == '\\' && s.data[s.pos+1] == 'u' {
			if low, ok := hex4(s.data, s.pos+2); ok && low >= 0xDC00 && low < 0xE000 {
				s.pos += 6
				return 0x10000 + (u-0xD800)<<10 + (low - 0xDC00), true
			}
		}
	case u < 0xDC00 || u >= 0xE000:
		return u, true
	}
	if faults.surrogate == "" {
		faults.surrogate = text
	}
	return utf8.RuneError, true
}

var simpleEscapes = map[byte]rune{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// hex4 reads the four hex digits of a \u escape at data[i:].
func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(data[i:i+4]), 16, 16)
	return rune(n), err == nil
}

func (s *strictScanner) report(path string, f stringFaults) {
	if f.invalidUTF8 != 0 {
		s.add(path, fmt.Sprintf("is not valid UTF-8 (it holds the byte 0x%02x); encode the text as UTF-8", f.invalidUTF8))
	}
	if f.nul {
		s.add(path, `holds the NUL character (\u0000), which no string may hold; remove it`)
	}
	if f.surrogate != "" {
		s.add(path, fmt.Sprintf(`holds the escape %s, half of a UTF-16 surrogate pair without its other half; write the character itself or both halves of the pair`, f.surrogate))
	}
}

func (s *strictScanner) add(path, message string) {
	if len(s.problems) < maxStrictProblems {
		s.problems = append(s.problems, Problem{Path: path, Message: message})
	}
}

// path is the path of the member being read, such as "steps[2].templateId"; "" is the
// top-level value. It is built only for a problem, so deep nesting costs nothing until then.
func (s *strictScanner) path() string {
	var b strings.Builder
	for _, f := range s.stack {
		switch {
		case !f.object:
			b.WriteString("[" + strconv.Itoa(f.index) + "]")
		case plainKey(f.key):
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(f.key)
		default:
			b.WriteString("[" + strconv.Quote(f.key) + "]")
		}
	}
	return b.String()
}

// plainKey reports whether a key can stand in a path as it is; others are quoted, as in
// attributes["first name."].
func plainKey(k string) bool {
	if k == "" || !utf8.ValidString(k) {
		return false
	}
	for _, r := range k {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`."[] `, r) {
			return false
		}
	}
	return true
}

func closer(object bool) byte {
	if object {
		return '}'
	}
	return ']'
}

func isLiteralByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '+' || c == '.'
}

// space skips JSON whitespace.
func (s *strictScanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}
