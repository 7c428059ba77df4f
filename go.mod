module unroll

go 1.26.8

require (
	github.com/syumai/workers v0.30.2
	golang.org/x/sync v0.25.0
	gonum.org/v1/gonum v0.17.0
)
