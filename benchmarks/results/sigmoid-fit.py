# The fit behind org.mbpo4j.nn.FastMath's sigmoid (2026-11-22). Needs numpy.
#   python3 sigmoid-fit.py 9 4 4     # clamp C, degree of P and of Q in u^2
# Prints the fit's relative error, the float32 sigmoid's and SiLU's errors, and the coefficients
# (p[0] and q[0] are 1). FastMath then clamps at 7.99, where the rational, evaluated in float,
# still never exceeds 1 (checked in Java: FastMathTest).
import numpy as np, sys
# tanh(u) ~ u * P(u^2) / Q(u^2) on [0, C], Q(0) = 1; minimax relative error by Lawson-reweighted linearised LS
C = float(sys.argv[1]); dp = int(sys.argv[2]); dq = int(sys.argv[3])
u = np.concatenate([np.linspace(1e-4, C, 20000)])
t = np.tanh(u); s = u*u
w = np.ones_like(u)
best=None
for it in range(60):
    # unknowns p0..p_dp, q1..q_dq : u*P(s) - t*(Q(s)-1) = t  (relative weighting by 1/t)
    A = np.column_stack([u*s**k for k in range(dp+1)] + [-t*s**k for k in range(1,dq+1)])
    sw = np.sqrt(w)/t
    x, *_ = np.linalg.lstsq(A*sw[:,None], t*sw, rcond=None)
    p = x[:dp+1]; q = np.concatenate([[1.0], x[dp+1:]])
    approx = u*np.polyval(p[::-1], s)/np.polyval(q[::-1], s)
    err = np.abs(approx-t)/t
    if best is None or err.max() < best[0]: best=(err.max(), p.copy(), q.copy())
    w = w*err; w /= w.sum()
e,p,q = best
# evaluate in float32 arithmetic, sigmoid form: sig = 0.5 + 0.5*tanh(x/2)
p32 = p.astype(np.float32); q32 = q.astype(np.float32)
x = np.linspace(-40, 40, 2000001).astype(np.float32)
h = np.float32(0.5)*x
uu = np.minimum(np.maximum(h, np.float32(-C)), np.float32(C)).astype(np.float32)
ss = (uu*uu).astype(np.float32)
P = np.full_like(ss, p32[-1])
for c in p32[-2::-1]: P = (P*ss + c).astype(np.float32)
Q = np.full_like(ss, q32[-1])
for c in q32[-2::-1]: Q = (Q*ss + c).astype(np.float32)
th = (uu*P/Q).astype(np.float32)
sig = (np.float32(0.5) + np.float32(0.5)*th).astype(np.float32)
true = 1/(1+np.exp(-x.astype(np.float64)))
silu32 = (x*sig).astype(np.float32); silu = x*true
print(f"C={C} dp={dp} dq={dq} fit rel err {e:.2e}; float32 sigmoid abs err {np.abs(sig-true).max():.2e}, silu abs err {np.abs(silu32-silu).max():.2e}, silu rel err (|x|<8) {np.max(np.abs(silu32-silu)[np.abs(x)<8]/np.maximum(np.abs(silu)[np.abs(x)<8],1e-30)):.2e}")
print("p =", [float(v) for v in p32]); print("q =", [float(v) for v in q32])
