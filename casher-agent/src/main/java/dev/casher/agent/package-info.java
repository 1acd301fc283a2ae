/**
 * The casher Java agent: ByteBuddy advice on the JDK's file-I/O choke points (reporting to
 * {@code dev.casher.internal.record.CallContext} through a boot-loader hook), context
 * propagation across threads and pools, {@code @Cached} weaving, and the stdout/stderr tee.
 * Entry points: {@link dev.casher.agent.CasherAgent} and {@link dev.casher.agent.AgentTracker}.
 */
package dev.casher.agent;
