/**
 * The neural core shared by the dynamics ensemble and SAC: batched ensembles of MLPs
 * ({@link org.mbpo4j.nn.EnsembleMlp}) whose parameters, gradients and optimiser state live in
 * flat off-heap buffers, per-batch-size {@link org.mbpo4j.nn.Workspace}s so that steps allocate
 * nothing, {@link org.mbpo4j.nn.Adam}, and the two {@link org.mbpo4j.nn.Kernels} paths (Java
 * loops on CPU, all-ND4J for CUDA). Matrix multiplies are always ND4J's.
 */
package org.mbpo4j.nn;
