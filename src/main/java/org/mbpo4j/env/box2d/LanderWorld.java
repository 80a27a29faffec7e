package org.mbpo4j.env.box2d;

import org.jbox2d.callbacks.ContactImpulse;
import org.jbox2d.callbacks.ContactListener;
import org.jbox2d.collision.Manifold;
import org.jbox2d.collision.shapes.EdgeShape;
import org.jbox2d.collision.shapes.PolygonShape;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.BodyDef;
import org.jbox2d.dynamics.BodyType;
import org.jbox2d.dynamics.FixtureDef;
import org.jbox2d.dynamics.World;
import org.jbox2d.dynamics.contacts.Contact;
import org.jbox2d.dynamics.joints.RevoluteJointDef;

/**
 * One LunarLander physics world on jbox2d, built as Gymnasium's {@code reset} builds it: the
 * moon (a ground edge plus 10 terrain edges), the lander polygon with the initial force on its
 * centre, two legs on motorised, limited revolute joints, and the contact listener that sets
 * {@link #gameOver()} when anything touches the lander body and tracks each leg's ground contact.
 *
 * <p>Box2D works in float32; the engine offsets are computed in double (as Gymnasium's Python
 * does) and rounded where they enter Box2D. A new instance is built at every reset.
 */
final class LanderWorld {
    static final double SCALE = 30.0;
    static final int FPS = 50;
    static final double MAIN_ENGINE_POWER = 13.0;
    static final double SIDE_ENGINE_POWER = 0.6;
    static final double LEG_AWAY = 20;
    static final double LEG_DOWN = 18;
    static final double LEG_W = 2;
    static final double LEG_H = 8;
    static final double LEG_SPRING_TORQUE = 40;
    static final double SIDE_ENGINE_HEIGHT = 14;
    static final double SIDE_ENGINE_AWAY = 12;
    static final double MAIN_ENGINE_Y_LOCATION = 4;
    /** The lander polygon in pixels (divided by {@link #SCALE} in the world). */
    static final double[][] LANDER_POLY = {{-14, 17}, {-17, 0}, {-17, -10}, {17, -10}, {17, 0}, {14, 17}};
    static final int VELOCITY_ITERATIONS = 6 * 30;
    static final int POSITION_ITERATIONS = 2 * 30;

    private final World world;
    private final LanderTerrain terrain;
    private final Body moon;
    private final Body lander;
    private final Body[] legs = new Body[2];
    private final boolean[] legContact = new boolean[2];
    private boolean gameOver;

    /**
     * Builds the world on {@code terrain} and applies {@code (forceX, forceY)} (each drawn from
     * U(-1000, 1000)) to the lander's centre.
     */
    LanderWorld(LanderTerrain terrain, double forceX, double forceY) {
        Box2dSettings.ensureExact();
        this.terrain = terrain;
        world = Box2dWorldPool.newWorld(0f, -10f);
        world.setContactListener(new Contacts());
        moon = buildMoon();
        lander = buildLander();
        lander.applyForceToCenter(new Vec2((float) forceX, (float) forceY));
        for (int k = 0; k < 2; k++) {
            legs[k] = buildLeg(k == 0 ? -1 : +1);
        }
    }

    private Body buildMoon() {
        BodyDef bd = new BodyDef();
        bd.type = BodyType.STATIC;
        Body body = world.createBody(bd);
        EdgeShape bottom = new EdgeShape();
        bottom.set(new Vec2(0f, 0f), new Vec2((float) LanderTerrain.W, 0f));
        FixtureDef fd0 = new FixtureDef();
        fd0.shape = bottom;
        body.createFixture(fd0);
        for (int i = 0; i < LanderTerrain.CHUNKS - 1; i++) {
            EdgeShape e = new EdgeShape();
            e.set(new Vec2((float) terrain.chunkX(i), (float) terrain.smoothY(i)),
                    new Vec2((float) terrain.chunkX(i + 1), (float) terrain.smoothY(i + 1)));
            FixtureDef fd = new FixtureDef();
            fd.shape = e;
            fd.density = 0f;
            fd.friction = 0.1f;
            body.createFixture(fd);
        }
        return body;
    }

    private Body buildLander() {
        BodyDef bd = new BodyDef();
        bd.type = BodyType.DYNAMIC;
        bd.position.set((float) (LanderTerrain.W / 2), (float) LanderTerrain.H);
        bd.angle = 0f;
        Body body = world.createBody(bd);
        Vec2[] v = new Vec2[LANDER_POLY.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = new Vec2((float) (LANDER_POLY[i][0] / SCALE), (float) (LANDER_POLY[i][1] / SCALE));
        }
        PolygonShape shape = new PolygonShape();
        shape.set(v, v.length);
        FixtureDef fd = new FixtureDef();
        fd.shape = shape;
        fd.density = 5f;
        fd.friction = 0.1f;
        fd.restitution = 0f;
        fd.filter.categoryBits = 0x0010;
        fd.filter.maskBits = 0x001;
        body.createFixture(fd);
        body.setMassData(PolygonMass.of(LANDER_POLY, SCALE, 5.0));
        return body;
    }

    /** Leg {@code i} = -1 (Gymnasium's legs[0]) or +1 (legs[1]) and its joint to the lander. */
    private Body buildLeg(int i) {
        BodyDef bd = new BodyDef();
        bd.type = BodyType.DYNAMIC;
        bd.position.set((float) (LanderTerrain.W / 2 - i * LEG_AWAY / SCALE), (float) LanderTerrain.H);
        bd.angle = (float) (i * 0.05);
        Body leg = world.createBody(bd);
        PolygonShape box = new PolygonShape();
        box.setAsBox((float) (LEG_W / SCALE), (float) (LEG_H / SCALE));
        FixtureDef fd = new FixtureDef();
        fd.shape = box;
        fd.density = 1f;
        fd.restitution = 0f;
        fd.filter.categoryBits = 0x0020;
        fd.filter.maskBits = 0x001;
        leg.createFixture(fd);
        RevoluteJointDef rjd = new RevoluteJointDef();
        rjd.bodyA = lander;
        rjd.bodyB = leg;
        rjd.localAnchorA.set(0f, 0f);
        rjd.localAnchorB.set((float) (i * LEG_AWAY / SCALE), (float) (LEG_DOWN / SCALE));
        // pybox2d's joint definition, given both bodies, sets the reference angle to their angle
        // difference (0.05 i), not 0: the recorded legs stop at joint angle +-0.4 only when their
        // angle relative to the lander reaches +-0.35.
        rjd.referenceAngle = leg.getAngle() - lander.getAngle();
        rjd.enableMotor = true;
        rjd.enableLimit = true;
        rjd.maxMotorTorque = (float) LEG_SPRING_TORQUE;
        rjd.motorSpeed = (float) (0.3 * i);
        if (i == -1) {
            rjd.lowerAngle = (float) (0.9 - 0.5);
            rjd.upperAngle = 0.9f;
        } else {
            rjd.lowerAngle = -0.9f;
            rjd.upperAngle = (float) (-0.9 + 0.5);
        }
        world.createJoint(rjd);
        return leg;
    }

    /**
     * Fires the engines for one step (Gymnasium's impulse arithmetic, dispersion {@code d0, d1}
     * already divided by {@link #SCALE}) and steps the world by 1/50 s.
     *
     * @param mPower main engine power (0 = off, else 0.5..1)
     * @param sPower side engine power (0 = off, else 0.5..1)
     * @param direction side engine direction, -1 (left) or +1 (right); ignored when off
     */
    void step(double mPower, double sPower, double direction, double d0, double d1) {
        double angle = lander.getAngle();
        double tipX = StrictMath.sin(angle);
        double tipY = StrictMath.cos(angle);
        double sideX = -tipY;
        double sideY = tipX;
        if (mPower > 0) {
            double ox = tipX * (MAIN_ENGINE_Y_LOCATION / SCALE + 2 * d0) + sideX * d1;
            double oy = -tipY * (MAIN_ENGINE_Y_LOCATION / SCALE + 2 * d0) - sideY * d1;
            Vec2 p = lander.getPosition();
            double px = p.x + ox;
            double py = p.y + oy;
            lander.applyLinearImpulse(
                    new Vec2((float) (-ox * MAIN_ENGINE_POWER * mPower), (float) (-oy * MAIN_ENGINE_POWER * mPower)),
                    new Vec2((float) px, (float) py));
        }
        if (sPower > 0) {
            double ox = tipX * d0 + sideX * (3 * d1 + direction * SIDE_ENGINE_AWAY / SCALE);
            double oy = -tipY * d0 - sideY * (3 * d1 + direction * SIDE_ENGINE_AWAY / SCALE);
            Vec2 p = lander.getPosition();
            double px = p.x + ox - tipX * 17 / SCALE;
            double py = p.y + oy + tipY * SIDE_ENGINE_HEIGHT / SCALE;
            lander.applyLinearImpulse(
                    new Vec2((float) (-ox * SIDE_ENGINE_POWER * sPower), (float) (-oy * SIDE_ENGINE_POWER * sPower)),
                    new Vec2((float) px, (float) py));
        }
        world.step((float) (1.0 / FPS), VELOCITY_ITERATIONS, POSITION_ITERATIONS);
    }

    /** Gymnasium's state vector (double, before the float32 rounding of the observation). */
    double[] state() {
        Vec2 pos = lander.getPosition();
        Vec2 vel = lander.getLinearVelocity();
        double w = LanderTerrain.W;
        double h = LanderTerrain.H;
        return new double[] {
            (pos.x - w / 2) / (w / 2),
            (pos.y - (LanderTerrain.HELIPAD_Y + LEG_DOWN / SCALE)) / (h / 2),
            vel.x * (w / 2) / FPS,
            vel.y * (h / 2) / FPS,
            lander.getAngle(),
            20.0 * lander.getAngularVelocity() / FPS,
            legContact[0] ? 1.0 : 0.0,
            legContact[1] ? 1.0 : 0.0,
        };
    }

    /** Whether anything touched the lander body since the world was built. */
    boolean gameOver() {
        return gameOver;
    }

    /** Whether the lander body is awake (false once Box2D put it to sleep at rest). */
    boolean landerAwake() {
        return lander.isAwake();
    }

    LanderTerrain terrain() {
        return terrain;
    }

    Body lander() {
        return lander;
    }

    /** Leg 0 (left, Gymnasium's i = -1) or 1. */
    Body leg(int k) {
        return legs[k];
    }

    Body moon() {
        return moon;
    }

    /** Gymnasium's {@code ContactDetector}. */
    private final class Contacts implements ContactListener {
        @Override
        public void beginContact(Contact contact) {
            Body a = contact.getFixtureA().getBody();
            Body b = contact.getFixtureB().getBody();
            if (a == lander || b == lander) {
                gameOver = true;
            }
            for (int k = 0; k < 2; k++) {
                if (a == legs[k] || b == legs[k]) {
                    legContact[k] = true;
                }
            }
        }

        @Override
        public void endContact(Contact contact) {
            Body a = contact.getFixtureA().getBody();
            Body b = contact.getFixtureB().getBody();
            for (int k = 0; k < 2; k++) {
                if (a == legs[k] || b == legs[k]) {
                    legContact[k] = false;
                }
            }
        }

        @Override
        public void preSolve(Contact contact, Manifold oldManifold) {
        }

        @Override
        public void postSolve(Contact contact, ContactImpulse impulse) {
        }
    }
}
