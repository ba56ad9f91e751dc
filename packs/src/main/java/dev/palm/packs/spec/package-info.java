/**
 * The agent spec a pack validates ({@link dev.palm.packs.spec.AgentSpec}, packs-reference §2.11) and its parts.
 */
package dev.palm.packs.spec;
