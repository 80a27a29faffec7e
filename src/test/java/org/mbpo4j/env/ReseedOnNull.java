package org.mbpo4j.env;

/** Test-only wrapper with a classic bug: reset(null) re-seeds with a fixed seed. */
final class ReseedOnNull<A> extends Wrapper<A, A> {
    private final long fixedSeed;

    ReseedOnNull(Env<A> env, long fixedSeed) {
        super(env);
        this.fixedSeed = fixedSeed;
    }

    @Override
    public Space<A> actionSpace() {
        return env.actionSpace();
    }

    @Override
    public ResetResult reset(Long seed) {
        return env.reset(seed == null ? fixedSeed : seed);
    }

    @Override
    protected StepResult doStep(A action) {
        return env.step(action);
    }
}
