/**
 * Classes the agent defines in the boot loader so that advice inlined into {@code java.base}
 * can call them. Never load these through the application loader: the agent injects them
 * before anything references them (see {@code dev.casher.agent.BootInjector}).
 */
package dev.casher.agent.boot;
