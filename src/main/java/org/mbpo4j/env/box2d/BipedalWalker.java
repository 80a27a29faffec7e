package org.mbpo4j.env.box2d;

import static org.mbpo4j.env.box2d.WalkerConstants.FPS;
import static org.mbpo4j.env.box2d.WalkerConstants.FRICTION;
import static org.mbpo4j.env.box2d.WalkerConstants.HULL_POLY;
import static org.mbpo4j.env.box2d.WalkerConstants.INITIAL_RANDOM;
import static org.mbpo4j.env.box2d.WalkerConstants.INIT_X;
import static org.mbpo4j.env.box2d.WalkerConstants.INIT_Y;
import static org.mbpo4j.env.box2d.WalkerConstants.LEG_DOWN;
import static org.mbpo4j.env.box2d.WalkerConstants.LEG_H;
import static org.mbpo4j.env.box2d.WalkerConstants.LEG_W;
import static org.mbpo4j.env.box2d.WalkerConstants.LIDAR_RANGE;
import static org.mbpo4j.env.box2d.WalkerConstants.MOTORS_TORQUE;
import static org.mbpo4j.env.box2d.WalkerConstants.SCALE;
import static org.mbpo4j.env.box2d.WalkerConstants.SPEED_HIP;
import static org.mbpo4j.env.box2d.WalkerConstants.SPEED_KNEE;
import static org.mbpo4j.env.box2d.WalkerConstants.TERRAIN_LENGTH;
import static org.mbpo4j.env.box2d.WalkerConstants.VIEWPORT_H;
import static org.mbpo4j.env.box2d.WalkerConstants.VIEWPORT_W;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import org.jbox2d.collision.shapes.EdgeShape;
import org.jbox2d.collision.shapes.PolygonShape;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.BodyDef;
import org.jbox2d.dynamics.BodyType;
import org.jbox2d.dynamics.FixtureDef;
import org.jbox2d.dynamics.World;
import org.jbox2d.dynamics.joints.RevoluteJoint;
import org.jbox2d.dynamics.joints.RevoluteJointDef;
import org.mbpo4j.env.AbstractEnv;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Renderable;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.random.Rng;

/**
 * Gymnasium's {@code BipedalWalker-v3} (and {@code BipedalWalkerHardcore-v3}) on jbox2d: a
 * four-joint walker crossing 200 terrain steps.
 *
 * <p>Action: 4 motor commands in [-1, 1] (hip, knee of leg 0, hip, knee of leg 1); each joint
 * gets motor speed {@code SPEED * sign(a)} and torque limit {@code 80 * clip(|a|, 0, 1)}.
 * Observation (24, float32): hull angle, {@code 2 omega / FPS}, scaled hull vx and vy, per leg the
 * hip angle, hip speed / 4, knee angle + 1, knee speed / 6 and lower-leg ground contact, then 10
 * lidar fractions. Reward: the change of {@code 130 x / SCALE - 5 |angle|} minus the torque cost;
 * a fall (hull contact or x &lt; 0) gives -100 and terminates; passing the end terminates with the
 * reward kept (see {@link WalkerRewardRule}). Each step's info holds {@code final_x} (hull x in
 * metres, a Double) and {@code reached_end} (a Boolean).
 *
 * <p>Each reset builds a fresh jbox2d world, so one seed means one episode (Gymnasium reuses its
 * world, making its episodes depend on the ones before). Random numbers come from one
 * {@link Uniforms} per reset, drawn in Gymnasium's order: terrain, clouds, then the hull's
 * initial push {@code U(-5, 5)}. Reset returns the observation after one step with action 0.
 *
 * <p>What a model rollout can know: the torque cost and the angle term of the reward come from
 * the action and the observation, but the progress term needs the hull's x (only its velocity is
 * observed) and termination needs the hull's ground contact and x; so this env registers no
 * {@link org.mbpo4j.env.TaskRules}. Not a {@link org.mbpo4j.env.StatefulEnv}: its state is a
 * whole physics world.
 */
public final class BipedalWalker extends AbstractEnv<float[]> implements Renderable {
    /** The normal task's id. */
    public static final String ID = "BipedalWalker-v3";
    /** The hardcore task's id. */
    public static final String HARDCORE_ID = "BipedalWalkerHardcore-v3";

    private static final Box OBS_SPACE = buildObservationSpace();
    private static final Box ACTION_SPACE = Box.uniform(4, -1f, 1f);

    private final boolean hardcore;
    private final Function<Rng, Uniforms> uniformsSource;

    // the current episode's world
    World world;
    WalkerTerrain terrain;
    Body hull;
    /** Gymnasium's legs list: upper(-1), lower(-1), upper(+1), lower(+1). */
    final Body[] legs = new Body[4];
    /** Gymnasium's joints list: hip(-1), knee(-1), hip(+1), knee(+1). */
    final RevoluteJoint[] joints = new RevoluteJoint[4];
    final WalkerLidar[] lidar = new WalkerLidar[10];
    private WalkerContacts contacts;
    private double prevShaping;
    double scroll;
    private WalkerRenderer renderer;

    /** The normal walker with seeded random numbers. */
    public BipedalWalker() {
        this(false);
    }

    /** The normal ({@code hardcore} false) or hardcore walker with seeded random numbers. */
    public BipedalWalker(boolean hardcore) {
        this(hardcore, rng -> Uniforms.seeded(rng.nextLong()));
    }

    /**
     * A walker whose reset draws come from {@code uniformsSource}, called once per reset with the
     * env's random stream (tests inject recorded draws here).
     */
    public BipedalWalker(boolean hardcore, Function<Rng, Uniforms> uniformsSource) {
        this.hardcore = hardcore;
        this.uniformsSource = uniformsSource;
        for (int i = 0; i < lidar.length; i++) {
            lidar[i] = new WalkerLidar();
        }
    }

    @Override
    public String id() {
        return hardcore ? HARDCORE_ID : ID;
    }

    @Override
    public Box observationSpace() {
        return OBS_SPACE;
    }

    @Override
    public Box actionSpace() {
        return ACTION_SPACE;
    }

    /** Gymnasium's observation bounds. */
    private static Box buildObservationSpace() {
        float pi = (float) Math.PI;
        float[] high = new float[24];
        float[] head = {pi, 5, 5, 5, pi, 5, pi, 5, 5, pi, 5, pi, 5, 5};
        System.arraycopy(head, 0, high, 0, head.length);
        Arrays.fill(high, 14, 24, 1f);
        float[] low = new float[24];
        for (int i = 0; i < 24; i++) {
            low[i] = -high[i];
        }
        low[8] = -0f;
        low[13] = -0f;
        return new Box(low, high);
    }

    @Override
    protected float[] doReset(Rng rng) {
        Box2dSettings.ensureExact();
        Uniforms u = uniformsSource.apply(rng);
        terrain = WalkerTerrain.generate(u, hardcore);
        buildWorld();
        hull.applyForceToCenter(new Vec2((float) u.uniform(-INITIAL_RANDOM, INITIAL_RANDOM), 0f));
        prevShaping = Double.NaN;
        scroll = 0;
        return advance(new float[4]).obs();
    }

    private void buildWorld() {
        world = Box2dWorldPool.newWorld(0f, -10f);
        for (double[][] poly : terrain.obstacles) {
            FixtureDef fd = new FixtureDef();
            fd.shape = polygon(poly, 1.0);
            fd.friction = FRICTION;
            world.createBody(new BodyDef()).createFixture(fd);
        }
        for (int i = 0; i < TERRAIN_LENGTH - 1; i++) {
            EdgeShape edge = new EdgeShape();
            edge.set(new Vec2((float) terrain.xs[i], (float) terrain.ys[i]),
                    new Vec2((float) terrain.xs[i + 1], (float) terrain.ys[i + 1]));
            FixtureDef fd = new FixtureDef();
            fd.shape = edge;
            fd.friction = FRICTION;
            fd.filter.categoryBits = 0x0001;
            world.createBody(new BodyDef()).createFixture(fd);
        }
        FixtureDef hullFd = new FixtureDef();
        hullFd.shape = polygon(HULL_POLY, SCALE);
        hullFd.density = 5f;
        hullFd.friction = 0.1f;
        hullFd.restitution = 0f;
        hullFd.filter.categoryBits = 0x0020;
        hullFd.filter.maskBits = 0x001;
        hull = dynamicBody(INIT_X, INIT_Y, 0, hullFd);
        hull.setMassData(PolygonMass.of(HULL_POLY, SCALE, 5.0)); // jbox2d's own inertia is 3.7% off
        for (int k = 0; k < 2; k++) {
            int i = k == 0 ? -1 : 1;
            Body upper = dynamicBody(INIT_X, INIT_Y - LEG_H / 2 - LEG_DOWN, i * 0.05, legFixture(LEG_W / 2));
            joints[2 * k] = revolute(hull, upper, LEG_DOWN, LEG_H / 2, i, -0.8, 1.1);
            Body lower = dynamicBody(INIT_X, INIT_Y - LEG_H * 3 / 2 - LEG_DOWN, i * 0.05,
                    legFixture(0.8 * LEG_W / 2));
            joints[2 * k + 1] = revolute(upper, lower, -LEG_H / 2, LEG_H / 2, 1, -1.6, -0.1);
            legs[2 * k] = upper;
            legs[2 * k + 1] = lower;
        }
        contacts = new WalkerContacts(hull, legs[1], legs[3]);
        world.setContactListener(contacts);
    }

    private static PolygonShape polygon(double[][] points, double scale) {
        Vec2[] v = new Vec2[points.length];
        for (int i = 0; i < points.length; i++) {
            v[i] = new Vec2((float) (points[i][0] / scale), (float) (points[i][1] / scale));
        }
        PolygonShape s = new PolygonShape();
        s.set(v, v.length);
        return s;
    }

    private static FixtureDef legFixture(double halfWidth) {
        PolygonShape box = new PolygonShape();
        box.setAsBox((float) halfWidth, (float) (LEG_H / 2));
        FixtureDef fd = new FixtureDef();
        fd.shape = box;
        fd.density = 1f;
        fd.restitution = 0f;
        fd.filter.categoryBits = 0x0020;
        fd.filter.maskBits = 0x001;
        return fd;
    }

    private Body dynamicBody(double x, double y, double angle, FixtureDef fd) {
        BodyDef bd = new BodyDef();
        bd.type = BodyType.DYNAMIC;
        bd.position.set((float) x, (float) y);
        bd.angle = (float) angle;
        Body b = world.createBody(bd);
        b.createFixture(fd);
        return b;
    }

    private RevoluteJoint revolute(Body a, Body b, double anchorAy, double anchorBy, double speed,
                                   double lower, double upper) {
        RevoluteJointDef d = new RevoluteJointDef();
        d.bodyA = a;
        d.bodyB = b;
        d.localAnchorA.set(0f, (float) anchorAy);
        d.localAnchorB.set(0f, (float) anchorBy);
        // pybox2d's revoluteJointDef(bodyA=..., bodyB=...) sets the reference angle to the bodies'
        // angle difference when none is given (Box2D_joints.i): +-0.05 at the hips, 0 at the knees.
        d.referenceAngle = b.getAngle() - a.getAngle();
        d.enableMotor = true;
        d.enableLimit = true;
        d.maxMotorTorque = (float) MOTORS_TORQUE;
        d.motorSpeed = (float) speed;
        d.lowerAngle = (float) lower;
        d.upperAngle = (float) upper;
        return (RevoluteJoint) world.createJoint(d);
    }

    @Override
    protected StepResult doStep(float[] action) {
        return advance(action);
    }

    /** Gymnasium's {@code step}: motors, one world step, lidar, observation, reward. */
    private StepResult advance(float[] action) {
        for (int j = 0; j < 4; j++) {
            double speed = (j % 2 == 0) ? SPEED_HIP : SPEED_KNEE;
            joints[j].setMotorSpeed((float) (speed * Math.signum((double) action[j])));
            joints[j].setMaxMotorTorque((float) (MOTORS_TORQUE * Math.min(Math.abs((double) action[j]), 1.0)));
        }
        world.step(1f / FPS, 6 * 30, 2 * 30);
        Vec2 pos = hull.getPosition();
        Vec2 vel = hull.getLinearVelocity();
        double px = pos.x;
        double py = pos.y;
        for (int i = 0; i < 10; i++) {
            WalkerLidar l = lidar[i];
            l.fraction = 1f;
            l.p1.set(pos);
            l.p2.set((float) (px + Math.sin(1.5 * i / 10.0) * LIDAR_RANGE),
                    (float) (py - Math.cos(1.5 * i / 10.0) * LIDAR_RANGE));
            world.raycast(l, l.p1, new Vec2(l.p2));
        }
        float[] obs = new float[24];
        double angle = hull.getAngle();
        obs[0] = (float) angle;
        obs[1] = (float) (2.0 * hull.getAngularVelocity() / FPS);
        obs[2] = (float) (0.3 * vel.x * (VIEWPORT_W / SCALE) / FPS);
        obs[3] = (float) (0.3 * vel.y * (VIEWPORT_H / SCALE) / FPS);
        for (int k = 0; k < 2; k++) {
            int o = 4 + 5 * k;
            obs[o] = joints[2 * k].getJointAngle();
            obs[o + 1] = (float) (joints[2 * k].getJointSpeed() / SPEED_HIP);
            obs[o + 2] = (float) (joints[2 * k + 1].getJointAngle() + 1.0);
            obs[o + 3] = (float) (joints[2 * k + 1].getJointSpeed() / SPEED_KNEE);
            obs[o + 4] = contacts.groundContact(k) ? 1f : 0f;
        }
        for (int i = 0; i < 10; i++) {
            obs[14 + i] = lidar[i].fraction;
        }
        scroll = px - VIEWPORT_W / SCALE / 5;
        double shaping = WalkerRewardRule.shaping(px, angle);
        boolean gameOver = contacts.gameOver();
        double reward = WalkerRewardRule.reward(prevShaping, shaping, action, gameOver, px);
        prevShaping = shaping;
        boolean terminated = WalkerRewardRule.terminated(gameOver, px);
        return new StepResult(obs, reward, terminated, false,
                Map.of("final_x", px, "reached_end", WalkerRewardRule.reachedEnd(px)));
    }

    /** The hull's x position in metres (NaN before the first reset). */
    public double hullX() {
        return hull == null ? Double.NaN : hull.getPosition().x;
    }

    @Override
    public BufferedImage render() {
        if (world == null) {
            throw new IllegalStateException(id() + ": render() called before reset(); call reset() first");
        }
        if (renderer == null) {
            renderer = new WalkerRenderer();
        }
        return renderer.draw(this);
    }
}
