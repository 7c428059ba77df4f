package web

import (
	"crypto/sha256"
	"encoding/base64"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"unroll/static"
)

var (
	htmlComment = regexp.MustCompile(`(?s)<!--.*?-->`)
	scriptTag   = regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script\s*>`)
	srcAttr     = regexp.MustCompile(`(?i)\ssrc\s*=`)
	cspHash     = regexp.MustCompile(`'sha(256|384|512)-[A-Za-z0-9+/=]+'`)
)

// inlineScriptHashes returns the CSP hash ('sha256-…') of every inline
// script of an HTML page, in order.
func inlineScriptHashes(html string) []string {
	var out []string
	for _, m := range scriptTag.FindAllStringSubmatch(htmlComment.ReplaceAllString(html, ""), -1) {
		if srcAttr.MatchString(" " + m[1]) {
			continue
		}
		sum := sha256.Sum256([]byte(m[2]))
		out = append(out, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	return out
}

// scriptSrcHashes returns the hashes a CSP's script-src allows.
func scriptSrcHashes(csp string) []string {
	for _, d := range strings.Split(csp, ";") {
		if f := strings.Fields(d); len(f) > 0 && f[0] == "script-src" {
			return cspHash.FindAllString(d, -1)
		}
	}
	return nil
}

// The page's one inline script (the engine worker's early start) is allowed by
// its hash, in the server's CSP and in the Workers static assets' _headers
// alike: editing the script without its hash fails here, not in a browser.
func TestCSPAllowsTheInlineScriptByHash(t *testing.T) {
	html, err := fs.ReadFile(static.FS, "index.html")
	if err != nil {
		t.Fatal(err)
	}
	want := inlineScriptHashes(string(html))
	if len(want) != 1 {
		t.Fatalf("index.html has %d inline scripts, want exactly one (the worker's start): %v", len(want), want)
	}
	headers, err := os.ReadFile("../static/_headers")
	if err != nil {
		t.Fatal(err)
	}
	var pageCSP string
	for _, line := range strings.Split(string(headers), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "Content-Security-Policy:"); ok {
			pageCSP = strings.TrimSpace(v)
		}
	}
	for _, c := range []struct{ where, csp string }{{"web/headers.go", ContentSecurityPolicy}, {"static/_headers", pageCSP}} {
		if got := scriptSrcHashes(c.csp); !slices.Equal(got, want) {
			t.Errorf("%s allows the inline scripts %v; index.html's inline script is %v", c.where, got, want)
		}
		if strings.Contains(c.csp, "unsafe-inline") {
			t.Errorf("%s allows 'unsafe-inline': %s", c.where, c.csp)
		}
	}
	if pageCSP != ContentSecurityPolicy {
		t.Errorf("static/_headers and web/headers.go disagree:\n%s\n%s", pageCSP, ContentSecurityPolicy)
	}
}

func TestInlineScriptHashes(t *testing.T) {
	// The hash of alert('Hello, world.'); as the CSP specification gives it.
	html := `<!-- <script>ignored()</script> --><script src="a.js"></script><script type="module" src="b.js"></script>` +
		`<script>alert('Hello, world.');</script>`
	got := inlineScriptHashes(html)
	if want := []string{"'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"}; !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if got := scriptSrcHashes("default-src 'self'; script-src 'self' 'sha256-abc=' 'sha384-d/e+'; style-src 'sha256-x'"); !slices.Equal(got, []string{"'sha256-abc='", "'sha384-d/e+'"}) {
		t.Fatalf("script-src hashes: %v", got)
	}
}
