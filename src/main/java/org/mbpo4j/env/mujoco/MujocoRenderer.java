package org.mbpo4j.env.mujoco;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

/**
 * Draws the current state of a {@link MjSim} with plain Java2D (no OpenGL): a 480 x 480 RGB
 * picture of the geoms at the poses the last {@code mj_forward}/{@code mj_step} left in
 * {@code geom_xpos}/{@code geom_xmat}, from one of three cameras.
 *
 * <ul>
 *   <li>{@link View#SIDE} (the planar tasks): an orthographic projection onto the x-z plane, the
 *       camera looking along +y with +x to the right, following the tracked body's x. The floor is
 *       a ground band whose checker pattern scrolls with x, under a sky gradient.</li>
 *   <li>{@link View#OBLIQUE} (Ant, Humanoid): a perspective camera with MuJoCo's default 45 degree
 *       vertical field of view, at azimuth {@value #OBLIQUE_AZIMUTH_DEG} and elevation
 *       {@value #OBLIQUE_ELEVATION_DEG} degrees (MuJoCo's convention: it looks along
 *       (cos el cos az, cos el sin az, sin el)), {@code distance} metres from a point that follows
 *       the tracked body in x and y. The floor plane is ray-cast per pixel as a checker grid that
 *       fades into haze towards the horizon; sky above.</li>
 *   <li>{@link View#TOP} (Reacher, Swimmer): an orthographic projection onto the x-y plane (+x
 *       right, +y up), following the tracked body in x and y, over the floor's checker grid.</li>
 * </ul>
 *
 * <p>The scale is that of a 45 degree perspective camera at {@code distance}: {@code 240 /
 * tan(22.5 deg) / distance} pixels per metre in the orthographic views (so Hopper's distance 3
 * shows 2.5 m across). Coordinates the camera does not track (z always; x and y with
 * {@code trackedBody = -1}) are fixed at the first {@link #render()} from the bounding box of the
 * drawn geoms; in the side view the height is raised where needed so that the ground band
 * fills at least the bottom quarter of the picture.
 *
 * <p>Geoms: spheres as discs, capsules as the hull of their two projected end circles, cylinders
 * as the hull of their two projected end caps (the cap facing the camera lighter), boxes as
 * their front faces, ellipsoids as their projected outline ellipse. They are painted far to near
 * by the depth of their centres along the view direction, filled with {@code geom_rgba} (alpha
 * included) slightly darkened with depth and outlined in a darker shade. The first visible plane
 * is the floor, drawn infinite (as it collides) rather than clipped to its size; other planes,
 * height fields and meshes are not drawn, nor are geoms of group 3 and above (hidden by MuJoCo's
 * default visualisation) or with alpha 0.
 *
 * <p>Not drawn: lighting, textures and materials (only {@code geom_rgba}), shadows, reflections,
 * sites, tendons, contact points, intersection of overlapping geoms (painter's order only).
 * Not thread-safe; it allocates only the returned image and a few small objects per frame.
 */
final class MujocoRenderer {
    /** The picture's size in pixels. */
    static final int WIDTH = 480;
    static final int HEIGHT = 480;
    /** MuJoCo's default vertical field of view. */
    static final double FOVY_DEG = 45;
    static final double OBLIQUE_AZIMUTH_DEG = 135;
    static final double OBLIQUE_ELEVATION_DEG = -20;

    /** The camera. */
    enum View {
        /** Orthographic onto x-z, looking along +y, tracking x. */
        SIDE,
        /** Perspective from behind-side and above, tracking x and y. */
        OBLIQUE,
        /** Orthographic onto x-y, looking down, tracking x and y. */
        TOP
    }

    private static final int PLANE = 0;
    private static final int SPHERE = 2;
    private static final int CAPSULE = 3;
    private static final int ELLIPSOID = 4;
    private static final int CYLINDER = 5;
    private static final int BOX = 6;

    private static final double NEAR = 0.05;
    private static final int CAP_POINTS = 20;
    private static final double CX = WIDTH / 2.0;
    private static final double CY = HEIGHT / 2.0;

    private static final int SKY_TOP = 0x5a7896;
    private static final int SKY_HORIZON = 0xc8d7e6;
    private static final int NO_FLOOR = 0x3c4650;
    private static final BasicStroke OUTLINE = new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    private final MjSim sim;
    private final View view;
    private final int trackedBody;
    private final double distance;
    private final double focal;
    private final double scale;
    private final double cell;

    private final int ngeom;
    private final int[] type;
    private final double[] size;
    private final float[] rgba;
    private final boolean[] drawn;
    private final int floor;
    private final int floorLight;
    private final int floorDark;

    private final double[] xpos;
    private final double[] xmat;
    private final double[] depth;
    private final int[] order;
    private final double[] body = new double[3];
    /** Scratch: the floor cell of each pixel column. */
    private final int[] column = new int[WIDTH];

    /** The camera frame: forward (view direction), right, up, and the look-at point. */
    private final double[] f = new double[3];
    private final double[] r = new double[3];
    private final double[] u = new double[3];
    private final double[] look = new double[3];
    private final double[] cam = new double[3];
    private boolean latched;
    private double fixedX;
    private double fixedY;
    private double fixedZ;

    /** Scratch: a projected point (x, y, depth, pixels per metre). */
    private final double[] pa = new double[4];
    private final double[] pb = new double[4];
    private final double[] hullX = new double[2 * CAP_POINTS + 8];
    private final double[] hullY = new double[2 * CAP_POINTS + 8];
    private final double[] ptsX = new double[2 * CAP_POINTS + 8];
    private final double[] ptsY = new double[2 * CAP_POINTS + 8];
    private final int[] idx = new int[2 * CAP_POINTS + 8];
    private final Path2D.Double path = new Path2D.Double();
    private final Ellipse2D.Double ellipse = new Ellipse2D.Double();

    /**
     * @param sim         the simulation to draw (read, never changed)
     * @param view        the camera
     * @param trackedBody the body whose position the camera follows (x; and y in the oblique and
     *                    top views), or -1 for a fixed camera
     * @param distance    the camera distance in metres, which sets the scale (Gymnasium's
     *                    {@code default_camera_config}: Hopper 3, Walker2d, HalfCheetah, Ant and
     *                    Humanoid 4, InvertedPendulum 2.04, InvertedDoublePendulum 4.12; Reacher
     *                    1 and Swimmer 5.5 frame those two well in the top view)
     */
    MujocoRenderer(MjSim sim, View view, int trackedBody, double distance) {
        if (view == null) {
            throw new NullPointerException("view");
        }
        if (trackedBody < -1 || trackedBody >= sim.nbody) {
            throw new IllegalArgumentException("trackedBody " + trackedBody + " is not -1 or one of the "
                    + sim.nbody + " bodies of " + sim.file());
        }
        if (!(distance > 0) || Double.isInfinite(distance)) {
            throw new IllegalArgumentException("distance must be positive and finite: " + distance);
        }
        this.sim = sim;
        this.view = view;
        this.trackedBody = trackedBody;
        this.distance = distance;
        this.focal = CY / Math.tan(Math.toRadians(FOVY_DEG / 2));
        this.scale = focal / distance;
        this.cell = niceCell(distance / 6);
        this.ngeom = sim.ngeom;
        this.type = sim.geomType();
        this.size = sim.geomSize();
        this.rgba = sim.geomRgba();
        int[] group = sim.geomGroup();
        this.drawn = new boolean[ngeom];
        int fl = -1;
        for (int g = 0; g < ngeom; g++) {
            boolean visible = rgba[4 * g + 3] > 0 && group[g] < 3;
            if (type[g] == PLANE) {
                if (visible && fl < 0) {
                    fl = g;
                }
            } else {
                drawn[g] = visible && (type[g] == SPHERE || type[g] == CAPSULE || type[g] == ELLIPSOID
                        || type[g] == CYLINDER || type[g] == BOX);
            }
        }
        this.floor = fl;
        if (fl >= 0) {
            floorLight = rgb(rgba[4 * fl] * 0.82, rgba[4 * fl + 1] * 0.82, rgba[4 * fl + 2] * 0.82);
            floorDark = rgb(rgba[4 * fl] * 0.6, rgba[4 * fl + 1] * 0.6, rgba[4 * fl + 2] * 0.6);
        } else {
            floorLight = floorDark = 0;
        }
        this.xpos = new double[3 * ngeom];
        this.xmat = new double[9 * ngeom];
        this.depth = new double[ngeom];
        this.order = new int[ngeom];
        switch (view) {
            case SIDE -> {
                set(f, 0, 1, 0);
                set(r, 1, 0, 0);
                set(u, 0, 0, 1);
            }
            case TOP -> {
                set(f, 0, 0, -1);
                set(r, 1, 0, 0);
                set(u, 0, 1, 0);
            }
            case OBLIQUE -> {
                double az = Math.toRadians(OBLIQUE_AZIMUTH_DEG);
                double el = Math.toRadians(OBLIQUE_ELEVATION_DEG);
                set(f, Math.cos(el) * Math.cos(az), Math.cos(el) * Math.sin(az), Math.sin(el));
                // right = f x (0, 0, 1), up = right x f
                double n = Math.hypot(f[0], f[1]);
                set(r, f[1] / n, -f[0] / n, 0);
                set(u, r[1] * f[2] - r[2] * f[1], r[2] * f[0] - r[0] * f[2], r[0] * f[1] - r[1] * f[0]);
            }
            default -> throw new AssertionError(view);
        }
    }

    View view() {
        return view;
    }

    /** The camera distance in metres. */
    double distance() {
        return distance;
    }

    /** Pixels per metre at the look-at point. */
    double pixelsPerMetre() {
        return scale;
    }

    /** A picture of the current geom poses (a new image each call). */
    BufferedImage render() {
        sim.geomXpos(xpos);
        sim.geomXmat(xmat);
        placeCamera();
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        switch (view) {
            case SIDE -> sideBackground(px);
            case TOP -> topBackground(px);
            case OBLIQUE -> obliqueBackground(px);
            default -> throw new AssertionError(view);
        }
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setStroke(OUTLINE);
            drawGeoms(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    // ---- camera ---------------------------------------------------------------------------------

    private void placeCamera() {
        if (!latched) {
            latch();
        }
        double x = fixedX;
        double y = fixedY;
        if (trackedBody >= 0) {
            sim.xpos(trackedBody, body, 0);
            x = body[0];
            if (view != View.SIDE) {
                y = body[1];
            }
        }
        set(look, x, y, fixedZ);
        for (int i = 0; i < 3; i++) {
            cam[i] = look[i] - distance * f[i];
        }
    }

    /** Fixes the untracked coordinates from the bounding box of the drawn geoms. */
    private void latch() {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int g = 0; g < ngeom; g++) {
            if (!drawn[g]) {
                continue;
            }
            double e = extent(g);
            for (int i = 0; i < 3; i++) {
                lo[i] = Math.min(lo[i], xpos[3 * g + i] - e);
                hi[i] = Math.max(hi[i], xpos[3 * g + i] + e);
            }
        }
        if (lo[0] > hi[0]) {
            lo = new double[3];
            hi = new double[3];
        }
        fixedX = (lo[0] + hi[0]) / 2;
        fixedY = (lo[1] + hi[1]) / 2;
        fixedZ = (lo[2] + hi[2]) / 2;
        if (view == View.SIDE && floor >= 0) {
            fixedZ = Math.max(fixedZ, xpos[3 * floor + 2] + 0.25 * HEIGHT / scale);
        }
        latched = true;
    }

    /** A radius around the geom's centre that holds it. */
    private double extent(int g) {
        double a = size[3 * g];
        double b = size[3 * g + 1];
        double c = size[3 * g + 2];
        return switch (type[g]) {
            case SPHERE -> a;
            case CAPSULE -> a + b;
            case CYLINDER -> Math.hypot(a, b);
            case ELLIPSOID -> Math.max(a, Math.max(b, c));
            case BOX -> Math.sqrt(a * a + b * b + c * c);
            default -> 0;
        };
    }

    /**
     * Projects a world point into {@code out}: pixel x, pixel y, depth along the view direction
     * (metres from the camera plane in perspective, from the look-at point otherwise) and pixels
     * per metre there. False when it lies behind the near plane.
     */
    private boolean project(double x, double y, double z, double[] out) {
        if (view == View.OBLIQUE) {
            double qx = x - cam[0];
            double qy = y - cam[1];
            double qz = z - cam[2];
            double zc = qx * f[0] + qy * f[1] + qz * f[2];
            double s = focal / zc;
            out[0] = CX + s * (qx * r[0] + qy * r[1] + qz * r[2]);
            out[1] = CY - s * (qx * u[0] + qy * u[1] + qz * u[2]);
            out[2] = zc;
            out[3] = s;
            return zc > NEAR;
        }
        double qx = x - look[0];
        double qy = y - look[1];
        double qz = z - look[2];
        out[0] = CX + scale * (qx * r[0] + qy * r[1] + qz * r[2]);
        out[1] = CY - scale * (qx * u[0] + qy * u[1] + qz * u[2]);
        out[2] = qx * f[0] + qy * f[1] + qz * f[2];
        out[3] = scale;
        return true;
    }

    // ---- backgrounds ----------------------------------------------------------------------------

    private void sideBackground(int[] px) {
        int line = HEIGHT;
        if (floor >= 0) {
            double fz = xpos[3 * floor + 2];
            line = (int) Math.round(CY - scale * (fz - look[2]));
            line = Math.max(0, Math.min(HEIGHT, line));
        }
        for (int y = 0; y < line; y++) {
            int c = mix(SKY_TOP, SKY_HORIZON, line <= 1 ? 1 : (double) y / (line - 1));
            Arrays.fill(px, y * WIDTH, (y + 1) * WIDTH, c);
        }
        if (line >= HEIGHT) {
            return;
        }
        // The ground band: cells `cell` metres wide in x, rows growing downwards like a floor
        // seen slightly from above, so the pattern scrolls with the tracked body.
        double cellPx = cell * scale;
        double x0 = look[0] - CX / scale;
        int[] columnParity = column;
        for (int x = 0; x < WIDTH; x++) {
            columnParity[x] = (int) (Math.floor((x0 + (x + 0.5) / scale) / cell)) & 1;
        }
        double rowTop = line;
        int row = 0;
        double rowH = Math.max(3, 0.25 * cellPx);
        for (int y = line; y < HEIGHT; y++) {
            while (y >= rowTop + rowH) {
                rowTop += rowH;
                rowH *= 1.35;
                row++;
            }
            double shade = 1 - 0.25 * (y - line) / Math.max(1.0, HEIGHT - line);
            int light = scaleRgb(floorLight, shade);
            int dark = scaleRgb(floorDark, shade);
            int off = y * WIDTH;
            for (int x = 0; x < WIDTH; x++) {
                px[off + x] = ((columnParity[x] + row) & 1) == 0 ? light : dark;
            }
        }
        int edge = scaleRgb(floorDark, 0.6);
        Arrays.fill(px, line * WIDTH, Math.min(HEIGHT, line + 2) * WIDTH, edge);
    }

    private void topBackground(int[] px) {
        if (floor < 0) {
            Arrays.fill(px, NO_FLOOR);
            return;
        }
        int[] columnCell = column;
        double x0 = look[0] - CX / scale;
        for (int x = 0; x < WIDTH; x++) {
            columnCell[x] = (int) Math.floor((x0 + (x + 0.5) / scale) / cell);
        }
        double y0 = look[1] + CY / scale;
        for (int y = 0; y < HEIGHT; y++) {
            int rowCell = (int) Math.floor((y0 - (y + 0.5) / scale) / cell);
            int off = y * WIDTH;
            for (int x = 0; x < WIDTH; x++) {
                px[off + x] = ((columnCell[x] + rowCell) & 1) == 0 ? floorLight : floorDark;
            }
        }
    }

    /** Ray-casts the floor plane (infinite, in its own frame) per pixel; sky where it misses. */
    private void obliqueBackground(int[] px) {
        int fo = 3 * floor;
        int fm = 9 * floor;
        // the plane's frame: axes = the columns of its rotation
        double ax0 = 0, ax1 = 0, ax2 = 0, ay0 = 0, ay1 = 0, ay2 = 0, n0 = 0, n1 = 0, n2 = 1;
        double cu = 0, cv = 0, num = 0;
        if (floor >= 0) {
            ax0 = xmat[fm];
            ax1 = xmat[fm + 3];
            ax2 = xmat[fm + 6];
            ay0 = xmat[fm + 1];
            ay1 = xmat[fm + 4];
            ay2 = xmat[fm + 7];
            n0 = xmat[fm + 2];
            n1 = xmat[fm + 5];
            n2 = xmat[fm + 8];
            double dx = cam[0] - xpos[fo];
            double dy = cam[1] - xpos[fo + 1];
            double dz = cam[2] - xpos[fo + 2];
            cu = dx * ax0 + dy * ax1 + dz * ax2;
            cv = dx * ay0 + dy * ay1 + dz * ay2;
            num = -(dx * n0 + dy * n1 + dz * n2);
        }
        double fogStart = 2.5 * distance;
        double fogEnd = 12 * distance;
        double fogStart2 = fogStart * fogStart;
        double invCell = 1 / cell;
        double dur = r[0] * ax0 + r[1] * ax1 + r[2] * ax2;
        double dvr = r[0] * ay0 + r[1] * ay1 + r[2] * ay2;
        double dnr = r[0] * n0 + r[1] * n1 + r[2] * n2;
        for (int y = 0; y < HEIGHT; y++) {
            double b = (CY - (y + 0.5)) / focal;
            // the ray through the row's centre column: f + b u
            double d0 = f[0] + b * u[0];
            double d1 = f[1] + b * u[1];
            double d2 = f[2] + b * u[2];
            double elev = d2 / Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2);
            int sky = mix(SKY_HORIZON, SKY_TOP, Math.max(0, Math.min(1, elev / 0.5)));
            int off = y * WIDTH;
            if (floor < 0) {
                Arrays.fill(px, off, off + WIDTH, sky);
                continue;
            }
            double du0 = d0 * ax0 + d1 * ax1 + d2 * ax2;
            double dv0 = d0 * ay0 + d1 * ay1 + d2 * ay2;
            double dn0 = d0 * n0 + d1 * n1 + d2 * n2;
            double len0 = d0 * d0 + d1 * d1 + d2 * d2;
            for (int x = 0; x < WIDTH; x++) {
                double a = (x + 0.5 - CX) / focal;
                double dn = dn0 + a * dnr;
                double t = num / dn;
                if (!(t > 0)) {
                    px[off + x] = sky;
                    continue;
                }
                double hu = cu + t * (du0 + a * dur);
                double hv = cv + t * (dv0 + a * dvr);
                int c = ((floorInt(hu * invCell) + floorInt(hv * invCell)) & 1) == 0 ? floorLight : floorDark;
                double dist2 = t * t * (len0 + a * a);
                if (dist2 > fogStart2) {
                    double dist = Math.sqrt(dist2);
                    c = mix(c, SKY_HORIZON, Math.min(1, (dist - fogStart) / (fogEnd - fogStart)));
                }
                px[off + x] = c;
            }
        }
    }

    // ---- geoms ----------------------------------------------------------------------------------

    private void drawGeoms(Graphics2D g) {
        int n = 0;
        double lookDepth = view == View.OBLIQUE ? distance : 0;
        for (int k = 0; k < ngeom; k++) {
            if (!drawn[k]) {
                continue;
            }
            project(xpos[3 * k], xpos[3 * k + 1], xpos[3 * k + 2], pa);
            depth[k] = pa[2];
            // insertion sort, far (large depth) first; ties keep the model's order
            int i = n++;
            while (i > 0 && depth[order[i - 1]] < depth[k]) {
                order[i] = order[i - 1];
                i--;
            }
            order[i] = k;
        }
        for (int i = 0; i < n; i++) {
            int k = order[i];
            double shade = clamp(1 - 0.3 * (depth[k] - lookDepth), 0.6, 1.15);
            float a = rgba[4 * k + 3];
            Color fill = color(rgba[4 * k] * shade, rgba[4 * k + 1] * shade, rgba[4 * k + 2] * shade, a);
            Color line = color(rgba[4 * k] * shade * 0.5, rgba[4 * k + 1] * shade * 0.5,
                    rgba[4 * k + 2] * shade * 0.5, a);
            switch (type[k]) {
                case SPHERE -> sphere(g, k, fill, line);
                case CAPSULE -> capsule(g, k, fill, line);
                case CYLINDER -> cylinder(g, k, fill, line,
                        color(Math.min(1, rgba[4 * k] * shade * 1.2 + 0.05),
                                Math.min(1, rgba[4 * k + 1] * shade * 1.2 + 0.05),
                                Math.min(1, rgba[4 * k + 2] * shade * 1.2 + 0.05), a));
                case BOX -> box(g, k, shade, a, line);
                case ELLIPSOID -> ellipsoid(g, k, fill, line);
                default -> {
                }
            }
        }
    }

    private void paint(Graphics2D g, Shape s, Color fill, Color line) {
        g.setColor(fill);
        g.fill(s);
        g.setColor(line);
        g.draw(s);
    }

    private void sphere(Graphics2D g, int k, Color fill, Color line) {
        if (!project(xpos[3 * k], xpos[3 * k + 1], xpos[3 * k + 2], pa)) {
            return;
        }
        double rad = size[3 * k] * pa[3];
        ellipse.setFrame(pa[0] - rad, pa[1] - rad, 2 * rad, 2 * rad);
        paint(g, ellipse, fill, line);
    }

    private void capsule(Graphics2D g, int k, Color fill, Color line) {
        int o = 3 * k;
        int m = 9 * k;
        double h = size[3 * k + 1];
        double zx = xmat[m + 2] * h;
        double zy = xmat[m + 5] * h;
        double zz = xmat[m + 8] * h;
        if (!project(xpos[o] - zx, xpos[o + 1] - zy, xpos[o + 2] - zz, pa)
                || !project(xpos[o] + zx, xpos[o + 1] + zy, xpos[o + 2] + zz, pb)) {
            return;
        }
        double rad = size[3 * k];
        circleHull(pa[0], pa[1], rad * pa[3], pb[0], pb[1], rad * pb[3]);
        paint(g, path, fill, line);
    }

    /** Sets {@link #path} to the convex hull of two circles. */
    private void circleHull(double x1, double y1, double r1, double x2, double y2, double r2) {
        path.reset();
        double dx = x2 - x1;
        double dy = y2 - y1;
        double d = Math.hypot(dx, dy);
        if (d <= Math.abs(r1 - r2) + 1e-9) {
            double cx = r1 >= r2 ? x1 : x2;
            double cy = r1 >= r2 ? y1 : y2;
            double rr = Math.max(r1, r2);
            arc(cx, cy, rr, 0, 2 * Math.PI, true);
            path.closePath();
            return;
        }
        double phi = Math.atan2(dy, dx);
        double beta = Math.acos((r1 - r2) / d);
        arc(x1, y1, r1, phi + beta, phi + 2 * Math.PI - beta, true);
        arc(x2, y2, r2, phi + 2 * Math.PI - beta, phi + 2 * Math.PI + beta, false);
        path.closePath();
    }

    private void arc(double cx, double cy, double rad, double from, double to, boolean first) {
        int segs = (int) Math.max(4, Math.min(32, Math.ceil((to - from) * rad / 3)));
        for (int i = 0; i <= segs; i++) {
            double t = from + (to - from) * i / segs;
            double x = cx + rad * Math.cos(t);
            double y = cy + rad * Math.sin(t);
            if (first && i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
    }

    private void cylinder(Graphics2D g, int k, Color fill, Color line, Color capFill) {
        int o = 3 * k;
        int m = 9 * k;
        double rad = size[3 * k];
        double h = size[3 * k + 1];
        int n = 0;
        for (int side = -1; side <= 1; side += 2) {
            for (int i = 0; i < CAP_POINTS; i++) {
                double t = 2 * Math.PI * i / CAP_POINTS;
                double c = rad * Math.cos(t);
                double s = rad * Math.sin(t);
                double x = xpos[o] + side * h * xmat[m + 2] + c * xmat[m] + s * xmat[m + 1];
                double y = xpos[o + 1] + side * h * xmat[m + 5] + c * xmat[m + 3] + s * xmat[m + 4];
                double z = xpos[o + 2] + side * h * xmat[m + 8] + c * xmat[m + 6] + s * xmat[m + 7];
                if (!project(x, y, z, pa)) {
                    return;
                }
                ptsX[n] = pa[0];
                ptsY[n] = pa[1];
                n++;
            }
        }
        hullPath(n);
        paint(g, path, fill, line);
        // the cap facing the camera: its outward normal (side * axis) points against the view ray
        double vx;
        double vy;
        double vz;
        if (view == View.OBLIQUE) {
            vx = xpos[o] - cam[0];
            vy = xpos[o + 1] - cam[1];
            vz = xpos[o + 2] - cam[2];
            double l = Math.sqrt(vx * vx + vy * vy + vz * vz);
            vx /= l;
            vy /= l;
            vz /= l;
        } else {
            vx = f[0];
            vy = f[1];
            vz = f[2];
        }
        double dot = vx * xmat[m + 2] + vy * xmat[m + 5] + vz * xmat[m + 8];
        if (Math.abs(dot) < 0.05) {
            return;
        }
        int start = dot < 0 ? CAP_POINTS : 0;
        path.reset();
        for (int i = 0; i < CAP_POINTS; i++) {
            if (i == 0) {
                path.moveTo(ptsX[start + i], ptsY[start + i]);
            } else {
                path.lineTo(ptsX[start + i], ptsY[start + i]);
            }
        }
        path.closePath();
        paint(g, path, capFill, line);
    }

    private void box(Graphics2D g, int k, double shade, float alpha, Color line) {
        int o = 3 * k;
        int m = 9 * k;
        for (int axis = 0; axis < 3; axis++) {
            for (int side = -1; side <= 1; side += 2) {
                // face normal = side * column `axis`; centre = pos + side * size[axis] * normal
                double nx = side * xmat[m + axis];
                double ny = side * xmat[m + 3 + axis];
                double nz = side * xmat[m + 6 + axis];
                double hs = size[3 * k + axis];
                double cx = xpos[o] + hs * nx;
                double cy = xpos[o + 1] + hs * ny;
                double cz = xpos[o + 2] + hs * nz;
                double facing = view == View.OBLIQUE
                        ? nx * (cam[0] - cx) + ny * (cam[1] - cy) + nz * (cam[2] - cz)
                        : -(nx * f[0] + ny * f[1] + nz * f[2]);
                if (facing <= 1e-9) {
                    continue;
                }
                int a1 = (axis + 1) % 3;
                int a2 = (axis + 2) % 3;
                double h1 = size[3 * k + a1];
                double h2 = size[3 * k + a2];
                path.reset();
                for (int c = 0; c < 4; c++) {
                    double s1 = (c == 0 || c == 3) ? -h1 : h1;
                    double s2 = c < 2 ? -h2 : h2;
                    double x = cx + s1 * xmat[m + a1] + s2 * xmat[m + a2];
                    double y = cy + s1 * xmat[m + 3 + a1] + s2 * xmat[m + 3 + a2];
                    double z = cz + s1 * xmat[m + 6 + a1] + s2 * xmat[m + 6 + a2];
                    if (!project(x, y, z, pa)) {
                        return;
                    }
                    if (c == 0) {
                        path.moveTo(pa[0], pa[1]);
                    } else {
                        path.lineTo(pa[0], pa[1]);
                    }
                }
                path.closePath();
                // faces turned up are lighter, faces turned down darker
                double light = shade * (0.8 + 0.25 * nz);
                paint(g, path, color(rgba[4 * k] * light, rgba[4 * k + 1] * light, rgba[4 * k + 2] * light, alpha),
                        line);
            }
        }
    }

    /**
     * The outline of an ellipsoid: the image of the unit ball under B = P R diag(a), the ellipse
     * with shape matrix B B^T (exact in the orthographic views, scaled at the centre's depth in
     * perspective).
     */
    private void ellipsoid(Graphics2D g, int k, Color fill, Color line) {
        if (!project(xpos[3 * k], xpos[3 * k + 1], xpos[3 * k + 2], pa)) {
            return;
        }
        int m = 9 * k;
        double s00 = 0;
        double s01 = 0;
        double s11 = 0;
        for (int j = 0; j < 3; j++) {
            double aj = size[3 * k + j];
            double cx = xmat[m + j] * aj;
            double cy = xmat[m + 3 + j] * aj;
            double cz = xmat[m + 6 + j] * aj;
            double bx = cx * r[0] + cy * r[1] + cz * r[2];
            double by = cx * u[0] + cy * u[1] + cz * u[2];
            s00 += bx * bx;
            s01 += bx * by;
            s11 += by * by;
        }
        double tr = (s00 + s11) / 2;
        double disc = Math.sqrt(Math.max(0, (s00 - s11) * (s00 - s11) / 4 + s01 * s01));
        double major = Math.sqrt(tr + disc) * pa[3];
        double minor = Math.sqrt(Math.max(0, tr - disc)) * pa[3];
        double angle = Math.atan2(tr + disc - s00, s01);
        if (Math.abs(s01) < 1e-12) {
            angle = s00 >= s11 ? 0 : Math.PI / 2;
        }
        ellipse.setFrame(-major, -minor, 2 * major, 2 * minor);
        AffineTransform at = new AffineTransform();
        at.translate(pa[0], pa[1]);
        at.rotate(-angle); // screen y points down
        paint(g, at.createTransformedShape(ellipse), fill, line);
    }

    /** Sets {@link #path} to the convex hull of {@code ptsX/ptsY[0..n)} (monotone chain). */
    private void hullPath(int n) {
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        // insertion sort by (x, y)
        for (int i = 1; i < n; i++) {
            int v = idx[i];
            int j = i;
            while (j > 0 && (ptsX[idx[j - 1]] > ptsX[v]
                    || (ptsX[idx[j - 1]] == ptsX[v] && ptsY[idx[j - 1]] > ptsY[v]))) {
                idx[j] = idx[j - 1];
                j--;
            }
            idx[j] = v;
        }
        int h = 0;
        for (int pass = 0; pass < 2; pass++) {
            int base = h;
            for (int ii = 0; ii < n; ii++) {
                int i = pass == 0 ? idx[ii] : idx[n - 1 - ii];
                while (h >= base + 2 && cross(hullX[h - 2], hullY[h - 2], hullX[h - 1], hullY[h - 1],
                        ptsX[i], ptsY[i]) <= 0) {
                    h--;
                }
                hullX[h] = ptsX[i];
                hullY[h] = ptsY[i];
                h++;
            }
            h--; // the last point of each chain is the first of the next
        }
        path.reset();
        for (int i = 0; i < h; i++) {
            if (i == 0) {
                path.moveTo(hullX[i], hullY[i]);
            } else {
                path.lineTo(hullX[i], hullY[i]);
            }
        }
        path.closePath();
    }

    private static double cross(double ox, double oy, double ax, double ay, double bx, double by) {
        return (ax - ox) * (by - oy) - (ay - oy) * (bx - ox);
    }

    // ---- colours and helpers --------------------------------------------------------------------

    /** A round floor cell size near {@code target}: 1, 2 or 5 times a power of ten. */
    static double niceCell(double target) {
        double p = Math.pow(10, Math.floor(Math.log10(target)));
        double best = p;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (Math.abs(Math.log(m * p / target)) < Math.abs(Math.log(best / target))) {
                best = m * p;
            }
        }
        return best;
    }

    /** {@code (int) Math.floor(v)} for |v| well inside the int range (NaN gives 0). */
    private static int floorInt(double v) {
        int i = (int) v;
        return v < i ? i - 1 : i;
    }

    private static void set(double[] v, double x, double y, double z) {
        v[0] = x;
        v[1] = y;
        v[2] = z;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static int channel(double v) {
        return (int) Math.round(255 * clamp(v, 0, 1));
    }

    private static int rgb(double r, double g, double b) {
        return channel(r) << 16 | channel(g) << 8 | channel(b);
    }

    private static Color color(double r, double g, double b, float a) {
        return new Color(channel(r), channel(g), channel(b), channel(a));
    }

    private static int scaleRgb(int c, double s) {
        int r = (int) Math.min(255, Math.round(((c >> 16) & 255) * s));
        int g = (int) Math.min(255, Math.round(((c >> 8) & 255) * s));
        int b = (int) Math.min(255, Math.round((c & 255) * s));
        return r << 16 | g << 8 | b;
    }

    /** {@code (1 - t) a + t b} per channel. */
    private static int mix(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 255) * (1 - t) + ((b >> 16) & 255) * t);
        int g = (int) Math.round(((a >> 8) & 255) * (1 - t) + ((b >> 8) & 255) * t);
        int bl = (int) Math.round((a & 255) * (1 - t) + (b & 255) * t);
        return r << 16 | g << 8 | bl;
    }
}
