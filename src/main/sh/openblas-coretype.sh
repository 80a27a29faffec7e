# Sourced by ./mbpo (bash). Picks OpenBLAS's AVX-512 kernels where the CPU has them.
#
# Why: the OpenBLAS that ND4J 1.0.0-M2.1 ships (0.3.19, 2021) does not know CPUs released after
# it, AMD Zen 4 and Zen 5 among them, and falls back to its AVX2 ("Haswell") kernels. On this
# project's 2-core Zen 5 machine that halves sgemm: a 1000x200x200 product runs at 98 GFLOP/s per
# core with the Haswell kernel and at 195 with the SkylakeX one. OPENBLAS_CORETYPE is read once,
# when OpenBLAS loads, so it has to be set before the JVM starts. A value already set is kept:
# some machines pin OpenBLAS (OPENBLAS_CORETYPE=Haswell) so that results match across hosts, and
# that is the user's call; `train` and `bench` then say once that the products run at half speed
# (org.mbpo4j.run.OpenBlasCore), and manifest.json records the value.
mbpo4j_openblas_coretype() {
  [ -n "${OPENBLAS_CORETYPE:-}" ] && return 0
  [ -r /proc/cpuinfo ] || return 0
  local flags
  flags="$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)"
  local f
  # SkylakeX's kernels use AVX-512 F, CD, BW, DQ and VL; all five must be there.
  for f in avx512f avx512cd avx512bw avx512dq avx512vl; do
    case " $flags " in
      *" $f "*) ;;
      *) return 0 ;;
    esac
  done
  export OPENBLAS_CORETYPE=SKYLAKEX
}
mbpo4j_openblas_coretype
