#include "textflag.h"

// func dot4F16FMA(q *float32, a, b, c, d *uint16, n int) (float32, float32, float32, float32)
// Four rows against one query: each query block is loaded once.
TEXT ·dot4F16FMA(SB), NOSPLIT|NOFRAME, $0-64
	MOVQ q+0(FP), SI
	MOVQ a+8(FP), R8
	MOVQ b+16(FP), R9
	MOVQ c+24(FP), R10
	MOVQ d+32(FP), R11
	MOVQ n+40(FP), CX
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
loop:
	CMPQ CX, $8
	JLT done4
	VMOVUPS (SI), Y8
	VCVTPH2PS (R8), Y4
	VCVTPH2PS (R9), Y5
	VCVTPH2PS (R10), Y6
	VCVTPH2PS (R11), Y7
	VFMADD231PS Y8, Y4, Y0
	VFMADD231PS Y8, Y5, Y1
	VFMADD231PS Y8, Y6, Y2
	VFMADD231PS Y8, Y7, Y3
	ADDQ $32, SI
	ADDQ $16, R8
	ADDQ $16, R9
	ADDQ $16, R10
	ADDQ $16, R11
	SUBQ $8, CX
	JMP loop
done4:
	VEXTRACTF128 $1, Y0, X4
	VADDPS X4, X0, X0
	VHADDPS X0, X0, X0
	VHADDPS X0, X0, X0
	VEXTRACTF128 $1, Y1, X4
	VADDPS X4, X1, X1
	VHADDPS X1, X1, X1
	VHADDPS X1, X1, X1
	VEXTRACTF128 $1, Y2, X4
	VADDPS X4, X2, X2
	VHADDPS X2, X2, X2
	VHADDPS X2, X2, X2
	VEXTRACTF128 $1, Y3, X4
	VADDPS X4, X3, X3
	VHADDPS X3, X3, X3
	VHADDPS X3, X3, X3
	VZEROUPPER
	MOVSS X0, ret+48(FP)
	MOVSS X1, ret1+52(FP)
	MOVSS X2, ret2+56(FP)
	MOVSS X3, ret3+60(FP)
	RET

// func encodeF16C(dst *uint16, src *float32, n int)
// n float32 to float16, rounded to nearest even; n is a positive multiple of 8.
TEXT ·encodeF16C(SB), NOSPLIT|NOFRAME, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
enc:
	VMOVUPS (SI), Y0
	VCVTPS2PH $0, Y0, X1
	VMOVDQU X1, (DI)
	ADDQ $32, SI
	ADDQ $16, DI
	SUBQ $8, CX
	JNZ enc
	VZEROUPPER
	RET
