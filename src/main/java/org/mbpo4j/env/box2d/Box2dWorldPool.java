package org.mbpo4j.env.box2d;

import java.util.function.Function;
import org.jbox2d.collision.AABB;
import org.jbox2d.collision.Collision;
import org.jbox2d.collision.Distance;
import org.jbox2d.collision.TimeOfImpact;
import org.jbox2d.common.Mat22;
import org.jbox2d.common.Mat33;
import org.jbox2d.common.Rot;
import org.jbox2d.common.Settings;
import org.jbox2d.common.Vec2;
import org.jbox2d.common.Vec3;
import org.jbox2d.dynamics.Fixture;
import org.jbox2d.dynamics.World;
import org.jbox2d.dynamics.contacts.ChainAndCircleContact;
import org.jbox2d.dynamics.contacts.ChainAndPolygonContact;
import org.jbox2d.dynamics.contacts.CircleContact;
import org.jbox2d.dynamics.contacts.Contact;
import org.jbox2d.dynamics.contacts.EdgeAndCircleContact;
import org.jbox2d.dynamics.contacts.EdgeAndPolygonContact;
import org.jbox2d.dynamics.contacts.PolygonAndCircleContact;
import org.jbox2d.dynamics.contacts.PolygonContact;
import org.jbox2d.pooling.IDynamicStack;
import org.jbox2d.pooling.IWorldPool;
import org.jbox2d.pooling.normal.DefaultWorldPool;
import org.jbox2d.pooling.normal.MutableStack;

/**
 * jbox2d's object pool with one fix from Box2D 2.3: a contact starts <em>enabled</em>.
 *
 * <p>jbox2d 2.2.1.1's {@code Contact.init} clears every flag, where Box2D's {@code b2Contact}
 * constructor sets {@code e_enabledFlag} (jbox2d fixed it after 2.2.1.1, in 2014). The
 * continuous-collision pass ({@code World.solveTOI}) skips disabled contacts, so in jbox2d
 * 2.2.1.1 a contact created at the end of a step (a body that moved onto the ground during the
 * step) is ignored by time-of-impact handling, and the body ends the step deep in the ground:
 * the walker's lower legs sink 0.2 m into the terrain during its reset step, where pybox2d stops
 * them on the surface. The pool is jbox2d's extension point for the contacts a {@link World}
 * creates, so the fix is made here: every contact type is jbox2d's own class with {@code init}
 * setting the enabled flag afterwards. Everything else is delegated to jbox2d's
 * {@link DefaultWorldPool}.
 */
final class Box2dWorldPool implements IWorldPool {
    private final DefaultWorldPool delegate =
            new DefaultWorldPool(World.WORLD_POOL_SIZE, World.WORLD_POOL_CONTAINER_SIZE);
    private final IDynamicStack<Contact> polygon = stack(p -> new PolygonContact(p) {
        @Override
        public void init(Fixture fA, int indexA, Fixture fB, int indexB) {
            super.init(fA, indexA, fB, indexB);
            m_flags |= ENABLED_FLAG;
        }
    });
    private final IDynamicStack<Contact> circle = stack(p -> new CircleContact(p) {
        @Override
        public void init(Fixture fA, int indexA, Fixture fB, int indexB) {
            super.init(fA, indexA, fB, indexB);
            m_flags |= ENABLED_FLAG;
        }
    });
    private final IDynamicStack<Contact> polygonCircle = stack(p -> new PolygonAndCircleContact(p) {
        @Override
        public void init(Fixture fA, int indexA, Fixture fB, int indexB) {
            super.init(fA, indexA, fB, indexB);
            m_flags |= ENABLED_FLAG;
        }
    });
    private final IDynamicStack<Contact> edgeCircle = stack(p -> new EdgeAndCircleContact(p) {
        @Override
        public void init(Fixture fA, int indexA, Fixture fB, int indexB) {
            super.init(fA, indexA, fB, indexB);
            m_flags |= ENABLED_FLAG;
        }
    });
    private final IDynamicStack<Contact> edgePolygon = stack(p -> new EdgeAndPolygonContact(p) {
        @Override
        public void init(Fixture fA, int indexA, Fixture fB, int indexB) {
            super.init(fA, indexA, fB, indexB);
            m_flags |= ENABLED_FLAG;
        }
    });
    private final IDynamicStack<Contact> chainCircle = stack(p -> new ChainAndCircleContact(p) {
        @Override
        public void init(Fixture fA, int indexA, Fixture fB, int indexB) {
            super.init(fA, indexA, fB, indexB);
            m_flags |= ENABLED_FLAG;
        }
    });
    private final IDynamicStack<Contact> chainPolygon = stack(p -> new ChainAndPolygonContact(p) {
        @Override
        public void init(Fixture fA, int indexA, Fixture fB, int indexB) {
            super.init(fA, indexA, fB, indexB);
            m_flags |= ENABLED_FLAG;
        }
    });

    /** A new world with gravity {@code (gx, gy)} whose contacts come from a new pool of this kind. */
    static World newWorld(float gx, float gy) {
        Box2dSettings.ensureExact();
        return new World(new Vec2(gx, gy), new Box2dWorldPool());
    }

    private MutableStack<Contact> stack(Function<IWorldPool, Contact> make) {
        return new MutableStack<>(Settings.CONTACT_STACK_INIT_SIZE) {
            @Override
            protected Contact newInstance() {
                return make.apply(Box2dWorldPool.this);
            }
        };
    }

    @Override
    public IDynamicStack<Contact> getPolyContactStack() {
        return polygon;
    }

    @Override
    public IDynamicStack<Contact> getCircleContactStack() {
        return circle;
    }

    @Override
    public IDynamicStack<Contact> getPolyCircleContactStack() {
        return polygonCircle;
    }

    @Override
    public IDynamicStack<Contact> getEdgeCircleContactStack() {
        return edgeCircle;
    }

    @Override
    public IDynamicStack<Contact> getEdgePolyContactStack() {
        return edgePolygon;
    }

    @Override
    public IDynamicStack<Contact> getChainCircleContactStack() {
        return chainCircle;
    }

    @Override
    public IDynamicStack<Contact> getChainPolyContactStack() {
        return chainPolygon;
    }

    @Override
    public Vec2 popVec2() {
        return delegate.popVec2();
    }

    @Override
    public Vec2[] popVec2(int num) {
        return delegate.popVec2(num);
    }

    @Override
    public void pushVec2(int num) {
        delegate.pushVec2(num);
    }

    @Override
    public Vec3 popVec3() {
        return delegate.popVec3();
    }

    @Override
    public Vec3[] popVec3(int num) {
        return delegate.popVec3(num);
    }

    @Override
    public void pushVec3(int num) {
        delegate.pushVec3(num);
    }

    @Override
    public Mat22 popMat22() {
        return delegate.popMat22();
    }

    @Override
    public Mat22[] popMat22(int num) {
        return delegate.popMat22(num);
    }

    @Override
    public void pushMat22(int num) {
        delegate.pushMat22(num);
    }

    @Override
    public Mat33 popMat33() {
        return delegate.popMat33();
    }

    @Override
    public void pushMat33(int num) {
        delegate.pushMat33(num);
    }

    @Override
    public AABB popAABB() {
        return delegate.popAABB();
    }

    @Override
    public AABB[] popAABB(int num) {
        return delegate.popAABB(num);
    }

    @Override
    public void pushAABB(int num) {
        delegate.pushAABB(num);
    }

    @Override
    public Rot popRot() {
        return delegate.popRot();
    }

    @Override
    public void pushRot(int num) {
        delegate.pushRot(num);
    }

    @Override
    public Collision getCollision() {
        return delegate.getCollision();
    }

    @Override
    public TimeOfImpact getTimeOfImpact() {
        return delegate.getTimeOfImpact();
    }

    @Override
    public Distance getDistance() {
        return delegate.getDistance();
    }

    @Override
    public float[] getFloatArray(int argLength) {
        return delegate.getFloatArray(argLength);
    }

    @Override
    public int[] getIntArray(int argLength) {
        return delegate.getIntArray(argLength);
    }

    @Override
    public Vec2[] getVec2Array(int argLength) {
        return delegate.getVec2Array(argLength);
    }
}
