package org.mbpo4j.env.box2d;

import org.jbox2d.collision.shapes.MassData;

/**
 * The mass, centroid and rotational inertia (about the body origin) of a uniform polygon,
 * computed in double and rounded to float once. jbox2d 2.2.1.1's
 * {@code PolygonShape.computeMass} shifts the inertia back from its reference point wrongly
 * when the vertex average is not the origin: it gives 0.83598 for the lander, where Box2D 2.3
 * (pybox2d) and the exact integral give 0.833315, and 2.0750 for the walker's hull, where the
 * exact value is 2.0017. Bodies built from such polygons get this instead
 * ({@code body.setMassData}); boxes centred on the origin are computed correctly by jbox2d.
 */
final class PolygonMass {

    private PolygonMass() {
    }

    /**
     * @param pixels  the vertices in pixels, in either winding order
     * @param scale   pixels per metre
     * @param density kg per square metre
     */
    static MassData of(double[][] pixels, double scale, double density) {
        double area = 0;
        double cx = 0;
        double cy = 0;
        double inertia = 0;
        for (int i = 0; i < pixels.length; i++) {
            double x0 = pixels[i][0] / scale;
            double y0 = pixels[i][1] / scale;
            double x1 = pixels[(i + 1) % pixels.length][0] / scale;
            double y1 = pixels[(i + 1) % pixels.length][1] / scale;
            double c = x0 * y1 - x1 * y0;
            area += c / 2;
            cx += (x0 + x1) * c / 6;
            cy += (y0 + y1) * c / 6;
            inertia += c * (x0 * x0 + x0 * x1 + x1 * x1 + y0 * y0 + y0 * y1 + y1 * y1) / 12;
        }
        MassData m = new MassData();
        m.mass = (float) (density * Math.abs(area));
        m.center.set((float) (cx / area), (float) (cy / area));
        m.I = (float) (density * Math.abs(inertia));
        return m;
    }
}
