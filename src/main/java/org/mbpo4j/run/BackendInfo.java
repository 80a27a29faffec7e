package org.mbpo4j.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What ND4J runs on, as reported by {@link Backend#describe()}.
 *
 * @param backend the backend artifact: {@code nd4j-native} or {@code nd4j-cuda}
 * @param blasVendor the BLAS library, e.g. {@code OPENBLAS}, {@code MKL}, {@code CUBLAS}
 * @param threads threads ND4J uses for its own parallel loops (OpenMP)
 * @param device {@code cpu}, or the CUDA device in use, e.g. {@code cuda:0 NVIDIA H100}
 * @param cuda whether the backend is CUDA
 */
public record BackendInfo(String backend, String blasVendor, int threads, String device, boolean cuda) {

    /** The fields as a map with snake_case keys, for {@code manifest.json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", backend);
        m.put("blas_vendor", blasVendor);
        m.put("threads", threads);
        m.put("device", device);
        m.put("cuda", cuda);
        return m;
    }

    /** One line for people, e.g. {@code nd4j-native (OPENBLAS, 2 threads, cpu)}. */
    public String summary() {
        return backend + " (" + blasVendor + ", " + threads + (threads == 1 ? " thread, " : " threads, ")
                + device + ")";
    }
}
