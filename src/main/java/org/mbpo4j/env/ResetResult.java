package org.mbpo4j.env;

import java.util.Map;

/**
 * What {@link Env#reset(Long)} returns.
 *
 * @param obs  the first observation (float32)
 * @param info extra, env-specific facts (never null)
 */
public record ResetResult(float[] obs, Map<String, Object> info) {
    public ResetResult {
        info = info == null ? Map.of() : info;
    }
}
