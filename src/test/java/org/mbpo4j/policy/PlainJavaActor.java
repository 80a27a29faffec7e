package org.mbpo4j.policy;

import java.nio.file.Path;

/**
 * Loads a policy file and prints its actions for observations given on the command line, one
 * line per observation; run by the export test in a JVM whose class path holds only mbpo4j's own
 * classes, without ND4J or any other library, to show that a policy needs nothing else.
 */
public final class PlainJavaActor {
    private PlainJavaActor() {
    }

    public static void main(String[] args) {
        TrainedPolicy p = PolicyFile.load(Path.of(args[0]));
        for (int k = 1; k < args.length; k++) {
            String[] parts = args[k].split(",");
            float[] obs = new float[parts.length];
            for (int i = 0; i < obs.length; i++) {
                obs[i] = Float.parseFloat(parts[i]);
            }
            float[] a = p.act(obs);
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < a.length; j++) {
                b.append(j == 0 ? "" : ",").append(Float.toString(a[j]));
            }
            System.out.println(b);
        }
    }
}
