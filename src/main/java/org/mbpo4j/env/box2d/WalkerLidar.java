package org.mbpo4j.env.box2d;

import org.jbox2d.callbacks.RayCastCallback;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Fixture;

/**
 * One lidar ray (Gymnasium's {@code LidarCallback}): sees only fixtures of category bit 1 (the
 * ground; the walker's own bodies are category 0x20), and clips the ray at each hit so the last
 * report is the closest. {@link #fraction} is 1 when nothing is hit; {@link #p2} ends at the hit.
 */
final class WalkerLidar implements RayCastCallback {
    float fraction = 1f;
    final Vec2 p1 = new Vec2();
    final Vec2 p2 = new Vec2();

    @Override
    public float reportFixture(Fixture fixture, Vec2 point, Vec2 normal, float fraction) {
        if ((fixture.getFilterData().categoryBits & 1) == 0) {
            return -1;
        }
        p2.set(point);
        this.fraction = fraction;
        return fraction;
    }
}
