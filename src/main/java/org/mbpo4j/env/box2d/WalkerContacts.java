package org.mbpo4j.env.box2d;

import org.jbox2d.callbacks.ContactImpulse;
import org.jbox2d.callbacks.ContactListener;
import org.jbox2d.collision.Manifold;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.contacts.Contact;

/**
 * Gymnasium's walker {@code ContactDetector}: a contact begun by the hull sets game over (never
 * cleared within an episode); a lower leg's contact begin/end sets/clears its ground flag.
 */
final class WalkerContacts implements ContactListener {
    private final Body hull;
    private final Body[] lowerLegs;
    private final boolean[] groundContact;
    private boolean gameOver;

    WalkerContacts(Body hull, Body lowerLeft, Body lowerRight) {
        this.hull = hull;
        this.lowerLegs = new Body[] {lowerLeft, lowerRight};
        this.groundContact = new boolean[2];
    }

    boolean gameOver() {
        return gameOver;
    }

    /** Ground contact of lower leg {@code i} (0 = Gymnasium's legs[1], 1 = legs[3]). */
    boolean groundContact(int i) {
        return groundContact[i];
    }

    @Override
    public void beginContact(Contact contact) {
        Body a = contact.getFixtureA().getBody();
        Body b = contact.getFixtureB().getBody();
        if (a == hull || b == hull) {
            gameOver = true;
        }
        setLegs(a, b, true);
    }

    @Override
    public void endContact(Contact contact) {
        setLegs(contact.getFixtureA().getBody(), contact.getFixtureB().getBody(), false);
    }

    private void setLegs(Body a, Body b, boolean value) {
        for (int i = 0; i < 2; i++) {
            if (lowerLegs[i] == a || lowerLegs[i] == b) {
                groundContact[i] = value;
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
