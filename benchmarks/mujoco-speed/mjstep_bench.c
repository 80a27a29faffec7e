/*
 * The bare C cost of an env step: frame_skip calls of mj_step, on the same trajectory the Java
 * env ran (EnvStepBench writes it: the state after each reset and every action), with the
 * same model adjustment (doubled contact margins on MuJoCo < 3.5).
 *
 * Build against the headers of the library it runs with, e.g.
 *   gcc -O2 -I/usr/include mjstep_bench.c -o mjstep_bench222 -l:libmujoco.so.2.2.2
 *   gcc -O2 -I$WHEEL/mujoco/include mjstep_bench.c -o mjstep_bench314 $WHEEL/mujoco/libmujoco.so.3.14.0 -Wl,-rpath,$WHEEL/mujoco
 * Usage: mjstep_bench MODEL.xml FRAME_SKIP TRAJECTORY DOUBLE_MARGINS(0|1)
 * Prints: env_steps N resets R us_per_env_step X (thread CPU time of the stepping between resets:
 * the clock is read once at the start and end of each stretch of steps, as the Java side reads it
 * around its chunk, so neither pays the clock per step)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <mujoco/mujoco.h>

static double now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

int main(int argc, char** argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s MODEL.xml FRAME_SKIP TRAJECTORY DOUBLE_MARGINS\n", argv[0]);
    return 2;
  }
  char err[1000] = "";
  mjModel* m = mj_loadXML(argv[1], NULL, err, sizeof(err));
  if (!m) {
    fprintf(stderr, "cannot load %s: %s\n", argv[1], err);
    return 1;
  }
  int frame_skip = atoi(argv[2]);
  if (atoi(argv[4])) {
    for (int g = 0; g < m->ngeom; g++) m->geom_margin[g] *= 2;
  }
  mjData* d = mj_makeData(m);
  FILE* f = fopen(argv[3], "rb");
  if (!f) {
    fprintf(stderr, "cannot open %s\n", argv[3]);
    return 1;
  }
  /* the whole trajectory in memory first, so that reading it costs nothing while timing */
  fseek(f, 0, SEEK_END);
  long count = ftell(f) / (long) sizeof(double);
  fseek(f, 0, SEEK_SET);
  double* traj = malloc(sizeof(double) * (count + 1));
  if (fread(traj, sizeof(double), count, f) != (size_t) count) {
    fprintf(stderr, "cannot read %s\n", argv[3]);
    return 1;
  }
  fclose(f);
  int nq = m->nq, nv = m->nv, nu = m->nu;
  double* qpos = malloc(sizeof(double) * nq);
  long steps = 0, resets = 0;
  double spent = 0;
  double t0 = -1;
  for (long i = 0; i < count;) {
    if (traj[i] == 0) {
      if (t0 >= 0) spent += now_us() - t0;
      const double* st = traj + i + 1;
      mj_resetData(m, d);
      memcpy(d->qpos, st, sizeof(double) * nq);
      memcpy(d->qvel, st + nq, sizeof(double) * nv);
      memcpy(qpos, st, sizeof(double) * nq);
      mj_forward(m, d);
      memcpy(d->qpos, qpos, sizeof(double) * nq);   /* as the Java env: qpos and warm start kept */
      memset(d->qacc_warmstart, 0, sizeof(double) * nv);
      resets++;
      i += 1 + nq + nv;
      t0 = now_us();
    } else {
      memcpy(d->ctrl, traj + i + 1, sizeof(double) * nu);
      for (int k = 0; k < frame_skip; k++) mj_step(m, d);
      steps++;
      i += 1 + nu;
    }
  }
  if (t0 >= 0) spent += now_us() - t0;
  printf("env_steps %ld resets %ld us_per_env_step %.4f\n", steps, resets, spent / steps);
  return 0;
}
