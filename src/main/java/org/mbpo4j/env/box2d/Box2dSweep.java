/*******************************************************************************
 * Copyright (c) 2013, Daniel Murphy
 * All rights reserved.
 * 
 * Redistribution and use in source and binary forms, with or without modification,
 * are permitted provided that the following conditions are met:
 * 	* Redistributions of source code must retain the above copyright notice,
 * 	  this list of conditions and the following disclaimer.
 * 	* Redistributions in binary form must reproduce the above copyright notice,
 * 	  this list of conditions and the following disclaimer in the documentation
 * 	  and/or other materials provided with the distribution.
 * 
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED.
 * IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT,
 * INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT
 * NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR
 * PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY,
 * WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE)
 * ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE
 * POSSIBILITY OF SUCH DAMAGE.
 ******************************************************************************/
package org.mbpo4j.env.box2d;

import java.io.Serializable;
import org.jbox2d.common.MathUtils;
import org.jbox2d.common.Rot;
import org.jbox2d.common.Transform;
import org.jbox2d.common.Vec2;

/**
 * jbox2d 2.2.1.1's {@code org.jbox2d.common.Sweep} (copied from jbox2d, BSD licence above) with
 * Box2D 2.3.0's {@code b2Sweep::Advance} and a {@code set} that copies {@code alpha0}: the
 * class that {@link Box2d23Patches} defines as {@code org.jbox2d.common.Sweep} before jbox2d
 * loads its own. Not used under this name; it is public because jbox2d's classes in other
 * packages use it once it is renamed. Everything else (fields, {@code normalize},
 * {@code getTransform}) is jbox2d's, statement for statement.
 *
 * <p>The description of a body's motion over one time step, for continuous collision: the
 * centre of mass and angle at the step's start ({@code c0, a0}, valid at time {@code alpha0},
 * a fraction of the step) and at its end ({@code c, a}).
 */
public class Box2dSweep implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Local center of mass position. */
    public final Vec2 localCenter;
    /** Center world positions. */
    public final Vec2 c0;
    /** Center world positions. */
    public final Vec2 c;
    /** World angles. */
    public float a0;
    /** World angles. */
    public float a;
    /** Fraction of the current time step in the range [0,1]; c0 and a0 are the positions at alpha0. */
    public float alpha0;

    /** An empty sweep. */
    public Box2dSweep() {
        localCenter = new Vec2();
        c0 = new Vec2();
        c = new Vec2();
    }

    @Override
    public String toString() {
        String s = "Sweep:\nlocalCenter: " + localCenter + "\n";
        s += "c0: " + c0 + ", c: " + c + "\n";
        s += "a0: " + a0 + ", a: " + a + "\n";
        s += "alpha0: " + alpha0;
        return s;
    }

    /** Shifts both angles by a whole number of turns so that a0 is in [0, 2 pi). */
    public final void normalize() {
        float d = MathUtils.TWOPI * MathUtils.floor(a0 / MathUtils.TWOPI);
        a0 -= d;
        a -= d;
    }

    /** Copies {@code other}, {@code alpha0} included (jbox2d 2.2.1.1 left it out). */
    public final Box2dSweep set(Box2dSweep other) {
        localCenter.set(other.localCenter);
        c0.set(other.c0);
        c.set(other.c);
        a0 = other.a0;
        a = other.a;
        alpha0 = other.alpha0;
        return this;
    }

    /**
     * The interpolated transform at time {@code beta} of the sweep's interval.
     *
     * @param xf   the result is placed here; must not be null
     * @param beta the normalized time in [0,1]
     */
    public final void getTransform(final Transform xf, final float beta) {
        xf.p.x = (1.0f - beta) * c0.x + beta * c.x;
        xf.p.y = (1.0f - beta) * c0.y + beta * c.y;
        xf.q.set((1.0f - beta) * a0 + beta * a);

        // Shift to origin
        final Rot q = xf.q;
        xf.p.x -= q.c * localCenter.x - q.s * localCenter.y;
        xf.p.y -= q.s * localCenter.x + q.c * localCenter.y;
    }

    /**
     * Advances the sweep forward, yielding a new initial state (Box2D 2.3's
     * {@code b2Sweep::Advance}: the start moves by {@code (alpha - alpha0) / (1 - alpha0)} of the
     * rest of the sweep, and {@code alpha0} becomes {@code alpha}).
     *
     * @param alpha the new initial time
     */
    public final void advance(final float alpha) {
        float beta = (alpha - alpha0) / (1.0f - alpha0);
        c0.x += beta * (c.x - c0.x);
        c0.y += beta * (c.y - c0.y);
        a0 += beta * (a - a0);
        alpha0 = alpha;
    }
}
