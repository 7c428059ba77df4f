package msg

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// listed is one package of `go list -deps -export -json` for the wasm build.
type listed struct {
	ImportPath, Dir, Export string
	GoFiles                 []string
	Imports                 []string
	Standard                bool
}

// wasmPackages lists every package the WebAssembly build links, built for
// GOOS=js GOARCH=wasm so that the js-only files are included.
func wasmPackages(t *testing.T) []listed {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	cmd := exec.Command(goTool, "list", "-deps", "-export", "-json=ImportPath,Dir,Export,GoFiles,Imports,Standard", "./wasm")
	cmd.Dir = filepath.Join("..", "..")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GOFLAGS=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []listed
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var p listed
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// TestWasmBuildDoesNotImportFmt: no package of this module that the
// WebAssembly build links imports fmt (msg stands in for it there).
func TestWasmBuildDoesNotImportFmt(t *testing.T) {
	n := 0
	for _, p := range wasmPackages(t) {
		if !strings.HasPrefix(p.ImportPath, "unroll/") {
			continue
		}
		n++
		for _, imp := range p.Imports {
			if imp == "fmt" {
				t.Errorf("%s imports fmt; use unroll/core/msg", p.ImportPath)
			}
		}
	}
	if n < 5 {
		t.Fatalf("found %d of the module's packages in the wasm build; the listing is wrong", n)
	}
}

// TestVerbsInUse type-checks the packages of the wasm build and collects
// every verb and operand type passed to a formatting function (one whose
// last parameters are format string and a ...any: msg's own, and the
// engine's that forward to them). Each pair must be one that
// TestSprintfMatchesFmt compares with fmt, and each call must have as many
// operands as verbs: the checks go vet's printf analyzer makes for fmt.
func TestVerbsInUse(t *testing.T) {
	pkgs := wasmPackages(t)
	exports := map[string]string{}
	for _, p := range pkgs {
		exports[p.ImportPath] = p.Export
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		if exports[path] == "" {
			return nil, errors.New("no export data for " + path)
		}
		return os.Open(exports[path])
	})
	covered := coveredPairs()
	used := map[string][]string{} // "verb type" → call sites
	for _, p := range pkgs {
		if !strings.HasPrefix(p.ImportPath, "unroll/") {
			continue
		}
		var files []*ast.File
		for _, name := range p.GoFiles {
			f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
		info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}}
		if _, err := (&types.Config{Importer: imp}).Check(p.ImportPath, fset, files, info); err != nil {
			t.Fatalf("%s: %v", p.ImportPath, err)
		}
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				k := formatting(call, info) // index of the first operand
				if k < 1 {
					return true
				}
				at := fset.Position(call.Pos()).String()
				fv := info.Types[call.Args[k-1]].Value
				if fv == nil || fv.Kind() != constant.String {
					if !call.Ellipsis.IsValid() {
						t.Errorf("%s: the format is not a constant", at)
					}
					return true // a wrapper forwarding its own format and operands
				}
				verbs := verbsOf(constant.StringVal(fv))
				args := call.Args[k:]
				if len(verbs) != len(args) || call.Ellipsis.IsValid() {
					t.Errorf("%s: %d verbs for %d operands", at, len(verbs), len(args))
					return true
				}
				for j, v := range verbs {
					pair := string(v) + " " + staticType(info.Types[args[j]].Type)
					used[pair] = append(used[pair], at)
				}
				return true
			})
		}
	}
	if len(used) < 10 {
		t.Fatalf("found %d verb/type pairs; the search is wrong", len(used))
	}
	var pairs []string
	for pair := range used {
		pairs = append(pairs, pair)
	}
	sort.Strings(pairs)
	for _, pair := range pairs {
		if !covered[pair] {
			t.Errorf("%%%s is used (%s) but not compared with fmt in cases", pair, used[pair][0])
		}
	}
	t.Logf("verb/type pairs in use: %v", pairs)
}

// formatting is the index of the first operand if call calls a function
// whose last parameters are (format string, a ...any), else 0.
func formatting(call *ast.CallExpr, info *types.Info) int {
	var id *ast.Ident
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		id = fn
	case *ast.SelectorExpr:
		id = fn.Sel
	default:
		return 0
	}
	f, ok := info.Uses[id].(*types.Func)
	if !ok {
		return 0
	}
	sig := f.Type().(*types.Signature)
	n := sig.Params().Len()
	if !sig.Variadic() || n < 2 {
		return 0
	}
	last, format := sig.Params().At(n-1), sig.Params().At(n-2)
	s, ok := last.Type().(*types.Slice)
	if ok && types.Identical(s.Elem(), anyType) &&
		format.Name() == "format" && types.Identical(format.Type(), types.Typ[types.String]) {
		return n - 1
	}
	return 0
}

// verbsOf is the verbs of format that take an operand, in order.
func verbsOf(format string) []rune {
	var verbs []rune
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("-+#0 .0123456789", format[i]) >= 0 {
			i++
		}
		if i >= len(format) {
			break
		}
		r, size := utf8.DecodeRuneInString(format[i:])
		i += size - 1
		if r != '%' {
			verbs = append(verbs, r)
		}
	}
	return verbs
}

var (
	anyType      = types.NewInterfaceType(nil, nil).Complete()
	errorType    = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)
	stringerType = types.NewInterfaceType([]*types.Func{types.NewFunc(token.NoPos, nil, "String",
		types.NewSignatureType(nil, nil, nil, nil, types.NewTuple(types.NewVar(token.NoPos, nil, "", types.Typ[types.String])), false))}, nil).Complete()
)

// staticType names an operand's static type as dynamicType names a value:
// the basic types and slices msg formats by name, else error, Stringer, or
// the type itself (which no case covers, so the test fails on it).
func staticType(t types.Type) string {
	switch {
	case types.Implements(t, errorType):
		return "error"
	case types.Implements(t, stringerType):
		return "Stringer"
	}
	switch u := t.(type) {
	case *types.Basic:
		return basicName(u)
	case *types.Slice:
		if b, ok := u.Elem().(*types.Basic); ok {
			return "[]" + basicName(b)
		}
		if types.Identical(u.Elem(), anyType) {
			return "[]interface {}"
		}
	case *types.Map:
		if types.Identical(u.Key(), types.Typ[types.String]) && types.Identical(u.Elem(), anyType) {
			return "map[string]interface {}"
		}
	}
	return t.String()
}

func basicName(b *types.Basic) string {
	switch b.Kind() {
	case types.Byte:
		return "uint8"
	case types.Rune:
		return "int32"
	}
	return b.Name()
}

// dynamicType names the type of a case's operand.
func dynamicType(arg any) string {
	if arg == nil {
		return "nil"
	}
	if name := typeName(arg); name != "?" {
		return name
	}
	switch arg.(type) {
	case error:
		return "error"
	case interface{ String() string }:
		return "Stringer"
	}
	return "?"
}

// coveredPairs is the "verb type" pairs of the cases compared with fmt.
func coveredPairs() map[string]bool {
	covered := map[string]bool{}
	for _, c := range cases {
		for j, v := range verbsOf(c.format) {
			if j < len(c.args) {
				covered[string(v)+" "+dynamicType(c.args[j])] = true
			}
		}
	}
	for _, arg := range []any{errors.New("e"), "s", 1} { // Errorf's %w, in TestErrorfWraps
		covered["w "+dynamicType(arg)] = true
	}
	return covered
}
