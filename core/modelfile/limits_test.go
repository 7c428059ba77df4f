package modelfile

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"unroll/core/nn"
)

// allocated is the bytes f allocates, on average over a few runs.
func allocated(f func()) uint64 {
	const runs = 4
	f() // warm up
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / runs
}

// hugeFiles are model files that declare a model far larger than the numbers
// they hold; each must be refused with an error naming the field and the
// limit (or the shape it wants), without allocating the model.
var hugeFiles = []struct {
	name, file, message string
}{
	{"units 10^6", file(`"type":"LSTM","units":1000000,"input_dim":1`, `"type":"Dense","units":1,"input_dim":1000000`),
		fmt.Sprintf("units 1000000 out of range 1..%d", nn.MaxUnits)},
	{"input_dim 10^9", file(`"type":"GRU","units":4,"input_dim":1000000000`, `"type":"Dense","units":1`),
		fmt.Sprintf("inputs 1000000000 out of range 1..%d", nn.MaxInputs)},
	{"dense units 10^6", file(`"type":"SimpleRNN","units":4,"input_dim":1`, `"type":"Dense","units":1000000`),
		fmt.Sprintf("dense outputs 1000000 out of range 1..%d", nn.MaxOutputs)},
	// Within the limits, but the file holds one number of the 8 million: the
	// model's 64 MB are never allocated.
	{"1024 units, no weights", file(`"type":"LSTM","units":1024,"input_dim":1024`, `"type":"Dense","units":1024`),
		"kernel has 1 rows, want 1024×4096"},
}

func file(rec, dense string) string {
	w := `"weights":{"kernel":[[0]],"recurrent_kernel":[[0]],"bias":[0]}`
	return `{"format":"unroll-model","version":1,"layers":[{` + rec + `,"activation":"tanh",` + w + `},{` + dense + `,"activation":"linear",` + w + `}]}`
}

func TestHugeDeclaredShape(t *testing.T) {
	for _, tc := range hugeFiles {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			n := allocated(func() { _, err = Decode([]byte(tc.file)) })
			if err == nil || !strings.Contains(err.Error(), tc.message) {
				t.Fatalf("error %v, want one saying %q", err, tc.message)
			}
			// A few kB for decoding the JSON; 1 MB is far below the model's size.
			if n > 1<<20 {
				t.Errorf("allocated %d bytes refusing it", n)
			}
		})
	}
}

// FuzzDecode: no input panics, and an accepted file round-trips through
// EncodeFile.
func FuzzDecode(f *testing.F) {
	for _, tc := range hugeFiles {
		f.Add([]byte(tc.file))
	}
	m, err := nn.NewModel([]nn.LayerConfig{{Cell: nn.GRU, Units: 2, Inputs: 1, ResetAfter: true}}, nn.DenseConfig{Outputs: 1})
	if err != nil {
		f.Fatal(err)
	}
	m.Init(1)
	good, err := Encode(m, nil, Meta{Stock: "2330", TimeSteps: 10})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"format":"unroll-model","version":1,"layers":[]}`))
	f.Add([]byte(strings.Repeat("[", 100000)))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Decode(data)
		if err != nil {
			if file != nil {
				t.Fatal("a file with an error")
			}
			return
		}
		if _, err := EncodeFile(file); err != nil {
			t.Fatalf("decoded but does not encode: %v", err)
		}
	})
}
