//go:build !amd64 || purego

package nn

// useAsm is false: there is no assembly kernel on this platform (or the
// purego tag asked for none), and mulAdd uses the Go kernels only.
const useAsm = false

func kernel4x8(k int, a *float64, rsA, csA int, b *float64, ldb int, c *float64, ldc int) {
	panic("nn: no assembly kernel")
}
