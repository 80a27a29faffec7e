/**
 * Gymnasium's Box2D tasks on jbox2d: LunarLander (discrete and continuous) and BipedalWalker.
 *
 * <p>The package owns the physics ports, their reward and termination rules (written once and
 * shared with model rollouts where the observation allows), Gymnasium's heuristic controllers,
 * the injectable random source through which every draw is made in Gymnasium's order
 * ({@link org.mbpo4j.env.box2d.Uniforms}), the jbox2d global settings and the Box2D 2.3
 * behaviour put in place of jbox2d 2.2.1.1's ({@link org.mbpo4j.env.box2d.Box2dSettings}), and
 * the replay of Gymnasium's recorded episodes ({@link org.mbpo4j.env.box2d.Box2dReplay}). A fresh
 * physics world is built at every reset, so one seed means one episode.
 */
package org.mbpo4j.env.box2d;
