package bridge

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The first view's engine answers FirstOps exactly as the whole engine does,
// byte for byte, on a sequence of calls covering each kind of input and
// error; every other operation is unknown to it.
func TestFirstEngineAgreesWithTheWholeOne(t *testing.T) {
	whole := New()
	whole.Call("set_model", []byte(`{"spec":{"cell":"gru","units":2,"seed":3}}`))
	var exp struct {
		Result struct {
			File string `json:"file"`
		} `json:"result"`
	}
	if err := json.Unmarshal(whole.Call("export_model", nil), &exp); err != nil || exp.Result.File == "" {
		t.Fatalf("export_model: %v", err)
	}
	fileArg, _ := json.Marshal(exp.Result.File)
	var closes, dates []string
	for k := range 30 {
		closes = append(closes, strconv.Itoa(100+k%7*3+k))
		dates = append(dates, strconv.Quote(time.Date(2024, 1, 2+k, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)))
	}
	calls := [][2]string{
		{"info", ``},
		{"trace", `{"input":{"kind":"sine"}}`},
		{"use_model", `{"source":"trained"}`},
		{"set_model", `{"spec":{"cell":"lstm","units":3,"seed":1,"steps":12}}`},
		{"trace", `{"input":{"kind":"seq","text":"0.1,0.5,-0.2"}}`},
		{"trace", `{"input":{"kind":"sine","period":6},"contrib":{"from":1,"to":3,"units":2}}`},
		{"trace", `{"input":{"kind":"prices","series":[` + strings.Join(closes, ",") + `],"dates":[` + strings.Join(dates, ",") + `],"fit_frac":0.8}}`},
		{"trace", `{"input":{"kind":"text","text":"hello"}}`},
		{"set_model", `{"spec":{"cell":"lstm","units":99}}`},
		{"trace", `{"input":{"kind":"nope"}}`},
		{"info", `{}`},
		{"set_model", `{"file":` + string(fileArg) + `}`},
		{"trace", `{"input":{"kind":"seq","text":"0.2,0.4"}}`},
		{"use_model", `{"source":"imported"}`},
		{"use_model", `{"source":"elsewhere"}`},
		{"set_model", `{`},
	}
	first, whole := NewFirst(), New()
	seen, answered := map[string]bool{}, 0
	for _, c := range calls {
		seen[c[0]] = true
		got, want := first.Call(c[0], []byte(c[1])), whole.Call(c[0], []byte(c[1]))
		if strings.HasPrefix(string(got), `{"ok":true`) {
			answered++
		}
		if string(got) != string(want) {
			t.Errorf("%s %s:\nfirst %.300s\nwhole %.300s", c[0], c[1], got, want)
		}
	}
	if answered < 9 {
		t.Errorf("%d calls answered without an error, want at least 9", answered)
	}
	for _, op := range FirstOps {
		if !seen[op] {
			t.Errorf("%s is not compared", op)
		}
	}
	for _, op := range []string{"order_demo", "generate", "memory_start", "train_prepare", "train_run", "predict", "export_model", "import_model"} {
		if slices.Contains(FirstOps, op) {
			t.Errorf("%s is in FirstOps", op)
		}
		_, err := call(t, first, op, `{}`)
		if err == nil || err.Code != CodeUnknownOp {
			t.Errorf("first engine, %s: %v, want %s", op, err, CodeUnknownOp)
		}
		if _, err := call(t, New(), op, `{}`); err != nil && err.Code == CodeUnknownOp {
			t.Errorf("whole engine, %s: %v", op, err)
		}
	}
}
