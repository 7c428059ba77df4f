//go:build amd64 && !purego

package nn

// useAsm reports whether the AVX2+FMA kernel can run on this CPU.
var useAsm = hasAVX2FMA()

// kernel4x8 adds the 4×8 block Σ_l a(i, l) b(l, j), i < 4, j < 8, to c, where
// a(i, l) is at a[i*rsA + l*csA], b(l, j) at b[l*ldb + j] and c(i, j) at
// c[i*ldc + j]. The caller checks the bounds.
//
//go:noescape
func kernel4x8(k int, a *float64, rsA, csA int, b *float64, ldb int, c *float64, ldc int)

// cpuid and xgetbv expose the instructions of the same names.
func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
func xgetbv() (eax, edx uint32)

// hasAVX2FMA checks CPUID for AVX2 and FMA and XGETBV for the operating
// system's saving of the YMM registers.
func hasAVX2FMA() bool {
	maxID, _, _, _ := cpuid(0, 0)
	if maxID < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const fma, osxsave, avx = 1 << 12, 1 << 27, 1 << 28
	if ecx1&fma == 0 || ecx1&osxsave == 0 || ecx1&avx == 0 {
		return false
	}
	if xcr0, _ := xgetbv(); xcr0&6 != 6 { // XMM and YMM state enabled
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	const avx2 = 1 << 5
	return ebx7&avx2 != 0
}
