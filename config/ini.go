package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/bigkevmcd/go-configparser"
)

// readFile returns the file's values keyed "section.key" (lower case),
// rejecting what go-configparser would misread or silently drop, and unknown
// sections and keys. The errors quote no line: it could hold a secret.
func readFile(path string) (map[string]string, error) {
	p, perr := configparser.NewConfigParserFromFile(path)
	if pathErr := (*fs.PathError)(nil); errors.As(perr, &pathErr) {
		return nil, fmt.Errorf("config: %w", perr)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if errs := lint(path, raw); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if perr != nil { // lint should have caught it; the library's text quotes the line
		return nil, fmt.Errorf("config: %s: cannot parse", path)
	}

	known := map[string]bool{}
	var sections []string
	for _, o := range options {
		known[o.name()] = true
		if !slices.Contains(sections, o.section) {
			sections = append(sections, o.section)
		}
	}
	var errs []error
	if len(p.Defaults()) > 0 { // [DEFAULT] would leak into every section: addr is in two
		errs = append(errs, fmt.Errorf("config: %s: unknown section [DEFAULT] (sections: %s)", path, strings.Join(sections, ", ")))
	}
	values := map[string]string{}
	for _, s := range p.Sections() {
		if !slices.Contains(sections, s) {
			errs = append(errs, fmt.Errorf("config: %s: unknown section [%s] (sections: %s)", path, s, strings.Join(sections, ", ")))
			continue
		}
		items, _ := p.Items(s) // s comes from Sections
		for _, k := range items.Keys() {
			name := s + "." + strings.ToLower(k)
			if !known[name] {
				errs = append(errs, fmt.Errorf("config: %s: unknown key %s", path, name))
				continue
			}
			values[name] = items[k]
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return values, nil
}

var (
	headerLine     = regexp.MustCompile(`^\[([^]]+)\]$`)
	headerAnywhere = regexp.MustCompile(`\[([^]]+)\]`) // what the library looks for, unanchored
)

// maxLine stays under bufio.Reader's 4096-byte buffer: the library reads a
// longer line as two.
const maxLine = 4000

// lint finds the lines go-configparser (this version) would drop or misread
// without an error: ; comments, lines without =, keys before any section,
// a repeated [section] (its keys land in the previous section), a repeated
// key (the last silently wins) and [brackets] in a value (read as a header).
func lint(path string, raw []byte) []error {
	var errs []error
	bad := func(n int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("config: %s:%d: "+format, append([]any{path, n}, args...)...))
	}
	raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
	seenSection := map[string]bool{}
	var section string
	var seenKey map[string]bool
	for i, l := range strings.Split(string(raw), "\n") {
		n := i + 1
		if len(l) > maxLine {
			bad(n, "line longer than %d bytes", maxLine)
			continue
		}
		line := strings.TrimSpace(l)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, ";"):
			bad(n, "comments start with #, not ;")
		case strings.HasPrefix(line, "["):
			m := headerLine.FindStringSubmatch(line)
			if m == nil {
				bad(n, "a [section] header must be alone on its line")
				continue
			}
			section = m[1]
			if seenSection[section] {
				bad(n, "section [%s] repeated: give each section once", section)
			}
			seenSection[section] = true
			seenKey = map[string]bool{}
		default:
			eq := strings.IndexAny(line, "=:")
			if eq <= 0 {
				bad(n, "expected key = value")
				continue
			}
			key := strings.ToLower(strings.TrimSpace(line[:eq]))
			if section == "" {
				bad(n, "%s is outside any [section]", key)
				continue
			}
			name := section + "." + key
			if headerAnywhere.MatchString(line) {
				bad(n, "%s: the parser reads [brackets] as a section header; set it with the environment variable %s",
					name, strings.ToUpper(section+"_"+key))
			}
			if seenKey[key] {
				bad(n, "%s repeated", name)
			}
			seenKey[key] = true
		}
	}
	return errs
}
