package org.mbpo4j.env.mujoco;

import java.util.List;

/**
 * Where the fields mbpo4j reads lie in {@code mjModel} and {@code mjData}, per supported MuJoCo
 * version. Each array field of those structs is a pointer stored at a fixed byte offset; the
 * offsets below were printed with {@code offsetof} against each version's own headers (Debian's
 * {@code libmujoco-dev} 2.2.2-3, and the {@code include/} of the mujoco 3.14.0 wheel).
 * {@link MujocoLibrary} picks the table by {@code mj_version()} and checks it at start-up.
 *
 * <p>MuJoCo 3 widened the model's size fields ({@code nq}, {@code nv}, ...) from {@code int} to
 * {@code int64}: {@link #sizesAreLong()}.
 *
 * @param version            {@code mj_version()} of the library this layout describes
 * @param name               the version as people write it, e.g. {@code 2.2.2}
 * @param sizesAreLong       size fields are 8-byte integers (MuJoCo 3) rather than 4-byte ones
 * @param model              offsets in {@code mjModel}
 * @param data               offsets in {@code mjData}
 * @param sumsContactMargins whether the margins of two colliding geoms are added (MuJoCo 3.5 and
 *                           later) rather than the larger one taken (earlier versions)
 */
record MjLayout(int version, String name, boolean sizesAreLong, Model model,
                Data data, boolean sumsContactMargins) {

    /** Byte offsets of the {@code mjModel} fields used (sizes, options, then array pointers). */
    record Model(int nq, int nv, int nu, int na, int nbody, int ngeom, int nsite, int ntendon, int timestep,
                 int integrator, int solver, int qpos0, int bodyParentid, int bodyMass, int geomType,
                 int geomBodyid, int geomGroup, int geomSize, int geomMargin, int geomRgba, int actuatorCtrlrange) {
    }

    /** Byte offsets of the {@code mjData} fields used (all but {@code time} are array pointers). */
    record Data(int time, int qpos, int qvel, int act, int qaccWarmstart, int ctrl, int xpos, int xmat, int xipos,
                int geomXpos, int geomXmat, int siteXpos, int cinert, int tenLength, int tenVelocity, int cvel,
                int qfrcActuator, int qfrcConstraint, int cfrcExt) {
    }

    /** Debian's {@code libmujoco2.2.2} (2.2.2-3). */
    static final MjLayout V2_2_2 = new MjLayout(222, "2.2.2", false,
            new Model(0, 4, 8, 12, 16, 24, 28, 116, 232, 432, 448, 1096, 1112, 1240, 1488, 1520, 1544, 1592,
                    1632, 1664, 2792),
            new Data(40336, 40376, 40384, 40392, 40400, 40408, 40480, 40496, 40504, 40536, 40544, 40552, 40616,
                    40664, 40944, 40960, 41088, 41136, 41168),
            false);

    /** MuJoCo 3.14.0 (the official release's or the Python wheel's {@code libmujoco.so.3.14.0}). */
    static final MjLayout V3_14_0 = new MjLayout(3014000, "3.14.0", true,
            new Model(0, 8, 16, 40, 48, 136, 144, 480, 792, 1040, 1052, 1792, 1808, 1944, 2416, 2448, 2472, 2528,
                    2576, 2624, 5008),
            new Data(160648, 160688, 160696, 160704, 160720, 160736, 160840, 160856, 160864, 160896, 160904,
                    160912, 160976, 161088, 161240, 161256, 161384, 161408, 161440),
            true);

    /** Every supported version, oldest first. */
    static final List<MjLayout> SUPPORTED = List.of(V2_2_2, V3_14_0);

    /** The layout of {@code mj_version()} {@code version}, or null if it is not supported. */
    static MjLayout forVersion(int version) {
        for (MjLayout l : SUPPORTED) {
            if (l.version == version) {
                return l;
            }
        }
        return null;
    }

    /** "2.2.2 (Debian's libmujoco2.2.2) and 3.14.0", for messages. */
    static String supportedNames() {
        return V2_2_2.name + " (Debian's libmujoco2.2.2) and " + V3_14_0.name;
    }
}
